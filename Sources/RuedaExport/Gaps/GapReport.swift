import RuedaCore

/// One pair that would become a candidate if the supplier closed one gap, named for people.
public struct GapRecord: Sendable, Hashable, Codable {
    public var event: String
    public var buyer: NIT
    public var buyerName: String
    public var supplier: NIT
    public var supplierName: String
    /// The requirement's code (`certification`, `department`, `capacity`, `export-experience`, `sector`, `size`).
    public var requirement: String
    /// The requirement in words.
    public var requirementLabel: String
    /// What closing it takes.
    public var change: String
    public var score: Double
    public var scoreIfClosed: Double
    public var expectedCOP: Int64

    public init(
        event: String, buyer: NIT, buyerName: String, supplier: NIT, supplierName: String, requirement: String,
        requirementLabel: String, change: String, score: Double, scoreIfClosed: Double, expectedCOP: Int64
    ) {
        self.event = event
        self.buyer = buyer
        self.buyerName = buyerName
        self.supplier = supplier
        self.supplierName = supplierName
        self.requirement = requirement
        self.requirementLabel = requirementLabel
        self.change = change
        self.score = score
        self.scoreIfClosed = scoreIfClosed
        self.expectedCOP = expectedCOP
    }
}

/// The supplier gap report ("cerrar brechas"): per requirement, per buyer and per supplier, what keeps suppliers
/// out of buyers' demand and what closing it would be worth.
public struct GapReport: Sendable, Hashable, Codable {
    /// One requirement across the report.
    public struct Requirement: Sendable, Hashable, Codable {
        public var requirement: String
        public var label: String
        /// Distinct suppliers that fall short, and distinct buyers whose demand they fall short of.
        public var suppliers: Int
        public var buyers: Int
        public var pairs: Int
        /// What those pairs would be worth with the gap closed (saturating sum).
        public var expectedCOP: Int64
    }

    /// A supplier that nearly meets a buyer's demand, and what it lacks.
    public struct Nearest: Sendable, Hashable, Codable {
        public var supplier: NIT
        public var supplierName: String
        public var lacks: String
        public var scoreIfClosed: Double
        public var expectedCOP: Int64
    }

    /// A buyer's demand that suppliers nearly meet.
    public struct Buyer: Sendable, Hashable, Codable {
        public var event: String
        public var buyer: NIT
        public var name: String
        /// Suppliers one change away, and what those pairs would be worth.
        public var suppliersNear: Int
        public var expectedCOP: Int64
        /// The nearest, best first.
        public var nearest: [Nearest]
    }

    /// The one change that would open the most demand to a supplier.
    public struct Supplier: Sendable, Hashable, Codable {
        public var supplier: NIT
        public var name: String
        public var requirement: String
        public var label: String
        public var change: String
        /// Buyers (across rounds) that change opens, and what those pairs would be worth.
        public var buyers: Int
        public var expectedCOP: Int64
        /// Other changes that would open some demand.
        public var otherChanges: Int
    }

    public var format = "rueda.gap-report/1"
    public var events: [String]
    public var minimumScore: Double
    public var requirements: [Requirement]
    public var buyers: [Buyer]
    public var suppliers: [Supplier]

    /// Aggregates gap records: requirements by value, buyers by value with their `nearest` best suppliers, and
    /// each supplier's best single change (most value, then most buyers, then its code and change).
    public init(events: [String], minimumScore: Double, records: [GapRecord], nearest: Int = 3) {
        self.events = events
        self.minimumScore = minimumScore
        var byRequirement: [String: (label: String, suppliers: Set<NIT>, buyers: Set<NIT>, pairs: Int, value: Int64)] =
            [:]
        for record in records {
            var entry = byRequirement[record.requirement] ?? (record.requirementLabel, [], [], 0, 0)
            entry.suppliers.insert(record.supplier)
            entry.buyers.insert(record.buyer)
            entry.pairs += 1
            entry.value = entry.value.addingSaturating(record.expectedCOP)
            byRequirement[record.requirement] = entry
        }
        requirements = byRequirement.map {
            Requirement(
                requirement: $0.key, label: $0.value.label, suppliers: $0.value.suppliers.count,
                buyers: $0.value.buyers.count, pairs: $0.value.pairs, expectedCOP: $0.value.value)
        }.sorted { ($1.expectedCOP, $0.requirement) < ($0.expectedCOP, $1.requirement) }

        // Per buyer: the best gap of each supplier (highest score once closed), nearest first.
        var perBuyer: [[String]: [NIT: GapRecord]] = [:]
        for record in records {
            let key = [record.event, record.buyer.base]
            if let current = perBuyer[key]?[record.supplier], Self.better(current, than: record) { continue }
            perBuyer[key, default: [:]][record.supplier] = record
        }
        buyers = perBuyer.compactMap { key, bySupplier -> Buyer? in
            let best = bySupplier.values.sorted { Self.better($0, than: $1) }
            guard let first = best.first else { return nil }
            return Buyer(
                event: key[0], buyer: first.buyer, name: first.buyerName, suppliersNear: best.count,
                expectedCOP: best.saturatingSum(\.expectedCOP),
                nearest: best.prefix(nearest).map {
                    Nearest(
                        supplier: $0.supplier, supplierName: $0.supplierName, lacks: Self.lacks($0),
                        scoreIfClosed: $0.scoreIfClosed, expectedCOP: $0.expectedCOP)
                })
        }.sorted { ($1.expectedCOP, $0.event, $0.buyer.base) < ($0.expectedCOP, $1.event, $1.buyer.base) }

        // Per supplier: group by change, count distinct buyers (a buyer in two rounds counts once per round).
        var perSupplier: [NIT: [[String]: (name: String, label: String, buyers: Set<[String]>, value: Int64)]] = [:]
        for record in records {
            let change = [record.requirement, record.change]
            var entry = perSupplier[record.supplier]?[change] ?? (record.supplierName, record.requirementLabel, [], 0)
            entry.buyers.insert([record.event, record.buyer.base])
            entry.value = entry.value.addingSaturating(record.expectedCOP)
            perSupplier[record.supplier, default: [:]][change] = entry
        }
        suppliers = perSupplier.compactMap { supplier, changes -> Supplier? in
            let ranked = changes.sorted {
                ($1.value.value, $1.value.buyers.count, $0.key.joined(separator: "\u{1}"))
                    < ($0.value.value, $0.value.buyers.count, $1.key.joined(separator: "\u{1}"))
            }
            guard let (change, best) = ranked.first else { return nil }
            return Supplier(
                supplier: supplier, name: best.name, requirement: change[0], label: best.label, change: change[1],
                buyers: best.buyers.count, expectedCOP: best.value, otherChanges: ranked.count - 1)
        }.sorted { ($1.expectedCOP, $0.supplier.base) < ($0.expectedCOP, $1.supplier.base) }
    }

    static func better(_ lhs: GapRecord, than rhs: GapRecord) -> Bool {
        if lhs.scoreIfClosed != rhs.scoreIfClosed { return lhs.scoreIfClosed > rhs.scoreIfClosed }
        if lhs.expectedCOP != rhs.expectedCOP { return lhs.expectedCOP > rhs.expectedCOP }
        return (lhs.supplier.base, lhs.requirement, lhs.change) < (rhs.supplier.base, rhs.requirement, rhs.change)
    }

    static func lacks(_ record: GapRecord) -> String {
        switch record.requirement {
        case "certification": "certification \(record.change)"
        case "department": "located in department \(record.change)"
        case "sector": "CIIU class \(record.change)"
        case "size": "size \(record.change)"
        default: record.change
        }
    }
}
