import Dispatch
import Foundation

/// Options of a batch run that are not part of the scoring model.
public struct MatchOptions: Sendable, Hashable, Codable {
    /// Each buyer keeps its best K candidates (0: all). A pair kept by either side's limit stays.
    public var limitPerBuyer: Int = 100
    /// Each supplier keeps its best L candidates (0: all).
    public var limitPerSupplier: Int = 30
    /// Nearest misses listed per participant left with no candidate.
    public var nearestMisses: Int = 3
    /// Worker threads; the result does not depend on it.
    public var threads: Int = 2
    /// Skip hopeless pairs through the inverted index (the default); `false` scores every pair.
    public var useIndex: Bool = true

    public init() {}
}

/// A candidate pair of a run with its ranks on both sides (1 = best).
public struct MatchCandidate: Sendable, Hashable {
    public var buyer: Int
    public var supplier: Int
    public var score: PairScore
    public var rankForBuyer: Int
    public var rankForSupplier: Int
    /// Why the pair is a candidate: its score, or a must-meet request (kept whatever the limits).
    public var admission: CandidateAdmission = .score
}

/// Why a pair became a candidate.
public enum CandidateAdmission: Sendable, Hashable {
    /// It reached the minimum score and passed every filter.
    case score
    /// One side asked to meet the other as a must; `overriding` is the demand filter it would otherwise fail.
    case mustMeet(overriding: PairFilter?)

    init(_ verdict: PairVerdict) {
        if case .requested(_, let filter) = verdict { self = .mustMeet(overriding: filter) } else { self = .score }
    }
}

/// A pair that nearly made it for a participant left with no candidate, and what stopped it.
public struct NearestMiss: Sendable, Hashable {
    public enum Side: String, Sendable, Hashable, Codable { case buyer, supplier }
    public var side: Side
    /// Index of the participant left without candidates, on its side.
    public var participant: Int
    /// Index of the counterpart on the other side.
    public var counterpart: Int
    public var rank: Int
    /// The score it would have had without its filters.
    public var score: Double
    /// The filters it fails; empty when it only scored below the minimum.
    public var filters: [PairFilter]
}

/// The result of a batch run.
public struct MatchResult: Sendable {
    /// Candidates kept after the per-side limits, by buyer and then best first.
    public var candidates: [MatchCandidate]
    /// Candidates before the limits.
    public var candidatesFound: Int
    /// Pairs the search scored (all buyer × supplier pairs for the naive scan).
    public var pairsScored: Int
    /// All buyer × supplier pairs of the event.
    public var pairsTotal: Int
    public var buyersWithout: [Int]
    public var suppliersWithout: [Int]
    public var nearestMisses: [NearestMiss]
    /// What became of every must-meet and would-like request between the event's buyers and suppliers.
    public var requests: [RequestFate] = []
}

/// Runs the match model over a whole population in one batch.
public struct Matcher: Sendable {
    public let scorer: PairScorer
    public let options: MatchOptions

    public init(population: MatchPopulation, configuration: MatchConfiguration, options: MatchOptions = MatchOptions())
    {
        self.scorer = PairScorer(population: population, configuration: configuration)
        self.options = options
    }

