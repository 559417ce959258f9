import Foundation
import NIOSSL
import PostgresNIO
import RuedaCore

/// Where the PostgreSQL server is and how to log in, read from a `postgres://` URL as libpq reads it.
///
/// `postgres://user:password@host:port/database?sslmode=verify-full&sslrootcert=/path/ca.pem`; a Unix socket is
/// `postgres://user@/database?host=/socket/dir&port=5432`; `passfile=/path` reads the password from a file in
/// `.pgpass` format instead of the URL. Parameters Rueda does not understand are refused rather than ignored. No
/// message, log line or description ever shows the password.
public struct DatabaseConfiguration: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The TLS policy, as libpq's `sslmode` names it.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, certificate not checked (libpq tries without TLS first; Rueda's driver
        /// tries TLS first, which is no weaker).
        case allow
        /// TLS when the server offers it, certificate not checked: libpq's default.
        case prefer
        /// TLS always; the certificate is checked against `sslrootcert` when one is given, as libpq does.
        case require
        /// TLS with a certificate signed by a trusted authority (`sslrootcert`, else the system's).
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate names the host.
        case verifyFull = "verify-full"
    }

    /// The URL parameters Rueda understands.
    public static let parameters = ["host", "port", "sslmode", "sslrootcert", "connect_timeout", "passfile"]

    public var host: String?
    public var socketDirectory: String?
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// Certificate authorities to trust (PEM), for `verify-ca`, `verify-full` and `require`.
    public var rootCertificatePath: String?
    /// How long to wait for the server to answer a new connection.
    public var connectTimeout: Duration
    /// Connections the pool may open; the CLI needs few.
    public var maximumConnections: Int

    public init(
        host: String? = "127.0.0.1", socketDirectory: String? = nil, port: Int = 5432, username: String = "postgres",
        password: String? = nil, database: String = "rueda", tls: TLSMode = .disable,
        rootCertificatePath: String? = nil, connectTimeout: Duration = .seconds(5), maximumConnections: Int = 8
    ) {
        self.host = host
        self.socketDirectory = socketDirectory
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.rootCertificatePath = rootCertificatePath
        self.connectTimeout = connectTimeout
        self.maximumConnections = maximumConnections
    }

    /// Parses a `postgres://` or `postgresql://` URL. Errors say what is wrong without repeating the URL, which may
    /// hold a password.
    public init(url text: String) throws(StoreError) {
        func refuse(_ reason: String) -> StoreError {
            StoreError(.badConfiguration, "the database URL \(reason)")
        }
        guard let components = URLComponents(string: text) else {
            throw refuse(
                "cannot be read as a URL; write it as postgres://user:password@host:5432/database and "
                    + "percent-encode special characters in the password (@ is %40, / is %2F)")
        }
        guard let scheme = components.scheme, scheme == "postgres" || scheme == "postgresql" else {
            throw refuse("must start with postgres:// or postgresql://")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.parameters.contains(item.name) else {
                throw refuse(
                    "has the parameter '\(item.name.visibleForTerminal.prefix(40))', which Rueda does not understand; "
                        + "it understands \(Self.parameters.joined(separator: ", "))")
            }
            guard query[item.name] == nil else { throw refuse("gives the parameter '\(item.name)' twice") }
            query[item.name] = item.value ?? ""
        }
        var configuration = DatabaseConfiguration(host: nil)
        if let host = components.host, !host.isEmpty { configuration.host = host }
        if let host = query["host"] {
            if host.hasPrefix("/") { configuration.socketDirectory = host } else { configuration.host = host }
        }
        if configuration.host == nil && configuration.socketDirectory == nil { configuration.host = "127.0.0.1" }
        if let text = query["port"] {
            guard let port = Int(text) else { throw refuse("has a port that is not a number") }
            configuration.port = port
        } else if let port = components.port {
            configuration.port = port
        }
        guard (1...65_535).contains(configuration.port) else { throw refuse("has a port outside 1–65535") }
        if let user = components.user, !user.isEmpty { configuration.username = user.removingPercentEncoding ?? user }
        configuration.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !path.isEmpty { configuration.database = path.removingPercentEncoding ?? path }
        // libpq's default: TLS when the server offers it. Unix sockets never use TLS.
        configuration.tls = configuration.socketDirectory == nil ? .prefer : .disable
        if let mode = query["sslmode"] {
            guard let parsed = TLSMode(rawValue: mode) else {
                throw refuse(
                    "has sslmode '\(mode.visibleForTerminal.prefix(40))'; use one of "
                        + TLSMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            configuration.tls = parsed
        }
        if let path = query["sslrootcert"], !path.isEmpty, path != "system" {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw refuse("names sslrootcert '\(path.visibleForTerminal)', which is not a readable file")
            }
            configuration.rootCertificatePath = path
        }
        if let text = query["connect_timeout"] {
            guard let seconds = Int(text), (1...600).contains(seconds) else {
                throw refuse("has connect_timeout '\(text.visibleForTerminal.prefix(20))'; give 1 to 600 seconds")
            }
            configuration.connectTimeout = .seconds(seconds)
        }
        if let passfile = query["passfile"], configuration.password == nil {
            configuration.password = try Self.password(from: passfile, for: configuration)
        }
        self = configuration
    }

    /// The password for this server from a file in `.pgpass` format (`host:port:database:user:password`, `*`
    /// matching anything), which must not be readable by others.
    static func password(from path: String, for configuration: DatabaseConfiguration) throws(StoreError) -> String? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StoreError(.badConfiguration, "the password file '\(path.visibleForTerminal)' cannot be read")
        }
        if let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 != 0 {
            throw StoreError(
                .badConfiguration,
                "the password file '\(path.visibleForTerminal)' is readable by others; chmod 600 it")
        }
        let wanted = [
            configuration.socketDirectory ?? configuration.host ?? "localhost", String(configuration.port),
            configuration.database, configuration.username,
        ]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The PostgresNIO client configuration.
    public func clientConfiguration() throws(StoreError) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = .init(
                unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: username, password: password,
                database: database)
        } else {
            configuration = .init(
                host: host ?? "127.0.0.1", port: port, username: username, password: password, database: database,
                tls: try clientTLS())
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }

    /// The TLS settings for the chosen mode: nil for no TLS, else whether TLS is required and how to check the
    /// certificate.
    func tlsSettings() throws(StoreError) -> (required: Bool, configuration: TLSConfiguration)? {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCertificatePath {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootCertificatePath))
            } catch {
                throw StoreError(
                    .badConfiguration,
                    "sslrootcert '\(rootCertificatePath.visibleForTerminal)' holds no PEM certificate")
            }
        }
        switch self.tls {
        case .disable: return nil
        case .allow, .prefer:
            tls.certificateVerification = .none
            return (false, tls)
        case .require:
            tls.certificateVerification = rootCertificatePath == nil ? .none : .noHostnameVerification
            return (true, tls)
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return (true, tls)
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            return (true, tls)
        }
    }

    func clientTLS() throws(StoreError) -> PostgresClient.Configuration.TLS {
        guard let settings = try tlsSettings() else { return .disable }
        return settings.required ? .require(settings.configuration) : .prefer(settings.configuration)
    }

    /// The configuration of one connection, for the first check that the server answers.
    func connectionConfiguration() throws(StoreError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketDirectory {
            configuration = .init(
                unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: username, password: password,
                database: database)
        } else {
            var tls = PostgresConnection.Configuration.TLS.disable
            if let settings = try tlsSettings() {
                do {
                    let context = try NIOSSLContext(configuration: settings.configuration)
                    tls = settings.required ? .require(context) : .prefer(context)
                } catch {
                    throw StoreError(.badConfiguration, "the TLS settings of the database URL cannot be used")
                }
            }
            configuration = .init(
                host: host ?? "127.0.0.1", port: port, username: username, password: password, database: database,
                tls: tls)
        }
        configuration.options.connectTimeout = .seconds(connectTimeout.components.seconds)
        return configuration
    }

    /// Where the server is, for messages: `host:port`, or the socket.
    public var endpoint: String {
        if let socketDirectory { return "\(socketDirectory)/.s.PGSQL.\(port)" }
        return "\(host ?? "127.0.0.1"):\(port)"
    }

    /// The URL without the password, for messages.
    public var description: String {
        let place = socketDirectory.map { "?host=\($0)&port=\(port)" } ?? ""
        let server = socketDirectory == nil ? "\(host ?? "127.0.0.1"):\(port)" : ""
        return "postgres://\(username)@\(server)/\(database)\(place)"
    }

    public var debugDescription: String { description }

    /// Reflection (`dump`, debuggers) shows the URL without the password.
    public var customMirror: Mirror { Mirror(self, children: ["url": description, "tls": tls.rawValue]) }
}
