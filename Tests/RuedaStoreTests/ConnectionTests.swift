import Foundation
import Logging
import PostgresNIO
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

/// Connecting: URLs read as libpq reads them, errors that never show a password, fast and precise failures, and
/// every TLS mode against the real server (scripts/test starts it with a throwaway certificate authority).
@Suite("Connecting to PostgreSQL")
struct ConnectionTests {
    static let secret = "S3cr3t-pw"

    @Test(
        "a bad database URL is refused without ever showing its password",
        arguments: [
            "postgres://u:\(secret)@[::1", "mysql://u:\(secret)@host/db", "postgres://u:\(secret)@host/db?foo=1",
            "postgres://u:\(secret)@host/db?sslmode=maybe", "postgres://u:\(secret)@host:99999/db",
            "postgres://u:\(secret)@host/db?sslmode=require&sslmode=disable",
            "postgres://u:\(secret)@host/db?sslrootcert=/nonexistent/ca.pem",
        ])
    func badURLs(url: String) {
        do {
            _ = try DatabaseConfiguration(url: url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.code == .badConfiguration)
            #expect(!error.message.contains(Self.secret))
        }
    }

    @Test("the configuration describes, debugs and dumps itself without the password")
    func descriptions() throws {
        let configuration = try DatabaseConfiguration(url: "postgres://u:\(Self.secret)@db.example.org:6432/rueda")
        #expect(configuration.password == Self.secret)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [configuration.description, configuration.debugDescription, "\(configuration)", dumped] {
            #expect(!text.contains(Self.secret))
        }
        #expect(configuration.tls == .prefer, "libpq's default for a TCP host")
        #expect(try DatabaseConfiguration(url: "postgres://u@/rueda?host=/run/pg").tls == .disable)
    }

    @Test("sslmode, sslrootcert, connect_timeout and a password file are read as libpq reads them")
    func parameters() throws {
        let ca = ProcessInfo.processInfo.environment["RUEDA_TEST_TLS_CA"] ?? "/etc/hostname"
        let full = try DatabaseConfiguration(
            url: "postgresql://u@h/db?sslmode=verify-full&sslrootcert=\(ca)&connect_timeout=3")
        #expect(full.tls == .verifyFull)
        #expect(full.rootCertificatePath == ca)
        #expect(full.connectTimeout == .seconds(3))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try "other:5432:*:*:nope\nh:5432:db:u:\(Self.secret)\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(throws: StoreError.self) {
            _ = try DatabaseConfiguration(url: "postgres://u@h/db?passfile=\(file.path)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(try DatabaseConfiguration(url: "postgres://u@h/db?passfile=\(file.path)").password == Self.secret)
    }

    @Test("a server that refuses is reported as refused, naming host and port, at the first attempt")
    func refusedFast() async throws {
        let configuration = try DatabaseConfiguration(url: "postgres://u:\(Self.secret)@127.0.0.1:1/db?sslmode=disable")
        do {
            try await Database.check(configuration, logger: TestDatabase.logger)
            Issue.record("connected to port 1")
        } catch let error as StoreError {
            #expect(
                error.message == "cannot reach PostgreSQL at 127.0.0.1:1: the connection was refused (is the "
                    + "server running on that port?)")
        }
    }

    @Test("a server with no free connection says so, rather than that it cannot be reached")
    func connectionLimit() async throws {
        let server = try TestDatabase.serverConfiguration()
        let role = "rueda_full_" + UUID().uuidString.prefix(8).lowercased()
        try await Database.withDatabase(server, logger: TestDatabase.logger) { admin in
            _ = try await admin.client.query(
                PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN CONNECTION LIMIT 0"), logger: admin.logger
            ).collect()
        }
        var configuration = server
        configuration.username = role
        configuration.password = nil
        await #expect {
            try await Database.check(configuration, logger: TestDatabase.logger)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.code == .unavailable && error.message.contains("no free connection (max_connections")
        }
        try await Database.withDatabase(server, logger: TestDatabase.logger) { admin in
            _ = try await admin.client.query(PostgresQuery(unsafeSQL: "DROP ROLE \(role)"), logger: admin.logger)
                .collect()
        }
    }

    /// Whether a connection with these URL parameters works, and whether it is encrypted.
    static func connect(host: String, _ parameters: String) async throws -> Bool {
        let server = try TestDatabase.serverConfiguration()
        // A long connect timeout: the suites share two cores, and a TLS handshake can wait behind them for seconds.
        let url =
            "postgres://\(server.username)@\(host):\(server.port)/\(server.database)?\(parameters)&connect_timeout=60"
        let configuration = try DatabaseConfiguration(url: url)
        try await Database.check(configuration, logger: TestDatabase.logger)
        return try await Database.withDatabase(configuration, logger: TestDatabase.logger) { database in
            let rows = try await database.client.query(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: database.logger)
            for try await ssl in rows.decode(Bool.self) { return ssl }
            return false
        }
    }

    @Test(
        "every sslmode against the real server: encrypted when asked, refused when the certificate does not check out",
        .enabled(if: ProcessInfo.processInfo.environment["RUEDA_TEST_TLS_CA"] != nil))
    func tlsModes() async throws {
        let environment = ProcessInfo.processInfo.environment
        let ca = try #require(environment["RUEDA_TEST_TLS_CA"])
        let other = try #require(environment["RUEDA_TEST_TLS_OTHER_CA"])
        #expect(try await Self.connect(host: "127.0.0.1", "sslmode=disable") == false)
        #expect(try await Self.connect(host: "127.0.0.1", "sslmode=prefer") == true)
        #expect(try await Self.connect(host: "127.0.0.1", "sslmode=require") == true)
        #expect(try await Self.connect(host: "localhost", "sslmode=verify-full&sslrootcert=\(ca)") == true)
        #expect(try await Self.connect(host: "127.0.0.1", "sslmode=verify-ca&sslrootcert=\(ca)") == true)
        for (host, parameters) in [
            ("127.0.0.1", "sslmode=verify-full&sslrootcert=\(ca)"),  // the certificate names localhost only
            ("localhost", "sslmode=verify-full&sslrootcert=\(other)"),
            ("localhost", "sslmode=verify-ca&sslrootcert=\(other)"),
            ("localhost", "sslmode=require&sslrootcert=\(other)"),
        ] {
            do {
                _ = try await Self.connect(host: host, parameters)
                Issue.record("\(host) with \(parameters) connected")
            } catch let error as StoreError {
                #expect(error.code == .unavailable)
                #expect(error.message.contains("TLS"), "\(error.message)")
            }
        }
    }
}
