/// When and how the solver calls the exact engine between search rounds.
///
/// - Problems where every candidate is required and only holes count, up to ``holeLimit`` placement literals, are
///   solved whole: placement, then holes narrowed from both sides until proved optimal.
/// - Other problems with required meetings, up to ``feasibilityLimit``, get the exact engine over the required
///   meetings alone whenever the search has not placed them all: it places them (the search then fills in the
///   rest) or proves that no schedule holds them.
struct ExactDriver {
    /// Placement literals (candidate × allowed slot) up to which hole-only problems are solved whole. The forum and
    /// all-required presets need about 2,700–3,100 (peak 320 MiB with the search, `scripts/bench-forum`); the
    /// limit leaves room for forums several times larger while keeping the hole counter's clauses in memory.
    static let holeLimit = 60_000
    /// Placement literals up to which required meetings are placed or proved impossible exactly.
    static let feasibilityLimit = 400_000
    /// Counter cells (``PlacementEncoding/counterCells(_:candidates:)``) up to which either kind of encoding is
    /// built: a round of 6,000 required meetings at 400 tables needs about 30 million (10 GB); the forum presets
    /// need under 100,000. Above it the local search alone places the meetings and lowers the holes.
    static let counterLimit = 2_000_000

    let model: SolverModel
    let required: [Int]
    let solvesHoles: Bool
    private let seed: UInt64
    private var engine: ExactEngine?
    /// Lines of a proof that no schedule holds every required meeting.
    private(set) var infeasibility: [String]?
    private(set) var provedOptimal = false

    init(model: SolverModel, seed: UInt64) {
        self.model = model
        self.seed = seed
        required = (0..<model.candidateCount).filter { model.required[$0] }
        let placements = PlacementEncoding.placementCount(model, candidates: required)
        let fits =
            placements <= Self.feasibilityLimit
            && PlacementEncoding.counterCells(model, candidates: required) <= Self.counterLimit
        let holesOnly = !required.isEmpty && required.count == model.candidateCount
        solvesHoles = holesOnly && model.gapPenalty > 0 && placements <= Self.holeLimit && fits
        let capacity = Infeasibility.capacity(model)
        if !capacity.isEmpty {
            infeasibility = ["proved infeasible by counting: more required meetings than the slots can seat"] + capacity
        }
        if required.isEmpty || !fits { disabled = true }
    }

    private var disabled = false

    /// Holes no complete schedule can go below, when the engine has proved more than zero.
    var holesLowerBound: Int? { solvesHoles ? engine?.lowerBound ?? 0 : nil }

    /// Calls to the SAT solver so far.
    var calls: Int { engine?.calls ?? 0 }

    /// Whether the engine still has something to establish for `best`: a schedule of every required meeting, or
    /// (for hole-only problems) the optimum.
    func hasWork(_ best: ScheduleState) -> Bool {
        guard !disabled, infeasibility == nil, !provedOptimal else { return false }
        return best.requiredPlaced < required.count || solvesHoles
    }

    /// One exact call, improving `best` when it finds a better schedule.
    mutating func step(_ best: inout ScheduleState, deadline: ContinuousClock.Instant) {
        guard hasWork(best) else { return }
        let engine = self.engine ?? ExactEngine(model: model, candidates: required, seed: seed, holes: solvesHoles)
        self.engine = engine
        let outcome =
            best.requiredPlaced < required.count
            ? engine.findSchedule(deadline: deadline) : engine.narrowHoles(best: best.holes, deadline: deadline)
        switch outcome {
        case .found(let slots), .improved(let slots):
            let state = schedule(slots)
            if state.isBetter(than: best) { best = state }
            if solvesHoles && best.holes <= engine.lowerBound { provedOptimal = true }
        case .infeasible(let lines):
            infeasibility = lines
        case .optimal:
            provedOptimal = true
        case .raisedBound, .undecided:
            break
        }
    }

    /// The engine's placement of the required meetings, with the other candidates added where they fit.
    private func schedule(_ slots: [Int]) -> ScheduleState {
        var state = ScheduleState(model: model)
        for (index, candidate) in required.enumerated() where slots[index] >= 0 {
            state.assign(candidate, to: slots[index])
        }
        for candidate in ScheduleState.priorityOrder(model) where state.slotOf[candidate] < 0 {
            state.tryInsert(candidate)
        }
        state.commit()
        return state
    }
}
