/// The order both sides rank candidates by: higher score, then higher expected value, then the counterpart with the
/// lower index. Within one participant's list no two candidates tie.
struct RankKey: Sendable, Hashable {
    var score: Double
    var value: Int64
    /// The counterpart's index on the other side.
    var counterpart: Int32

    init(_ score: PairScore, counterpart: Int) {
        self.score = score.score
        self.value = score.expectedValue
        self.counterpart = Int32(counterpart)
    }

    /// Whether `self` ranks before `other`.
    func isBetter(than other: RankKey) -> Bool {
        if score != other.score { return score > other.score }
        if value != other.value { return value > other.value }
        return counterpart < other.counterpart
    }
}

/// The best `capacity` keys seen so far, as a binary heap with the worst kept key on top: memory O(capacity)
/// whatever the number of keys offered.
struct BoundedBest: Sendable {
    let capacity: Int
    private(set) var heap: [RankKey] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Offers a key; keeps it when fewer than `capacity` are held or it beats the worst held.
    mutating func offer(_ key: RankKey) {
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.append(key)
            siftUp(heap.count - 1)
        } else if let worst = heap.first, key.isBetter(than: worst) {
            heap[0] = key
            siftDown(0)
        }
    }

    /// The held keys, best first.
    func sorted() -> [RankKey] { heap.sorted { $0.isBetter(than: $1) } }

    /// Whether `a` should sit above `b` in the heap (is worse).
    private func above(_ a: RankKey, _ b: RankKey) -> Bool { b.isBetter(than: a) }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard above(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var top = parent
            if left < heap.count && above(heap[left], heap[top]) { top = left }
            if right < heap.count && above(heap[right], heap[top]) { top = right }
            guard top != parent else { return }
            heap.swapAt(parent, top)
            parent = top
        }
    }
}
