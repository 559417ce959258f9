import RuedaCore

/// One request to meet, from one company to another, for keying what became of it.
public struct RequestKey: Sendable, Hashable {
    public var from: NIT
    public var to: NIT

    public init(from: NIT, to: NIT) {
        self.from = from
        self.to = to
    }
}

/// Requests of one level made by one side, how many were scheduled, and why the others were not.
public struct RequestTally: Sendable, Hashable, Codable {
    /// A reason and how many requests it stopped.
    public struct Reason: Sendable, Hashable, Codable {
        public var reason: String
        public var count: Int
    }

    /// `must` or `like`.
    public var level: String
    /// The side that asked: `buyer` or `supplier`.
    public var requestedBy: String
    public var made: Int
    public var scheduled: Int
    /// Reasons, most frequent first.
    public var notScheduled: [Reason]

    /// Scheduled over made, 0 when none were made.
    public var honoured: Double { made == 0 ? 0 : Double(scheduled) / Double(made) }
}

extension EventReport {
    /// The reason given to a request the match run kept as a candidate but the schedule could not place.
    public static let notPlaced = "candidate, but not placed: the companies' slots or the tables ran out"
    /// The reason given to a request the match run has no record of (made after the run, or a run before fates).
    public static let notInRun = "not in the match run (made after it, or by a company not enrolled on the other side)"

    /// Must-meet and would-like requests, for each side, against the schedule: made, scheduled, and not scheduled
    /// with the reason (`reasons` holds the match run's verdict on requests that did not become candidates).
    static func tallies(
        requests: [MeetingRequest], roles: [NIT: ParticipantRole], scheduled: Set<MeetingPair>,
        reasons: [RequestKey: String], candidates: Set<RequestKey>
    ) -> [RequestTally] {
        var tallies: [[String]: (made: Int, scheduled: Int, reasons: [String: Int])] = [:]
        for request in requests where request.level != .no {
            let side = roles[request.from] == .supplier ? "supplier" : "buyer"
            let pair =
                side == "buyer"
                ? MeetingPair(buyer: request.from, supplier: request.to)
                : MeetingPair(buyer: request.to, supplier: request.from)
            let key = [request.level.rawValue, side]
            var entry = tallies[key] ?? (0, 0, [:])
            entry.made += 1
            if scheduled.contains(pair) {
                entry.scheduled += 1
            } else {
                let requestKey = RequestKey(from: request.from, to: request.to)
                let reason = reasons[requestKey] ?? (candidates.contains(requestKey) ? notPlaced : notInRun)
                entry.reasons[reason, default: 0] += 1
            }
            tallies[key] = entry
        }
        return tallies.keys.sorted { ($0[0] == "must" ? 0 : 1, $0[1]) < ($1[0] == "must" ? 0 : 1, $1[1]) }.compactMap {
            key in
            guard let entry = tallies[key] else { return nil }
            return RequestTally(
                level: key[0], requestedBy: key[1], made: entry.made, scheduled: entry.scheduled,
                notScheduled: entry.reasons.map { RequestTally.Reason(reason: $0.key, count: $0.value) }.sorted {
                    $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason
                })
        }
    }
}
