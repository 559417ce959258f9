import Logging
import RuedaStore

/// Bringing a database's schema up to date, and saying where it stands.
public enum DatabaseUseCases {
    /// Applies the pending migrations shipped with Rueda and (re)loads the reference data where it changed.
    public static func migrate(_ database: Database) async throws -> (applied: [Migration], reloaded: [String]) {
        try await Migrator(database: database, migrations: try Migration.bundled()).migrateWithReferenceData()
    }

    /// Every migration shipped with Rueda and whether it is applied, pending, changed or unknown.
    public static func status(_ database: Database) async throws -> [MigrationStatus] {
        try await Migrator(database: database, migrations: try Migration.bundled()).status()
    }

    /// Whether some migration is not applied yet.
    public static func isPending(_ database: Database) async throws -> Bool {
        try await status(database).contains { $0.state != .applied }
    }
}
