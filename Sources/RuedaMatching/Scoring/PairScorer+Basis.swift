extension PairScorer {
    /// The compact basis of a candidate's score, as stored with it: how the sectors met (`class 1061`,
    /// `group 106`, `complementary 0`, or `none`) and the product terms both sides share.
    public func basis(buyer: Int, supplier: Int, score: PairScore) -> (sector: String, sharedTerms: [String]) {
        let b = population.buyers[buyer]
        let s = population.suppliers[supplier]
        guard let demandIndex = b.demands.firstIndex(where: { $0.position == score.demandPosition }),
            let offer = s.offers.first(where: { $0.position == score.offerPosition })
        else { return ("none", []) }
        let sector: String
        switch sectorAffinity(buyer: buyer, demand: demandIndex, offer: offer).match {
        case .covered(let demanded, let offered)?: sector = "covered \(demanded) by \(offered)"
        case .shared(let level, let code, _, _)?: sector = "\(level) \(code)"
        case .complementary(let rule, _, let offered)?: sector = "complementary \(rule) by \(offered)"
        case nil: sector = "none"
        }
        let terms = b.demands[demandIndex].vector.sharedTerms(offer.vector).map(population.word).sorted()
        return (sector, terms)
    }
}
