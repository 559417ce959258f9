import RuedaCore

/// What a match run did with one request to meet, so that no participant's stated wish goes unexplained.
public struct RequestFate: Sendable, Hashable {
    /// The fate of a request in a run.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        /// The pair is a candidate of the run (for a must-meet, perhaps over a filter: see ``RequestFate/filter``).
        case candidate
        /// The pair was a candidate but fell outside both sides' limits (would-like requests only).
        case cutByLimit = "cut-by-limit"
        /// The pair scores below the minimum (would-like requests only).
        case belowMinimum = "below-minimum"
        /// A hard filter stops the pair: see ``RequestFate/filter``.
        case filtered
        /// The other side asked never to meet the requester.
        case vetoed
    }

    public var buyer: Int
    public var supplier: Int
    /// The side that made the request.
    public var requestedBy: NearestMiss.Side
    public var level: InterestLevel
    public var outcome: Outcome
    /// The filter that stopped the pair, or the one a must-meet request overrode when the outcome is `candidate`.
    public var filter: PairFilter?
    /// The pair's score (without filters when one stopped it); nil when the pair was never scored.
    public var score: Double?

    public init(
        buyer: Int, supplier: Int, requestedBy: NearestMiss.Side, level: InterestLevel, outcome: Outcome,
        filter: PairFilter?, score: Double?
    ) {
        self.buyer = buyer
        self.supplier = supplier
        self.requestedBy = requestedBy
        self.level = level
        self.outcome = outcome
        self.filter = filter
        self.score = score
    }
}

extension Matcher {
    /// The fate of every must-meet and would-like request between the population's buyers and suppliers, ordered
    /// by buyer, supplier and requesting side.
    func requestFates(kept: [MatchCandidate]) -> [RequestFate] {
        let population = scorer.population
        let supplierCount = max(population.suppliers.count, 1)
        var keptAdmission: [Int: CandidateAdmission] = [:]
        for candidate in kept {
            keptAdmission[candidate.buyer * supplierCount + candidate.supplier] = candidate.admission
        }
        var fates: [RequestFate] = []
        for key in population.interest.keys.sorted() {
            guard let interest = population.interest[key] else { continue }
            let (buyer, supplier) = (key / supplierCount, key % supplierCount)
            let stated: [(NearestMiss.Side, InterestLevel?, InterestLevel?)] = [
                (.buyer, interest.fromBuyer, interest.fromSupplier),
                (.supplier, interest.fromSupplier, interest.fromBuyer),
            ]
            for (side, level, other) in stated {
                guard let level, level != .no else { continue }
                var fate = RequestFate(
                    buyer: buyer, supplier: supplier, requestedBy: side, level: level, outcome: .filtered, filter: nil,
                    score: nil)
                let verdict = scorer.evaluate(buyer: buyer, supplier: supplier)
                fate.score =
                    verdict.score?.score ?? scorer.scoreIgnoringFilters(buyer: buyer, supplier: supplier)?.score
                if other == .no {
                    fate.outcome = .vetoed
                } else if let admission = keptAdmission[key] {
                    fate.outcome = .candidate
                    if case .mustMeet(let filter) = admission { fate.filter = filter }
                } else {
                    switch verdict {
                    case .candidate, .requested: fate.outcome = .cutByLimit
                    case .belowThreshold: fate.outcome = .belowMinimum
                    case .filtered(let filter): (fate.outcome, fate.filter) = (.filtered, filter)
                    }
                }
                fates.append(fate)
            }
        }
        return fates
    }
}

extension RequestFate.Outcome {
    /// The fate in words, with the filter that stopped (or was overridden for) the pair.
    public func explained(filter: PairFilter?) -> String {
        switch (self, filter) {
        case (.candidate, .some(let filter)): "candidate by must-meet request, although \(filter.description)"
        case (.candidate, nil): "candidate"
        case (.cutByLimit, _): "found, but beyond both sides' candidate limits"
        case (.belowMinimum, _): "scores below the minimum"
        case (.filtered, .some(let filter)): "filtered: \(filter.description)"
        case (.filtered, nil): "filtered"
        case (.vetoed, _): "vetoed by the other side"
        }
    }
}
