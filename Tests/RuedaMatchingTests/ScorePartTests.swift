import RuedaCore
import Testing

@testable import RuedaMatching

@Suite("Score parts")
struct ScorePartTests {
    /// The score parts of one buyer–supplier pair built from a demand and an offer.
    func parts(
        _ demand: Demand, _ offer: Offer, buyerDepartment: String = "11", supplierDepartment: String = "11",
        buyerActivities: [String] = ["4711"], certifications: [String] = [], size: CompanySize = .pequena,
        configuration: MatchConfiguration = MatchConfiguration()
    ) -> PairScore? {
        var fixture = MatchFixture()
        let buyer = fixture.buyer(department: buyerDepartment, activities: buyerActivities, demands: [demand])
        let supplier = fixture.supplier(
            department: supplierDepartment, size: size, certifications: certifications, offers: [offer])
        let scorer = fixture.scorer(configuration)
        guard let b = scorer.population.buyer(buyer), let s = scorer.population.supplier(supplier) else { return nil }
        return scorer.scoreIgnoringFilters(buyer: b, supplier: s)
    }

    @Test("sector affinity falls from same class to group, division and section, and is zero across sections")
    func sectorHierarchy() {
        let demand = Demand(ciiu: ["1061"])
        let config = MatchConfiguration()
        #expect(parts(demand, Offer(ciiu: ["1061"]))?.sector == 1)
        #expect(parts(demand, Offer(ciiu: ["1062"]))?.sector == config.affinity.group)
        #expect(parts(demand, Offer(ciiu: ["1011"]))?.sector == config.affinity.division)
        #expect(parts(demand, Offer(ciiu: ["1311"]))?.sector == config.affinity.section)
        #expect(parts(demand, Offer(ciiu: ["0111"]))?.sector == 0)
    }

    @Test("a demand naming a group or division covers every class in it")
    func demandNamesGroup() {
        #expect(parts(Demand(ciiu: ["106"]), Offer(ciiu: ["1062"]))?.sector == 1)
        #expect(parts(Demand(ciiu: ["10"]), Offer(ciiu: ["1011"]))?.sector == 1)
        #expect(parts(Demand(ciiu: ["106"]), Offer(ciiu: ["1071"]))?.sector == MatchConfiguration().affinity.division)
    }

    @Test("a complementary sector scores for the buyer's sector: packaging for a food processor")
    func complementarySector() {
        let demand = Demand(ciiu: ["1061"])
        let packaging = Offer(ciiu: ["1702"])
        let processor = parts(demand, packaging, buyerActivities: ["1061"])?.sector ?? 0
        let retailer = parts(Demand(ciiu: ["6201"]), packaging, buyerActivities: ["6201"])?.sector ?? 0
        #expect(processor == 0.75)
        #expect(retailer == 0)
        var without = MatchConfiguration()
        without.complementarySectors = []
        let sameSection = MatchConfiguration().affinity.section
        #expect(parts(demand, packaging, buyerActivities: ["1061"], configuration: without)?.sector == sameSection)
    }

    @Test("product fit finds 'café tostado' in 'cafés tostados y molidos' and nothing in unrelated products")
    func productFit() {
        let fit = parts(coffeeDemand, coffeeOffer)?.product ?? 0
        #expect(fit > 0.6)
        let unrelated = Offer(ciiu: ["1061"], products: "panela orgánica")
        #expect(parts(coffeeDemand, unrelated)?.product == 0)
    }

    @Test("location scores same department over same region over elsewhere")
    func locationProximity() {
        let demand = Demand(ciiu: ["1061"])
        let offer = Offer(ciiu: ["1061"])
        // Bogotá (11) and Cundinamarca (25) are both Andina; Atlántico (08) is Caribe.
        let same = parts(demand, offer, supplierDepartment: "11")?.requirements ?? 0
        let region = parts(demand, offer, supplierDepartment: "25")?.requirements ?? 0
        let elsewhere = parts(demand, offer, supplierDepartment: "08")?.requirements ?? 0
        #expect(same > region)
        #expect(region > elsewhere)
    }

    @Test("preferred certifications, capacity, size and export experience each move the requirements fit")
    func requirementParts() {
        var demand = Demand(ciiu: ["1061"], preferredCertifications: ["invima", "bpm"], quantity: 1_000)
        let offer = Offer(ciiu: ["1061"], capacity: 500)
        let none = parts(demand, offer)?.requirements ?? 0
        let both = parts(demand, offer, certifications: ["invima", "bpm"])?.requirements ?? 0
        #expect(both > none)
        let bigOffer = Offer(ciiu: ["1061"], capacity: 2_000)
        #expect((parts(demand, bigOffer)?.requirements ?? 0) > none)

        demand = Demand(ciiu: ["1061"], preferredSizes: [.grande])
        #expect((parts(demand, offer, size: .grande)?.requirements ?? 0) > (parts(demand, offer)?.requirements ?? 0))

        demand = Demand(ciiu: ["1061"], requiresExportExperience: true)
        var exporter = offer
        exporter.exportExperience = true
        #expect((parts(demand, exporter)?.requirements ?? 0) > (parts(demand, offer)?.requirements ?? 0))
    }

    @Test("stated interest raises the score, mutual interest most")
    func statedInterest() throws {
        func score(_ requests: [(fromBuyer: Bool, InterestLevel)]) -> Double {
            var fixture = MatchFixture()
            let buyer = fixture.buyer(demands: [Demand(ciiu: ["1061"])])
            let supplier = fixture.supplier(offers: [Offer(ciiu: ["1062"])])
            for (fromBuyer, level) in requests {
                fixture.request(fromBuyer ? buyer : supplier, fromBuyer ? supplier : buyer, level)
            }
            return fixture.verdict(buyer, supplier)?.score?.score ?? -1
        }
        let none = score([])
        let like = score([(true, .like)])
        let must = score([(false, .must)])
        let mutual = score([(true, .must), (false, .like)])
        #expect(none < like)
        #expect(like < must)
        #expect(must < mutual)
    }

    @Test("the default weights rank an obviously good pair above an obviously weak one")
    func defaultsRankGoodAboveWeak() throws {
        var fixture = MatchFixture()
        let buyer = fixture.buyer(demands: [coffeeDemand])
        let good = fixture.supplier(certifications: ["invima"], offers: [coffeeOffer])
        let weak = fixture.supplier(
            department: "91", offers: [Offer(ciiu: ["1311"], products: "hilos de algodón", capacity: 10)])
        fixture.request(good, buyer, .like)
        let goodScore = try #require(fixture.verdict(buyer, good)?.score)
        // The weak pair passes every filter; it only scores low.
        guard case .belowThreshold(let weakScore) = fixture.verdict(buyer, weak) else {
            Issue.record("the weak pair should score below the minimum")
            return
        }
        #expect(goodScore.score > 60)
        #expect(goodScore.score > weakScore.score + 30)
        #expect(goodScore.expectedValue > weakScore.expectedValue)
    }
}
