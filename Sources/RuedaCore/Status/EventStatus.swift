/// Where a round stands, as stored: it moves forward as it is matched, scheduled and published.
public enum EventStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft, open, matched, scheduled, published, closed

    /// Whether the round has a published schedule (published, or closed after it).
    public var hasPublishedSchedule: Bool { self == .published || self == .closed }

    /// Whether this status comes before `other` in a round's life (draft, open, matched, scheduled, published,
    /// closed).
    public func precedes(_ other: EventStatus) -> Bool {
        let order = Self.allCases
        return (order.firstIndex(of: self) ?? 0) < (order.firstIndex(of: other) ?? 0)
    }
}

/// Where a schedule version stands: drafts may be replaced, a published version is frozen, a superseded one was
/// published before the current one.
public enum ScheduleStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft, published, superseded
}
