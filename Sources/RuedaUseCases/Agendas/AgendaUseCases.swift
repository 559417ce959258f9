import Foundation
import RuedaCore
import RuedaExport
import RuedaStore

/// Agenda file formats.
public enum AgendaFormat: String, Sendable, Hashable, CaseIterable {
    case csv, ics, json, html
}

/// One file of an agenda export.
public struct AgendaFile: Sendable {
    /// The round's code: files of a round go together.
    public let event: String
    /// `NIT.csv`, `master.json`, `tables.csv`, `all-companies.html`.
    public let name: String
    public let text: String
}

/// What an export wrote for one round and format.
public struct AgendaExportLine: Sendable, Hashable {
    public let event: String
    public let version: Int
    public let format: AgendaFormat
    public let files: Int
}

/// Building agendas from a schedule version and exporting them in every format.
public struct AgendaUseCases: Sendable {
    let rueda: Rueda

    /// The agenda of a version of a round (default: the published one), and the time to stamp exports with.
    /// `company` builds only what one company's agenda needs: its meetings, itself and its counterparts.
    public func agenda(
        of event: StoredEvent, version: Int? = nil, company: (nit: NIT, id: CompanyID)? = nil
    ) async throws -> (agenda: Agenda, stamp: Date) {
        try await agenda(
            of: event, record: try await rueda.selection.version(version, else: .published, of: event),
            company: company)
    }

    /// The agenda of a schedule version already read; one company's agenda in a published version comes from the
    /// service's cache when it holds it.
    func agenda(
        of event: StoredEvent, record: ScheduleRecord, company: (nit: NIT, id: CompanyID)?
    ) async throws -> (agenda: Agenda, stamp: Date) {
        let cache = record.status == .draft ? nil : rueda.agendaCache.flatMap { cache in company.map { (cache, $0) } }
        if let (cache, company) = cache, let cached = cache.agenda(schedule: record.id, company: company.id) {
            return cached
        }
        let schedules = ScheduleRepository(database: rueda.database)
        let appointments = try await schedules.appointments(of: record, company: company?.nit)
        let sequences = Self.sequences(
            try await schedules.placements(in: event, through: record.version, company: company?.nit))
        let only = company.map { company in
            Array(Set([company.id] + appointments.flatMap { [$0.buyerID, $0.supplierID] }))
        }
        let participants = try await EnrolmentRepository(database: rueda.database)
            .participants(in: event, companies: only).map(\.participant)
        let companies = try await CompanyRepository(database: rueda.database).find(participants.map(\.nit))
        let reference = rueda.reference
        let agenda = Agenda(
            event: event.spec, slots: try event.spec.slots(), version: record.version,
            published: record.status != .draft, companies: companies.mapValues(\.company),
            participants: Dictionary(participants.map { ($0.nit, $0) }, uniquingKeysWith: { a, _ in a }),
            appointments: appointments.map { appointment in
                Agenda.Appointment(
                    buyer: appointment.buyer, supplier: appointment.supplier, slot: appointment.slot,
                    table: appointment.table, sequence: sequences[appointment.pair] ?? 0,
                    expectedValue: appointment.expectedValue)
            },
            ciiuTitles: Dictionary(reference.ciiu.ordered.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a }),
            departmentNames: Dictionary(
                reference.departments.ordered.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
        let stamp = record.publishedAt ?? record.createdAt
        if let (cache, company) = cache {
            cache.store(agenda, stamp: stamp, schedule: record.id, company: company.id)
        }
        return (agenda, stamp)
    }

    /// How many times each meeting changed slot or table across the versions placed in order: the iCalendar
    /// SEQUENCE, so that calendar programs update a moved meeting instead of duplicating it.
    static func sequences(_ placements: [Placement]) -> [MeetingPair: Int] {
        var last: [MeetingPair: (slot: Int, table: Int)] = [:]
        var moves: [MeetingPair: Int] = [:]
        for placement in placements.sorted(by: { $0.version < $1.version }) {
            if let previous = last[placement.pair], previous != (placement.slot, placement.table) {
                moves[placement.pair, default: 0] += 1
            }
            last[placement.pair] = (placement.slot, placement.table)
        }
        return moves
    }

    /// Exports the agendas of one round (or every round with a published schedule) in the formats asked, giving
    /// each file to `write` as it is made.
    public func export(
        _ reference: String?, formats: [AgendaFormat], company: NIT? = nil, version: Int? = nil,
        delimiter: Character = ",", write: (AgendaFile) throws -> Void
    ) async throws -> [AgendaExportLine] {
        let events: [StoredEvent]
        if let reference {
            events = [try await rueda.selection.event(reference)]
        } else {
            events = try await EventRepository(database: rueda.database).list().map(\.event)
                .filter(\.status.hasPublishedSchedule)
        }
        var lines: [AgendaExportLine] = []
        for event in events {
            let (agenda, stamp) = try await self.agenda(of: event, version: version)
            if let company, agenda.participants[company] == nil {
                throw RuedaError(.notFound, "\(company) is not enrolled in \(event.spec.code)")
            }
            for format in formats {
                let files = AgendaFiles(agenda: agenda, stamp: stamp, delimiter: delimiter)
                    .files(format: format, only: company)
                for (name, text) in files { try write(AgendaFile(event: event.spec.code, name: name, text: text)) }
                lines.append(
                    AgendaExportLine(
                        event: event.spec.code, version: agenda.version, format: format, files: files.count))
            }
        }
        return lines
    }
}

/// The files of one agenda in one format: one per company, and the master (plus the tables sheet of in-person
/// rounds and the printable all-companies page) when exporting every company.
struct AgendaFiles {
    let agenda: Agenda
    let stamp: Date
    let delimiter: Character

    func files(format: AgendaFormat, only: NIT?) -> [(String, String)] {
        let writer = AgendaWriter(agenda: agenda)
        let companies = only.map { [$0] } ?? agenda.agendaCompanies
        var files: [(String, String)] = companies.map { nit in
            let name = "\(nit.base).\(format.rawValue)"
            switch format {
            case .csv: return (name, writer.companyCSV(nit, delimiter: delimiter))
            case .ics: return (name, writer.companyICS(nit, stamp: stamp))
            case .json: return (name, writer.companyJSON(nit))
            case .html: return (name, writer.companiesHTML([nit]))
            }
        }
        guard only == nil else { return files }
        switch format {
        case .csv:
            files.append(("master.csv", writer.masterCSV(delimiter: delimiter)))
            if agenda.event.mode == .inPerson { files.append(("tables.csv", writer.tablesCSV(delimiter: delimiter))) }
        case .json: files.append(("master.json", writer.masterJSON()))
        case .html:
            files.append(("master.html", writer.masterHTML()))
            files.append(("all-companies.html", writer.companiesHTML(companies)))
        case .ics: break
        }
        return files
    }
}
