import RuedaCore
import RuedaExport
import RuedaMatching
import RuedaStore

extension ReportUseCases {
    /// The supplier gap report of some rounds (all rounds with a match run when `references` is empty): every pair one
    /// supplier-side change away from being a candidate, under each round's current match configuration.
    public func gaps(_ references: [String], threads: Int = 2) async throws -> (report: GapReport, records: [GapRecord])
    {
        var events: [StoredEvent] = []
        if references.isEmpty {
            let matches = MatchRepository(database: rueda.database)
            for summary in try await EventRepository(database: rueda.database).list()
            where try await matches.current(in: summary.event) != nil {
                events.append(summary.event)
            }
            guard !events.isEmpty else {
                throw RuedaError(.notFound, "no round has a match run yet; run 'rueda match run EVENT' first")
            }
        } else {
            for reference in references { events.append(try await rueda.selection.event(reference)) }
        }
        var records: [GapRecord] = []
        var minimum = MatchConfiguration().minimumScore
        for event in events {
            let (analysis, configuration) = try await gapAnalysis(of: event, threads: threads)
            minimum = configuration.minimumScore
            records += Self.records(analysis.run(), analysis: analysis, event: event.spec.code)
        }
        let report = GapReport(events: events.map(\.spec.code), minimumScore: minimum, records: records)
        return (report, records)
    }

    /// One supplier's gap card in a round: each change that would open demand, best first, as its participant page
    /// shows it.
    public func gapCard(_ reference: String, supplier: NIT) async throws -> [GapReport.Supplier] {
        let event = try await rueda.selection.event(reference)
        let (analysis, configuration) = try await gapAnalysis(of: event, threads: 1)
        guard let index = analysis.scorer.population.supplier(supplier) else {
            throw RuedaError(.notFound, "\(supplier) is not enrolled as a supplier in \(event.spec.code)")
        }
        let gaps = analysis.scorer.population.buyers.indices.flatMap { analysis.gaps(buyer: $0, supplier: index) }
        let records = Self.records(gaps, analysis: analysis, event: event.spec.code)
        var cards: [GapReport.Supplier] = []
        for change in Set(records.map { [$0.requirement, $0.change] }) {
            let matching = records.filter { [$0.requirement, $0.change] == change }
            let report = GapReport(
                events: [event.spec.code], minimumScore: configuration.minimumScore, records: matching)
            cards += report.suppliers
        }
        return cards.sorted { ($1.expectedCOP, $0.change) < ($0.expectedCOP, $1.change) }
    }

    /// The round's population under the configuration of its current match run (the default without one).
    func gapAnalysis(of event: StoredEvent, threads: Int) async throws -> (GapAnalysis, MatchConfiguration) {
        let matches = MatchRepository(database: rueda.database)
        var configuration = MatchConfiguration()
        if let run = try await matches.current(in: event) {
            configuration = try MatchConfiguration.decode(try await matches.configuration(of: run))
        }
        let (population, _) = try await rueda.matching.loadPopulation(of: event)
        let scorer = PairScorer(population: population, configuration: configuration)
        return (GapAnalysis(scorer: scorer, threads: threads), configuration)
    }

    static func records(_ gaps: [SupplyGap], analysis: GapAnalysis, event: String) -> [GapRecord] {
        let population = analysis.scorer.population
        return gaps.map { gap in
            let buyer = population.buyers[gap.buyer].profile
            let supplier = population.suppliers[gap.supplier].profile
            return GapRecord(
                event: event, buyer: buyer.nit, buyerName: buyer.name, supplier: supplier.nit,
                supplierName: supplier.name, requirement: gap.requirement.rawValue,
                requirementLabel: gap.requirement.description, change: gap.change, score: gap.score,
                scoreIfClosed: gap.scoreIfClosed, expectedCOP: gap.expectedValue)
        }
    }
}
