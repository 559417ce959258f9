import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaSolver

/// A stored schedule version with its solver figures.
public struct ScheduleRecord: Sendable, Codable, Hashable {
    public var id: ScheduleID
    public var eventID: EventID
    public var version: Int
    public var matchRunID: MatchRunID?
    public var status: ScheduleStatus
    public var objective: Int64
    public var upperBound: Int64
    public var solverStatus: Schedule.Status
    public var stats: Schedule.Stats
    public var explanation: [String]
    public var basedOn: ScheduleID?
    public var createdAt: Date
    public var publishedAt: Date?
}

/// A stored appointment with both companies' identities and names.
public struct StoredAppointment: Sendable, Codable, Hashable {
    public var buyerID: CompanyID
    public var supplierID: CompanyID
    public var pair: MeetingPair
    public var buyerName: String
    public var supplierName: String
    public var slot: Int
    public var startsAt: Date
    public var endsAt: Date
    public var table: Int
    public var weight: Int64
    public var expectedValue: Int64
    public var required: Bool

    public var buyer: NIT { pair.buyer }
    public var supplier: NIT { pair.supplier }
}

/// A schedule version to store as a draft: everything worked out by the caller, ready to be written.
public struct NewScheduleVersion: Sendable {
    /// One meeting: the two companies, its slot and table (numbered by the caller), and its figures.
    public struct Appointment: Sendable {
        public var buyer: CompanyID
        public var supplier: CompanyID
        public var slot: Int
        public var table: Int
        public var weight: Int64
        public var expectedValue: Int64
        public var required: Bool

        public init(
            buyer: CompanyID, supplier: CompanyID, slot: Int, table: Int, weight: Int64, expectedValue: Int64,
            required: Bool
        ) {
            self.buyer = buyer
            self.supplier = supplier
            self.slot = slot
            self.table = table
            self.weight = weight
            self.expectedValue = expectedValue
            self.required = required
        }
    }

    public var event: StoredEvent
    public var matchRun: MatchRunID?
    public var basedOn: ScheduleID?
    /// The problem the schedule was solved from, stored so that any version can be reproduced.
    public var problem: ScheduleProblem
    public var objective: Int64
    public var upperBound: Int64
    public var solverStatus: Schedule.Status
    public var stats: Schedule.Stats
    public var explanation: [String]
    public var appointments: [Appointment]

    public init(
        event: StoredEvent, matchRun: MatchRunID?, basedOn: ScheduleID?, problem: ScheduleProblem, objective: Int64,
        upperBound: Int64, solverStatus: Schedule.Status, stats: Schedule.Stats, explanation: [String],
        appointments: [Appointment]
    ) {
        self.event = event
        self.matchRun = matchRun
        self.basedOn = basedOn
        self.problem = problem
        self.objective = objective
        self.upperBound = upperBound
        self.solverStatus = solverStatus
        self.stats = stats
        self.explanation = explanation
        self.appointments = appointments
    }
}

/// Stores schedule versions (draft, published, superseded) and their appointments.
public struct ScheduleRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a schedule as the event's next draft version, appointments with COPY (their times come from the
    /// event's slots), in one transaction.
    /// With a `lease`, the worker's job is completed in the same transaction, so a retried job never stores twice.
    public func saveDraft(_ draft: NewScheduleVersion, completing lease: JobLease? = nil) async throws -> ScheduleRecord
    {
        let logger = database.logger
        let eventID = draft.event.id
        var rows = CopyRows()
        for appointment in draft.appointments {
            rows.integer(appointment.buyer.rawValue)
            rows.integer(appointment.supplier.rawValue)
            rows.integer(appointment.slot)
            rows.integer(appointment.table)
            rows.integer(appointment.weight)
            rows.integer(appointment.expectedValue)
            rows.bool(appointment.required)
            rows.endRow()
        }
        let staged = rows
        let id = try await database.transaction("storing a schedule of \(draft.event.spec.code)") { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO schedule (event_id, version, match_run_id, problem, objective, upper_bound, solver_status,
                    stats, explanation, based_on)
                SELECT \(eventID), COALESCE(max(version), 0) + 1, \(draft.matchRun), \(draft.problem),
                    \(draft.objective), \(draft.upperBound), \(draft.solverStatus.rawValue), \(draft.stats),
                    \(draft.explanation), \(draft.basedOn)
                FROM schedule WHERE event_id = \(eventID)
                RETURNING id
                """, logger: logger)
            var id = ScheduleID(0)
            for try await value in inserted.decode(ScheduleID.self) { id = value }
            _ = try await connection.query(
                """
                CREATE TEMP TABLE appointment_stage (
                    buyer bigint, supplier bigint, slot integer, table_number integer, weight bigint,
                    expected bigint, required boolean
                ) ON COMMIT DROP
                """, logger: logger
            ).collect()
            try await connection.copy(staged, into: "appointment_stage", columns: Self.stageColumns, logger: logger)
            let written = try await connection.query(
                """
                INSERT INTO appointment (schedule_id, buyer_company_id, supplier_company_id, slot_index, starts_at,
                    ends_at, table_number, weight, expected_value_cop, required)
                SELECT \(id), a.buyer, a.supplier, a.slot, s.starts_at, s.ends_at, a.table_number, a.weight,
                    a.expected, a.required
                FROM appointment_stage a JOIN event_slot s ON s.event_id = \(eventID) AND s.slot_index = a.slot
                RETURNING 1
                """, logger: logger)
            var count = 0
            for try await _ in written { count += 1 }
            guard count == draft.appointments.count else {
                throw StoreError(.invalidInput, "a meeting refers to a slot the event does not have")
            }
            try await connection.advance(eventID, to: .scheduled, logger: logger)
            if let lease {
                let versions = try await connection.query(
                    "SELECT version FROM schedule WHERE id = \(id)", logger: logger)
                var version = 0
                for try await value in versions.decode(Int.self) { version = value }
                try await lease.complete(
                    on: connection, result: "{\"scheduleVersion\": \(version)}", logger: logger)
            }
            return id
        }
        guard let record = try await schedule(id: id) else {
            throw StoreError(.database, "the schedule was stored but cannot be read back")
        }
        return record
    }

    static let stageColumns = ["buyer", "supplier", "slot", "table_number", "weight", "expected", "required"]

    /// Publishes a draft: it is frozen, and the version published before it is superseded, in one transaction.
    public func publish(_ draft: ScheduleRecord, in event: StoredEvent) async throws -> ScheduleRecord {
        let logger = database.logger
        let (eventID, id) = (event.id, draft.id)
        try await database.transaction("publishing a schedule of \(event.spec.code)") { connection in
            _ = try await connection.query(
                "UPDATE schedule SET status = 'superseded' WHERE event_id = \(eventID) AND status = 'published'",
                logger: logger
            ).collect()
            _ = try await connection.query(
                "UPDATE schedule SET status = 'published', published_at = now() WHERE id = \(id) AND status = 'draft'",
                logger: logger
            ).collect()
            try await connection.advance(eventID, to: .published, logger: logger)
        }
        guard let record = try await schedule(id: id) else {
            throw StoreError(.database, "the published schedule cannot be read back")
        }
        return record
    }
}
