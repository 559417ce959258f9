import RuedaCore
import Testing

@testable import RuedaMatching

/// Random populations over a small set of codes, words, departments and slots, so that every kind of pair (same
/// class, shared group, complementary, shared words only, requested only, filtered) occurs.
func randomFixture(seed: UInt64, buyers: Int = 25, suppliers: Int = 60) -> MatchFixture {
    var random = SeededGenerator(seed: seed)
    let classes = ["1061", "1062", "1011", "1081", "1311", "1410", "1702", "2221", "4923", "0111", "6201", "4711"]
    let groups = ["106", "101", "141", "10"]
    let words = [
        "café", "cafés", "tostado", "molido", "panela", "queso", "hilo", "camisa", "caja", "empaques", "flete",
    ]
    let departments = ["11", "25", "05", "08", "76"]
    let certifications = ["invima", "bpm", "haccp"]
    var fixture = MatchFixture()
    var buyerNITs: [NIT] = []
    var supplierNITs: [NIT] = []
    func slots() -> [Int] {
        let kind = random.weightedIndex([0.7, 0.15, 0.15])
        return kind == 0 ? Array(0..<8) : kind == 1 ? [0, 1, 2, 3] : [4, 5, 6, 7]
    }
    for _ in 0..<buyers {
        var demands: [Demand] = []
        for _ in 0..<(1 + Int(random.next() % 2)) {
            var demand = Demand(
                ciiu: random.chance(0.2) ? [random.pick(groups)] : random.sample(classes, 1 + Int(random.next() % 2)),
                keywords: random.sample(words, Int(random.next() % 3)).joined(separator: " "),
                budget: random.chance(0.8) ? COP(Int64(1 + random.next() % 50) * 1_000_000) : nil,
                quantity: random.chance(0.7) ? 1 + Int(random.next() % 1_000) : nil)
            if random.chance(0.2) { demand.requiredCertifications = [random.pick(certifications)] }
            if random.chance(0.3) { demand.preferredCertifications = random.sample(certifications, 2) }
            if random.chance(0.2) {
                demand.preferredDepartments = [random.pick(departments)]
                demand.departmentsRequired = random.chance(0.5)
            }
            if random.chance(0.2) { demand.preferredSizes = [random.pick(CompanySize.allCases)] }
            demand.requiresExportExperience = random.chance(0.1)
            demands.append(demand)
        }
        let activities = [random.pick(["4711", "1061", "5611", "4111", "8610"])]
        buyerNITs.append(
            fixture.buyer(
                department: random.pick(departments), activities: activities, slots: slots(), demands: demands))
    }
    for index in 0..<suppliers {
        let offers = (0..<(1 + Int(random.next() % 2))).map { _ in
            Offer(
                ciiu: random.sample(classes, 1 + Int(random.next() % 2)),
                products: random.sample(words, Int(random.next() % 4)).joined(separator: ", "),
                capacity: random.chance(0.8) ? 1 + Int(random.next() % 2_000) : nil,
                priceMin: COP(Int64(1_000 + random.next() % 20_000)), exportExperience: random.chance(0.3))
        }
        // A few companies enrol on both sides, to exercise the same-company filter.
        let nit = index < 3 ? buyerNITs[index] : nil
        supplierNITs.append(
            fixture.supplier(
                department: random.pick(departments), size: random.pick(CompanySize.allCases),
                certifications: random.sample(certifications, Int(random.next() % 3)), slots: slots(), offers: offers,
                nit: nit))
    }
    for _ in 0..<(buyers + suppliers) / 2 {
        let level = random.pick([InterestLevel.must, .like, .like, .no])
        if random.chance(0.5) {
            fixture.request(random.pick(buyerNITs), random.pick(supplierNITs), level)
        } else {
            fixture.request(random.pick(supplierNITs), random.pick(buyerNITs), level)
        }
    }
    return fixture
}

@Suite("Batch matching")
struct MatcherPropertyTests {
    func pairs(_ result: MatchResult) -> [String] {
        result.candidates.map { "\($0.buyer)-\($0.supplier)-\($0.score.score)-\($0.score.expectedValue)" }
    }

    @Test("the indexed search finds exactly the candidates of the naive scan", arguments: 0..<40)
    func indexEqualsNaiveScan(seed: UInt64) {
        let population = randomFixture(seed: seed).population()
        var configuration = MatchConfiguration()
        // Vary the threshold so that different CIIU levels fall in and out of the index.
        configuration.minimumScore = [20, 30, 40, 50][Int(seed % 4)]
        var naive = MatchOptions()
        naive.useIndex = false
        naive.limitPerBuyer = 0
        var indexed = naive
        indexed.useIndex = true
        let slow = Matcher(population: population, configuration: configuration, options: naive).run()
        let fast = Matcher(population: population, configuration: configuration, options: indexed).run()
        #expect(pairs(fast) == pairs(slow))
        #expect(fast.buyersWithout == slow.buyersWithout)
        #expect(fast.suppliersWithout == slow.suppliersWithout)
        #expect(fast.pairsScored <= slow.pairsScored)
        #expect(slow.pairsScored == slow.pairsTotal)
    }

