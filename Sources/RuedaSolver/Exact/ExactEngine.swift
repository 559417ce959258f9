/// The complete method: CaDiCaL over a ``PlacementEncoding``. It finds a schedule of every encoded meeting or
/// proves that none exists (with the conflicting constraints), and narrows the holes from both sides — a model
/// with fewer holes than the best known, or a proof that fewer than a bound are impossible — until they meet.
///
/// Every call has a conflict budget that doubles when it runs out, so the sequence of answers depends only on the
/// problem and the seed unless the deadline comes first.
final class ExactEngine {
    /// What one step established.
    enum Step {
        /// A schedule of every encoded meeting, with these slots (by encoded position).
        case found([Int])
        /// No schedule of the encoded meetings exists; the lines name the conflicting constraints.
        case infeasible([String])
        /// A schedule with fewer holes than asked for, with these slots.
        case improved([Int])
        /// No schedule has fewer holes than the current best: it is optimal.
        case optimal
        /// No schedule has `lowerBound` or fewer holes; the bound rose.
        case raisedBound
        /// The budget or the deadline ran out first.
        case undecided
    }

    let encoding: PlacementEncoding
    /// Holes no schedule can go below (proved).
    private(set) var lowerBound = 0
    private(set) var conflictBudget: Int
    private var askLowerNext = false
    private var feasible = false

    init(model: SolverModel, candidates: [Int], seed: UInt64, holes: Bool, conflictBudget: Int = 2_000) {
        encoding = PlacementEncoding(model: model, candidates: candidates, seed: seed, holes: holes)
        self.conflictBudget = conflictBudget
    }

    /// Calls to CaDiCaL so far.
    var calls: Int { encoding.sat.calls }

    /// Looks for a schedule of every encoded meeting.
    func findSchedule(deadline: ContinuousClock.Instant) -> Step {
        let selectors = encoding.selectors
        switch encoding.sat.solve(assuming: selectors, deadline: deadline, conflicts: conflictBudget) {
        case .satisfiable:
            feasible = true
            return .found(encoding.decode())
        case .unsatisfiable:
            let core = minimalCore(selectors.filter { encoding.sat.failed($0) }, deadline: deadline)
            return .infeasible(CoreExplanation(encoding: encoding).lines(core))
        case .unknown:
            conflictBudget = min(conflictBudget * 2, 1 << 24)
            return .undecided
        }
    }

    /// One step of hole minimisation from a schedule with `best` holes: alternately asks for one hole fewer than
    /// `best` and for half-way to `lowerBound`; a model improves the best, a proof raises the bound.
    func narrowHoles(best: Int, deadline: ContinuousClock.Instant) -> Step {
        guard best > lowerBound else { return .optimal }
        let selectors = encoding.selectors
        // Below the best: one fewer hole, or (every other call) no more than the proved bound.
        let target = askLowerNext ? lowerBound : best - 1
        guard let bound = encoding.atMostHoles(target, cap: best) else { return .optimal }
        let outcome = encoding.sat.solve(assuming: selectors + [bound], deadline: deadline, conflicts: conflictBudget)
        switch outcome {
        case .satisfiable:
            return .improved(encoding.decode())
        case .unsatisfiable:
            lowerBound = target + 1
            return lowerBound >= best ? .optimal : .raisedBound
        case .unknown:
            // Alternate the two questions; after both ran out, give them twice the conflicts.
            if askLowerNext { conflictBudget = min(conflictBudget * 2, 1 << 24) }
            askLowerNext.toggle()
            return .undecided
        }
    }

    /// Drops constraints from an unsatisfiable set one at a time while the rest stays unsatisfiable, each check
    /// with a small budget, so that the explanation names few constraints.
    private func minimalCore(_ core: [Int32], deadline: ContinuousClock.Instant) -> [Int32] {
        var core = core
        var index = 0
        var checks = 0
        while index < core.count && checks < 400 {
            checks += 1
            var trial = core
            trial.remove(at: index)
            if encoding.sat.solve(assuming: trial, deadline: deadline, conflicts: 2_000) == .unsatisfiable {
                let failed = Set(trial.filter { encoding.sat.failed($0) })
                core = trial.filter { failed.contains($0) }
            } else {
                index += 1
            }
        }
        return core
    }
}
