import Foundation
import PostgresNIO
import RuedaCore
import RuedaExport

/// Gathers what an agenda export needs: the schedule version, its appointments with how often each has moved, and
/// the companies and participants involved.
public struct AgendaLoader: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The agenda of a version (default: the published one) and the time to stamp exports with.
    public func agenda(
        of event: StoredEvent, version: Int?, reference: ReferenceData
    ) async throws
        -> (agenda: Agenda, stamp: Date)
    {
        let schedules = ScheduleRepository(database: database)
        let record: ScheduleRecord
        if let version {
            guard let found = try await schedules.version(version, in: event) else {
                throw StoreError(.notFound, "\(event.spec.code) has no schedule version \(version)")
            }
            record = found
        } else {
            guard let published = try await schedules.published(in: event) else {
                throw StoreError(
                    .notFound,
                    "\(event.spec.code) has no published schedule; publish one, or name a draft with --version")
            }
            record = published
        }
        let appointments = try await schedules.appointments(of: record)
        let sequences = try await moves(in: event, upTo: record)
        let participants = try await EnrolmentRepository(database: database).participants(in: event)
        let companies = try await CompanyRepository(database: database).find(participants.map(\.nit))
        let agenda = Agenda(
            event: event.spec, slots: try event.spec.slots(), version: record.version,
            published: record.status != "draft", companies: companies,
            participants: Dictionary(participants.map { ($0.nit, $0) }, uniquingKeysWith: { a, _ in a }),
            appointments: appointments.map { appointment in
                Agenda.Appointment(
                    buyer: appointment.buyer, supplier: appointment.supplier, slot: appointment.slot,
                    table: appointment.table,
                    sequence: sequences["\(appointment.buyer.base)|\(appointment.supplier.base)"] ?? 0,
                    expectedValue: appointment.expectedValue)
            },
            ciiuTitles: Dictionary(reference.ciiu.ordered.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a }),
            departmentNames: Dictionary(
                reference.departments.ordered.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
        return (agenda, record.publishedAt ?? record.createdAt)
    }

    /// How many times each meeting changed slot or table across the versions published up to this one (and this
    /// one): the iCalendar SEQUENCE.
    func moves(in event: StoredEvent, upTo record: ScheduleRecord) async throws -> [String: Int] {
        let logger = database.logger
        let (eventID, version) = (event.id, record.version)
        return try await database.connection("reading schedule history") { connection in
            let rows = try await connection.query(
                """
                SELECT b.nit, s.nit, a.slot_index, a.table_number FROM appointment a
                JOIN schedule v ON v.id = a.schedule_id
                JOIN company b ON b.id = a.buyer_company_id JOIN company s ON s.id = a.supplier_company_id
                WHERE v.event_id = \(eventID) AND v.version <= \(version)
                  AND (v.status <> 'draft' OR v.version = \(version))
                ORDER BY v.version
                """, logger: logger)
            var last: [String: [Int]] = [:]
            var count: [String: Int] = [:]
            for try await (buyer, supplier, slot, table) in rows.decode((String, String, Int, Int).self) {
                let key = "\(buyer)|\(supplier)"
                if let previous = last[key], previous != [slot, table] { count[key, default: 0] += 1 }
                last[key] = [slot, table]
            }
            return count
        }
    }
}
