import Dispatch
import Foundation

/// How long and how hard to search.
public struct SolverOptions: Sendable, Hashable {
    /// Wall-clock limit; the best schedule found so far is returned when it runs out.
    public var timeLimit: Duration = .seconds(10)
    public var seed: UInt64 = 1
    /// Independent searches per round; the best of each round seeds the next. Two by default, for the 2-core
    /// machines Rueda is sized for.
    public var threads: Int = 2
    /// Search budget in moves per thread; nil picks one from the problem size. The result depends only on the
    /// problem, the seed, the thread count and this budget, unless the time limit stops the search first.
    public var iterations: Int?

    public init(timeLimit: Duration = .seconds(10), seed: UInt64 = 1, threads: Int = 2, iterations: Int? = nil) {
        self.timeLimit = timeLimit
        self.seed = seed
        self.threads = threads
        self.iterations = iterations
    }
}

/// Solves schedule problems: a proven bound from the b-matching relaxation, a constructed start (relaxation's
/// selection placed with Kempe chains, or greedy if better), then large neighbourhood search.
public enum Solver {
    /// Solves a validated problem.
    public static func solve(
        _ problem: ScheduleProblem, options: SolverOptions = SolverOptions()
    ) throws(ProblemError)
        -> Schedule
    {
        try problem.validate()
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started.advanced(by: options.timeLimit)
        let model = SolverModel(problem)
        let bound = MatchingBound(model: model)
        let greedy = ScheduleState.greedy(model)
        var best = ScheduleState.constructed(model, selection: bound.selection)
        if greedy.isBetter(than: best) { best = greedy }
        let requiredTotal = model.required.filter { $0 }.count
        let threads = max(1, min(options.threads, 64))
        let budget = options.iterations ?? defaultIterations(model)
        let roundLength = max(256, min(20_000, budget / 8))
        var spent = 0
        var round: UInt64 = 0
        var stoppedBy = Schedule.StopReason.iterations
        var exact = ExactDriver(model: model, seed: options.seed)
        // With every candidate required, weight and shortfall are the same in every complete schedule: the bound is
        // theirs less the proved minimum of holes.
        let holesOnly = requiredTotal == model.candidateCount
        func currentBound(_ state: ScheduleState) -> Int {
            guard holesOnly, state.requiredPlaced == requiredTotal, let holes = exact.holesLowerBound else {
                return bound.value
            }
            return min(bound.value, state.objective + model.gapPenalty * (state.holes - holes))
        }
        // Small problems with a gap penalty get simulated annealing: holes sit on plateaus that plain descent
        // rarely leaves. The temperature falls geometrically over the whole budget, from 1.2 to 0.02 holes' worth.
        let anneal = model.gapPenalty > 0 && model.candidateCount <= 5_000
        let hot = Double(model.gapPenalty) * 1.2
        let cold = Double(model.gapPenalty) * 0.02
        @Sendable func annealing(_ spent: Int, _ length: Int) -> (Double, Double)? {
            guard anneal else { return nil }
            let moves = min(spent, budget)
            func at(_ moves: Int) -> Double { hot * pow(cold / hot, Double(moves) / Double(max(budget, 1))) }
            return (at(moves), at(min(moves + length, budget)))
        }
        while true {
            let boundValue = currentBound(best)
            if best.requiredPlaced == requiredTotal && best.objective >= boundValue {
                stoppedBy = .optimal
                break
            }
            if exact.provedOptimal && best.requiredPlaced == requiredTotal {
                stoppedBy = .optimal
                break
            }
            // A proof ends the search: the use case relaxes the requirements and solves again.
            if exact.infeasibility != nil {
                stoppedBy = .infeasible
                break
            }
            if clock.now >= deadline {
                stoppedBy = .timeLimit
                break
            }
            // The move budget ends the search only once every required meeting is placed and the exact engine has
            // nothing left to prove: until then, the search runs until the time limit.
            if spent >= budget && best.requiredPlaced == requiredTotal && !exact.hasWork(best) { break }
            exact.step(&best, deadline: deadline)
            if exact.provedOptimal { continue }
            let length = spent < budget ? min(roundLength, budget - spent) : roundLength
            let start = best
            let roundNumber = round
            let temperature = annealing(spent, length)
            let results = RoundResults(count: threads)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var state = start
                let seed = options.seed &* 0x2545_F491_4F6C_DD1D &+ roundNumber &* 7_919 &+ UInt64(thread)
                let stop: (ScheduleState) -> Bool = {
                    ($0.requiredPlaced == requiredTotal && $0.objective >= boundValue) || clock.now >= deadline
                }
                let done: Int
                if anneal && holesOnly {
                    // Hole-only problems run tabu search over Kempe moves, which leaves the plateaus the large
                    // neighbourhood search stalls on; a tabu step weighs dozens of moves, so it counts as four.
                    var tabu = TabuSearch(seed: seed)
                    done = tabu.improve(&state, iterations: max(1, length / 4), isDone: stop) * 4
                } else {
                    var search = LargeNeighbourhoodSearch(seed: seed)
                    done = search.improve(&state, iterations: length, temperature: temperature, isDone: stop)
                }
                results.set(thread, state, moves: done)
            }
            for state in results.states where state.isBetter(than: best) { best = state }
            spent += results.moves
            round += 1
        }
        if best.requiredPlaced == requiredTotal && best.objective >= currentBound(best) { stoppedBy = .optimal }
        let proof = Proof(
            upperBound: currentBound(best), holesLowerBound: exact.holesLowerBound,
            infeasibility: exact.infeasibility, satCalls: exact.calls)
        return schedule(
            from: best, problem: problem, model: model, bound: bound, greedy: greedy,
            stats: (spent, clock.now - started, threads, options.seed, stoppedBy), proof: proof)
    }

    /// A budget of at least a million moves, more for large problems: enough that the time limit, not the budget,
    /// usually ends the search of hard problems, while easy ones stop early at the bound.
    static func defaultIterations(_ model: SolverModel) -> Int {
        // Hole-only problems (every candidate required) are searched by tabu steps, each worth four moves here:
        // 50,000 of them take about five seconds on a round of a few hundred meetings.
        if !model.required.contains(false) && model.gapPenalty > 0 { return 200_000 }
        return max(1_000_000, model.candidateCount * 100)
    }

    /// What the search proved beyond the relaxation's bound.
    struct Proof {
        var upperBound: Int?
        var holesLowerBound: Int?
        /// Lines of a proof that no schedule holds every required meeting.
        var infeasibility: [String]?
        var satCalls = 0
    }

    static func schedule(
        from state: ScheduleState, problem: ScheduleProblem, model: SolverModel, bound: MatchingBound,
        greedy: ScheduleState, stats search: (Int, Duration, Int, UInt64, Schedule.StopReason), proof: Proof
    ) -> Schedule {
        var bySlot = [[Int]](repeating: [], count: model.slots)
        for candidate in 0..<model.candidateCount where state.slotOf[candidate] >= 0 {
            bySlot[Int(state.slotOf[candidate])].append(candidate)
        }
        var meetings: [Schedule.Meeting] = []
        for (slot, candidates) in bySlot.enumerated() {
            for (table, candidate) in candidates.enumerated() {
                let source = problem.candidates[candidate]
                meetings.append(
                    Schedule.Meeting(buyer: source.buyer, supplier: source.supplier, slot: slot, table: table))
            }
        }
        let requiredTotal = model.required.filter { $0 }.count
        let feasible = state.requiredPlaced == requiredTotal
        let upperBound =
            feasible
            ? min(bound.value, proof.upperBound ?? bound.value)
            : MatchingBound(model: model, includeRequiredPremium: false).value
        var stats = Schedule.Stats()
        stats.meetings = meetings.count
        stats.weight = state.weight
        stats.holes = state.holes
        stats.shortfall = state.shortfall
        stats.gap = Double(upperBound - state.objective) / Double(max(1, abs(upperBound)))
        stats.requiredPlaced = state.requiredPlaced
        stats.requiredTotal = requiredTotal
        stats.companiesWithoutMeetings = state.degree.filter { $0 == 0 }.count
        stats.iterations = search.0
        stats.seconds = Double(search.1.components.seconds) + Double(search.1.components.attoseconds) / 1e18
        stats.threads = search.2
        stats.seed = search.3
        stats.stoppedBy = search.4
        stats.greedyObjective = greedy.objective
        stats.holesLowerBound = feasible ? proof.holesLowerBound : nil
        stats.satCalls = proof.satCalls > 0 ? proof.satCalls : nil
        // Infeasible only when proved: by the exact engine, or by counting a company's required meetings.
        let capacity = Infeasibility.capacity(model)
        let proved = proof.infeasibility ?? (capacity.isEmpty ? nil : capacity)
        let status: Schedule.Status =
            feasible
            ? (state.objective >= upperBound ? .optimal : .feasible) : proved == nil ? .unknown : .infeasible
        var explanation: [String] = []
        if !feasible {
            explanation =
                proved ?? [
                    "not proved infeasible: no schedule with every required meeting was found within the limit, and "
                        + "none was shown impossible (\(proof.satCalls) SAT calls); a longer --time-limit may find one"
                ]
            explanation += Infeasibility.unplaced(state: state, problem: problem)
        }
        return Schedule(
            meetings: meetings, objective: state.objective, upperBound: upperBound, status: status, stats: stats,
            explanation: explanation)
    }
}

