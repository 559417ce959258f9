import Foundation
import PostgresNIO
import RuedaCore
import RuedaMatching
import RuedaStore
import RuedaTestSupport
import RuedaUseCases
import Testing

/// A seeded round and the in-memory population the matcher sees, for checking stored runs.
struct StoredRound {
    let seeded: SeededRound
    let population: MatchPopulation

    var event: StoredEvent { seeded.event }

    /// A generated round of 20 buyers and 60 suppliers; `delegates` gives the first buyers several delegates.
    static func seed(_ rueda: Rueda, seed: UInt64 = 5, delegates: [Int] = []) async throws -> StoredRound {
        let seeded = try await SeededRound.seed(rueda, seed: seed, delegates: delegates)
        let population = MatchPopulation(
            participants: seeded.round.participants, companies: seeded.companies, requests: seeded.round.requests,
            reference: rueda.reference)
        return StoredRound(seeded: seeded, population: population)
    }

    /// The matcher as the use case runs it, in memory, as the oracle for what was stored.
    func matcher(_ options: MatchOptions = MatchOptions()) -> Matcher {
        Matcher(population: population, configuration: MatchConfiguration(), options: options)
    }
}

@Suite("Stored match runs")
struct MatchRunTests {
    @Test("a run is stored whole: its record, every kept candidate and every nearest miss")
    func storedWhole() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await StoredRound.seed(rueda)
            let report = try await rueda.matching.run(round.event.spec.code)
            let result = round.matcher().run()
            let record = report.record
            #expect(record.isCurrent)
            #expect(record.candidatesKept == result.candidates.count)
            #expect(record.candidatesFound == result.candidatesFound)
            #expect(record.pairsTotal == Int64(20 * 60))
            #expect(try await TestDatabase.count("match_candidate", in: rueda.database) == result.candidates.count)
            #expect(try await TestDatabase.count("match_miss", in: rueda.database) == result.nearestMisses.count)
            let stored = try await MatchRepository(database: rueda.database).candidates(of: record)
            #expect(stored.count == result.candidates.count)
            #expect(stored.map(\.score.score) == stored.map(\.score.score).sorted(by: >))
            #expect(record.expectedValue == result.candidates.reduce(Int64(0)) { $0 + $1.score.expectedValue })
            #expect(try await rueda.selection.event(round.event.spec.code).status == .matched)
            #expect(report.timings.steps.map(\.step) == ["load", "match", "store"])
        }
    }

    @Test("a new run supersedes the current one and the earlier run stays queryable")
    func newRunSupersedes() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await StoredRound.seed(rueda)
            let code = round.event.spec.code
            let first = try await rueda.matching.run(code).record
            var options = MatchOptions()
            options.limitPerBuyer = 2
            options.limitPerSupplier = 1
            let second = try await rueda.matching.run(code, options: options).record
            let repository = MatchRepository(database: rueda.database)
            #expect(try await repository.current(in: round.event)?.id == second.id)
            let runs = try await rueda.matching.runs(code)
            #expect(runs.map(\.id) == [second.id, first.id])
            #expect(runs.map(\.isCurrent) == [true, false])
            #expect(try await repository.candidates(of: first).count == first.candidatesKept)
            #expect(second.candidatesKept < first.candidatesKept)
            #expect(try await rueda.selection.matchRun(first.id, of: round.event).id == first.id)
        }
    }

    @Test("a run that fails part-way leaves nothing behind and the previous run current")
    func failedRunLeavesNothing() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await StoredRound.seed(rueda)
            let first = try await rueda.matching.run(round.event.spec.code).record
            let candidates = try await TestDatabase.count("match_candidate", in: rueda.database)
            let matcher = round.matcher()
            var result = matcher.run()
            // The last candidate breaks a CHECK constraint, so the COPY fails after the run row went in.
            result.candidates[result.candidates.count - 1].score.score = 150
            let ids = Dictionary(
                try await EnrolmentRepository(database: rueda.database).participants(in: round.event)
                    .map { ($0.participant.nit, $0.companyID) }, uniquingKeysWith: { a, _ in a })
            let run = try NewMatchRun.testing(result, matcher: matcher, ids: ids, event: round.event)
            await #expect(throws: StoreError.self) { try await MatchRepository(database: rueda.database).save(run) }
            let repository = MatchRepository(database: rueda.database)
            #expect(try await repository.runs(of: round.event).map(\.id) == [first.id])
            #expect(try await repository.current(in: round.event)?.id == first.id)
            #expect(try await TestDatabase.count("match_candidate", in: rueda.database) == candidates)
        }
    }

    @Test("stored candidates agree with a recomputation of each pair, as explain shows it")
    func explainAgreesWithStoredReasons() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await StoredRound.seed(rueda)
            let code = round.event.spec.code
            let record = try await rueda.matching.run(code).record
            let stored = try await MatchRepository(database: rueda.database).candidates(of: record)
            #expect(!stored.isEmpty)
            let scorer = round.matcher().scorer
            for candidate in stored {
                let explained = try await rueda.matching.explain(code, pair: candidate.pair)
                #expect(explained.configuration == MatchConfiguration())
                #expect(explained.explanation.verdict.isCandidate)
                #expect(explained.explanation.verdict.score == candidate.score)
                #expect(explained.explanation.reasons.count == 5)
                let b = try #require(round.population.buyer(candidate.buyer))
                let s = try #require(round.population.supplier(candidate.supplier))
                let basis = scorer.basis(buyer: b, supplier: s, score: candidate.score)
                #expect(basis.sector == candidate.sectorBasis)
                #expect(basis.sharedTerms == candidate.sharedTerms)
            }
        }
    }
}

extension NewMatchRun {
    /// The rows of a matcher's result, built as the use case builds them, for tests that store a broken run.
    static func testing(
        _ result: MatchResult, matcher: Matcher, ids: [NIT: CompanyID], event: StoredEvent
    ) throws
        -> NewMatchRun
    {
        let population = matcher.scorer.population
        func id(_ nit: NIT) throws -> CompanyID { try #require(ids[nit]) }
        return NewMatchRun(
            event: event, configVersion: "test", configuration: MatchConfiguration().encoded(),
            options: Data("{}".utf8),
            startedAt: Date(), finishedAt: Date(), buyers: population.buyers.count,
            suppliers: population.suppliers.count, pairsTotal: Int64(result.pairsTotal),
            pairsScored: Int64(result.pairsScored), candidatesFound: result.candidatesFound, buyersWithout: 0,
            suppliersWithout: 0, expectedValue: 0,
            candidates: try result.candidates.map {
                NewMatchRun.Candidate(
                    buyer: try id(population.buyers[$0.buyer].profile.nit),
                    supplier: try id(population.suppliers[$0.supplier].profile.nit), score: $0.score,
                    rankForBuyer: $0.rankForBuyer, rankForSupplier: $0.rankForSupplier, sectorBasis: "test",
                    sharedTerms: [])
            }, misses: [])
    }
}
