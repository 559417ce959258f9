import RuedaCore
import Testing

@testable import RuedaMatching

@Suite("Hard filters")
struct PairFilterTests {
    @Test("a good pair with no filter is a candidate")
    func goodPairIsCandidate() throws {
        var fixture = MatchFixture()
        let buyer = fixture.buyer(demands: [coffeeDemand])
        let supplier = fixture.supplier(offers: [coffeeOffer])
        #expect(fixture.verdict(buyer, supplier)?.isCandidate == true)
    }

    @Test("a veto from either side filters the pair", arguments: [true, false])
    func vetoFilters(fromBuyer: Bool) {
        var fixture = MatchFixture()
        let buyer = fixture.buyer(demands: [coffeeDemand])
        let supplier = fixture.supplier(offers: [coffeeOffer])
        fixture.request(fromBuyer ? buyer : supplier, fromBuyer ? supplier : buyer, .no)
        #expect(fixture.verdict(buyer, supplier) == .filtered(.veto))
    }

    @Test("a required certification the supplier lacks filters the pair; holding it passes")
    func requiredCertification() {
        var demand = coffeeDemand
        demand.requiredCertifications = ["invima"]
        var fixture = MatchFixture()
        let buyer = fixture.buyer(demands: [demand])
        let without = fixture.supplier(offers: [coffeeOffer])
        let with = fixture.supplier(certifications: ["invima"], offers: [coffeeOffer])
        #expect(fixture.verdict(buyer, without) == .filtered(.missingCertification))
        #expect(fixture.verdict(buyer, with)?.isCandidate == true)
    }

    @Test("a demand limited to departments filters suppliers elsewhere")
    func requiredDepartments() {
        var demand = coffeeDemand
        demand.preferredDepartments = ["05"]
        demand.departmentsRequired = true
        var fixture = MatchFixture()
        let buyer = fixture.buyer(demands: [demand])
        let bogota = fixture.supplier(department: "11", offers: [coffeeOffer])
        let antioquia = fixture.supplier(department: "05", offers: [coffeeOffer])
        #expect(fixture.verdict(buyer, bogota) == .filtered(.outsideRequiredDepartments))
        #expect(fixture.verdict(buyer, antioquia)?.isCandidate == true)
    }

    @Test("a company never matches itself")
    func sameCompany() {
        var fixture = MatchFixture()
        let nit = fixture.nextNIT()
        fixture.buyer(demands: [coffeeDemand], nit: nit)
        fixture.supplier(offers: [coffeeOffer], nit: nit)
        #expect(fixture.verdict(nit, nit) == .filtered(.sameCompany))
    }

    @Test("a pair with no common available slot is filtered")
    func noCommonSlot() {
        var fixture = MatchFixture()
        let buyer = fixture.buyer(slots: [0, 1, 2], demands: [coffeeDemand])
        let supplier = fixture.supplier(slots: [5, 6], offers: [coffeeOffer])
        let overlapping = fixture.supplier(slots: [2, 3], offers: [coffeeOffer])
        #expect(fixture.verdict(buyer, supplier) == .filtered(.noCommonSlot))
        #expect(fixture.verdict(buyer, overlapping)?.isCandidate == true)
    }

    @Test("a second demand without the filter keeps the pair a candidate")
    func anyDemandMayPass() {
        var strict = coffeeDemand
        strict.requiredCertifications = ["haccp"]
        var fixture = MatchFixture()
        let buyer = fixture.buyer(demands: [strict, coffeeDemand])
        let supplier = fixture.supplier(offers: [coffeeOffer])
        guard case .candidate(let score) = fixture.verdict(buyer, supplier) else {
            Issue.record("expected a candidate")
            return
        }
        #expect(score.demandPosition == 1)
    }
}
