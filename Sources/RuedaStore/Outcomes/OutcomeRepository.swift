import Foundation
import PostgresNIO
import RuedaCore

/// An outcome as stored, with when it was reported.
public struct StoredOutcome: Sendable, Codable {
    public var outcome: Outcome
    public var reportedAt: Date
}

/// Records outcomes as a history per appointment and reads the latest state.
public struct OutcomeRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Adds outcomes to the history, all in one transaction.
    public func record(_ outcomes: [Outcome], in event: StoredEvent) async throws {
        guard !outcomes.isEmpty else { return }
        let logger = database.logger
        let eventID = event.id
        let buyers = outcomes.map(\.buyer.base)
        let suppliers = outcomes.map(\.supplier.base)
        let statuses = outcomes.map(\.status.rawValue)
        let expected = outcomes.map { $0.expected.map { String($0.pesos) } ?? "" }
        let horizons = outcomes.map { $0.horizon?.rawValue ?? "" }
        let notes = outcomes.map(\.note)
        let reporters = outcomes.map(\.reportedBy)
        let positions = Array(0..<outcomes.count)
        try await database.transaction("recording outcomes of \(event.spec.code)") { connection in
            _ = try await connection.query(
                """
                INSERT INTO outcome (event_id, buyer_company_id, supplier_company_id, status, expected_cop, horizon,
                    note, reported_by)
                SELECT \(eventID), b.id, s.id, r.status, NULLIF(r.expected, '')::bigint, NULLIF(r.horizon, ''),
                    r.note, r.reporter
                FROM UNNEST(\(positions)::int[], \(buyers)::text[], \(suppliers)::text[], \(statuses)::text[],
                    \(expected)::text[], \(horizons)::text[], \(notes)::text[], \(reporters)::text[])
                    AS r(position, buyer, supplier, status, expected, horizon, note, reporter)
                JOIN company b ON b.nit = r.buyer JOIN company s ON s.nit = r.supplier
                ORDER BY r.position
                """, logger: logger
            ).collect()
        }
    }

    /// The latest outcome of each appointment of the event.
    public func latest(in event: StoredEvent) async throws -> [StoredOutcome] {
        try await fetch(
            """
            SELECT DISTINCT ON (o.buyer_company_id, o.supplier_company_id) b.nit, s.nit, o.status, o.expected_cop,
                o.horizon, o.note, o.reported_by, o.reported_at
            FROM outcome o JOIN company b ON b.id = o.buyer_company_id JOIN company s ON s.id = o.supplier_company_id
            WHERE o.event_id = \(event.id)
            ORDER BY o.buyer_company_id, o.supplier_company_id, o.reported_at DESC, o.id DESC
            """)
    }

    /// Every report of the event, oldest first.
    public func history(in event: StoredEvent) async throws -> [StoredOutcome] {
        try await fetch(
            """
            SELECT b.nit, s.nit, o.status, o.expected_cop, o.horizon, o.note, o.reported_by, o.reported_at
            FROM outcome o JOIN company b ON b.id = o.buyer_company_id JOIN company s ON s.id = o.supplier_company_id
            WHERE o.event_id = \(event.id) ORDER BY o.reported_at, o.id
            """)
    }

    private func fetch(_ query: PostgresQuery) async throws -> [StoredOutcome] {
        let logger = database.logger
        return try await database.connection("reading outcomes") { connection in
            var outcomes: [StoredOutcome] = []
            for try await row in try await connection.query(query, logger: logger) {
                let c = row.makeRandomAccess()
                let outcome = Outcome(
                    buyer: try NIT(base: try c[0].decode(String.self)),
                    supplier: try NIT(base: try c[1].decode(String.self)),
                    status: try StoredValue.known(
                        OutcomeStatus.self, try c[2].decode(String.self), column: "outcome status"),
                    expected: try c[3].decode(Int64?.self).map { COP($0) },
                    horizon: try c[4].decode(String?.self).map {
                        try StoredValue.known(DealHorizon.self, $0, column: "deal horizon")
                    },
                    note: try c[5].decode(String.self), reportedBy: try c[6].decode(String.self))
                outcomes.append(StoredOutcome(outcome: outcome, reportedAt: try c[7].decode(Date.self)))
            }
            return outcomes
        }
    }
}
