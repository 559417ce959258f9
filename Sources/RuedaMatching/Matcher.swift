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
    /// Candidates remembered in compact form (24 bytes each) so that ranks outside the kept lists are counted
    /// without scoring every pair a second time; beyond it the run scores again and memory stays flat. 0 always
    /// scores again. The result does not depend on it.
    public var rankLogBudget: Int = 16_000_000

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
    /// The inverted index every scan and count of the run reads (nil for the naive scan), built once.
    let index: CandidateIndex?

    public init(population: MatchPopulation, configuration: MatchConfiguration, options: MatchOptions = MatchOptions())
    {
        self.scorer = PairScorer(population: population, configuration: configuration)
        self.options = options
        self.index = options.useIndex ? CandidateIndex(scorer: scorer) : nil
    }

    /// Scores the pairs the index (or the naive scan) yields and keeps candidates, limits and nearest misses, in
    /// memory bounded by what it keeps (see ``scan(buyers:)``): blocks of buyers are scanned on `threads` threads and
    /// merged, then the ranks the kept lists cannot give are counted.
    public func run() -> MatchResult {
        let population = scorer.population
        let threads = max(1, min(options.threads, 64))
        let blocks = Self.blocks(count: population.buyers.count, pieces: threads * 8)
        var scan = parallel(blocks, threads: threads, budget: options.rankLogBudget / threads) {
            self.scan(buyers: $0, logBudget: $1)
        }
        let plan = rankPlan(scan)
        var counts = plan
        if let log = scan.log {
            for candidate in log {
                counts.count(
                    buyer: candidate.buyer, supplier: candidate.supplier, score: candidate.score,
                    value: candidate.value)
            }
        } else if !plan.isEmpty {
            counts = parallel(blocks, threads: threads, plan: plan) { count(buyers: $0, plan: plan) }
        }
        scan.log = nil
        return finish(scan, counts: counts)
    }

    /// Scans a block of buyers against every supplier (the piece a worker can take): each buyer's candidates are
    /// ranked on the spot, its best `K` and its must-meet pairs kept; every supplier keeps its best `L` keys.
    /// `logBudget` caps the compact log of candidates.
    public func scan(buyers block: Range<Int>) -> MatchScan { scan(buyers: block, logBudget: 0) }

    func scan(buyers block: Range<Int>, logBudget: Int) -> MatchScan {
        let population = scorer.population
        let supplierCount = population.suppliers.count
        var result = MatchScan(
            buyers: population.buyers.count, suppliers: supplierCount, supplierLimit: limit(options.limitPerSupplier))
        var stamps = [Int32](repeating: 0, count: supplierCount)
        let buyerLimit = limit(options.limitPerBuyer)
        var found: [Found] = []
        var keys: [RankKey] = []
        for buyer in block {
            let suppliers = index?.suppliers(for: buyer, stamps: &stamps) ?? (0..<Int32(supplierCount)).map { $0 }
            result.scored += suppliers.count
            found.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            for supplier in suppliers {
                let verdict = scorer.evaluate(buyer: buyer, supplier: Int(supplier))
                if verdict.isCandidate, let score = verdict.score {
                    found.append(Found(buyer, Int(supplier), score, admission(verdict, buyer, Int(supplier))))
                    keys.append(RankKey(score, counterpart: Int(supplier)))
                }
            }
            guard !found.isEmpty else { continue }
            result.buyerHas[buyer] = true
            result.found += found.count
            for (candidate, key) in zip(found, keys) {
                result.supplierHas[candidate.supplier] = true
                result.supplierBest[candidate.supplier].offer(
                    RankKey(score: key.score, value: key.value, counterpart: Int32(buyer)))
                if result.log != nil {
                    if (result.log?.count ?? 0) < logBudget {
                        result.log?.append(
                            MatchScan.Logged(
                                buyer: Int32(buyer), supplier: key.counterpart, score: key.score, value: key.value))
                    } else {
                        result.log = nil
                    }
                }
            }
            result.kept[Int32(buyer)] = kept(found, keys: keys, limit: buyerLimit)
        }
        return result
    }

    /// A buyer's kept candidates in rank order: its best `limit` and its must-meet pairs beyond them, each with its
    /// rank. `found` is in supplier order, `keys` its rank keys; only the best `limit` keys are sorted.
    func kept(_ found: [Found], keys: [RankKey], limit: Int) -> [MatchScan.Kept] {
        var best = BoundedBest(capacity: min(limit, keys.count))
        for key in keys { best.offer(key) }
        var kept: [MatchScan.Kept] = []
        for (position, key) in best.sorted().enumerated() {
            let candidate = found[Self.position(of: key.counterpart, in: found)]
            kept.append(
                MatchScan.Kept(
                    supplier: key.counterpart, score: candidate.score, rankForBuyer: Int32(position + 1),
                    admission: candidate.admission))
        }
        guard keys.count > limit, let worst = best.heap.first else { return kept }
        for (candidate, key) in zip(found, keys) where candidate.admission != .score && worst.isBetter(than: key) {
            let rank = 1 + keys.reduce(0) { $0 + ($1.isBetter(than: key) ? 1 : 0) }
            kept.append(
                MatchScan.Kept(
                    supplier: key.counterpart, score: candidate.score, rankForBuyer: Int32(rank),
                    admission: candidate.admission))
        }
        kept.sort { $0.rankForBuyer < $1.rankForBuyer }
        return kept
    }

    /// The position of a supplier's candidate in a buyer's `found`, which is in supplier order.
    static func position(of supplier: Int32, in found: [Found]) -> Int {
        var (low, high) = (0, found.count)
        while low < high {
            let middle = (low + high) / 2
            if found[middle].supplier < Int(supplier) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The kept pairs whose rank on one side the merged scan does not hold, best first per participant.
    public func rankPlan(_ scan: MatchScan) -> RankCounts {
        let population = scorer.population
        var plan = RankCounts(buyers: population.buyers.count, suppliers: population.suppliers.count)
        var bestOf: [Set<Int32>] = scan.supplierBest.map { Set($0.heap.map(\.counterpart)) }
        for (buyer, list) in scan.kept {
            for kept in list {
                if bestOf[Int(kept.supplier)].contains(buyer) {
                    bestOf[Int(kept.supplier)].remove(buyer)  // ranked on both sides already
                } else {
                    plan.supplierKeys[Int(kept.supplier)].append(RankKey(kept.score, counterpart: Int(buyer)))
                }
            }
        }
        // What is left in `bestOf` is kept by the supplier only: its buyer-side rank is missing.
        for (supplier, buyers) in bestOf.enumerated() where !buyers.isEmpty {
            for key in scan.supplierBest[supplier].heap where buyers.contains(key.counterpart) {
                plan.buyerKeys[Int(key.counterpart)].append(
                    RankKey(score: key.score, value: key.value, counterpart: Int32(supplier)))
            }
        }
        plan.prepare()
        return plan
    }

    /// Counts, for a block of buyers scanned again, the candidates that beat each waiting pair of the plan.
    public func count(buyers block: Range<Int>, plan: RankCounts) -> RankCounts {
        let population = scorer.population
        let supplierCount = population.suppliers.count
        var counts = plan
        var stamps = [Int32](repeating: 0, count: supplierCount)
        for buyer in block {
            let suppliers = index?.suppliers(for: buyer, stamps: &stamps) ?? (0..<Int32(supplierCount)).map { $0 }
            for supplier in suppliers {
                let verdict = scorer.evaluate(buyer: buyer, supplier: Int(supplier))
                guard verdict.isCandidate, let score = verdict.score else { continue }
                counts.count(
                    buyer: Int32(buyer), supplier: supplier, score: score.score, value: score.expectedValue)
            }
        }
        return counts
    }

    /// The run from a merged scan and merged counts: kept candidates with both ranks, participants without
    /// candidates, their nearest misses and every request's fate.
    public func finish(_ scan: MatchScan, counts: RankCounts) -> MatchResult {
        let population = scorer.population
        var counts = counts
        counts.accumulate()
        var candidates: [MatchCandidate] = []
        var supplierRank: [Int32: [Int32: Int]] = [:]
        for (supplier, best) in scan.supplierBest.enumerated() where !best.heap.isEmpty {
            var ranks: [Int32: Int] = [:]
            for (position, key) in best.sorted().enumerated() { ranks[key.counterpart] = position + 1 }
            supplierRank[Int32(supplier)] = ranks
        }
        var keptBy: [Int32: Set<Int32>] = [:]
        for (buyer, list) in scan.kept {
            keptBy[buyer] = Set(list.map(\.supplier))
            for kept in list {
                let rankForSupplier =
                    supplierRank[kept.supplier]?[buyer]
                    ?? RankCounts.rank(
                        RankKey(kept.score, counterpart: Int(buyer)), keys: counts.supplierKeys[Int(kept.supplier)],
                        totals: counts.supplierBetter[Int(kept.supplier)]) ?? 0
                candidates.append(
                    MatchCandidate(
                        buyer: Int(buyer), supplier: Int(kept.supplier), score: kept.score,
                        rankForBuyer: Int(kept.rankForBuyer), rankForSupplier: rankForSupplier,
                        admission: kept.admission))
            }
        }
        for (supplier, ranks) in supplierRank {
            for (buyer, rankForSupplier) in ranks where keptBy[buyer]?.contains(supplier) != true {
                let verdict = scorer.evaluate(buyer: Int(buyer), supplier: Int(supplier))
                guard let score = verdict.score else { continue }
                let key = RankKey(score, counterpart: Int(supplier))
                candidates.append(
                    MatchCandidate(
                        buyer: Int(buyer), supplier: Int(supplier), score: score,
                        rankForBuyer: RankCounts.rank(
                            key, keys: counts.buyerKeys[Int(buyer)], totals: counts.buyerBetter[Int(buyer)]) ?? 0,
                        rankForSupplier: rankForSupplier, admission: admission(verdict, Int(buyer), Int(supplier))))
            }
        }
        candidates.sort { $0.buyer != $1.buyer ? $0.buyer < $1.buyer : $0.rankForBuyer < $1.rankForBuyer }
        var result = MatchResult(
            candidates: candidates, candidatesFound: scan.found, pairsScored: scan.scored,
            pairsTotal: population.buyers.count * population.suppliers.count,
            buyersWithout: scan.buyerHas.indices.filter { !scan.buyerHas[$0] },
            suppliersWithout: scan.supplierHas.indices.filter { !scan.supplierHas[$0] }, nearestMisses: [])
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

    /// Why a candidate is one: a pair either side asked to meet as a must is a must-meet pair whatever its score
    /// (and so kept beyond the limits), over the filter it may override.
    func admission(_ verdict: PairVerdict, _ buyer: Int, _ supplier: Int) -> CandidateAdmission {
        let admission = CandidateAdmission(verdict)
        guard admission == .score, scorer.table.interest(buyer: buyer, supplier: supplier).hasMust else {
            return admission
        }
        return .mustMeet(overriding: nil)
    }

    /// A limit as a capacity: 0 or less keeps everything.
    func limit(_ value: Int) -> Int { value <= 0 ? Int.max : value }

    /// Contiguous blocks of about `count / pieces` buyers, in order.
    static func blocks(count: Int, pieces: Int) -> [Range<Int>] {
        let size = max(1, (count + max(pieces, 1) - 1) / max(pieces, 1))
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    /// The algorithm Rueda used before: every candidate in memory, then the limits; the oracle of the property
    /// tests and the baseline of `rueda-bench match --scale N --keep-everything`.
    public func runKeepingEverything() -> MatchResult {
        let population = scorer.population
        var all: [Found] = []
        var scored = 0
        var stamps = [Int32](repeating: 0, count: population.suppliers.count)
        for buyer in population.buyers.indices {
            let suppliers =
                index?.suppliers(for: buyer, stamps: &stamps) ?? (0..<Int32(population.suppliers.count)).map { $0 }
            scored += suppliers.count
            for supplier in suppliers {
                let verdict = scorer.evaluate(buyer: buyer, supplier: Int(supplier))
                if verdict.isCandidate, let score = verdict.score {
                    all.append(Found(buyer, Int(supplier), score, admission(verdict, buyer, Int(supplier))))
                }
            }
        }
        var result = MatchResult(
            candidates: applyLimits(all), candidatesFound: all.count, pairsScored: scored,
            pairsTotal: population.buyers.count * population.suppliers.count, buyersWithout: [],
            suppliersWithout: [], nearestMisses: [])
        let buyers = Set(all.map(\.buyer))
        let suppliers = Set(all.map(\.supplier))
        result.buyersWithout = population.buyers.indices.filter { !buyers.contains($0) }
        result.suppliersWithout = population.suppliers.indices.filter { !suppliers.contains($0) }
        result.nearestMisses = nearestMisses(buyers: result.buyersWithout, suppliers: result.suppliersWithout)
        result.requests = requestFates(kept: result.candidates)
        return result
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

extension Matcher {
    /// Scans blocks on `threads` threads, each thread merging the blocks it takes, and merges the threads' scans.
    func parallel(
        _ blocks: [Range<Int>], threads: Int, budget: Int, _ body: (Range<Int>, Int) -> MatchScan
    ) -> MatchScan {
        let population = scorer.population
        let shared = Shared(blocks: blocks.count, threads: threads)
        let empty = MatchScan(
            buyers: population.buyers.count, suppliers: population.suppliers.count,
            supplierLimit: limit(options.limitPerSupplier))
        withoutActuallyEscaping(body) { body in
            let body = UnsafeSendable(body)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var mine = empty
                while let block = shared.next() {
                    let left = mine.log.map { max(0, budget - $0.count) } ?? 0
                    mine.merge(body.value(blocks[block], left))
                }
                shared.store(scan: mine, thread: thread)
            }
        }
        var merged = empty
        for scan in shared.scans() { merged.merge(scan) }
        return merged
    }

    /// Counts blocks on `threads` threads and adds the counts up.
    func parallel(
        _ blocks: [Range<Int>], threads: Int, plan: RankCounts, _ body: (Range<Int>) -> RankCounts
    ) -> RankCounts {
        let shared = Shared(blocks: blocks.count, threads: threads)
        withoutActuallyEscaping(body) { body in
            let body = UnsafeSendable(body)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var mine = plan
                while let block = shared.next() { mine.merge(body.value(blocks[block])) }
                shared.store(counts: mine, thread: thread)
            }
        }
        var merged = plan
        for counts in shared.counts() { merged.merge(counts) }
        return merged
    }
}

/// A closure the threads of ``Matcher/parallel`` call; it only reads the matcher's immutable state.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The next block to take and each thread's result, behind a lock.
private final class Shared: @unchecked Sendable {
    private let lock = NSLock()
    private let blocks: Int
    private var taken = 0
    private var scanSlots: [MatchScan?]
    private var countSlots: [RankCounts?]

    init(blocks: Int, threads: Int) {
        self.blocks = blocks
        scanSlots = Array(repeating: nil, count: threads)
        countSlots = Array(repeating: nil, count: threads)
    }

    func next() -> Int? {
        lock.withLock {
            guard taken < blocks else { return nil }
            taken += 1
            return taken - 1
        }
    }

    func store(scan: MatchScan, thread: Int) { lock.withLock { scanSlots[thread] = scan } }
    func store(counts: RankCounts, thread: Int) { lock.withLock { countSlots[thread] = counts } }
    func scans() -> [MatchScan] { lock.withLock { scanSlots.compactMap { $0 } } }
    func counts() -> [RankCounts] { lock.withLock { countSlots.compactMap { $0 } } }
}