    @Test("the index skips pairs on a population with several sectors")
    func indexSkipsHopelessPairs() {
        let population = randomFixture(seed: 7, buyers: 60, suppliers: 200).population()
        let result = Matcher(population: population, configuration: MatchConfiguration()).run()
        #expect(result.pairsScored < result.pairsTotal)
        #expect(result.candidatesFound > 0)
    }

    @Test("the same population gives the same candidates whatever the thread count", arguments: [1, 2, 5])
    func deterministic(threads: Int) {
        let population = randomFixture(seed: 99).population()
        var options = MatchOptions()
        options.threads = threads
        let reference = Matcher(population: population, configuration: MatchConfiguration()).run()
        let again = Matcher(
            population: randomFixture(seed: 99).population(), configuration: MatchConfiguration(),
            options: options
        ).run()
        #expect(pairs(again) == pairs(reference))
        #expect(again.nearestMisses == reference.nearestMisses)
    }

    @Test("limits keep each buyer's best K, each supplier's best L and every must-meet pair, and nothing else")
    func limitsPerSide() {
        let population = randomFixture(seed: 3, buyers: 30, suppliers: 120).population()
        var unlimited = MatchOptions()
        unlimited.limitPerBuyer = 0
        let all = Matcher(population: population, configuration: MatchConfiguration(), options: unlimited).run()
        var limited = MatchOptions()
        limited.limitPerBuyer = 3
        limited.limitPerSupplier = 1
        let kept = Matcher(population: population, configuration: MatchConfiguration(), options: limited).run()
        #expect(kept.candidates.count < all.candidates.count)
        func withinLimits(_ candidate: MatchCandidate) -> Bool {
            candidate.rankForBuyer <= 3 || candidate.rankForSupplier <= 1 || candidate.admission != .score
        }
        #expect(kept.candidates.allSatisfy(withinLimits))
        #expect(kept.candidates.contains { $0.admission != .score && $0.rankForBuyer > 3 && $0.rankForSupplier > 1 })
        let expected = all.candidates.filter(withinLimits)
        #expect(
            pairs(kept)
                == pairs(
                    MatchResult(
                        candidates: expected, candidatesFound: 0, pairsScored: 0, pairsTotal: 0, buyersWithout: [],
                        suppliersWithout: [], nearestMisses: [])))
        // Ranks are 1..n without gaps on the buyer side.
        for buyer in Set(all.candidates.map(\.buyer)) {
            let ranks = all.candidates.filter { $0.buyer == buyer }.map(\.rankForBuyer).sorted()
            #expect(ranks == Array(1...ranks.count))
        }
    }

    @Test("a participant with no candidate gets nearest misses naming the filter that stopped them")
    func nearestMissesNameFilters() throws {
        var fixture = MatchFixture()
        var demand = coffeeDemand
        demand.requiredCertifications = ["haccp"]
        let buyer = fixture.buyer(demands: [demand])
        fixture.supplier(offers: [coffeeOffer])
        fixture.supplier(offers: [Offer(ciiu: ["1311"], products: "hilos")])
        let population = fixture.population()
        let result = Matcher(population: population, configuration: MatchConfiguration()).run()
        #expect(result.candidates.isEmpty)
        #expect(result.buyersWithout == [try #require(population.buyer(buyer))])
        let first = try #require(result.nearestMisses.first { $0.side == .buyer })
        #expect(first.rank == 1)
        #expect(first.filters == [.missingCertification])
        #expect(population.suppliers[first.counterpart].profile.nit == fixture.participants[1].nit)
    }
}

@Suite("Determinism")
struct DeterminismTests {
    @Test("the input order of participants and requests does not change a single bit of the result")
    func inputOrderDoesNotMatter() {
        let fixture = randomFixture(seed: 21, buyers: 40, suppliers: 100)
        var reversed = fixture
        reversed.participants.reverse()
        reversed.requests.reverse()
        let forward = Matcher(population: fixture.population(), configuration: MatchConfiguration()).run()
        let backward = Matcher(population: reversed.population(), configuration: MatchConfiguration()).run()
        #expect(forward.candidates == backward.candidates)
        #expect(forward.nearestMisses == backward.nearestMisses)
    }
}

@Suite("Sector fast path")
struct SectorFastPathTests {
    @Test("the batch run's sector value equals the explained sector affinity on every pair", arguments: 0..<5)
    func fastPathMatchesExplanation(seed: UInt64) {
        let scorer = PairScorer(population: randomFixture(seed: seed).population(), configuration: MatchConfiguration())
        let population = scorer.population
        for buyer in population.buyers.indices {
            for (demandIndex, demand) in population.buyers[buyer].demands.enumerated() {
                for supplier in population.suppliers {
                    for offer in supplier.offers {
                        let fast = scorer.sectorValue(buyer: buyer, demand: demand, offer: offer)
                        let explained = scorer.sectorAffinity(buyer: buyer, demand: demandIndex, offer: offer)
                        #expect(fast == explained.value)
                        #expect((explained.match == nil) == (fast == 0))
                    }
                }
            }
        }
    }
}
