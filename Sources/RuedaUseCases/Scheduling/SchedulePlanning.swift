import RuedaCore
import RuedaSolver

/// How a round's problem is built from its enrolment and match run.
public struct ScheduleSettings: Sendable, Hashable {
    /// Weight lost per hole in a company's day (weights are expected value in tens of thousands of pesos).
    public var gapPenalty = 100
    /// Weight lost per meeting a company gets below its minimum.
    public var shortfallPenalty = 300
    /// Candidates with a must-meet request from either side must be scheduled, as far as they can all be held:
    /// those that cannot (see ``SchedulePlan/releasedMusts``) stay strong preferences.
    public var requireMust = true
    /// Keep every meeting of the published schedule at its slot and table; fill free slots around them.
    public var keepPublished = false
    /// The match run whose candidates to use (default: the current one).
    public var matchRun: MatchRunID?

    public init() {}
}

/// A candidate as the planner needs it: the pair, its expected value and how much either side asked for it.
public struct PlanCandidate: Sendable, Hashable {
    public var pair: MeetingPair
    public var expectedValue: Int64
    /// Stated interest, 0 (none) to 1 (mutual must-meet).
    public var interest: Double

    public init(pair: MeetingPair, expectedValue: Int64, interest: Double) {
        self.pair = pair
        self.expectedValue = expectedValue
        self.interest = interest
    }
}

/// A meeting of the published schedule that a new version keeps where it is.
public struct KeptMeeting: Sendable, Hashable {
    public var pair: MeetingPair
    public var slot: Int
    public var table: Int
    public var weight: Int
    public var expectedValue: Int64

    public init(pair: MeetingPair, slot: Int, table: Int, weight: Int, expectedValue: Int64) {
        self.pair = pair
        self.slot = slot
        self.table = table
        self.weight = weight
        self.expectedValue = expectedValue
    }
}

/// A round's problem, with what is needed to turn its solution into appointments.
public struct SchedulePlan: Sendable {
    public var problem: ScheduleProblem
    /// The company of each problem id (the NIT without check digit).
    public var companies: [String: NIT]
    /// Expected value in pesos of each candidate.
    public var expectedValues: [MeetingPair: Int64]
    /// Tables of kept published meetings.
    public var keptTables: [MeetingPair: Int]
    /// Must-meet requirements that could not all be held, each with the reason it was released.
    public var releasedMusts: [String] = []

    /// The pair of a solver meeting.
    public func pair(_ meeting: Schedule.Meeting) -> MeetingPair? { pair(meeting.buyer, meeting.supplier) }

    /// The pair of two problem ids.
    public func pair(_ buyer: String, _ supplier: String) -> MeetingPair? {
        guard let buyer = companies[buyer], let supplier = companies[supplier] else { return nil }
        return MeetingPair(buyer: buyer, supplier: supplier)
    }
}

/// Builds a round's schedule problem (pure): its slots and tables, each participant's availability, limits and
/// delegates, and the candidates weighted by expected value and stated interest.
public enum SchedulePlanning {
    /// The weight of a candidate: expected value in tens of thousands of pesos (at most a million), plus up to 300
    /// for stated interest (mutual must-meet), plus 1 so that every candidate is worth holding.
    public static func weight(expectedValue: Int64, interest: Double) -> Int {
        let value = Int(min(max(expectedValue, 0) / 10_000, 1_000_000))
        let asked = interest.isFinite ? Int((min(max(interest, 0), 1) * 300).rounded()) : 0
        return 1 + value + asked
    }

    public static func plan(
        slots: Int, tables: Int?, participants: [Participant], candidates: [PlanCandidate], requests: [MeetingRequest],
        kept: [KeptMeeting] = [], settings: ScheduleSettings
    ) -> SchedulePlan {
        var musts = Set<MeetingPair>()
        for request in requests where request.level == .must {
            musts.insert(MeetingPair(buyer: request.from, supplier: request.to))
            musts.insert(MeetingPair(buyer: request.to, supplier: request.from))
        }
        let scheduled = participants.filter { $0.role != .participant }
        let companies = scheduled.map { participant in
            ScheduleProblem.Company(
                id: participant.nit.base, role: participant.role == .buyer ? .buyer : .supplier,
                available: participant.availableSlots.filter { $0 < slots }, maxMeetings: participant.maxMeetings,
                minMeetings: participant.minMeetings, delegates: participant.delegates)
        }.sorted { $0.id < $1.id }
        let byID = Dictionary(scheduled.map { ($0.nit.base, $0.nit) }, uniquingKeysWith: { a, _ in a })
        var problemCandidates: [ScheduleProblem.Candidate] = []
        var position: [MeetingPair: Int] = [:]
        var expected: [MeetingPair: Int64] = [:]
        for candidate in candidates
        where byID[candidate.pair.buyer.base] != nil && byID[candidate.pair.supplier.base] != nil {
            position[candidate.pair] = problemCandidates.count
            expected[candidate.pair] = candidate.expectedValue
            problemCandidates.append(
                ScheduleProblem.Candidate(
                    buyer: candidate.pair.buyer.base, supplier: candidate.pair.supplier.base,
                    weight: weight(expectedValue: candidate.expectedValue, interest: candidate.interest),
                    required: settings.requireMust && musts.contains(candidate.pair)))
        }
        var keptTables: [MeetingPair: Int] = [:]
        for meeting in kept {
            keptTables[meeting.pair] = meeting.table
            if let index = position[meeting.pair] {
                problemCandidates[index].required = true
                problemCandidates[index].fixedSlot = meeting.slot
            } else {
                expected[meeting.pair] = meeting.expectedValue
                problemCandidates.append(
                    ScheduleProblem.Candidate(
                        buyer: meeting.pair.buyer.base, supplier: meeting.pair.supplier.base, weight: meeting.weight,
                        required: true, fixedSlot: meeting.slot))
            }
        }
        let released = releaseImpossibleMusts(&problemCandidates, companies: companies, slots: slots, tables: tables)
        let problem = ScheduleProblem(
            slots: slots, tables: tables, gapPenalty: settings.gapPenalty, shortfallPenalty: settings.shortfallPenalty,
            companies: companies, candidates: problemCandidates)
        var plan = SchedulePlan(problem: problem, companies: byID, expectedValues: expected, keptTables: keptTables)
        plan.releasedMusts = released
        return plan
    }

    /// The table of each meeting: a kept published meeting keeps its table, the others take the lowest numbers left
    /// free in their slot (the solver numbers tables from 0 without knowing which are kept).
    public static func tables(for meetings: [Schedule.Meeting], plan: SchedulePlan) -> [Int] {
        guard !plan.keptTables.isEmpty else { return meetings.map(\.table) }
        var taken = Set<[Int]>()
        for meeting in meetings {
            if let pair = plan.pair(meeting), let table = plan.keptTables[pair] { taken.insert([meeting.slot, table]) }
        }
        var nextFree: [Int: Int] = [:]
        return meetings.map { meeting in
            if let pair = plan.pair(meeting), let table = plan.keptTables[pair] { return table }
            var table = nextFree[meeting.slot, default: 0]
            while taken.contains([meeting.slot, table]) { table += 1 }
            taken.insert([meeting.slot, table])
            nextFree[meeting.slot] = table + 1
            return table
        }
    }
}
