import RuedaStore

/// The round, company and participation behind each invite, kept by a long-running service so that a participant's
/// page needs one round trip (its session and a stamp of those rows, ``ParticipantAccess``) instead of seven.
public typealias ParticipantCache = StampedCache<Int64, String, ParticipantContext>

extension StampedCache where Key == Int64, Stamp == String, Value == ParticipantContext {
    /// A cache of at most `capacity` invites (default 20,000: every participant of a national programme's largest
    /// rounds).
    public convenience init() {
        self.init(capacity: 20_000)
    }
}

/// What a participant's pages are read from besides its session.
public struct ParticipantContext: Sendable {
    public let event: StoredEvent
    public let company: StoredCompany
    public let participant: EnrolledParticipant
}
