import RuedaCore
import Testing

@testable import RuedaMatching

/// The bounded matcher against the algorithm it replaced, which kept every candidate in memory before applying the
/// limits: the same run, to the last rank, on every population where the old one fits.
@Suite("Bounded-memory matching")
struct BoundedMatcherTests {
    static func same(_ a: MatchResult, _ b: MatchResult) -> Bool {
        a.candidates == b.candidates && a.candidatesFound == b.candidatesFound && a.pairsScored == b.pairsScored
            && a.buyersWithout == b.buyersWithout && a.suppliersWithout == b.suppliersWithout
            && a.nearestMisses == b.nearestMisses && a.requests == b.requests
    }

    @Test(
        "keeps exactly what keeping every candidate kept, with the same ranks on both sides",
        arguments: [(0, 3, 1), (1, 5, 2), (2, 100, 30), (3, 0, 4), (4, 6, 0), (5, 1, 1), (6, 2, 3), (7, 10, 10)])
    func equalsKeepingEverything(seed: UInt64, limitPerBuyer: Int, limitPerSupplier: Int) {
        let population = randomFixture(seed: seed, buyers: 30, suppliers: 90).population()
        var options = MatchOptions()
        (options.limitPerBuyer, options.limitPerSupplier) = (limitPerBuyer, limitPerSupplier)
        let oracle = Matcher(population: population, configuration: MatchConfiguration(), options: options)
            .runKeepingEverything()
        #expect(!oracle.candidates.isEmpty)
        for budget in [0, 5, 1_000_000] {
            options.rankLogBudget = budget
            let bounded = Matcher(population: population, configuration: MatchConfiguration(), options: options).run()
            #expect(Self.same(bounded, oracle), "budget \(budget)")
        }
    }

    @Test("any split of the buyers into blocks, scanned and counted apart, merges into the same run", arguments: 0..<6)
    func anySplitGivesTheSameRun(seed: UInt64) {
        let population = randomFixture(seed: 100 + seed, buyers: 24, suppliers: 70).population()
        var options = MatchOptions()
        (options.limitPerBuyer, options.limitPerSupplier) = (3, 2)
        let matcher = Matcher(population: population, configuration: MatchConfiguration(), options: options)
        let whole = matcher.run()
        var random = SeededGenerator(seed: seed)
        var cuts = Set((0..<Int(seed % 5 + 1)).map { _ in Int(random.unit() * Double(population.buyers.count)) })
        cuts.formUnion([0, population.buyers.count])
        let bounds = cuts.sorted()
        let blocks = zip(bounds, bounds.dropFirst()).map { $0..<$1 }.filter { !$0.isEmpty }
        // Scan the blocks in reverse order, as workers finishing in any order would.
        var scan = MatchScan(
            buyers: population.buyers.count, suppliers: population.suppliers.count,
            supplierLimit: options.limitPerSupplier)
        for block in blocks.reversed() { scan.merge(matcher.scan(buyers: block)) }
        let plan = matcher.rankPlan(scan)
        var counts = plan
        for block in blocks { counts.merge(matcher.count(buyers: block, plan: plan)) }
        #expect(Self.same(matcher.finish(scan, counts: counts), whole))
    }

    @Test("a bounded heap keeps the best keys whatever order they come in")
    func boundedHeapKeepsTheBest() {
        var random = SeededGenerator(seed: 5)
        let keys = (0..<500).map { RankKey(score: Double(Int(random.unit() * 50)), value: 0, counterpart: Int32($0)) }
        var best = BoundedBest(capacity: 7)
        for key in keys.shuffled(using: &random) { best.offer(key) }
        #expect(best.sorted() == Array(keys.sorted { $0.isBetter(than: $1) }.prefix(7)))
    }
}
