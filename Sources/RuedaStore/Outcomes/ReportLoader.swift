import Foundation
import RuedaCore
import RuedaExport

/// Gathers an event's report input: its published schedule (or newest version), requests, outcomes and the
/// solver's figures.
public struct ReportLoader: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func report(of event: StoredEvent, reference: ReferenceData) async throws -> EventReport {
        let schedules = ScheduleRepository(database: database)
        let published = try await schedules.published(in: event)
        let newest = try await schedules.versions(in: event).first
        guard let record = published ?? newest else {
            throw StoreError(.notFound, "\(event.spec.code) has no schedule yet; run 'rueda schedule solve' first")
        }
        let (agenda, _) = try await AgendaLoader(database: database).agenda(
            of: event, version: record.version, reference: reference)
        let requests = try await EnrolmentRepository(database: database).requests(in: event)
        let outcomes = try await OutcomeRepository(database: database).latest(in: event).map(\.outcome)
        let figures = SolverFigures(
            status: record.solverStatus, objective: record.objective, upperBound: record.upperBound,
            gap: record.stats.gap, holes: record.stats.holes, shortfall: record.stats.shortfall)
        return EventReport(
            ReportInput(agenda: agenda, requests: requests, outcomes: outcomes, solver: figures), ciiu: reference.ciiu)
    }

    /// Every event with a schedule, in date order, with distinct buyers and suppliers across them.
    public func programme(reference: ReferenceData) async throws -> ProgrammeReport {
        let events = try await EventRepository(database: database).list().map(\.event)
        var reports: [EventReport] = []
        var buyers = Set<NIT>()
        var suppliers = Set<NIT>()
        let schedules = ScheduleRepository(database: database)
        for event in events.sorted(by: {
            ($0.spec.dates.first?.description ?? "", $0.spec.code) < (
                $1.spec.dates.first?.description ?? "", $1.spec.code
            )
        }) {
            guard try await schedules.versions(in: event).first != nil else { continue }
            reports.append(try await report(of: event, reference: reference))
            for participant in try await EnrolmentRepository(database: database).participants(in: event) {
                if participant.role == .buyer { buyers.insert(participant.nit) }
                if participant.role == .supplier { suppliers.insert(participant.nit) }
            }
        }
        return ProgrammeReport(events: reports, distinctBuyers: buyers.count, distinctSuppliers: suppliers.count)
    }
}
