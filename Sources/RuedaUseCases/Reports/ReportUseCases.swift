import RuedaCore
import RuedaExport
import RuedaMatching
import RuedaStore

/// Reports of a round and of the whole programme.
public struct ReportUseCases: Sendable {
    let rueda: Rueda

    /// The figures of a round: its published schedule (or newest version), requests, outcomes, solver figures.
    public func event(_ reference: String) async throws -> EventReport {
        try await report(of: try await rueda.selection.event(reference)).report
    }

    /// Requests honoured by one schedule version (default: published, else newest), must and like for each side.
    public func requests(_ reference: String, version: Int? = nil) async throws -> [RequestTally] {
        try await report(of: try await rueda.selection.event(reference), version: version).report.requests
    }

    func report(of event: StoredEvent, version: Int? = nil) async throws -> (report: EventReport, agenda: Agenda) {
        let record = try await rueda.selection.version(version, else: .publishedOrNewest, of: event)
        let (agenda, _) = try await rueda.agendas.agenda(of: event, version: record.version)
        let requests = try await EnrolmentRepository(database: rueda.database).requests(in: event)
        let outcomes = try await OutcomeRepository(database: rueda.database).latest(in: event).map(\.outcome)
        let figures = SolverFigures(
            status: record.solverStatus.rawValue, objective: record.objective, upperBound: record.upperBound,
            gap: record.stats.gap, holes: record.stats.holes, shortfall: record.stats.shortfall)
        var input = ReportInput(agenda: agenda, requests: requests, outcomes: outcomes, solver: figures)
        let matches = MatchRepository(database: rueda.database)
        if let runID = record.matchRunID, let run = try await matches.run(runID) {
            for fate in try await matches.requests(of: run) {
                let key =
                    fate.requestedBy == .buyer
                    ? RequestKey(from: fate.pair.buyer, to: fate.pair.supplier)
                    : RequestKey(from: fate.pair.supplier, to: fate.pair.buyer)
                if fate.fate == .candidate {
                    input.requestCandidates.insert(key)
                } else {
                    input.requestReasons[key] = fate.fate.explained(filter: fate.filter)
                }
            }
        }
        let report = EventReport(input, ciiu: rueda.reference.ciiu)
        return (report, agenda)
    }

    /// Every round with a schedule, in date order, with distinct buyers and suppliers across them and the supplier
    /// gaps of those rounds; each round is read once.
    public func programme() async throws -> ProgrammeReport {
        var reports: [EventReport] = []
        var buyers = Set<NIT>()
        var suppliers = Set<NIT>()
        let schedules = ScheduleRepository(database: rueda.database)
        for summary in try await EventRepository(database: rueda.database).list() {
            guard try await schedules.versions(in: summary.event).first != nil else { continue }
            let (report, agenda) = try await report(of: summary.event)
            reports.append(report)
            for participant in agenda.participants.values {
                if participant.role == .buyer { buyers.insert(participant.nit) }
                if participant.role == .supplier { suppliers.insert(participant.nit) }
            }
        }
        let gaps = reports.isEmpty ? nil : try await self.gaps(reports.map(\.event)).report
        return ProgrammeReport(
            events: reports, distinctBuyers: buyers.count, distinctSuppliers: suppliers.count, gaps: gaps)
    }
}
