import RuedaCore
import RuedaSolver
import Testing

@testable import RuedaMatching

@Suite("Calibration")
struct CalibrationTests {
    /// Mean expected value per scheduled appointment of one generated round: matched, then scheduled with the
    /// weights `rueda schedule solve` uses (expected value in tens of thousands of pesos plus stated interest).
    static func scheduledMean(seed: UInt64) throws -> (mean: Int64, meetings: Int) {
        let reference = MatchFixture.reference
        // One round of the 2022 programme: about 154 buyers and 466 suppliers, 16 slots, 100 virtual rooms.
        let demo = try DemoPopulation(.init(buyers: 154, suppliers: 466, events: 1, seed: seed), reference: reference)
        let round = try #require(demo.rounds.first)
        let population = MatchPopulation(
            participants: round.participants, companies: demo.companies, requests: round.requests,
            reference: reference)
        let result = Matcher(population: population, configuration: MatchConfiguration()).run()
        let companies = round.participants.map { participant in
            ScheduleProblem.Company(
                id: participant.nit.base, role: participant.role == .buyer ? .buyer : .supplier,
                available: participant.availableSlots, maxMeetings: participant.maxMeetings,
                minMeetings: participant.minMeetings, delegates: participant.delegates)
        }
        var values: [String: Int64] = [:]
        let candidates = result.candidates.map { candidate -> ScheduleProblem.Candidate in
            let buyer = population.buyers[candidate.buyer].profile.nit.base
            let supplier = population.suppliers[candidate.supplier].profile.nit.base
            values[buyer + "|" + supplier] = candidate.score.expectedValue
            let weight =
                1 + Int(candidate.score.expectedValue / 10_000) + Int((candidate.score.interest * 300).rounded())
            return ScheduleProblem.Candidate(buyer: buyer, supplier: supplier, weight: weight)
        }
        let problem = ScheduleProblem(
            slots: round.slots.count, tables: round.spec.tables, gapPenalty: 100, shortfallPenalty: 300,
            companies: companies, candidates: candidates)
        let schedule = try Solver.solve(problem, options: SolverOptions(seed: 1, iterations: 2_000))
        let total = schedule.meetings.reduce(Int64(0)) { $0 + (values[$1.buyer + "|" + $1.supplier] ?? 0) }
        return (total / Int64(max(schedule.meetings.count, 1)), schedule.meetings.count)
    }

    @Test(
        "a scheduled Compra Lo Nuestro round expects near COP 5.2 million per appointment",
        arguments: [2022, 7] as [UInt64])
    func typicalRoundNearTheTwentyTwentyTwoAverage(seed: UInt64) throws {
        let (mean, meetings) = try Self.scheduledMean(seed: seed)
        // 22,077 appointments over 15 rounds in 2022: about 1,470 per round.
        #expect(meetings > 1_000)
        #expect((4_500_000...6_000_000).contains(mean), "mean expected value COP \(mean) over \(meetings) meetings")
    }
}
