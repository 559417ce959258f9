/// Scores buyer–supplier pairs of a population under one configuration. Pure and deterministic.
public struct PairScorer: Sendable {
    public let population: MatchPopulation
    public let configuration: MatchConfiguration
    /// Complementary-sector targets per buyer: supplier codes and the affinity a rule gives them.
    let complements: [[ComplementTarget]]
    /// The population as flat arrays, for ``evaluate(buyer:supplier:)``.
    let table: ScoringTable

    struct ComplementTarget: Sendable {
        let node: CIIUNode
        let affinity: Double
        let rule: Int
    }

    public init(population: MatchPopulation, configuration: MatchConfiguration) {
        self.population = population
        self.configuration = configuration
        complements = Self.complements(population: population, configuration: configuration)
        table = ScoringTable(population: population, complements: complements)
    }

    private static func complements(
        population: MatchPopulation, configuration: MatchConfiguration
    ) -> [[ComplementTarget]] {
        let hierarchy = population.hierarchy
        let rules = configuration.complementarySectors.enumerated().map { index, rule in
            (
                index: index, buyer: rule.buyer.compactMap(hierarchy.node),
                supplier: rule.supplier.compactMap(hierarchy.node), affinity: rule.affinity
            )
        }
        return population.buyers.map { buyer in
            var targets: [ComplementTarget] = []
            for rule in rules where rule.affinity > 0 {
                let applies = buyer.profile.activities.contains { code in rule.buyer.contains { $0.contains(code) } }
                guard applies else { continue }
                targets += rule.supplier.map { ComplementTarget(node: $0, affinity: rule.affinity, rule: rule.index) }
            }
            return targets
        }
    }

    /// The verdict on one pair read from the companies' profiles: what ``evaluate(buyer:supplier:)`` computes from
    /// the flat table, kept as the oracle of its tests.
    func evaluateFromProfiles(buyer: Int, supplier: Int) -> PairVerdict {
        if let filter = pairFilter(buyer: buyer, supplier: supplier) { return .filtered(filter) }
        let requested = population.interest(buyer: buyer, supplier: supplier).hasMust
        guard let best = bestCombination(buyer: buyer, supplier: supplier, ignoringFilters: false) else {
            let filter = firstDemandFilter(buyer: buyer, supplier: supplier) ?? .missingCertification
            if requested && !configuration.filtersWinOverMustMeet,
                let score = bestCombination(buyer: buyer, supplier: supplier, ignoringFilters: true)
            {
                return .requested(score, overriding: filter)
            }
            return .filtered(filter)
        }
        if best.score >= configuration.minimumScore { return .candidate(best) }
        return requested ? .requested(best, overriding: nil) : .belowThreshold(best)
    }

    /// The score the pair would have without its hard filters, for listing nearest misses.
    public func scoreIgnoringFilters(buyer: Int, supplier: Int) -> PairScore? {
        bestCombination(buyer: buyer, supplier: supplier, ignoringFilters: true)
    }

    /// Every hard filter the pair fails, in the order they are checked.
    public func filters(buyer: Int, supplier: Int) -> [PairFilter] {
        var result: [PairFilter] = []
        let b = population.buyers[buyer]
        let s = population.suppliers[supplier]
        if b.profile.nit == s.profile.nit { result.append(.sameCompany) }
        if population.interest(buyer: buyer, supplier: supplier).isVeto { result.append(.veto) }
        if !b.profile.availability.intersects(s.profile.availability) { result.append(.noCommonSlot) }
        let demandFilters = b.demands.map { demandFilter($0, supplier: s) }
        if !demandFilters.contains(where: { $0 == nil }), let first = demandFilters.first, let filter = first {
            result.append(filter)
        }
        return result
    }

    func pairFilter(buyer: Int, supplier: Int) -> PairFilter? {
        let b = population.buyers[buyer]
        let s = population.suppliers[supplier]
        if b.profile.nit == s.profile.nit { return .sameCompany }
        if population.interest(buyer: buyer, supplier: supplier).isVeto { return .veto }
        if !b.profile.availability.intersects(s.profile.availability) { return .noCommonSlot }
        return nil
    }

    private func firstDemandFilter(buyer: Int, supplier: Int) -> PairFilter? {
        let s = population.suppliers[supplier]
        return population.buyers[buyer].demands.lazy.compactMap { self.demandFilter($0, supplier: s) }.first
    }

    func demandFilter(_ demand: MatchDemand, supplier: MatchSupplier) -> PairFilter? {
        for certification in demand.required where !supplier.profile.certifications.contains(certification) {
            return .missingCertification
        }
        if demand.demand.departmentsRequired && !demand.demand.preferredDepartments.isEmpty
            && !demand.demand.preferredDepartments.contains(supplier.profile.department)
        {
            return .outsideRequiredDepartments
        }
        return nil
    }

    /// The best-scoring demand–offer combination of a pair, or nil when every demand is filtered out.
    func bestCombination(
        buyer: Int, supplier: Int, ignoringFilters: Bool, supplierValue: MatchSupplier? = nil
    ) -> PairScore? {
        let b = population.buyers[buyer]
        let s = supplierValue ?? population.suppliers[supplier]
        let weights = configuration.weights
        let interest = interestPart(population.interest(buyer: buyer, supplier: supplier))
        var best: PairScore?
        for demand in b.demands {
            if !ignoringFilters && demandFilter(demand, supplier: s) != nil { continue }
            for offer in s.offers {
                let sector = sectorValue(buyer: buyer, demand: demand, offer: offer)
                let product = demand.vector.cosine(offer.vector)
                let requirements = requirementsFit(demand: demand, buyer: b, supplier: s, offer: offer).value
                let total =
                    weights.sector * sector + weights.product * product + weights.requirements * requirements
                    + weights.interest * interest
                let score = (100 * total / weights.total * 1_000).rounded() / 1_000
                if let current = best, current.score >= score { continue }
                let model = configuration.dealValue
                let size = model.dealSize(demand: demand.demand, offer: offer.offer)
                best = PairScore(
                    score: score, sector: sector, product: product, requirements: requirements, interest: interest,
                    demandPosition: demand.position, offerPosition: offer.position,
                    probability: model.probability(score: score), dealSize: size,
                    expectedValue: model.expectedValue(score: score, dealSize: size))
            }
        }
        return best
    }

    func interestPart(_ interest: PairInterest) -> Double {
        let table = configuration.interest
        switch (interest.fromBuyer, interest.fromSupplier) {
        case (.no, _), (_, .no): return table.none
        case (.must, .must), (.must, .like), (.like, .must): return table.mutualMust
        case (.like, .like): return table.mutualLike
        case (.must, nil), (nil, .must): return table.oneSidedMust
        case (.like, nil), (nil, .like): return table.oneSidedLike
        case (nil, nil): return table.none
        }
    }
}
