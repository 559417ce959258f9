import Synchronization

/// Values kept in memory by a long-running service, each under the stamp of the rows it was read from: a value is
/// served only while the stamp read in the same request is equal, so it is never stale, whoever wrote the rows.
///
/// Store a value read *after* its stamp: it is then at least as new as the stamp says, and a write between the two
/// only costs a miss on the next request. The cache holds at most `capacity` values and drops the oldest half when
/// full.
public final class StampedCache<Key: Hashable & Sendable, Stamp: Equatable & Sendable, Value: Sendable>: Sendable {
    struct Entry {
        let stamp: Stamp
        let value: Value
        let stored: ContinuousClock.Instant
    }

    /// The most values kept at once.
    public let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])
    private let served = Atomic<Int>(0)

    /// A cache of at most `capacity` values.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The value kept for a key, if it was stored under this stamp; a value under another stamp is dropped.
    public func value(for key: Key, stamp: Stamp) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.stamp == stamp else {
                entries[key] = nil
                return nil
            }
            served.add(1, ordering: .relaxed)
            return entry.value
        }
    }

    /// Keeps a value read after its rows were at `stamp`.
    public func keep(_ value: Value, for key: Key, stamp: Stamp) {
        let entry = Entry(stamp: stamp, value: value, stored: ContinuousClock.now)
        entries.withLock { entries in
            entries.makeRoom(for: key, capacity: capacity, stored: \.stored)
            entries[key] = entry
        }
    }

    /// How many values are held now.
    public var count: Int { entries.withLock { $0.count } }

    /// How many requests were answered from memory so far.
    public var hits: Int { served.load(ordering: .relaxed) }
}

extension Dictionary {
    /// Makes room for `key` in a cache of at most `capacity` entries: when it is full and `key` is new, the oldest
    /// half of the entries (by when they were stored) goes.
    mutating func makeRoom(for key: Key, capacity: Int, stored: (Value) -> ContinuousClock.Instant) {
        guard count >= capacity, self[key] == nil else { return }
        let oldest = sorted { stored($0.value) < stored($1.value) }.prefix(Swift.max(1, count / 2))
        for (key, _) in oldest { self[key] = nil }
    }
}
