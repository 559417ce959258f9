import Logging
import PostgresNIO

/// A running connection pool to Rueda's PostgreSQL database.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    /// Starts a pool, runs `body` with it, and shuts the pool down afterwards.
    public static func withDatabase<Result: Sendable>(
        _ configuration: DatabaseConfiguration,
        logger: Logger,
        _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: configuration.clientConfiguration(), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(Database(client: client, logger: logger))
        }
    }

    /// Runs `body` in one transaction, mapping database errors to `StoreError`.
    public func transaction<Result: Sendable>(
        _ action: String,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch {
            throw StoreError.wrap(error, doing: action, logger: logger)
        }
    }

    /// Runs `body` on one leased connection (no transaction), mapping database errors to `StoreError`.
    public func connection<Result: Sendable>(
        _ action: String,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw StoreError.wrap(error, doing: action, logger: logger)
        }
    }

    /// Checks that the server answers.
    public func ping() async throws {
        try await connection("connecting") { connection in
            _ = try await connection.query("SELECT 1", logger: logger).collect()
        }
    }
}