    /// Scores the pairs the index (or the naive scan) yields and keeps candidates, limits and nearest misses.
    public func run() -> MatchResult {
        let population = scorer.population
        let buyerCount = population.buyers.count
        let supplierCount = population.suppliers.count
        let index = options.useIndex ? CandidateIndex(scorer: scorer) : nil
        let threads = max(1, min(options.threads, 64))
        let chunkSize = max(1, (buyerCount + threads * 8 - 1) / (threads * 8))
        let chunks = (buyerCount + chunkSize - 1) / chunkSize
        let results = ChunkResults(count: chunks)
        let scorer = self.scorer
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var stamps = [Int32](repeating: 0, count: supplierCount)
            var found: [Found] = []
            var scored = 0
            for buyer in (chunk * chunkSize)..<min(buyerCount, (chunk + 1) * chunkSize) {
                let suppliers = index?.suppliers(for: buyer, stamps: &stamps) ?? (0..<Int32(supplierCount)).map { $0 }
                scored += suppliers.count
                for supplier in suppliers {
                    let verdict = scorer.evaluate(buyer: buyer, supplier: Int(supplier))
                    if verdict.isCandidate, let score = verdict.score {
                        found.append(Found(buyer, Int(supplier), score, CandidateAdmission(verdict)))
                    }
                }
            }
            results.store(chunk, found: found, scored: scored)
        }
        let (all, scored) = results.merged()
        var result = MatchResult(
            candidates: [], candidatesFound: all.count, pairsScored: scored, pairsTotal: buyerCount * supplierCount,
            buyersWithout: [], suppliersWithout: [], nearestMisses: [])
        result.candidates = applyLimits(all)
        var buyerHas = [Bool](repeating: false, count: buyerCount)
        var supplierHas = [Bool](repeating: false, count: supplierCount)
        for candidate in all {
            buyerHas[candidate.buyer] = true
            supplierHas[candidate.supplier] = true
        }
        result.buyersWithout = buyerHas.indices.filter { !buyerHas[$0] }
        result.suppliersWithout = supplierHas.indices.filter { !supplierHas[$0] }
        result.nearestMisses = nearestMisses(buyers: result.buyersWithout, suppliers: result.suppliersWithout)
        result.requests = requestFates(kept: result.candidates)
        return result
    }

    /// Ranks candidates on both sides and keeps those within either side's limit, and every must-meet pair.
    func applyLimits(_ all: [Found]) -> [MatchCandidate] {
        let population = scorer.population
        func better(_ lhs: Found, _ rhs: Found, counterpartIsSupplier: Bool) -> Bool {
            if lhs.score.score != rhs.score.score { return lhs.score.score > rhs.score.score }
            if lhs.score.expectedValue != rhs.score.expectedValue {
                return lhs.score.expectedValue > rhs.score.expectedValue
            }
            return counterpartIsSupplier ? lhs.supplier < rhs.supplier : lhs.buyer < rhs.buyer
        }
        var byBuyer = [[Int]](repeating: [], count: population.buyers.count)
        var bySupplier = [[Int]](repeating: [], count: population.suppliers.count)
        for (position, candidate) in all.enumerated() {
            byBuyer[candidate.buyer].append(position)
            bySupplier[candidate.supplier].append(position)
        }
        var rankForBuyer = [Int](repeating: 0, count: all.count)
        var rankForSupplier = [Int](repeating: 0, count: all.count)
        for var list in byBuyer {
            list.sort { better(all[$0], all[$1], counterpartIsSupplier: true) }
            for (rank, position) in list.enumerated() { rankForBuyer[position] = rank + 1 }
        }
        for var list in bySupplier {
            list.sort { better(all[$0], all[$1], counterpartIsSupplier: false) }
            for (rank, position) in list.enumerated() { rankForSupplier[position] = rank + 1 }
        }
        var kept: [MatchCandidate] = []
        for (position, candidate) in all.enumerated() {
            let withinBuyer = options.limitPerBuyer <= 0 || rankForBuyer[position] <= options.limitPerBuyer
            let withinSupplier = options.limitPerSupplier <= 0 || rankForSupplier[position] <= options.limitPerSupplier
            guard withinBuyer || withinSupplier || candidate.admission != .score else { continue }
            kept.append(
                MatchCandidate(
                    buyer: candidate.buyer, supplier: candidate.supplier, score: candidate.score,
                    rankForBuyer: rankForBuyer[position], rankForSupplier: rankForSupplier[position],
                    admission: candidate.admission))
        }
        kept.sort { $0.buyer != $1.buyer ? $0.buyer < $1.buyer : $0.rankForBuyer < $1.rankForBuyer }
        return kept
    }
}

/// A pair the search found to be a candidate, before limits and ranks.
struct Found: Sendable {
    var buyer: Int
    var supplier: Int
    var score: PairScore
    var admission: CandidateAdmission

    init(_ buyer: Int, _ supplier: Int, _ score: PairScore, _ admission: CandidateAdmission) {
        (self.buyer, self.supplier, self.score, self.admission) = (buyer, supplier, score, admission)
    }
}

/// Per-chunk results written by worker threads, each slot by exactly one thread.
private final class ChunkResults: @unchecked Sendable {
    private var found: [[Found]]
    private var scored: [Int]
    private let lock = NSLock()

    init(count: Int) {
        found = Array(repeating: [], count: count)
        scored = Array(repeating: 0, count: count)
    }

    func store(_ chunk: Int, found chunkFound: [Found], scored chunkScored: Int) {
        lock.withLock {
            found[chunk] = chunkFound
            scored[chunk] = chunkScored
        }
    }

    func merged() -> ([Found], Int) {
        lock.withLock { (Array(found.joined()), scored.reduce(0, +)) }
    }
}
