import Foundation
import PostgresNIO
import RuedaCore
import RuedaMatching
import Testing

@testable import RuedaStore

/// A small generated round stored in a test database, ready to match.
struct StoredRound {
    let event: StoredEvent
    let population: MatchPopulation

    /// A generated round of 20 buyers and 60 suppliers; `delegates` gives the first buyers several delegates.
    static func seed(_ database: Database, seed: UInt64 = 5, delegates: [Int] = []) async throws -> StoredRound {
        let reference = try ReferenceData.bundled()
        let demo = try DemoPopulation(.init(buyers: 20, suppliers: 60, events: 1, seed: seed), reference: reference)
        var round = try #require(demo.rounds.first)
        let buyers = round.participants.indices.filter { round.participants[$0].role == .buyer }
        for (index, count) in zip(buyers, delegates) {
            round.participants[index].delegates = count
            round.participants[index].maxMeetings = round.participants[index].availableSlots.count * count
        }
        _ = try await CompanyRepository(database: database).upsert(Array(demo.companies.values))
        let event = try await EventRepository(database: database).create(round.spec)
        let enrolment = EnrolmentRepository(database: database)
        _ = try await enrolment.enrol(round.participants, in: event)
        _ = try await enrolment.saveRequests(round.requests, in: event)
        let population = try await MatchRepository(database: database).population(of: event, reference: reference)
        return StoredRound(event: event, population: population)
    }

    func run(_ options: MatchOptions = MatchOptions()) -> Matcher {
        Matcher(population: population, configuration: MatchConfiguration(), options: options)
    }
}

@Suite("Stored match runs")
struct MatchRunTests {
    @Test("a run is stored whole: its record, every kept candidate and every nearest miss")
    func storedWhole() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await StoredRound.seed(database)
            let matcher = round.run()
            let result = matcher.run()
            let repository = MatchRepository(database: database)
            let record = try await repository.save(
                result, scorer: matcher.scorer, options: matcher.options, startedAt: Date(), finishedAt: Date(),
                in: round.event)
            #expect(record.isCurrent)
            #expect(record.candidatesKept == result.candidates.count)
            #expect(record.candidatesFound == result.candidatesFound)
            #expect(record.pairsTotal == Int64(20 * 60))
            #expect(try await TestDatabase.count("match_candidate", in: database) == result.candidates.count)
            #expect(try await TestDatabase.count("match_miss", in: database) == result.nearestMisses.count)
            let stored = try await repository.candidates(of: record)
            #expect(stored.count == result.candidates.count)
            #expect(stored.map(\.score.score) == stored.map(\.score.score).sorted(by: >))
            #expect(
                record.expectedValue == result.candidates.reduce(Int64(0)) { $0 + $1.score.expectedValue })
            let status = try await EventRepository(database: database).require(round.event.spec.code).status
            #expect(status == "matched")
        }
    }

    @Test("a new run supersedes the current one and the earlier run stays queryable")
    func newRunSupersedes() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await StoredRound.seed(database)
            let repository = MatchRepository(database: database)
            let matcher = round.run()
            let first = try await repository.save(
                matcher.run(), scorer: matcher.scorer, options: matcher.options, startedAt: Date(),
                finishedAt: Date(), in: round.event)
            var options = MatchOptions()
            options.limitPerBuyer = 2
            options.limitPerSupplier = 1
            let limited = round.run(options)
            let second = try await repository.save(
                limited.run(), scorer: limited.scorer, options: options, startedAt: Date(), finishedAt: Date(),
                in: round.event)
            #expect(try await repository.current(in: round.event)?.id == second.id)
            let runs = try await repository.runs(of: round.event)
            #expect(runs.map(\.id) == [second.id, first.id])
            #expect(runs.map(\.isCurrent) == [true, false])
            #expect(try await repository.candidates(of: first).count == first.candidatesKept)
            #expect(second.candidatesKept < first.candidatesKept)
        }
    }

    @Test("a run that fails part-way leaves nothing behind and the previous run current")
    func failedRunLeavesNothing() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await StoredRound.seed(database)
            let repository = MatchRepository(database: database)
            let matcher = round.run()
            var result = matcher.run()
            let first = try await repository.save(
                result, scorer: matcher.scorer, options: matcher.options, startedAt: Date(), finishedAt: Date(),
                in: round.event)
            let candidates = try await TestDatabase.count("match_candidate", in: database)
            // The last candidate breaks a CHECK constraint, so the COPY fails after the run row went in.
            result.candidates[result.candidates.count - 1].score.score = 150
            await #expect(throws: StoreError.self) {
                try await repository.save(
                    result, scorer: matcher.scorer, options: matcher.options, startedAt: Date(), finishedAt: Date(),
                    in: round.event)
            }
            #expect(try await repository.runs(of: round.event).map(\.id) == [first.id])
            #expect(try await repository.current(in: round.event)?.id == first.id)
            #expect(try await TestDatabase.count("match_candidate", in: database) == candidates)
        }
    }

    @Test("stored candidates agree with a recomputation of each pair, as explain shows it")
    func explainAgreesWithStoredReasons() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await StoredRound.seed(database)
            let repository = MatchRepository(database: database)
            let matcher = round.run()
            let record = try await repository.save(
                matcher.run(), scorer: matcher.scorer, options: matcher.options, startedAt: Date(),
                finishedAt: Date(), in: round.event)
            let configuration = try await repository.configuration(of: record)
            #expect(configuration == MatchConfiguration())
            let reloaded = try await repository.population(of: round.event, reference: try ReferenceData.bundled())
            let scorer = PairScorer(population: reloaded, configuration: configuration)
            let stored = try await repository.candidates(of: record)
            #expect(!stored.isEmpty)
            for candidate in stored {
                let b = try #require(reloaded.buyer(candidate.buyer))
                let s = try #require(reloaded.supplier(candidate.supplier))
                let explanation = scorer.explain(buyer: b, supplier: s)
                #expect(explanation.verdict == .candidate(candidate.score))
                let basis = scorer.basis(buyer: b, supplier: s, score: candidate.score)
                #expect(basis.sector == candidate.sectorBasis)
                #expect(basis.sharedTerms == candidate.sharedTerms)
                #expect(explanation.reasons.count == 5)
            }
        }
    }

    @Test("stored candidates cannot be changed")
    func runsAreImmutable() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await StoredRound.seed(database)
            let matcher = round.run()
            _ = try await MatchRepository(database: database).save(
                matcher.run(), scorer: matcher.scorer, options: matcher.options, startedAt: Date(),
                finishedAt: Date(), in: round.event)
            await #expect(throws: (any Error).self) {
                _ = try await database.client.query("UPDATE match_candidate SET score = 99", logger: database.logger)
                    .collect()
            }
            await #expect(throws: (any Error).self) {
                _ = try await database.client.query("UPDATE match_run SET candidates_kept = 0", logger: database.logger)
                    .collect()
            }
        }
    }
}
