import Foundation
import PostgresNIO
import RuedaCore

/// One entry of the audit trail.
public struct AuditEntry: Sendable, Hashable {
    public let at: Date
    public let actor: String
    public let action: String
    public let eventID: EventID?
    public let subject: String
}

/// The append-only record of every write: who, what, when.
public struct AuditRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func record(actor: String, action: String, event: EventID?, subject: String) async throws {
        let logger = database.logger
        try await database.connection("recording the audit trail") { connection in
            _ = try await connection.query(
                """
                INSERT INTO audit_log (actor, action, event_id, subject)
                VALUES (\(String(actor.prefix(300))), \(action), \(event), \(String(subject.prefix(500))))
                """, logger: logger
            ).collect()
        }
    }

    /// The newest entries first.
    public func entries(limit: Int = 100) async throws -> [AuditEntry] {
        let logger = database.logger
        return try await database.connection("reading the audit trail") { connection in
            let rows = try await connection.query(
                "SELECT at, actor, action, event_id, subject FROM audit_log ORDER BY id DESC LIMIT \(limit)",
                logger: logger)
            var entries: [AuditEntry] = []
            for try await (at, actor, action, event, subject) in rows.decode(
                (Date, String, String, EventID?, String).self)
            {
                entries.append(AuditEntry(at: at, actor: actor, action: action, eventID: event, subject: subject))
            }
            return entries
        }
    }
}
