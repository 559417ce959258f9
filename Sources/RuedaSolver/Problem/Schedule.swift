/// A solved schedule (`"format": "rueda.schedule/1"`).
public struct Schedule: Sendable, Hashable, Codable {
    public static let formatName = "rueda.schedule/1"

    public enum Status: String, Sendable, Hashable, Codable {
        /// The objective reaches the proven upper bound.
        case optimal
        /// Every hard constraint holds; the objective may be below the bound.
        case feasible
        /// No schedule holds every required meeting, and this is proved; `explanation` names the conflict.
        case infeasible
        /// Some required meeting is unplaced, but no proof that it cannot be placed was found within the limit;
        /// `explanation` says what was tried.
        case unknown

        /// Whether every required meeting is in the schedule (optimal or feasible).
        public var holdsEveryRequired: Bool { self == .optimal || self == .feasible }
    }

    /// Why a search ended.
    public enum StopReason: String, Sendable, Hashable, Codable {
        /// The objective reached the proven bound.
        case optimal
        /// The search budget (moves) ran out.
        case iterations
        /// The time limit ran out.
        case timeLimit
        /// The greedy baseline, which does not search.
        case greedy
        /// It was proved that no schedule holds every required meeting (by counting or by the exact engine).
        case infeasible
    }

    public struct Meeting: Sendable, Hashable, Codable {
        public var buyer: String
        public var supplier: String
        public var slot: Int
        public var table: Int

        public init(buyer: String, supplier: String, slot: Int, table: Int) {
            self.buyer = buyer
            self.supplier = supplier
            self.slot = slot
            self.table = table
        }
    }

    /// Figures about the solution and the search.
    public struct Stats: Sendable, Hashable, Codable {
        public var meetings: Int = 0
        public var weight: Int = 0
        public var holes: Int = 0
        public var shortfall: Int = 0
        /// (upperBound − objective) / |upperBound|, 0 when both are 0.
        public var gap: Double = 0
        public var requiredPlaced: Int = 0
        public var requiredTotal: Int = 0
        public var companiesWithoutMeetings: Int = 0
        public var iterations: Int = 0
        public var seconds: Double = 0
        public var threads: Int = 1
        public var seed: UInt64 = 0
        /// Why the search ended.
        public var stoppedBy: StopReason = .iterations
        /// Objective of the greedy start, for comparison.
        public var greedyObjective: Int = 0
        /// Holes that no schedule holding every meeting can go below, proved by the exact engine (hole-only
        /// problems); `upperBound` is the objective with these holes. Absent when the engine did not run.
        public var holesLowerBound: Int?
        /// Calls to the SAT solver, when the exact engine ran.
        public var satCalls: Int?

        public init() {}
    }

    public var format: String = Schedule.formatName
    public var meetings: [Meeting]
    public var objective: Int
    public var upperBound: Int
    public var status: Status
    public var stats: Stats
    /// Why the problem is infeasible, naming companies and slots; empty otherwise.
    public var explanation: [String]

    public init(
        meetings: [Meeting], objective: Int, upperBound: Int, status: Status, stats: Stats, explanation: [String] = []
    ) {
        self.meetings = meetings
        self.objective = objective
        self.upperBound = upperBound
        self.status = status
        self.stats = stats
        self.explanation = explanation
    }
}
