import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaSolver

/// A stored schedule version with its solver figures.
public struct ScheduleRecord: Sendable, Codable {
    public var id: Int64
    public var eventID: Int64
    public var version: Int
    public var matchRunID: Int64?
    public var status: String
    public var objective: Int64
    public var upperBound: Int64
    public var solverStatus: String
    public var stats: Schedule.Stats
    public var explanation: [String]
    public var basedOn: Int64?
    public var createdAt: Date
    public var publishedAt: Date?
}

/// A stored appointment with both companies' names.
public struct StoredAppointment: Sendable, Codable {
    public var buyer: NIT
    public var buyerName: String
    public var supplier: NIT
    public var supplierName: String
    public var slot: Int
    public var startsAt: Date
    public var endsAt: Date
    public var table: Int
    public var weight: Int64
    public var expectedValue: Int64
    public var required: Bool
}

/// Stores schedule versions (draft, published, superseded) and their appointments.
public struct ScheduleRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a solved plan as the event's next draft version, appointments with COPY, in one transaction.
    public func save(_ schedule: Schedule, plan: SchedulePlan, in event: StoredEvent) async throws -> ScheduleRecord {
        let logger = database.logger
        let eventID = event.id
        let requiredPairs = Set(
            plan.problem.candidates.filter(\.required).map { SchedulePlan.key($0.buyer, $0.supplier) })
        let weights = Dictionary(
            plan.problem.candidates.map { (SchedulePlan.key($0.buyer, $0.supplier), $0.weight) },
            uniquingKeysWith: { a, _ in a })
        // Kept published meetings keep their tables; the others take the lowest free numbers of their slot.
        var taken = Set<[Int]>()
        for meeting in schedule.meetings {
            if let table = plan.keptTables[SchedulePlan.key(meeting.buyer, meeting.supplier)] {
                taken.insert([meeting.slot, table])
            }
        }
        var nextFree = [Int: Int]()
        var rows: [(Schedule.Meeting, Int)] = []
        for meeting in schedule.meetings {
            let key = SchedulePlan.key(meeting.buyer, meeting.supplier)
            if let table = plan.keptTables[key] {
                rows.append((meeting, table))
                continue
            }
            var table = nextFree[meeting.slot, default: 0]
            while taken.contains([meeting.slot, table]) { table += 1 }
            taken.insert([meeting.slot, table])
            nextFree[meeting.slot] = table + 1
            rows.append((meeting, table))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let problemJSON = String(decoding: plan.problem.encoded(), as: UTF8.self)
        let statsJSON = String(decoding: try encoder.encode(schedule.stats), as: UTF8.self)
        let (objective, upperBound, status) = (
            Int64(schedule.objective), Int64(schedule.upperBound), schedule.status.rawValue
        )
        let explanation = schedule.explanation
        let matchRunID = plan.matchRunID
        let basedOn = plan.basedOn
        let id = try await database.transaction("storing a schedule of \(event.spec.code)") { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO schedule (event_id, version, match_run_id, problem, objective, upper_bound, solver_status,
                    stats, explanation, based_on)
                SELECT \(eventID), COALESCE(max(version), 0) + 1, \(matchRunID), \(problemJSON)::jsonb, \(objective),
                    \(upperBound), \(status), \(statsJSON)::jsonb, \(explanation), \(basedOn)
                FROM schedule WHERE event_id = \(eventID)
                RETURNING id
                """, logger: logger)
            var id: Int64 = 0
            for try await value in inserted.decode(Int64.self) { id = value }
            var copy = CopyRows()
            for (meeting, table) in rows {
                let key = SchedulePlan.key(meeting.buyer, meeting.supplier)
                guard let buyer = plan.companyIDs[meeting.buyer], let supplier = plan.companyIDs[meeting.supplier],
                    plan.slots.indices.contains(meeting.slot)
                else { throw StoreError(.invalidInput, "meeting \(key) refers to a company or slot not in the event") }
                let slot = plan.slots[meeting.slot]
                copy.integer(id)
                copy.integer(buyer)
                copy.integer(supplier)
                copy.integer(meeting.slot)
                copy.text(Self.timestamp(slot.startsAt))
                copy.text(Self.timestamp(slot.endsAt))
                copy.integer(table)
                copy.integer(weights[key] ?? 0)
                copy.integer(plan.expectedValues[key] ?? 0)
                copy.bool(requiredPairs.contains(key))
                copy.endRow()
            }
            try await connection.copy(copy, into: "appointment", columns: Self.appointmentColumns, logger: logger)
            _ = try await connection.query(
                "UPDATE event SET status = 'scheduled' WHERE id = \(eventID) AND status IN ('open', 'matched', 'scheduled')",
                logger: logger
            ).collect()
            return id
        }
        guard let record = try await self.schedule(id: id) else {
            throw StoreError(.database, "the schedule was stored but cannot be read back")
        }
        return record
    }

    static let appointmentColumns = [
        "schedule_id", "buyer_company_id", "supplier_company_id", "slot_index", "starts_at", "ends_at",
        "table_number", "weight", "expected_value_cop", "required",
    ]

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Publishes a version (default: the newest draft): it is frozen, and the previously published one superseded.
    public func publish(in event: StoredEvent, version: Int?) async throws -> ScheduleRecord {
        let target: ScheduleRecord
        if let version {
            guard let found = try await self.version(version, in: event) else {
                throw StoreError(.notFound, "\(event.spec.code) has no schedule version \(version)")
            }
            target = found
        } else {
            guard let draft = try await versions(in: event).first(where: { $0.status == "draft" }) else {
                throw StoreError(
                    .notFound, "\(event.spec.code) has no draft schedule; run 'rueda schedule solve' first")
            }
            target = draft
        }
        guard target.status == "draft" else {
            throw StoreError(
                .conflict, "version \(target.version) of \(event.spec.code) is \(target.status), not a draft")
        }
        guard target.solverStatus != "infeasible" else {
            throw StoreError(
                .invalidInput, "version \(target.version) is infeasible (some required meetings are missing)")
        }
        let logger = database.logger
        let (eventID, id) = (event.id, target.id)
        try await database.transaction("publishing a schedule of \(event.spec.code)") { connection in
            _ = try await connection.query(
                "UPDATE schedule SET status = 'superseded' WHERE event_id = \(eventID) AND status = 'published'",
                logger: logger
            ).collect()
            _ = try await connection.query(
                "UPDATE schedule SET status = 'published', published_at = now() WHERE id = \(id)", logger: logger
            ).collect()
            _ = try await connection.query(
                "UPDATE event SET status = 'published' WHERE id = \(eventID) AND status <> 'closed'", logger: logger
            ).collect()
        }
        guard let record = try await schedule(id: id) else {
            throw StoreError(.database, "the published schedule cannot be read back")
        }
        return record
    }
}
