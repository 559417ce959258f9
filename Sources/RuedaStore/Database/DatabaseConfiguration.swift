import Foundation
import NIOSSL
import PostgresNIO

/// Where the PostgreSQL server is and how to log in, read from a `postgres://` URL.
///
/// `postgres://user:password@host:port/database?sslmode=disable`; a Unix socket is given as
/// `postgres://user@/database?host=/socket/dir&port=5432` (as libpq does).
public struct DatabaseConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// The TLS policy, as libpq's `sslmode` names it.
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public var host: String?
    public var socketDirectory: String?
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// Connections the pool may open; the CLI needs few.
    public var maximumConnections: Int

    public init(
        host: String? = "127.0.0.1", socketDirectory: String? = nil, port: Int = 5432, username: String = "postgres",
        password: String? = nil, database: String = "rueda", tls: TLSMode = .disable, maximumConnections: Int = 8
    ) {
        self.host = host
        self.socketDirectory = socketDirectory
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.maximumConnections = maximumConnections
    }

    /// Parses a `postgres://` or `postgresql://` URL.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else {
            throw StoreError(.badConfiguration, "DATABASE_URL '\(Self.redacted(text))' is not a postgres:// URL")
        }
        var configuration = DatabaseConfiguration(host: nil)
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        if let host = components.host, !host.isEmpty { configuration.host = host }
        if let socket = query["host"], socket.hasPrefix("/") { configuration.socketDirectory = socket }
        if configuration.host == nil && configuration.socketDirectory == nil { configuration.host = "127.0.0.1" }
        if let port = components.port ?? query["port"].flatMap(Int.init) { configuration.port = port }
        if let user = components.user, !user.isEmpty { configuration.username = user.removingPercentEncoding ?? user }
        configuration.password = components.password?.removingPercentEncoding ?? components.password
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !path.isEmpty { configuration.database = path }
        if let mode = query["sslmode"] {
            switch mode {
            case "disable", "allow": configuration.tls = .disable
            case "prefer": configuration.tls = .prefer
            case "require", "verify-ca", "verify-full": configuration.tls = .require
            default: throw StoreError(.badConfiguration, "sslmode '\(mode)' is not one of disable, prefer, require")
            }
        }
        self = configuration
    }

    /// The PostgresNIO client configuration.
    public func clientConfiguration() -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = .init(
                unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: username, password: password,
                database: database)
        } else {
            let tlsConfiguration: PostgresClient.Configuration.TLS =
                switch tls {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            configuration = .init(
                host: host ?? "127.0.0.1", port: port, username: username, password: password, database: database,
                tls: tlsConfiguration)
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// The URL without the password, for messages.
    public var description: String {
        let place = socketDirectory.map { "?host=\($0)&port=\(port)" } ?? ""
        let server = socketDirectory == nil ? "\(host ?? "127.0.0.1"):\(port)" : ""
        return "postgres://\(username)@\(server)/\(database)\(place)"
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
