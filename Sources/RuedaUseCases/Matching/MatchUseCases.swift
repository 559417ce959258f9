import Foundation
import RuedaCore
import RuedaMatching
import RuedaStore

/// Matching a round's buyers and suppliers, and reading what a run found.
public struct MatchUseCases: Sendable {
    let rueda: Rueda

    var repository: MatchRepository { MatchRepository(database: rueda.database) }

    /// Scores every buyer–supplier pair of a round in one batch and stores the run as the round's current one.
    /// Holds the round's writer lock for the whole run.
    public func run(
        _ reference: String, configuration: MatchConfiguration = MatchConfiguration(),
        options: MatchOptions = MatchOptions()
    ) async throws -> MatchRunReport {
        let event = try await rueda.selection.event(reference)
        return try await rueda.database.withEventLock(eventID: event.id, code: event.spec.code) {
            var watch = rueda.stopwatch()
            let (population, ids) = try await watch.step("load") { try await loadPopulation(of: event) }
            guard !population.buyers.isEmpty, !population.suppliers.isEmpty else {
                throw RuedaError(
                    .invalidInput,
                    "\(event.spec.code) needs at least one buyer and one supplier enrolled before matching")
            }
            let startedAt = Date()
            let matcher = Matcher(population: population, configuration: configuration, options: options)
            let result = await watch.step("match") { matcher.run() }
            let finishedAt = Date()
            let record = try await watch.step("store") {
                let run = try NewMatchRun.make(
                    result, scorer: matcher.scorer, ids: ids, options: options, event: event, startedAt: startedAt,
                    finishedAt: finishedAt)
                return try await repository.save(run, completing: rueda.lease)
            }
            try await rueda.audit("match.run", event: event.id, subject: "run \(record.id)")
            return MatchRunReport(
                event: event, record: record, configuration: configuration, options: options, result: result,
                population: population, timings: watch.timings)
        }
    }

    /// The round's enrolment, companies and requests prepared for matching, and each company's identity.
    func loadPopulation(of event: StoredEvent) async throws -> (MatchPopulation, [NIT: CompanyID]) {
        let enrolment = EnrolmentRepository(database: rueda.database)
        let participants = try await enrolment.participants(in: event)
        let requests = try await enrolment.requests(in: event)
        let companies = try await CompanyRepository(database: rueda.database).find(participants.map(\.participant.nit))
        let population = MatchPopulation(
            participants: participants.map(\.participant), companies: companies.mapValues(\.company),
            requests: requests, reference: rueda.reference)
        let ids = Dictionary(participants.map { ($0.participant.nit, $0.companyID) }, uniquingKeysWith: { a, _ in a })
        return (population, ids)
    }

    /// A run's candidates best first (all, or one company's), `top` of them.
    public func candidates(
        _ reference: String, run: MatchRunID? = nil, company: NIT? = nil, top: Int? = nil
    ) async throws -> (run: MatchRunRecord, candidates: [StoredCandidate]) {
        let event = try await rueda.selection.event(reference)
        let record = try await rueda.selection.matchRun(run, of: event)
        return (record, try await repository.candidates(of: record, company: company, top: top))
    }

    /// The participants a run left without candidates, with their nearest misses.
    public func unmatched(
        _ reference: String, run: MatchRunID? = nil
    ) async throws
        -> (run: MatchRunRecord, misses: [StoredMiss])
    {
        let event = try await rueda.selection.event(reference)
        let record = try await rueda.selection.matchRun(run, of: event)
        return (record, try await repository.misses(of: record))
    }

    /// What a run did with every must-meet and would-like request of the round.
    public func requests(
        _ reference: String, run: MatchRunID? = nil
    ) async throws
        -> (run: MatchRunRecord, requests: [StoredRequestFate])
    {
        let event = try await rueda.selection.event(reference)
        let record = try await rueda.selection.matchRun(run, of: event)
        return (record, try await repository.requests(of: record))
    }

    /// Every run of a round, newest first.
    public func runs(_ reference: String) async throws -> [MatchRunRecord] {
        try await repository.runs(of: try await rueda.selection.event(reference))
    }

