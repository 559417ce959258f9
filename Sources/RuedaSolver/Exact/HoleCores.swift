/// A core-guided lower bound on holes (OLL: Andres et al. 2012; Morgado, Dodaro and Marques-Silva 2014).
///
/// It assumes that no hole indicator holds. Each unsatisfiable call names a core: a set of those assumptions of
/// which at least one must give. The bound rises by one, the core's assumptions are replaced by a totalizer over
/// them that allows one more, and the next call asks again. When a call is satisfiable, its model has no more holes
/// than the bound: it is optimal. A core proves only that one of its terms gives, so the bound stays proved
/// whatever the budget of each call.
struct HoleCores {
    /// The assumptions of the next call, in the order they were made (the order keeps the calls deterministic).
    private(set) var assumptions: [Int32]
    /// For an assumption `¬outputs[k]` over a core: the totalizer's outputs and k, so that a later core can allow
    /// one more.
    private var sums: [Int32: (outputs: [Int32], bound: Int)] = [:]
    /// Cores found so far: holes no schedule can go below.
    private(set) var lowerBound = 0

    init(indicators: [Int32]) {
        assumptions = indicators.map { -$0 }
    }

    /// The failed assumptions of the last unsatisfiable call, shrunk by asking again under them alone while that
    /// gives a smaller core (at most three calls, with a small budget).
    func core(_ sat: SATSolver, hard: [Int32], deadline: ContinuousClock.Instant) -> [Int32] {
        var core = assumptions.filter { sat.failed($0) }
        for _ in 0..<3 where core.count > 1 {
            guard sat.solve(assuming: hard + core, deadline: deadline, conflicts: 1_000) == .unsatisfiable else {
                break
            }
            let smaller = core.filter { sat.failed($0) }
            guard smaller.count < core.count else { break }
            core = smaller
        }
        return core
    }

    /// Raises the bound by one for `core`, a set of the current assumptions that cannot all hold.
    mutating func relax(_ core: [Int32], sat: SATSolver) {
        guard !core.isEmpty else { return }
        lowerBound += 1
        let inCore = Set(core)
        assumptions.removeAll { inCore.contains($0) }
        // A sum already in the core may now exceed its allowance by one more.
        for literal in core {
            guard let sum = sums.removeValue(forKey: literal), sum.bound + 1 < sum.outputs.count else { continue }
            let next = -sum.outputs[sum.bound + 1]
            sums[next] = (sum.outputs, sum.bound + 1)
            assumptions.append(next)
        }
        guard core.count > 1 else { return }
        // From now on at most one of the core's terms exceeds its allowance, until a later core allows more.
        let outputs = sat.totalizer(core.map { -$0 }, cap: core.count)
        let next = -outputs[1]
        sums[next] = (outputs, 1)
        assumptions.append(next)
    }
}
