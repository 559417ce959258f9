import Foundation
import PostgresNIO
import RuedaCore
import RuedaSolver

/// Where a meeting was placed in one version of an event's schedule.
public struct Placement: Sendable, Hashable {
    public var pair: MeetingPair
    public var version: Int
    public var slot: Int
    public var table: Int
}

extension ScheduleRepository {
    static let columns = """
        id, event_id, version, match_run_id, status, objective, upper_bound, solver_status, stats, explanation,
        based_on, created_at, published_at
        """

    public func schedule(id: ScheduleID) async throws -> ScheduleRecord? {
        try await records("SELECT \(unescaped: Self.columns) FROM schedule WHERE id = \(id)").first
    }

    /// Every version of the event, newest first.
    public func versions(in event: StoredEvent) async throws -> [ScheduleRecord] {
        try await records(
            "SELECT \(unescaped: Self.columns) FROM schedule WHERE event_id = \(event.id) ORDER BY version DESC")
    }

    public func version(_ version: Int, in event: StoredEvent) async throws -> ScheduleRecord? {
        try await records(
            """
            SELECT \(unescaped: Self.columns) FROM schedule WHERE event_id = \(event.id) AND version = \(version)
            """
        ).first
    }

    /// The published version, if any.
    public func published(in event: StoredEvent) async throws -> ScheduleRecord? {
        try await records(
            "SELECT \(unescaped: Self.columns) FROM schedule WHERE event_id = \(event.id) AND status = 'published'"
        ).first
    }

    /// The problem a version was solved from, as stored, so that it can be reproduced outside the database.
    public func problem(of record: ScheduleRecord) async throws -> ScheduleProblem {
        let logger = database.logger
        return try await database.connection("reading a schedule problem") { connection in
            let rows = try await connection.query(
                "SELECT problem FROM schedule WHERE id = \(record.id)", logger: logger)
            for try await value in rows.decode(ScheduleProblem.self) { return value }
            throw StoreError(.notFound, "schedule version \(record.version) has no stored problem")
        }
    }

    private func records(_ query: PostgresQuery) async throws -> [ScheduleRecord] {
        let logger = database.logger
        return try await database.connection("reading schedules") { connection in
            var records: [ScheduleRecord] = []
            for try await row in try await connection.query(query, logger: logger) {
                let c = row.makeRandomAccess()
                records.append(
                    ScheduleRecord(
                        id: try c[0].decode(ScheduleID.self), eventID: try c[1].decode(EventID.self),
                        version: try c[2].decode(Int.self), matchRunID: try c[3].decode(MatchRunID?.self),
                        status: try StoredValue.known(
                            ScheduleStatus.self, try c[4].decode(String.self), column: "schedule status"),
                        objective: try c[5].decode(Int64.self), upperBound: try c[6].decode(Int64.self),
                        solverStatus: try StoredValue.known(
                            Schedule.Status.self, try c[7].decode(String.self), column: "solver status"),
                        stats: try c[8].decode(Schedule.Stats.self), explanation: try c[9].decode([String].self),
                        basedOn: try c[10].decode(ScheduleID?.self), createdAt: try c[11].decode(Date.self),
                        publishedAt: try c[12].decode(Date?.self)))
            }
            return records
        }
    }

    /// Appointments of a version in slot and table order; `company` keeps those of one company.
    public func appointments(of record: ScheduleRecord, company: NIT? = nil) async throws -> [StoredAppointment] {
        let logger = database.logger
        let filter = company?.base
        return try await database.connection("reading appointments") { connection in
            let rows = try await connection.query(
                """
                SELECT b.nit, b.name, s.nit, s.name, a.slot_index, a.starts_at, a.ends_at, a.table_number, a.weight,
                    a.expected_value_cop, a.required, b.id, s.id
                FROM appointment a JOIN company b ON b.id = a.buyer_company_id
                JOIN company s ON s.id = a.supplier_company_id
                WHERE a.schedule_id = \(record.id)
                  AND (\(filter)::text IS NULL
                       OR a.buyer_company_id = (SELECT id FROM company WHERE nit = \(filter))
                       OR a.supplier_company_id = (SELECT id FROM company WHERE nit = \(filter)))
                ORDER BY a.slot_index, a.table_number
                """, logger: logger)
            var appointments: [StoredAppointment] = []
            for try await row in rows {
                let c = row.makeRandomAccess()
                appointments.append(
                    StoredAppointment(
                        buyerID: try c[11].decode(CompanyID.self), supplierID: try c[12].decode(CompanyID.self),
                        pair: MeetingPair(
                            buyer: try NIT(base: try c[0].decode(String.self)),
                            supplier: try NIT(base: try c[2].decode(String.self))),
                        buyerName: try c[1].decode(String.self), supplierName: try c[3].decode(String.self),
                        slot: try c[4].decode(Int.self), startsAt: try c[5].decode(Date.self),
                        endsAt: try c[6].decode(Date.self), table: try c[7].decode(Int.self),
                        weight: try c[8].decode(Int64.self), expectedValue: try c[9].decode(Int64.self),
                        required: try c[10].decode(Bool.self)))
            }
            return appointments
        }
    }

    /// Where every meeting sat in the versions published up to `version` and in `version` itself, oldest first:
    /// the history calendar files number their updates from.
    /// `company` keeps the meetings of one company.
    public func placements(
        in event: StoredEvent, through version: Int, company: NIT? = nil
    ) async throws -> [Placement] {
        let logger = database.logger
        let eventID = event.id
        let filter = company?.base
        return try await database.connection("reading schedule history") { connection in
            let rows = try await connection.query(
                """
                SELECT b.nit, s.nit, v.version, a.slot_index, a.table_number FROM appointment a
                JOIN schedule v ON v.id = a.schedule_id
                JOIN company b ON b.id = a.buyer_company_id JOIN company s ON s.id = a.supplier_company_id
                WHERE v.event_id = \(eventID) AND v.version <= \(version)
                  AND (v.status <> 'draft' OR v.version = \(version))
                  AND (\(filter)::text IS NULL
                       OR a.buyer_company_id = (SELECT id FROM company WHERE nit = \(filter))
                       OR a.supplier_company_id = (SELECT id FROM company WHERE nit = \(filter)))
                ORDER BY v.version
                """, logger: logger)
            var placements: [Placement] = []
            for try await (buyer, supplier, version, slot, table) in rows.decode((String, String, Int, Int, Int).self) {
                placements.append(
                    Placement(
                        pair: MeetingPair(buyer: try NIT(base: buyer), supplier: try NIT(base: supplier)),
                        version: version, slot: slot, table: table))
            }
            return placements
        }
    }
}
