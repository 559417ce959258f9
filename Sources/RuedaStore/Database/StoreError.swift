import Logging
import PostgresNIO

/// A failure of the store, worded for the person at the terminal; the raw database error goes to the log only.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: Sendable, Equatable {
        case badConfiguration
        case unavailable
        case migrationChanged
        case migrationFailed
        case notMigrated
        case notFound
        case conflict
        /// Another command is changing the same event.
        case busy
        /// A write to something the database keeps unchanged (a published schedule, a match run, an outcome).
        case immutable
        case invalidInput
        case database
    }

    public let code: Code
    public let message: String
    /// Whether the database's own message was written to the log (shown with `--verbose`), because it is not
    /// fit to show as it is.
    public let detailsLogged: Bool

    public init(_ code: Code, _ message: String, detailsLogged: Bool = false) {
        self.code = code
        self.message = message
        self.detailsLogged = detailsLogged
    }

    public var description: String { message }

    /// Turns any error from PostgresNIO into a `StoreError`, logging the details; `endpoint` names the server in
    /// messages (`host:port`, never a password).
    static func wrap(_ error: any Error, doing action: String, endpoint: String, logger: Logger) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        if let transaction = error as? PostgresTransactionError {
            if let closure = transaction.closureError {
                return wrap(closure, doing: action, endpoint: endpoint, logger: logger)
            }
            if let begin = transaction.beginError {
                return wrap(begin, doing: action, endpoint: endpoint, logger: logger)
            }
            if let commit = transaction.commitError {
                return wrap(commit, doing: action, endpoint: endpoint, logger: logger)
            }
        }
        logger.error("database error while \(action)", metadata: ["error": "\(String(reflecting: error))"])
        guard let psql = error as? PSQLError else {
            return StoreError(.database, "database error while \(action)", detailsLogged: true)
        }
        switch psql.code {
        case .serverClosedConnection, .clientClosedConnection:
            return StoreError(
                .unavailable,
                "the connection to PostgreSQL at \(endpoint) was lost while \(action) (did the server stop?); the "
                    + "unfinished transaction was discarded, so nothing of this step was written")
        case .connectionError, .sslUnsupported:
            return StoreError(
                .unavailable,
                "cannot reach PostgreSQL at \(endpoint) while \(action); is the server running and the address right?",
                detailsLogged: true)
        default: break
        }
        let state = psql.serverInfo?[.sqlState]
        if let constraint = psql.serverInfo?[.constraintName], let known = ConstraintMessages.message(for: constraint) {
            return StoreError(known.code, "\(action): \(known.message)")
        }
        switch state {
        case "23505":
            return StoreError(.conflict, "\(action): a record with the same key already exists", detailsLogged: true)
        case "23503": return StoreError(.invalidInput, "\(action): a referenced record does not exist")
        case "23514", "22P02", "22023", "22003":
            return StoreError(.invalidInput, "\(action): a value was refused by the database", detailsLogged: true)
        case "55000": return StoreError(.immutable, "\(action): the record cannot change", detailsLogged: true)
        case "55P03", "40P01", "40001":
            return StoreError(.busy, "\(action): another command holds the same records; try again when it ends")
        case "42P01", "42703":
            return StoreError(.notMigrated, "\(action): the schema is out of date; run `rueda db migrate`")
        case "3D000": return StoreError(.unavailable, "\(action): the database does not exist at \(endpoint)")
        case "28P01", "28000":
            return StoreError(.unavailable, "\(action): PostgreSQL at \(endpoint) refused the login")
        case "53300": return StoreError(.unavailable, "\(action): " + ConnectionLimit.message(endpoint))
        case "57P01", "57P02", "57P03":
            return StoreError(.unavailable, "\(action): PostgreSQL at \(endpoint) is shutting down or starting up")
        default: return StoreError(.database, "database error while \(action)", detailsLogged: true)
        }
    }
}

/// The server's connection slots are all taken (SQLSTATE 53300): say so, since "cannot reach" would send the user
/// looking for a stopped server.
enum ConnectionLimit {
    static func message(_ endpoint: String) -> String {
        "PostgreSQL at \(endpoint) has no free connection (max_connections reached); try again when other clients "
            + "finish, or raise max_connections on the server"
    }
}
