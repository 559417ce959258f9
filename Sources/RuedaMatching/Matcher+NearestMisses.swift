extension Matcher {
    /// For each participant with no candidate, the counterparts that came closest, by the score they would have
    /// without filters, with the filters that stopped them.
    func nearestMisses(buyers: [Int], suppliers: [Int]) -> [NearestMiss] {
        guard options.nearestMisses > 0 else { return [] }
        let options = self.options
        let population = scorer.population
        var misses: [NearestMiss] = []
        func closest(_ side: NearestMiss.Side, _ participant: Int, counterparts: Int, pair: (Int) -> (Int, Int)) {
            // The closest few only, in a bounded heap: memory does not grow with the counterparts.
            var closest = BoundedBest(capacity: options.nearestMisses)
            for counterpart in 0..<counterparts {
                let (buyer, supplier) = pair(counterpart)
                if population.buyers[buyer].profile.nit == population.suppliers[supplier].profile.nit { continue }
                if let score = scorer.scoreIgnoringFilters(buyer: buyer, supplier: supplier) {
                    closest.offer(RankKey(score: score.score, value: 0, counterpart: Int32(counterpart)))
                }
            }
            for (rank, entry) in closest.sorted().enumerated() {
                let (buyer, supplier) = pair(Int(entry.counterpart))
                misses.append(
                    NearestMiss(
                        side: side, participant: participant, counterpart: Int(entry.counterpart), rank: rank + 1,
                        score: entry.score, filters: scorer.filters(buyer: buyer, supplier: supplier)))
            }
        }
        for buyer in buyers {
            closest(.buyer, buyer, counterparts: population.suppliers.count) { (buyer, $0) }
        }
        for supplier in suppliers {
            closest(.supplier, supplier, counterparts: population.buyers.count) { ($0, supplier) }
        }
        return misses
    }
}
