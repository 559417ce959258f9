import CCaDiCaL

/// CaDiCaL through its C API: variables, clauses, solving under assumptions with a deadline and a conflict limit,
/// and the failed assumptions of an unsatisfiable call. One instance belongs to one thread.
final class SATSolver {
    /// What a call to `solve` found.
    enum Outcome: Equatable {
        case satisfiable
        case unsatisfiable
        /// The conflict limit or the deadline came first.
        case unknown
    }

    private let handle: OpaquePointer
    private let stop: StopCondition
    /// Variables handed out so far (CaDiCaL numbers them from 1).
    private(set) var variableCount: Int32 = 0
    private(set) var clauseCount = 0
    /// Calls to `solve` so far.
    private(set) var calls = 0

    /// A literal that is always true, for constants in encodings.
    private(set) var alwaysTrue: Int32 = 0

    init(seed: UInt64 = 0) {
        // `ccadical_init` only fails when memory runs out, which Swift treats as fatal everywhere else too.
        handle = ccadical_init()
        stop = StopCondition()
        ccadical_set_option(handle, "seed", Int32(truncatingIfNeeded: seed & 0x7FFF_FFFF))
        ccadical_set_option(handle, "quiet", 1)
        ccadical_set_terminate(handle, Unmanaged.passUnretained(stop).toOpaque()) { state in
            guard let state else { return 0 }
            return Unmanaged<StopCondition>.fromOpaque(state).takeUnretainedValue().shouldStop ? 1 : 0
        }
        alwaysTrue = newVariable()
        add([alwaysTrue])
    }

    deinit {
        ccadical_release(handle)
    }

    func newVariable() -> Int32 {
        variableCount += 1
        return variableCount
    }

    /// Adds a clause: at least one of the literals holds. An empty clause makes the formula unsatisfiable.
    func add(_ clause: [Int32]) {
        for literal in clause { ccadical_add(handle, literal) }
        ccadical_add(handle, 0)
        clauseCount += 1
    }

    /// Solves under `assumptions` (literals that hold for this call only), stopping at `deadline` or after
    /// `conflicts` conflicts, whichever comes first.
    func solve(
        assuming assumptions: [Int32] = [], deadline: ContinuousClock.Instant? = nil, conflicts: Int? = nil
    ) -> Outcome {
        calls += 1
        if let deadline, ContinuousClock.now >= deadline { return .unknown }
        stop.deadline = deadline
        for literal in assumptions { ccadical_assume(handle, literal) }
        if let conflicts { ccadical_limit(handle, "conflicts", Int32(clamping: max(1, conflicts))) }
        switch ccadical_solve(handle) {
        case 10: return .satisfiable
        case 20: return .unsatisfiable
        default: return .unknown
        }
    }

    /// Whether a literal holds in the model of the last satisfiable call.
    func value(_ literal: Int32) -> Bool {
        ccadical_val(handle, literal) > 0
    }

    /// Whether an assumption of the last unsatisfiable call was needed for the proof.
    func failed(_ literal: Int32) -> Bool {
        ccadical_failed(handle, literal) != 0
    }
}

/// The deadline CaDiCaL's terminate callback checks; a class so that the C side can hold a pointer to it.
private final class StopCondition {
    var deadline: ContinuousClock.Instant?
    /// The clock is read once in 64 calls: CaDiCaL asks often.
    private var asked = 0

    var shouldStop: Bool {
        guard let deadline else { return false }
        asked &+= 1
        return asked & 63 == 0 && ContinuousClock.now >= deadline
    }
}
