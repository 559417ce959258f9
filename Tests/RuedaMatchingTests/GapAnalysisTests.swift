import RuedaCore
import Testing

@testable import RuedaMatching

@Suite("Supplier gaps")
struct GapAnalysisTests {
    /// The pair's expected value in a population where the supplier already closed the gap: the oracle.
    func expectedValue(_ fixture: MatchFixture, _ buyer: NIT, _ supplier: NIT) -> Int64? {
        fixture.verdict(buyer, supplier)?.score?.expectedValue
    }

    @Test("a missing required certification is a gap worth what the certified supplier's pair is worth")
    func certificationGap() throws {
        var demand = coffeeDemand
        demand.requiredCertifications = ["invima"]
        var without = MatchFixture()
        let buyer = without.buyer(demands: [demand])
        let supplier = without.supplier(offers: [coffeeOffer])
        var with = MatchFixture()
        with.buyer(demands: [demand], nit: buyer)
        with.supplier(certifications: ["invima"], offers: [coffeeOffer], nit: supplier)

        let analysis = GapAnalysis(scorer: without.scorer())
        let gaps = analysis.run()
        let gap = try #require(gaps.first { $0.requirement == .certification })
        #expect(gap.change == "invima")
        #expect(gap.expectedValue == expectedValue(with, buyer, supplier))
        #expect(gap.scoreIfClosed == with.verdict(buyer, supplier)?.score?.score)
    }

    @Test("a supplier outside the departments a demand is limited to has a department gap")
    func departmentGap() throws {
        var demand = coffeeDemand
        demand.preferredDepartments = ["05"]
        demand.departmentsRequired = true
        var elsewhere = MatchFixture()
        let buyer = elsewhere.buyer(demands: [demand])
        let supplier = elsewhere.supplier(department: "11", offers: [coffeeOffer])
        var moved = MatchFixture()
        moved.buyer(demands: [demand], nit: buyer)
        moved.supplier(department: "05", offers: [coffeeOffer], nit: supplier)
        let gaps = GapAnalysis(scorer: elsewhere.scorer()).run()
        let gap = try #require(gaps.first { $0.requirement == .department })
        #expect(gap.change == "05")
        #expect(gap.expectedValue == expectedValue(moved, buyer, supplier))
    }

    @Test("candidates, vetoed pairs and pairs without a common slot have no gaps")
    func noGapsWhereNoneCanClose() {
        var demand = coffeeDemand
        demand.requiredCertifications = ["invima"]
        var fixture = MatchFixture()
        let buyer = fixture.buyer(slots: [0, 1], demands: [demand])
        fixture.supplier(certifications: ["invima"], offers: [coffeeOffer])  // a candidate
        let vetoing = fixture.supplier(offers: [coffeeOffer])
        fixture.request(vetoing, buyer, .no)
        fixture.supplier(slots: [5], offers: [coffeeOffer])  // no common slot
        #expect(GapAnalysis(scorer: fixture.scorer()).run().isEmpty)
    }

    @Test("a pair far below the minimum that no single change lifts has no gap")
    func farPairsHaveNoGap() {
        var fixture = MatchFixture()
        fixture.buyer(demands: [coffeeDemand])
        fixture.supplier(offers: [buildingOffer])
        #expect(GapAnalysis(scorer: fixture.scorer()).run().isEmpty)
    }
}
