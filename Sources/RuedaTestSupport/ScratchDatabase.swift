import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaStore
import RuedaUseCases

/// Throwaway databases on a test server (from `DATABASE_URL`, or the `POSTGRES_*` variables postgres-nio's own
/// tests use), for tests and benchmarks: each is created empty, used, and dropped.
public enum ScratchDatabase {
    /// A logger that drops everything.
    public static let logger = Logger(label: "rueda-scratch") { _ in SwiftLogNoOpLogHandler() }

    /// The server to create scratch databases on.
    public static func serverConfiguration(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> DatabaseConfiguration {
        if let url = environment["DATABASE_URL"] {
            var configuration = try DatabaseConfiguration(url: url)
            // Tests and benchmarks share the machine's cores with the server: a connection may wait its turn for
            // longer than a user's default allows.
            if !url.contains("connect_timeout=") { configuration.connectTimeout = .seconds(60) }
            return configuration
        }
        return DatabaseConfiguration(
            host: environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1",
            port: Int(environment["POSTGRES_PORT"] ?? "") ?? 5432,
            username: environment["POSTGRES_USER"] ?? "postgres", password: environment["POSTGRES_PASSWORD"],
            database: environment["POSTGRES_DB"] ?? "postgres")
    }

    /// Creates an empty database on `server`, runs `body` with its configuration, and drops it.
    public static func withEmpty<Result: Sendable>(
        server: DatabaseConfiguration? = nil, logger: Logger = logger,
        _ body: (DatabaseConfiguration) async throws -> Result
    ) async throws -> Result {
        let server = try server ?? serverConfiguration()
        let name = "rueda_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await Database.withDatabase(server, logger: logger) { admin in
            _ = try await admin.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
                .collect()
        }
        var configuration = server
        configuration.database = name
        do {
            let result = try await body(configuration)
            try await drop(name, server: server, logger: logger)
            return result
        } catch {
            try? await drop(name, server: server, logger: logger)
            throw error
        }
    }

    static func drop(_ name: String, server: DatabaseConfiguration, logger: Logger) async throws {
        try await Database.withDatabase(server, logger: logger) { admin in
            _ = try await admin.client.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger
            ).collect()
        }
    }

    /// A pool on an empty database (no migrations applied), dropped afterwards.
    public static func withEmptyDatabase<Result: Sendable>(
        _ body: (Database) async throws -> Result
    ) async throws -> Result {
        try await withEmpty { configuration in
            try await Database.withDatabase(configuration, logger: logger, body)
        }
    }

    /// A fresh database with every migration applied and the reference data loaded, dropped afterwards.
    public static func withMigrated<Result: Sendable>(
        server: DatabaseConfiguration? = nil, logger: Logger = logger,
        _ body: (Database, DatabaseConfiguration) async throws -> Result
    ) async throws -> Result {
        try await withEmpty(server: server, logger: logger) { configuration in
            try await Database.withDatabase(configuration, logger: logger) { database in
                _ = try await DatabaseUseCases.migrate(database)
                return try await body(database, configuration)
            }
        }
    }

    /// Rows in a table.
    public static func count(_ table: String, in database: Database) async throws -> Int {
        let rows = try await database.client.query(
            PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), logger: database.logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}
