import Logging
import PostgresNIO

/// A running connection pool to Rueda's PostgreSQL database.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    /// Where the server is (`host:port` or the socket), for messages; never the password.
    public let endpoint: String
    let metrics = PoolMetrics()

    /// A database on a client someone else runs (a service group, for `rueda serve`).
    public init(client: PostgresClient, logger: Logger, endpoint: String) {
        self.client = client
        self.logger = logger
        self.endpoint = endpoint
    }

    /// Starts a pool, runs `body` with it, and shuts the pool down afterwards. The body runs in the calling task.
    public static func withDatabase<Result: Sendable>(
        _ configuration: DatabaseConfiguration,
        logger: Logger,
        _ body: (Database) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: try configuration.clientConfiguration(), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(Database(client: client, logger: logger, endpoint: configuration.endpoint))
        }
    }

    /// Runs `body` in one transaction (BEGIN, COMMIT, or ROLLBACK when it throws), mapping database errors to
    /// `StoreError`.
    ///
    /// Not `PostgresClient.withTransaction`: when the server dies mid-transaction, its ROLLBACK on the dead
    /// connection never completes (postgres-nio 1.33 leaves the query's promise pending), and the command would
    /// hang. A dropped connection needs no ROLLBACK: the server discards its transaction.
    public func transaction<Result: Sendable>(
        _ action: String,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let logger = logger
        let metrics = metrics
        let requested = ContinuousClock.now
        do {
            return try await client.withConnection { connection in
                metrics.leased(since: requested)
                defer { metrics.released() }
                _ = try await connection.query("BEGIN", logger: logger).collect()
                do {
                    let value = try await body(connection)
                    _ = try await connection.query("COMMIT", logger: logger).collect()
                    return value
                } catch {
                    try? await connection.rollbackIfOpen(logger: logger)
                    throw error
                }
            }
        } catch {
            metrics.failures.increment()
            throw StoreError.wrap(error, doing: action, endpoint: endpoint, logger: logger)
        }
    }

    /// Runs `body` on one leased connection (no transaction), mapping database errors to `StoreError`.
    public func connection<Result: Sendable>(
        _ action: String,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let metrics = metrics
        let requested = ContinuousClock.now
        do {
            return try await client.withConnection { connection in
                metrics.leased(since: requested)
                defer { metrics.released() }
                return try await body(connection)
            }
        } catch {
            metrics.failures.increment()
            throw StoreError.wrap(error, doing: action, endpoint: endpoint, logger: logger)
        }
    }

    /// Checks that the server answers within `timeout`: the pool keeps retrying a server that refuses or does not
    /// answer, so without a limit a wrong address would hang.
    public func ping(timeout: Duration = .seconds(5)) async throws {
        let endpoint = endpoint
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await connection("connecting") { connection in
                    _ = try await connection.query("SELECT 1", logger: logger).collect()
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw StoreError(
                    .unavailable,
                    "cannot reach PostgreSQL at \(endpoint): no answer within \(timeout.components.seconds) s; is the "
                        + "server running and the address right?",
                    detailsLogged: true)
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}

extension Database {
    /// Opens one connection and runs `SELECT 1`, failing within the connect timeout with what went wrong in words
    /// a user can act on (refused, no such socket, permission, login, TLS), where a pool would keep retrying.
    public static func check(_ configuration: DatabaseConfiguration, logger: Logger) async throws {
        let endpoint = configuration.endpoint
        let timeout = configuration.connectTimeout
        let settings = try configuration.connectionConfiguration()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let connection = try await PostgresConnection.connect(
                        configuration: settings, id: 0, logger: logger)
                    do {
                        _ = try await connection.query("SELECT 1", logger: logger).collect()
                        try await connection.close()
                    } catch {
                        try? await connection.close()
                        throw error
                    }
                }
                group.addTask {
                    try await Task.sleep(for: timeout + .seconds(1))
                    throw StoreError(
                        .unavailable,
                        "cannot reach PostgreSQL at \(endpoint): no answer within \(timeout.components.seconds) s; is "
                            + "the host right and the server running?")
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.connectionFailure(error, endpoint: endpoint, logger: logger)
        }
    }

    /// A failed first connection in words: the reason, never the raw driver text (which is logged).
    static func connectionFailure(_ error: any Error, endpoint: String, logger: Logger) -> StoreError {
        logger.error("cannot connect", metadata: ["endpoint": "\(endpoint)", "error": "\(String(reflecting: error))"])
        let psql = error as? PSQLError
        let detail = String(reflecting: psql?.underlying ?? error).lowercased()
        let reason: String
        switch psql?.serverInfo?[.sqlState] {
        case "28P01", "28000":
            return StoreError(
                .unavailable,
                "PostgreSQL at \(endpoint) refused the login: check the user and password (or the role of your "
                    + "operating-system user for a local socket)")
        case "3D000": return StoreError(.unavailable, "PostgreSQL at \(endpoint) has no such database")
        case "57P03": return StoreError(.unavailable, "PostgreSQL at \(endpoint) is starting up; try again shortly")
        case "53300": return StoreError(.unavailable, ConnectionLimit.message(endpoint))
        default: break
        }
        if detail.contains("connectionrefused") || detail.contains("connection refused") {
            reason = "the connection was refused (is the server running on that port?)"
        } else if detail.contains("permission denied") || detail.contains("eacces") {
            reason = "permission denied (this user may not use that socket)"
        } else if detail.contains("no such file") || detail.contains("enoent") {
            reason = "there is no server socket there (is the server running?)"
        } else if detail.contains("sslunsupported") || psql?.code == .sslUnsupported {
            reason = "the server does not offer TLS, which the sslmode requires"
        } else if detail.contains("niossl") || detail.contains("certificate") || detail.contains("handshake") {
            reason = "the TLS handshake failed (check sslmode and sslrootcert)"
        } else if detail.contains("timeout") || detail.contains("timed out") {
            reason = "no answer within the connect timeout (is the host right and reachable?)"
        } else if detail.contains("unknownhost") || detail.contains("getaddrinfo") || detail.contains("dns error") {
            reason = "the host name cannot be resolved"
        } else if detail.contains("unreachable") {
            reason = "the network or host is unreachable"
        } else if psql?.code == .serverClosedConnection {
            reason = "the connection was closed before the server answered (is it a PostgreSQL server, and reachable?)"
        } else {
            return StoreError(.unavailable, "cannot reach PostgreSQL at \(endpoint)", detailsLogged: true)
        }
        return StoreError(.unavailable, "cannot reach PostgreSQL at \(endpoint): \(reason)")
    }
}

extension PostgresConnection {
    /// Rolls back the open transaction, unless the connection is already closed (a query on a closed connection
    /// never completes in postgres-nio 1.33; the server has discarded the transaction anyway).
    func rollbackIfOpen(logger: Logger) async throws {
        guard !isClosed else { return }
        _ = try await query("ROLLBACK", logger: logger).collect()
    }

    /// Runs a statement unless the connection is closed, for clean-up after a failure (see ``rollbackIfOpen``).
    func runIfOpen(_ statement: PostgresQuery, logger: Logger) async throws {
        guard !isClosed else { return }
        _ = try await query(statement, logger: logger).collect()
    }
}
