import Foundation

/// How the service runs, filled at the entry point from flags and environment (see `rueda serve --help`).
public struct ServerConfiguration: Sendable, Hashable {
    /// Address to listen on; `127.0.0.1` keeps it local, `0.0.0.0` opens it.
    public var host = "127.0.0.1"
    /// Port to listen on.
    public var port = 8080
    /// The address participants reach the service at, for invite links and calendar feeds. An `https://` address
    /// also makes session cookies `Secure`.
    public var publicURL = "http://127.0.0.1:8080"
    /// Whether to take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    public var trustProxy = false
    /// Requests a client address may make to invite links per minute, and form posts per session per minute.
    public var linkRateLimit = 20
    public var formRateLimit = 60
    /// Failed API authentications a client address may make per minute.
    public var authRateLimit = 30
    /// Largest request body (a CSV upload), in bytes.
    public var maxUploadBytes = 64 * 1_048_576
    /// Longest solver time limit a request may ask for, in seconds.
    public var maxSolveSeconds: Double = 60
    /// How long a participant's session lasts, in hours.
    public var sessionHours = 12
    /// Connections the service's pool may open to PostgreSQL.
    public var databaseConnections = 20
    /// How long a company's published agenda is served from memory, in seconds (0: read it on every view). A
    /// published version never changes; this bounds how long a counterpart's edited name or contact takes to show.
    public var agendaCacheSeconds = 30

    public init() {}

    /// Whether cookies must only travel over TLS.
    public var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }
}
