/// An inverted index from CIIU codes, product terms and stated interest to suppliers, so that a batch run scores
/// only the pairs that can reach the minimum score.
///
/// A pair the index skips shares no product term, has no positive request, and has a sector affinity too low to
/// reach `minimumScore` even with a perfect requirements fit:
/// `100 × (w_sector × affinity + w_requirements + w_interest × interest.none) / Σw < minimumScore`.
/// Such a pair cannot be a candidate, so the indexed search finds exactly the pairs the naive scan finds.
struct CandidateIndex: Sendable {
    private let bySector: [Int32: [Int32]]
    private let byTerm: [[Int32]]
    private let byInterest: [Int: [Int32]]
    /// When every pair that passes the filters could reach the minimum, the index cannot skip anything.
    let coversEverything: Bool
    private let scorer: PairScorer

    init(scorer: PairScorer) {
        self.scorer = scorer
        let population = scorer.population
        var bySector: [Int32: [Int32]] = [:]
        var byTerm = [[Int32]](repeating: [], count: population.vocabulary.words.count)
        for (index, supplier) in population.suppliers.enumerated() {
            let id = Int32(index)
            var codes = Set<Int32>()
            var terms = Set<Int32>()
            for offer in supplier.offers {
                for node in offer.classes {
                    for depth in 0...node.depth { codes.insert(node.id(atDepth: depth)) }
                }
                terms.formUnion(offer.vector.terms)
            }
            for code in codes { bySector[code, default: []].append(id) }
            for term in terms { byTerm[Int(term)].append(id) }
        }
        var byInterest: [Int: [Int32]] = [:]
        let supplierCount = max(population.suppliers.count, 1)
        for (key, interest) in population.interest where interest.isPositive {
            byInterest[key / supplierCount, default: []].append(Int32(key % supplierCount))
        }
        self.bySector = bySector
        self.byTerm = byTerm
        self.byInterest = byInterest
        self.coversEverything = Self.canReachMinimum(affinity: 0, configuration: scorer.configuration)
    }

    /// Whether a pair with this sector affinity, no shared term and no request could still reach the minimum.
    static func canReachMinimum(affinity: Double, configuration: MatchConfiguration) -> Bool {
        let weights = configuration.weights
        let bound =
            weights.sector * affinity + weights.requirements + weights.interest * configuration.interest.none
        // The score is rounded to 0.001; keep a margin so rounding can never lift a skipped pair over the line.
        return 100 * bound / weights.total >= configuration.minimumScore - 0.01
    }

    /// Suppliers worth scoring against a buyer, sorted. `stamps` is scratch space, one entry per supplier.
    func suppliers(for buyer: Int, stamps: inout [Int32]) -> [Int32] {
        let population = scorer.population
        if coversEverything { return (0..<Int32(population.suppliers.count)).map { $0 } }
        let configuration = scorer.configuration
        let mark = Int32(buyer + 1)
        var found: [Int32] = []
        func take(_ list: [Int32]?) {
            guard let list else { return }
            for supplier in list where stamps[Int(supplier)] != mark {
                stamps[Int(supplier)] = mark
                found.append(supplier)
            }
        }
        for target in scorer.complements[buyer]
        where Self.canReachMinimum(affinity: target.affinity, configuration: configuration) {
            take(bySector[target.node.id])
        }
        for demand in population.buyers[buyer].demands {
            for code in demand.codes {
                for depth in 0...code.depth {
                    let affinity = depth == code.depth ? 1 : scorer.levelAffinity(depth)
                    if Self.canReachMinimum(affinity: affinity, configuration: configuration) {
                        take(bySector[code.id(atDepth: depth)])
                    }
                }
            }
            for term in demand.vector.terms { take(byTerm[Int(term)]) }
        }
        take(byInterest[buyer])
        found.sort()
        return found
    }
}
