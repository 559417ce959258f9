import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaStore
import RuedaTestSupport
import RuedaUseCases
import Testing

/// The test server's scratch databases (see ``ScratchDatabase``), and paths of the checkout under test.
enum TestDatabase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let migrationsFolder = root.appendingPathComponent("Migrations")
    static let logger = ScratchDatabase.logger

    static func serverConfiguration() throws -> DatabaseConfiguration { try ScratchDatabase.serverConfiguration() }

    /// A pool on an empty database (no migrations applied), dropped afterwards.
    static func withEmptyDatabase<Result: Sendable>(_ body: (Database) async throws -> Result) async throws -> Result {
        try await ScratchDatabase.withEmptyDatabase(body)
    }

    /// A fresh database with every migration applied and the reference data loaded.
    static func withMigrated<Result: Sendable>(
        _ body: (Database, DatabaseConfiguration) async throws -> Result
    ) async throws -> Result {
        try await ScratchDatabase.withMigrated(body)
    }

    /// The use cases on a fresh, migrated database.
    static func withRueda<Result: Sendable>(
        _ body: (Rueda, DatabaseConfiguration) async throws -> Result
    ) async throws -> Result {
        let reference = try ReferenceData.bundled()
        return try await ScratchDatabase.withMigrated { database, configuration in
            try await body(Rueda(database: database, reference: reference), configuration)
        }
    }

    static func count(_ table: String, in database: Database) async throws -> Int {
        try await ScratchDatabase.count(table, in: database)
    }
}

extension Database {
    /// The use cases on this database.
    func rueda() throws -> Rueda { Rueda(database: self, reference: try ReferenceData.bundled()) }
}

extension StoredRound {
    static func seed(_ database: Database, seed: UInt64 = 5, delegates: [Int] = []) async throws -> StoredRound {
        try await Self.seed(try database.rueda(), seed: seed, delegates: delegates)
    }
}

extension ScheduleStoreTests {
    static func matched(_ database: Database, delegates: [Int] = []) async throws -> StoredRound {
        try await matched(try database.rueda(), delegates: delegates)
    }
}
