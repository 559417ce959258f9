import Foundation
import PostgresNIO
import RuedaCore
import RuedaSolver

extension ScheduleRepository {
    static let columns = """
        id, event_id, version, match_run_id, status, objective, upper_bound, solver_status, stats::text, explanation,
        based_on, created_at, published_at
        """

    public func schedule(id: Int64) async throws -> ScheduleRecord? {
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
        let text = try await database.connection("reading a schedule problem") { connection in
            let rows = try await connection.query(
                "SELECT problem::text FROM schedule WHERE id = \(record.id)", logger: logger)
            for try await value in rows.decode(String.self) { return value }
            return ""
        }
        return try ScheduleProblem.decode(Data(text.utf8))
    }

    private func records(_ query: PostgresQuery) async throws -> [ScheduleRecord] {
        let logger = database.logger
        return try await database.connection("reading schedules") { connection in
            var records: [ScheduleRecord] = []
            for try await row in try await connection.query(query, logger: logger) {
                let c = row.makeRandomAccess()
                let stats = try JSONDecoder().decode(Schedule.Stats.self, from: Data(try c[8].decode(String.self).utf8))
                records.append(
                    ScheduleRecord(
                        id: try c[0].decode(Int64.self), eventID: try c[1].decode(Int64.self),
                        version: try c[2].decode(Int.self), matchRunID: try c[3].decode(Int64?.self),
                        status: try c[4].decode(String.self), objective: try c[5].decode(Int64.self),
                        upperBound: try c[6].decode(Int64.self), solverStatus: try c[7].decode(String.self),
                        stats: stats, explanation: try c[9].decode([String].self),
                        basedOn: try c[10].decode(Int64?.self), createdAt: try c[11].decode(Date.self),
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
                    a.expected_value_cop, a.required
                FROM appointment a JOIN company b ON b.id = a.buyer_company_id
                JOIN company s ON s.id = a.supplier_company_id
                WHERE a.schedule_id = \(record.id) AND (\(filter)::text IS NULL OR b.nit = \(filter) OR s.nit = \(filter))
                ORDER BY a.slot_index, a.table_number
                """, logger: logger)
            var appointments: [StoredAppointment] = []
            for try await row in rows {
                let c = row.makeRandomAccess()
                appointments.append(
                    StoredAppointment(
                        buyer: try NIT(base: try c[0].decode(String.self)), buyerName: try c[1].decode(String.self),
                        supplier: try NIT(base: try c[2].decode(String.self)),
                        supplierName: try c[3].decode(String.self),
                        slot: try c[4].decode(Int.self), startsAt: try c[5].decode(Date.self),
                        endsAt: try c[6].decode(Date.self), table: try c[7].decode(Int.self),
                        weight: try c[8].decode(Int64.self), expectedValue: try c[9].decode(Int64.self),
                        required: try c[10].decode(Bool.self)))
            }
            return appointments
        }
    }
}
