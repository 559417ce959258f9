import RuedaCore
import Testing

@testable import RuedaMatching

@Suite("Calibration")
struct CalibrationTests {
    @Test(
        "a generated Compra Lo Nuestro round expects near COP 5.2 million per appointment",
        arguments: [2022, 7] as [UInt64])
    func typicalRoundNearTheTwentyTwentyTwoAverage(seed: UInt64) throws {
        let reference = MatchFixture.reference
        // One round of the 2022 programme: about 154 buyers and 466 suppliers.
        let demo = try DemoPopulation(.init(buyers: 154, suppliers: 466, events: 1, seed: seed), reference: reference)
        let round = try #require(demo.rounds.first)
        let population = MatchPopulation(
            participants: round.participants, companies: demo.companies, requests: round.requests,
            reference: reference)
        let result = Matcher(population: population, configuration: MatchConfiguration()).run()
        let limits = Dictionary(round.participants.map { ($0.nit, $0.maxMeetings) }, uniquingKeysWith: { a, _ in a })
        // The meetings a schedule would hold: each buyer's best candidates up to its meeting limit.
        let held = result.candidates.filter {
            $0.rankForBuyer <= limits[population.buyers[$0.buyer].profile.nit] ?? 0
        }
        let mean = held.map(\.score.expectedValue).reduce(0, +) / Int64(max(held.count, 1))
        #expect(held.count > 1_000)
        #expect((3_400_000...7_000_000).contains(mean), "mean expected value COP \(mean)")
    }
}
