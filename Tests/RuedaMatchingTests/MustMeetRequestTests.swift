import RuedaCore
import Testing

@testable import RuedaMatching

/// A builder's offer, which shares nothing with a coffee demand.
let buildingOffer = Offer(
    ciiu: ["4111"], products: "construcción de edificios residenciales", capacity: 3, priceMin: COP(90_000_000),
    priceMax: COP(120_000_000))

@Suite("Must-meet requests")
struct MustMeetRequestTests {
    @Test("a must-meet request keeps a pair scoring below the minimum; a would-like request does not")
    func mustBeatsTheMinimum() throws {
        var fixture = MatchFixture()
        let buyer = fixture.buyer(demands: [coffeeDemand])
        let wanted = fixture.supplier(offers: [buildingOffer])
        let liked = fixture.supplier(offers: [buildingOffer])
        fixture.request(buyer, wanted, .must)
        fixture.request(buyer, liked, .like)
        guard case .requested(let score, let filter) = fixture.verdict(buyer, wanted) else {
            Issue.record("a must-meet pair must be a candidate")
            return
        }
        #expect(score.score < MatchConfiguration().minimumScore)
        #expect(filter == nil)
        guard case .belowThreshold = fixture.verdict(buyer, liked) else {
            Issue.record("a would-like request does not lift a pair over the minimum")
            return
        }
    }

    @Test("a must-meet request overrides a demand filter and names it, unless the configuration lets filters win")
    func mustOverridesDemandFilters() {
        var demand = coffeeDemand
        demand.requiredCertifications = ["invima"]
        var fixture = MatchFixture()
        let buyer = fixture.buyer(demands: [demand])
        let supplier = fixture.supplier(offers: [coffeeOffer])
        fixture.request(supplier, buyer, .must)
        #expect(fixture.verdict(buyer, supplier)?.isCandidate == true)
        if case .requested(_, let filter) = fixture.verdict(buyer, supplier) {
            #expect(filter == .missingCertification)
        } else {
            Issue.record("expected a candidate by request")
        }
        var strict = MatchConfiguration()
        strict.filtersWinOverMustMeet = true
        #expect(fixture.verdict(buyer, supplier, strict) == .filtered(.missingCertification))
    }

    @Test("a must-meet request never overrides the other side's veto or the lack of a common slot")
    func vetoAndSlotsStillStop() {
        var fixture = MatchFixture()
        let buyer = fixture.buyer(slots: [0, 1], demands: [coffeeDemand])
        let vetoing = fixture.supplier(offers: [coffeeOffer])
        let elsewhere = fixture.supplier(slots: [5], offers: [coffeeOffer])
        fixture.request(buyer, vetoing, .must)
        fixture.request(vetoing, buyer, .no)
        fixture.request(buyer, elsewhere, .must)
        #expect(fixture.verdict(buyer, vetoing) == .filtered(.veto))
        #expect(fixture.verdict(buyer, elsewhere) == .filtered(.noCommonSlot))
    }

    @Test("a run gives every request its fate, and keeps must-meet pairs beyond both sides' limits")
    func runListsEveryRequestsFate() throws {
        var demand = coffeeDemand
        demand.requiredCertifications = ["invima"]
        var fixture = MatchFixture()
        let buyer = fixture.buyer(slots: [0, 1], demands: [coffeeDemand])
        let certified = fixture.buyer(demands: [demand])
        let best = fixture.supplier(offers: [coffeeOffer])
        let second = fixture.supplier(offers: [coffeeOffer])
        let builder = fixture.supplier(offers: [buildingOffer])
        let late = fixture.supplier(slots: [6], offers: [coffeeOffer])
        let mason = fixture.supplier(offers: [buildingOffer])
        fixture.request(buyer, best, .like)  // candidate
        fixture.request(second, buyer, .like)  // found, but beyond the limits
        fixture.request(buyer, builder, .must)  // below the minimum, kept by the request
        fixture.request(builder, buyer, .no)  // … unless the supplier vetoes it
        fixture.request(late, buyer, .must)  // no common slot
        fixture.request(second, certified, .must)  // over the certification filter
        fixture.request(certified, builder, .like)  // stopped by the certification filter
        fixture.request(mason, buyer, .like)  // below the minimum
        var options = MatchOptions()
        (options.limitPerBuyer, options.limitPerSupplier) = (1, 1)
        let population = fixture.population()
        let result = Matcher(population: population, configuration: MatchConfiguration(), options: options).run()
        func index(_ nit: NIT) -> Int { population.buyer(nit) ?? population.supplier(nit) ?? -1 }
        let fates = Dictionary(
            result.requests.map { ("\($0.buyer)-\($0.supplier)-\($0.requestedBy.rawValue)", $0) },
            uniquingKeysWith: { a, _ in a })
        func fate(_ b: NIT, _ s: NIT, _ side: NearestMiss.Side) -> RequestFate? {
            fates["\(index(b))-\(index(s))-\(side.rawValue)"]
        }
        #expect(result.requests.count == 7, "the supplier's veto is not a request to meet")
        #expect(fate(buyer, best, .buyer)?.outcome == .candidate)
        #expect(fate(buyer, second, .supplier)?.outcome == .cutByLimit)
        #expect(fate(buyer, builder, .buyer)?.outcome == .vetoed)
        #expect(fate(buyer, late, .supplier)?.outcome == .filtered)
        #expect(fate(buyer, late, .supplier)?.filter == .noCommonSlot)
        #expect(fate(certified, second, .supplier)?.outcome == .candidate)
        #expect(fate(certified, second, .supplier)?.filter == .missingCertification)
        #expect(fate(certified, builder, .buyer)?.outcome == .filtered)
        #expect(fate(certified, builder, .buyer)?.filter == .missingCertification)
        #expect(fate(buyer, mason, .supplier)?.outcome == .belowMinimum)
        let kept = result.candidates.first { $0.buyer == index(certified) && $0.supplier == index(second) }
        #expect(kept?.admission == .mustMeet(overriding: .missingCertification))
    }

    @Test("a must-meet pair that scores well is kept beyond both sides' limits too")
    func wellScoringMustIsKept() throws {
        var fixture = MatchFixture()
        let buyer = fixture.buyer(demands: [coffeeDemand])
        let first = fixture.supplier(offers: [coffeeOffer])
        let asked = fixture.supplier(offers: [coffeeOffer])
        let other = fixture.buyer(demands: [coffeeDemand])
        // Mutual must-meets rank first on both sides: `buyer` prefers `first`, `asked` prefers `other`.
        fixture.request(buyer, first, .must)
        fixture.request(first, buyer, .must)
        fixture.request(other, asked, .must)
        fixture.request(asked, other, .must)
        fixture.request(buyer, asked, .must)  // one-sided: beyond both sides' limit of 1
        var options = MatchOptions()
        (options.limitPerBuyer, options.limitPerSupplier) = (1, 1)
        let population = fixture.population()
        let result = Matcher(population: population, configuration: MatchConfiguration(), options: options).run()
        let (b, s) = (try #require(population.buyer(buyer)), try #require(population.supplier(asked)))
        let kept = try #require(result.candidates.first { $0.buyer == b && $0.supplier == s })
        #expect(kept.score.score >= MatchConfiguration().minimumScore)
        #expect(kept.rankForBuyer == 2 && kept.rankForSupplier == 2)
        #expect(kept.admission == .mustMeet(overriding: nil))
        #expect(result.requests.first { $0.buyer == b && $0.supplier == s }?.outcome == .candidate)
    }
}
