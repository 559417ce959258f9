import RuedaCore
import RuedaMatching
import RuedaSolver
import RuedaUseCases
import Testing

@Suite("Calibration")
struct CalibrationTests {
    /// Mean expected value per scheduled appointment of one generated round: matched, then planned and scheduled by
    /// the same functions `rueda schedule solve` uses.
    static func scheduledMean(seed: UInt64) throws -> (mean: Int64, meetings: Int) {
        let reference = try ReferenceData.bundled()
        // One round of the 2022 programme: about 154 buyers and 466 suppliers, 16 slots, 100 virtual rooms.
        let demo = try DemoPopulation(.init(buyers: 154, suppliers: 466, events: 1, seed: seed), reference: reference)
        let round = try #require(demo.rounds.first)
        let population = MatchPopulation(
            participants: round.participants, companies: demo.companies, requests: round.requests,
            reference: reference)
        let result = Matcher(population: population, configuration: MatchConfiguration()).run()
        // The problem exactly as `rueda schedule solve` builds it, with its weights and penalties.
        let plan = SchedulePlanning.plan(
            slots: round.slots.count, tables: round.spec.tables, participants: round.participants,
            candidates: result.candidates.map { candidate in
                PlanCandidate(
                    pair: MeetingPair(
                        buyer: population.buyers[candidate.buyer].profile.nit,
                        supplier: population.suppliers[candidate.supplier].profile.nit),
                    expectedValue: candidate.score.expectedValue, interest: candidate.score.interest)
            }, requests: round.requests, settings: ScheduleSettings())
        let schedule = try Solver.solve(plan.problem, options: SolverOptions(seed: 1, threads: 1, iterations: 2_000))
        let total = schedule.meetings.reduce(Int64(0)) { total, meeting in
            total + (plan.pair(meeting).flatMap { plan.expectedValues[$0] } ?? 0)
        }
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
