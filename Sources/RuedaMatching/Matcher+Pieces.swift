/// What scanning a block of buyers found, in memory bounded by what a run keeps: each buyer's kept candidates with
/// exact buyer-side ranks (a buyer's candidates are all seen while it is scanned), each supplier's best `L` keys,
/// who has candidates, and counts. Scans of disjoint blocks merge into the scan of their union, whatever the split.
public struct MatchScan: Sendable {
    /// A candidate a buyer keeps: within its best `K`, or a must-meet pair.
    struct Kept: Sendable {
        var supplier: Int32
        var score: PairScore
        var rankForBuyer: Int32
        var admission: CandidateAdmission
    }

    /// One candidate in compact form, for counting ranks without scoring again.
    struct Logged: Sendable {
        var buyer: Int32
        var supplier: Int32
        var score: Double
        var value: Int64
    }

    var kept: [Int32: [Kept]] = [:]
    var supplierBest: [BoundedBest]
    var buyerHas: [Bool]
    var supplierHas: [Bool]
    var found = 0
    var scored = 0
    /// Every candidate found, while their number stays within the run's budget; nil once it does not.
    var log: [Logged]? = []

    init(buyers: Int, suppliers: Int, supplierLimit: Int) {
        supplierBest = Array(repeating: BoundedBest(capacity: supplierLimit), count: suppliers)
        buyerHas = Array(repeating: false, count: buyers)
        supplierHas = Array(repeating: false, count: suppliers)
    }

    /// Adds a scan of another block of buyers.
    mutating func merge(_ other: MatchScan) {
        kept.merge(other.kept) { a, _ in a }
        for supplier in supplierBest.indices {
            for key in other.supplierBest[supplier].heap { supplierBest[supplier].offer(key) }
        }
        for buyer in buyerHas.indices where other.buyerHas[buyer] { buyerHas[buyer] = true }
        for supplier in supplierHas.indices where other.supplierHas[supplier] { supplierHas[supplier] = true }
        found += other.found
        scored += other.scored
        if let otherLog = other.log, log != nil { log?.append(contentsOf: otherLog) } else { log = nil }
    }
}

/// Ranks a merged scan cannot give: for kept pairs outside a side's best list, how many of that side's candidates
/// rank before them. Counted over a stream of candidates (the scan's log, or a second scan); counts of disjoint
/// blocks add up.
public struct RankCounts: Sendable {
    /// Per supplier (and per buyer), the kept pairs waiting for a rank on that side, best first.
    var supplierKeys: [[RankKey]]
    var buyerKeys: [[RankKey]]
    /// `better[p][i]` counts candidates that beat entry i but not entry i − 1 (a difference array).
    var supplierBetter: [[Int]]
    var buyerBetter: [[Int]]

    init(buyers: Int, suppliers: Int) {
        supplierKeys = Array(repeating: [], count: suppliers)
        buyerKeys = Array(repeating: [], count: buyers)
        supplierBetter = Array(repeating: [], count: suppliers)
        buyerBetter = Array(repeating: [], count: buyers)
    }

    /// Whether any pair waits for a rank.
    var isEmpty: Bool { !supplierKeys.contains { !$0.isEmpty } && !buyerKeys.contains { !$0.isEmpty } }

    /// Sorts the waiting lists best first and zeroes the counts.
    mutating func prepare() {
        for index in supplierKeys.indices {
            supplierKeys[index].sort { $0.isBetter(than: $1) }
            supplierBetter[index] = Array(repeating: 0, count: supplierKeys[index].count)
        }
        for index in buyerKeys.indices {
            buyerKeys[index].sort { $0.isBetter(than: $1) }
            buyerBetter[index] = Array(repeating: 0, count: buyerKeys[index].count)
        }
    }

    /// Counts one candidate against the waiting lists of its buyer and its supplier.
    mutating func count(buyer: Int32, supplier: Int32, score: Double, value: Int64) {
        let (b, s) = (Int(buyer), Int(supplier))
        if !supplierKeys[s].isEmpty,
            let index = Self.firstBeaten(
                by: RankKey(score: score, value: value, counterpart: buyer), in: supplierKeys[s])
        {
            supplierBetter[s][index] += 1
        }
        if !buyerKeys[b].isEmpty,
            let index = Self.firstBeaten(
                by: RankKey(score: score, value: value, counterpart: supplier), in: buyerKeys[b])
        {
            buyerBetter[b][index] += 1
        }
    }

    /// Adds counts of another block made from the same plan.
    mutating func merge(_ other: RankCounts) {
        for s in supplierBetter.indices where !other.supplierBetter[s].isEmpty {
            for i in supplierBetter[s].indices { supplierBetter[s][i] += other.supplierBetter[s][i] }
        }
        for b in buyerBetter.indices where !other.buyerBetter[b].isEmpty {
            for i in buyerBetter[b].indices { buyerBetter[b][i] += other.buyerBetter[b][i] }
        }
    }

    /// Turns the difference arrays into running totals, so that ``rank(_:keys:totals:)`` is a binary search.
    mutating func accumulate() {
        for s in supplierBetter.indices where supplierBetter[s].count > 1 {
            for i in 1..<supplierBetter[s].count { supplierBetter[s][i] += supplierBetter[s][i - 1] }
        }
        for b in buyerBetter.indices where buyerBetter[b].count > 1 {
            for i in 1..<buyerBetter[b].count { buyerBetter[b][i] += buyerBetter[b][i - 1] }
        }
    }

    /// The rank (1 = best) of a waiting pair after ``accumulate()``: one plus the candidates that beat it.
    static func rank(_ key: RankKey, keys: [RankKey], totals: [Int]) -> Int? {
        var (low, high) = (0, keys.count)
        while low < high {
            let middle = (low + high) / 2
            if keys[middle].isBetter(than: key) { low = middle + 1 } else { high = middle }
        }
        guard low < keys.count, keys[low] == key else { return nil }
        return 1 + totals[low]
    }

    /// The first entry (best first) that `key` beats; every later entry is beaten too.
    static func firstBeaten(by key: RankKey, in keys: [RankKey]) -> Int? {
        var (low, high) = (0, keys.count)
        while low < high {
            let middle = (low + high) / 2
            if key.isBetter(than: keys[middle]) { high = middle } else { low = middle + 1 }
        }
        return low < keys.count ? low : nil
    }
}

extension RankKey {
    init(score: Double, value: Int64, counterpart: Int32) {
        self.score = score
        self.value = value
        self.counterpart = counterpart
    }
}
