import RuedaCore
import Testing

@testable import RuedaMatching

/// The batch run scores pairs from flat arrays of numbers; explanations, gaps and this oracle read the companies'
/// profiles. Both must give the same verdict, to the last bit of every score part and peso.
@Suite("Flat scoring table")
struct ScoringTableTests {
    /// A random population where some companies have no department, or one with no known region.
    static func population(seed: UInt64) -> MatchPopulation {
        var fixture = randomFixture(seed: seed, buyers: 20, suppliers: 50)
        for (position, nit) in fixture.companies.keys.sorted().enumerated() {
            if position % 5 == 0 { fixture.companies[nit]?.departmentCode = "" }
            if position % 7 == 0 { fixture.companies[nit]?.departmentCode = "99" }
        }
        return fixture.population()
    }

    @Test(
        "every pair gets the verdict its profiles give, under thresholds that let every verdict occur",
        arguments: 0..<12)
    func tableVerdictEqualsProfileVerdict(seed: UInt64) {
        var configuration = MatchConfiguration()
        configuration.minimumScore = [10, 30, 45, 60][Int(seed % 4)]
        configuration.filtersWinOverMustMeet = seed % 3 == 0
        let scorer = PairScorer(population: Self.population(seed: seed), configuration: configuration)
        var kinds = Set<String>()
        for buyer in scorer.population.buyers.indices {
            for supplier in scorer.population.suppliers.indices {
                let verdict = scorer.evaluate(buyer: buyer, supplier: supplier)
                #expect(
                    verdict == scorer.evaluateFromProfiles(buyer: buyer, supplier: supplier), "\(buyer)-\(supplier)")
                switch verdict {
                case .candidate: kinds.insert("candidate")
                case .belowThreshold: kinds.insert("below")
                case .filtered(let filter): kinds.insert(filter.rawValue)
                case .requested: kinds.insert("requested")
                }
            }
        }
        // The comparison means something only if the population reached the paths that differ.
        #expect(kinds.isSuperset(of: ["candidate", "below", "no-common-slot", "same-company"]), "\(kinds)")
    }

    @Test("a buyer's stated interest is found for its supplier and for no other")
    func statedInterestByPair() {
        let scorer = PairScorer(population: Self.population(seed: 4), configuration: MatchConfiguration())
        let population = scorer.population
        #expect(!population.interest.isEmpty)
        for buyer in population.buyers.indices {
            for supplier in population.suppliers.indices {
                let expected = population.interest[buyer * population.suppliers.count + supplier] ?? PairInterest()
                #expect(scorer.table.interest(buyer: buyer, supplier: supplier) == expected)
            }
        }
    }
}