    /// Why a pair scored as it did, recomputed with the run's configuration on the enrolment as it is now, next to
    /// what the run stored.
    public func explain(
        _ reference: String, pair: MeetingPair, run: MatchRunID? = nil
    ) async throws
        -> MatchExplanation
    {
        let event = try await rueda.selection.event(reference)
        let record = try await rueda.selection.matchRun(run, of: event)
        let configuration = try MatchConfiguration.decode(try await repository.configuration(of: record))
        let (population, _) = try await loadPopulation(of: event)
        guard let buyer = population.buyer(pair.buyer) else {
            throw RuedaError(.notFound, "\(pair.buyer) is not enrolled as a buyer in \(event.spec.code)")
        }
        guard let supplier = population.supplier(pair.supplier) else {
            throw RuedaError(.notFound, "\(pair.supplier) is not enrolled as a supplier in \(event.spec.code)")
        }
        let explanation = PairScorer(population: population, configuration: configuration)
            .explain(buyer: buyer, supplier: supplier)
        return MatchExplanation(
            explanation: explanation, buyer: population.buyers[buyer].profile,
            supplier: population.suppliers[supplier].profile, run: record, configuration: configuration,
            stored: try await repository.candidate(of: record, pair: pair))
    }
}

/// What a match run did.
public struct MatchRunReport: Sendable {
    public let event: StoredEvent
    public let record: MatchRunRecord
    public let configuration: MatchConfiguration
    public let options: MatchOptions
    public let result: MatchResult
    public let population: MatchPopulation
    public let timings: Timings

    /// The expected values of the kept candidates, summarised.
    public var values: ValueSummary { ValueSummary(result.candidates.map(\.score)) }

    /// Participants left without candidates, each with its nearest misses, buyers first.
    public var unmatched: [UnmatchedParticipant] {
        var misses: [NearestMiss.Side: [Int: [NearestMiss]]] = [:]
        for miss in result.nearestMisses { misses[miss.side, default: [:]][miss.participant, default: []].append(miss) }
        func entry(_ side: NearestMiss.Side, _ index: Int) -> UnmatchedParticipant {
            let profile = side == .buyer ? population.buyers[index].profile : population.suppliers[index].profile
            let nearest = (misses[side]?[index] ?? []).map { miss in
                let other =
                    side == .buyer
                    ? population.suppliers[miss.counterpart].profile : population.buyers[miss.counterpart].profile
                return UnmatchedParticipant.Near(
                    nit: other.nit, name: other.name, score: miss.score, filters: miss.filters.map(\.description))
            }
            return UnmatchedParticipant(
                role: side == .buyer ? .buyer : .supplier, nit: profile.nit, name: profile.name, nearest: nearest)
        }
        return result.buyersWithout.map { entry(.buyer, $0) } + result.suppliersWithout.map { entry(.supplier, $0) }
    }
}

/// A participant without candidates and the pairs that came nearest.
public struct UnmatchedParticipant: Sendable, Hashable {
    public struct Near: Sendable, Hashable {
        public let nit: NIT
        public let name: String
        public let score: Double
        /// The filters that stopped the pair; empty when it only scored below the minimum.
        public let filters: [String]
    }

    public let role: ParticipantRole
    public let nit: NIT
    public let name: String
    public let nearest: [Near]
}

/// Total and distribution of expected values, and how many candidates fall in each band of ten score points.
public struct ValueSummary: Sendable, Hashable {
    public let count: Int
    public let total: Int64
    public let median: Int64
    public let p90: Int64
    public let maximum: Int64
    /// Candidates with scores 0–9, 10–19, … 90–100.
    public let bands: [Int]

    public init(_ scores: [PairScore]) {
        let values = scores.map(\.expectedValue).sorted()
        func quantile(_ q: Double) -> Int64 {
            values.isEmpty ? 0 : values[min(values.count - 1, Int(Double(values.count) * q))]
        }
        count = values.count
        total = values.saturatingSum { $0 }
        median = quantile(0.5)
        p90 = quantile(0.9)
        maximum = values.last ?? 0
        var bands = [Int](repeating: 0, count: 10)
        for score in scores { bands[min(9, max(0, Int(score.score / 10)))] += 1 }
        self.bands = bands
    }
}

/// A pair's score recomputed, beside what the run stored.
public struct MatchExplanation: Sendable {
    public let explanation: PairExplanation
    public let buyer: MatchCompanyProfile
    public let supplier: MatchCompanyProfile
    public let run: MatchRunRecord
    public let configuration: MatchConfiguration
    public let stored: StoredCandidate?
}
