import RuedaStore
import Synchronization

/// The round, company and participation behind each invite, kept in memory by a long-running service so that a
/// participant's page needs one round trip (its session and a stamp of those rows) instead of six.
///
/// An entry is used only while the stamp read with the session equals the stamp it was stored under, so it is never
/// stale: an edit by this process, another server or the command line changes the stamp on the next request. The
/// cache holds at most `capacity` entries and drops the oldest half when full.
public final class ParticipantCache: Sendable {
    /// What a participant's pages are read from besides its session.
    struct Context {
        let event: StoredEvent
        let company: StoredCompany
        let participant: EnrolledParticipant
    }

    struct Entry {
        let stamp: String
        let context: Context
        let stored: ContinuousClock.Instant
    }

    /// The most invites kept at once.
    public let capacity: Int
    private let entries = Mutex<[Int64: Entry]>([:])
    private let served = Atomic<Int>(0)

    /// A cache of at most `capacity` invites (default 20,000: every participant of a national programme's largest
    /// rounds).
    public init(capacity: Int = 20_000) {
        self.capacity = max(1, capacity)
    }

    /// The context kept for an invite, if it was stored under this stamp.
    func context(invite: Int64, stamp: String) -> Context? {
        entries.withLock { entries in
            guard let entry = entries[invite] else { return nil }
            guard entry.stamp == stamp else {
                entries[invite] = nil
                return nil
            }
            served.add(1, ordering: .relaxed)
            return entry.context
        }
    }

    /// Keeps an invite's context, read after its stamp (so at least as new as the rows the stamp names).
    func keep(_ context: Context, invite: Int64, stamp: String) {
        let entry = Entry(stamp: stamp, context: context, stored: ContinuousClock.now)
        entries.withLock { entries in
            if entries.count >= capacity, entries[invite] == nil {
                let oldest = entries.sorted { $0.value.stored < $1.value.stored }.prefix(max(1, entries.count / 2))
                for (key, _) in oldest { entries[key] = nil }
            }
            entries[invite] = entry
        }
    }

    /// How many invites are held now.
    public var count: Int { entries.withLock { $0.count } }

    /// How many sessions were answered from memory so far.
    public var hits: Int { served.load(ordering: .relaxed) }
}
