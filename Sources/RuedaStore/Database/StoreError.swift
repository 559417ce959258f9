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
        case invalidInput
        case database
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Turns any error from PostgresNIO into a `StoreError`, logging the details.
    static func wrap(_ error: any Error, doing action: String, logger: Logger) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        if let transaction = error as? PostgresTransactionError {
            if let closure = transaction.closureError { return wrap(closure, doing: action, logger: logger) }
            if let begin = transaction.beginError { return wrap(begin, doing: action, logger: logger) }
            if let commit = transaction.commitError { return wrap(commit, doing: action, logger: logger) }
        }
        logger.error("database error while \(action)", metadata: ["error": "\(String(reflecting: error))"])
        guard let psql = error as? PSQLError else {
            return StoreError(.database, "database error while \(action); see the log for details")
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .sslUnsupported, .clientClosedConnection:
            return StoreError(.unavailable, "cannot reach PostgreSQL while \(action); is the server running?")
        default: break
        }
        switch psql.serverInfo?[.sqlState] {
        case "23505": return StoreError(.conflict, "\(action): a record with the same key already exists")
        case "23503": return StoreError(.invalidInput, "\(action): a referenced record does not exist")
        case "23514", "22P02", "22023":
            return StoreError(.invalidInput, "\(action): a value was refused by the database")
        case "42P01", "42703":
            return StoreError(.notMigrated, "\(action): the schema is out of date; run `rueda db migrate`")
        case "3D000": return StoreError(.unavailable, "\(action): the database does not exist")
        case "28P01", "28000": return StoreError(.unavailable, "\(action): PostgreSQL refused the login")
        default: return StoreError(.database, "database error while \(action); see the log for details")
        }
    }
}
