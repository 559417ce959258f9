import Foundation
import Logging
import PostgresNIO
import RuedaCore
import Testing

@testable import RuedaStore

/// A fresh, migrated database on the test server (from DATABASE_URL or POSTGRES_* like postgres-nio's tests),
/// created for one test and dropped afterwards.
enum TestDatabase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let migrationsFolder = root.appendingPathComponent("Migrations")
    static let logger = Logger(label: "rueda-tests") { _ in SwiftLogNoOpLogHandler() }

    static func serverConfiguration() throws -> DatabaseConfiguration {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["DATABASE_URL"] { return try DatabaseConfiguration(url: url) }
        return DatabaseConfiguration(
            host: environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1",
            port: Int(environment["POSTGRES_PORT"] ?? "") ?? 5432,
            username: environment["POSTGRES_USER"] ?? "postgres", password: environment["POSTGRES_PASSWORD"],
            database: environment["POSTGRES_DB"] ?? "postgres")
    }

    /// Creates an empty database, runs `body` with its configuration, and drops it.
    static func withEmpty<Result: Sendable>(
        _ body: @Sendable (DatabaseConfiguration) async throws -> Result
    ) async throws
        -> Result
    {
        let server = try serverConfiguration()
        let name = "rueda_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await Database.withDatabase(server, logger: logger) { admin in
            _ = try await admin.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
                .collect()
        }
        var configuration = server
        configuration.database = name
        do {
            let result = try await body(configuration)
            try await drop(name, server: server)
            return result
        } catch {
            try? await drop(name, server: server)
            throw error
        }
    }

    static func drop(_ name: String, server: DatabaseConfiguration) async throws {
        try await Database.withDatabase(server, logger: logger) { admin in
            _ = try await admin.client.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger
            )
            .collect()
        }
    }

    /// A pool on an empty database (no migrations applied), dropped afterwards.
    static func withEmptyDatabase<Result: Sendable>(
        _ body: @Sendable (Database) async throws -> Result
    ) async throws
        -> Result
    {
        try await withEmpty { configuration in
            try await Database.withDatabase(configuration, logger: logger, body)
        }
    }

    /// A fresh database with every migration applied and the reference data loaded.
    static func withMigrated<Result: Sendable>(
        _ body: @Sendable (Database, DatabaseConfiguration) async throws -> Result
    )
        async throws -> Result
    {
        try await withEmpty { configuration in
            try await Database.withDatabase(configuration, logger: logger) { (database: Database) async throws in
                try await Migrator(database: database, migrations: try Migration.load(directory: migrationsFolder))
                    .migrateWithReferenceData()
                return try await body(database, configuration)
            }
        }
    }

    static func count(_ table: String, in database: Database) async throws -> Int {
        let rows = try await database.client.query(
            PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}
