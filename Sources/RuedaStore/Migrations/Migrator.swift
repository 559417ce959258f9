import Foundation
import Logging
import PostgresNIO

/// Applies migrations in order, each in its own transaction, recording them in `schema_migrations`.
///
/// A session-level advisory lock makes concurrent runs wait for each other; an applied file whose text changed
/// is refused.
public struct Migrator: Sendable {
    public let database: Database
    public let migrations: [Migration]

    /// The advisory lock key: "rueda" in ASCII.
    static let lockKey: Int64 = 0x7275_6564_61

    public init(database: Database, migrations: [Migration]) {
        self.database = database
        self.migrations = migrations
    }

    /// Lists every migration with its state; reads only (a database never migrated has every migration pending).
    public func status() async throws -> [MigrationStatus] {
        try await database.connection("reading migration status") { connection in
            try await statuses(connection)
        }
    }

    /// Applies the pending migrations and returns them; refuses if an applied one changed.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        let logger = database.logger
        return try await database.connection("migrating") { connection in
            _ = try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger).collect()
            do {
                let applied = try await applyPending(connection)
                _ = try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger).collect()
                return applied
            } catch {
                try? await connection.runIfOpen("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
        }
    }

    /// Applies pending migrations, then (re)loads the shipped reference data where it changed.
    @discardableResult
    public func migrateWithReferenceData() async throws -> (applied: [Migration], reloaded: [String]) {
        let applied = try await migrate()
        let reloaded = try await ReferenceLoader(database: database).loadBundled()
        return (applied, reloaded)
    }

    private func applyPending(_ connection: PostgresConnection) async throws -> [Migration] {
        let logger = database.logger
        try await Self.ensureTable(connection, logger: logger)
        let states = try await statuses(connection)
        if let changed = states.first(where: { $0.state == .changed }) {
            throw StoreError(
                .migrationChanged,
                "migration \(changed.version) (\(changed.name)) was applied but its file has changed since; "
                    + "restore the file and add a new migration for the change")
        }
        if let unknown = states.first(where: { $0.state == .unknown }) {
            throw StoreError(
                .migrationChanged,
                "the database has migration \(unknown.version) (\(unknown.name)) that this rueda does not know; "
                    + "use the rueda version that created it")
        }
        let pending = Set(states.filter { $0.state == .pending }.map(\.version))
        var applied: [Migration] = []
        for migration in migrations where pending.contains(migration.version) {
            try await apply(migration, on: connection)
            applied.append(migration)
        }
        return applied
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) async throws {
        let logger = database.logger
        _ = try await connection.query("BEGIN", logger: logger).collect()
        do {
            for statement in SQLScript.statements(migration.sql) {
                do {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: statement.sql), logger: logger).collect()
                } catch {
                    logger.error("migration failed", metadata: ["error": "\(String(reflecting: error))"])
                    let reason = (error as? PSQLError)?.serverInfo?[.message] ?? "see the log"
                    throw StoreError(
                        .migrationFailed,
                        "migration \(migration.fileName) failed at line \(statement.line): \(reason); nothing of it "
                            + "was applied")
                }
            }
            let version = migration.version, name = migration.name, sql = migration.sql
            _ = try await connection.query(
                """
                INSERT INTO schema_migrations (version, name, checksum)
                VALUES (\(version), \(name), encode(sha256(convert_to(\(sql), 'UTF8')), 'hex'))
                """, logger: logger
            ).collect()
            _ = try await connection.query("COMMIT", logger: logger).collect()
            logger.info("applied migration", metadata: ["migration": "\(migration.fileName)"])
        } catch {
            try? await connection.rollbackIfOpen(logger: logger)
            throw error
        }
    }

    static func ensureTable(_ connection: PostgresConnection, logger: Logger) async throws {
        _ = try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger
        ).collect()
    }

    private func statuses(_ connection: PostgresConnection) async throws -> [MigrationStatus] {
        let versions = migrations.map(\.version)
        let texts = migrations.map(\.sql)
        let rows = try await connection.query(
            """
            SELECT f.version, encode(sha256(convert_to(f.sql, 'UTF8')), 'hex')
            FROM unnest(\(versions)::integer[], \(texts)::text[]) AS f(version, sql)
            """, logger: database.logger)
        var fileChecksums: [Int: String] = [:]
        for try await (version, checksum) in rows.decode((Int, String).self) { fileChecksums[version] = checksum }
        var applied: [Int: (name: String, checksum: String, at: Date)] = [:]
        let exists = try await connection.query(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", logger: database.logger)
        var hasTable = false
        for try await value in exists.decode(Bool.self) { hasTable = value }
        if hasTable {
            let appliedRows = try await connection.query(
                "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version",
                logger: database.logger)
            for try await (version, name, checksum, at) in appliedRows.decode((Int, String, String, Date).self) {
                applied[version] = (name, checksum, at)
            }
        }
        var result: [MigrationStatus] = migrations.map { migration in
            guard let row = applied[migration.version] else {
                return MigrationStatus(
                    version: migration.version, name: migration.name, state: .pending, appliedAt: nil)
            }
            let state: MigrationStatus.State = row.checksum == fileChecksums[migration.version] ? .applied : .changed
            return MigrationStatus(version: migration.version, name: migration.name, state: state, appliedAt: row.at)
        }
        for (version, row) in applied where !versions.contains(version) {
            result.append(MigrationStatus(version: version, name: row.name, state: .unknown, appliedAt: row.at))
        }
        return result.sorted { $0.version < $1.version }
    }
}
