import RuedaCore

/// Lists of plain values laid end to end, with the start of each list: list `i` is `elements[range(i)]`.
struct FlatLists<Element: Sendable>: Sendable {
    private(set) var elements: [Element] = []
    private var starts: [Int] = [0]

    init() {}

    init<Lists: Sequence>(_ lists: Lists) where Lists.Element: Sequence, Lists.Element.Element == Element {
        for list in lists { append(list) }
    }

    mutating func append<List: Sequence>(_ list: List) where List.Element == Element {
        elements.append(contentsOf: list)
        starts.append(elements.count)
    }

    /// The positions in `elements` of list `index`.
    func range(_ index: Int) -> Range<Int> { starts[index]..<starts[index + 1] }
}

extension FlatLists where Element == Int {
    /// Lists of consecutive numbers from 0: list `i` holds the next `counts[i]` of them (each company's demands or
    /// offers, numbered across the population).
    init(consecutive counts: [Int]) {
        self.init()
        var next = 0
        for count in counts {
            append(next..<next + count)
            next += count
        }
    }
}

extension FlatLists where Element: Equatable {
    /// Whether list `index` holds `value`.
    func list(_ index: Int, contains value: Element) -> Bool {
        for position in range(index) where elements[position] == value { return true }
        return false
    }
}

/// A term of a TF-IDF vector: its id and weight.
struct WeightedTerm: Sendable {
    let id: Int32
    let weight: Double
}

/// What a buyer and one supplier said about meeting each other.
struct StatedInterest: Sendable {
    let supplier: Int32
    let interest: PairInterest
}

/// The population as flat arrays of plain numbers, for the batch run's hot path.
///
/// Scoring a pair from ``MatchBuyer`` and ``MatchSupplier`` copies structs whose strings, sets and arrays each cost
/// a retain and a release: at directory scale (half a billion pairs) that was a third of the run. Here a pair reads
/// integers from ranges of arrays. Demands and offers are numbered across the whole population (`buyerDemands` and
/// `supplierOffers` give each company's); strings become ids, sets become short lists. The tests check that the
/// verdicts are those of the profiles on random populations.
struct ScoringTable: Sendable {
    // Companies, by buyer or supplier index.
    let buyerCompany: [Int32]
    let supplierCompany: [Int32]
    let buyerDepartment: [Int32]
    let buyerRegion: [Int32]
    let supplierDepartment: [Int32]
    let supplierRegion: [Int32]
    /// The ids of the empty department and region ("" when a company has none); -1 when no company lacks one.
    let emptyDepartment: Int32
    let emptyRegion: Int32
    let supplierSize: [CompanySize?]
    let supplierCertifications: FlatLists<Int32>
    let buyerSlots: FlatLists<UInt64>
    let supplierSlots: FlatLists<UInt64>
    let buyerDemands: FlatLists<Int>
    let supplierOffers: FlatLists<Int>
    let complements: FlatLists<PairScorer.ComplementTarget>
    /// Each buyer's stated interest, by supplier, sorted by supplier: a few entries where a hash lookup per pair
    /// cost more than the rest of the filters.
    let stated: FlatLists<StatedInterest>

    // Demands, numbered across all buyers.
    let demandPosition: [Int]
    let demandCodes: FlatLists<CIIUNode>
    let demandTerms: FlatLists<WeightedTerm>
    let demandRequired: FlatLists<Int32>
    let demandPreferred: FlatLists<Int32>
    let demandDepartments: FlatLists<Int32>
    let demandDepartmentsRequired: [Bool]
    let demandRegions: FlatLists<Int32>
    let demandSizes: FlatLists<CompanySize>
    let demandBudget: [Int64?]
    let demandQuantity: [Int?]
    let demandExport: [Bool]

    // Offers, numbered across all suppliers.
    let offerPosition: [Int]
    let offerClasses: FlatLists<CIIUNode>
    let offerTerms: FlatLists<WeightedTerm>
    let offerCapacity: [Int?]
    let offerPriceMin: [Int64?]
    let offerPriceMax: [Int64?]
    let offerExport: [Bool]