/// Per-thread results of one search round, each slot written by exactly one thread.
private final class RoundResults: @unchecked Sendable {
    private var slots: [ScheduleState?]
    private var done: [Int]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
        done = Array(repeating: 0, count: count)
    }

    func set(_ index: Int, _ state: ScheduleState, moves: Int) {
        lock.lock()
        slots[index] = state
        done[index] = moves
        lock.unlock()
    }

    /// Moves made in the round by the thread that made most (they stop early only at the bound or the limit).
    var moves: Int {
        lock.lock()
        defer { lock.unlock() }
        return max(1, done.max() ?? 0)
    }

    var states: [ScheduleState] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

extension Solver {
    /// The greedy baseline as a schedule: required candidates first, then best weight first, each at the earliest
    /// common free slot. Its `upperBound` is the same proven bound.
    public static func greedy(_ problem: ScheduleProblem) throws(ProblemError) -> Schedule {
        try problem.validate()
        let clock = ContinuousClock()
        let started = clock.now
        let model = SolverModel(problem)
        let state = ScheduleState.greedy(model)
        let elapsed = clock.now - started
        return schedule(
            from: state, problem: problem, model: model, bound: MatchingBound(model: model), greedy: state,
            stats: (0, elapsed, 1, 0, .greedy), proof: Proof())
    }
}
