import RuedaCore

@testable import RuedaMatching

/// Builds small matching populations by hand.
struct MatchFixture {
    static let reference: ReferenceData = {
        do { return try ReferenceData.bundled() } catch { fatalError("bundled reference data: \(error)") }
    }()

    var companies: [NIT: Company] = [:]
    var participants: [Participant] = []
    var requests: [MeetingRequest] = []
    private var next = 900_000_000

    /// A fresh NIT with a valid check digit.
    mutating func nextNIT() -> NIT {
        next += 1
        do { return try NIT(base: String(next)) } catch { fatalError("\(error)") }
    }

    @discardableResult
    mutating func buyer(
        department: String = "11", size: CompanySize = .grande, activities: [String] = ["4711"],
        slots: [Int] = Array(0..<8), demands: [Demand], nit: NIT? = nil
    ) -> NIT {
        let nit = nit ?? nextNIT()
        if companies[nit] == nil {
            companies[nit] = Company(
                nit: nit, name: "Comprador \(nit.base)", departmentCode: department, size: size, activities: activities)
        }
        participants.append(
            Participant(nit: nit, role: .buyer, availableSlots: slots, maxMeetings: 8, demands: demands))
        return nit
    }

    @discardableResult
    mutating func supplier(
        department: String = "11", size: CompanySize = .pequena, certifications: [String] = [],
        slots: [Int] = Array(0..<8), offers: [Offer], nit: NIT? = nil
    ) -> NIT {
        let nit = nit ?? nextNIT()
        if companies[nit] == nil {
            companies[nit] = Company(
                nit: nit, name: "Proveedor \(nit.base)", departmentCode: department, size: size,
                activities: offers.flatMap(\.ciiu), certifications: certifications)
        }
        participants.append(
            Participant(nit: nit, role: .supplier, availableSlots: slots, maxMeetings: 8, offers: offers))
        return nit
    }

    mutating func request(_ from: NIT, _ to: NIT, _ level: InterestLevel) {
        requests.append(MeetingRequest(from: from, to: to, level: level))
    }

    func population() -> MatchPopulation {
        MatchPopulation(
            participants: participants, companies: companies, requests: requests, reference: Self.reference)
    }

    func scorer(_ configuration: MatchConfiguration = MatchConfiguration()) -> PairScorer {
        PairScorer(population: population(), configuration: configuration)
    }

    /// The verdict on a pair by NIT.
    func verdict(
        _ buyer: NIT, _ supplier: NIT, _ configuration: MatchConfiguration = MatchConfiguration()
    )
        -> PairVerdict?
    {
        let scorer = scorer(configuration)
        guard let b = scorer.population.buyer(buyer), let s = scorer.population.supplier(supplier) else { return nil }
        return scorer.evaluate(buyer: b, supplier: s)
    }
}

/// A food buyer's demand for roasted coffee.
let coffeeDemand = Demand(ciiu: ["1061"], keywords: "café tostado", budget: COP(10_000_000), quantity: 500)
/// A coffee roaster's offer.
let coffeeOffer = Offer(
    ciiu: ["1061"], products: "cafés tostados y molidos", capacity: 800, priceMin: COP(15_000), priceMax: COP(25_000))