    init(population: MatchPopulation, complements: [[PairScorer.ComplementTarget]]) {
        var companies: [NIT: Int32] = [:]
        var departments: [String: Int32] = [:]
        var regions: [String: Int32] = [:]
        func id<Key: Hashable>(_ key: Key, in ids: inout [Key: Int32]) -> Int32 {
            if let id = ids[key] { return id }
            let id = Int32(ids.count)
            ids[key] = id
            return id
        }
        func terms(_ vector: TermVector) -> [WeightedTerm] {
            zip(vector.terms, vector.weights).map { WeightedTerm(id: $0, weight: $1) }
        }
        let buyers = population.buyers
        let suppliers = population.suppliers
        buyerCompany = buyers.map { id($0.profile.nit, in: &companies) }
        supplierCompany = suppliers.map { id($0.profile.nit, in: &companies) }
        buyerDepartment = buyers.map { id($0.profile.department, in: &departments) }
        buyerRegion = buyers.map { id($0.profile.region, in: &regions) }
        supplierDepartment = suppliers.map { id($0.profile.department, in: &departments) }
        supplierRegion = suppliers.map { id($0.profile.region, in: &regions) }
        emptyDepartment = departments[""] ?? -1
        emptyRegion = regions[""] ?? -1
        supplierSize = suppliers.map(\.profile.size)
        supplierCertifications = FlatLists(suppliers.map { $0.profile.certifications.sorted() })
        buyerSlots = FlatLists(buyers.map(\.profile.availability.words))
        supplierSlots = FlatLists(suppliers.map(\.profile.availability.words))
        self.complements = FlatLists(complements)
        var stated = [[StatedInterest]](repeating: [], count: buyers.count)
        let supplierCount = max(suppliers.count, 1)
        for key in population.interest.keys.sorted() {
            guard let interest = population.interest[key] else { continue }
            stated[key / supplierCount].append(StatedInterest(supplier: Int32(key % supplierCount), interest: interest))
        }
        self.stated = FlatLists(stated)

        let demands = buyers.flatMap(\.demands)
        buyerDemands = FlatLists(consecutive: buyers.map(\.demands.count))
        demandPosition = demands.map(\.position)
        demandCodes = FlatLists(demands.map(\.codes))
        demandTerms = FlatLists(demands.map { terms($0.vector) })
        demandRequired = FlatLists(demands.map(\.required))
        demandPreferred = FlatLists(demands.map(\.preferred))
        demandDepartments = FlatLists(
            demands.map { $0.demand.preferredDepartments.map { id($0, in: &departments) } })
        demandDepartmentsRequired = demands.map(\.demand.departmentsRequired)
        // A region no company is in can never be equal to one: its id is past every company's.
        demandRegions = FlatLists(demands.map { $0.preferredRegions.sorted().map { id($0, in: &regions) } })
        demandSizes = FlatLists(demands.map(\.demand.preferredSizes))
        demandBudget = demands.map(\.demand.budget?.pesos)
        demandQuantity = demands.map(\.demand.quantity)
        demandExport = demands.map(\.demand.requiresExportExperience)

        let offers = suppliers.flatMap(\.offers)
        supplierOffers = FlatLists(consecutive: suppliers.map(\.offers.count))
        offerPosition = offers.map(\.position)
        offerClasses = FlatLists(offers.map(\.classes))
        offerTerms = FlatLists(offers.map { terms($0.vector) })
        offerCapacity = offers.map(\.offer.capacity)
        offerPriceMin = offers.map(\.offer.priceMin?.pesos)
        offerPriceMax = offers.map(\.offer.priceMax?.pesos)
        offerExport = offers.map(\.offer.exportExperience)
    }

    /// What both sides said about meeting each other (``MatchPopulation/interest(buyer:supplier:)``).
    func interest(buyer: Int, supplier: Int) -> PairInterest {
        for position in stated.range(buyer) where Int(stated.elements[position].supplier) >= supplier {
            let entry = stated.elements[position]
            return Int(entry.supplier) == supplier ? entry.interest : PairInterest()
        }
        return PairInterest()
    }

    /// Whether buyer and supplier share an available slot (``SlotSet/intersects(_:)`` on the flat words).
    func shareSlot(buyer: Int, supplier: Int) -> Bool {
        let mine = buyerSlots.range(buyer)
        let theirs = supplierSlots.range(supplier)
        for offset in 0..<min(mine.count, theirs.count)
        where buyerSlots.elements[mine.lowerBound + offset] & supplierSlots.elements[theirs.lowerBound + offset] != 0 {
            return true
        }
        return false
    }

    /// Cosine of a demand's and an offer's unit vectors (``TermVector/cosine(_:)``, in the same order of sums).
    func cosine(demand: Int, offer: Int) -> Double {
        let left = demandTerms.range(demand)
        let right = offerTerms.range(offer)
        var l = left.lowerBound
        var r = right.lowerBound
        var sum = 0.0
        while l < left.upperBound && r < right.upperBound {
            let a = demandTerms.elements[l]
            let b = offerTerms.elements[r]
            if a.id == b.id {
                sum += a.weight * b.weight
                l += 1
                r += 1
            } else if a.id < b.id {
                l += 1
            } else {
                r += 1
            }
        }
        return min(1, sum)
    }
}
