import Testing

@testable import RuedaSolver

/// The best objective over every assignment of candidates to slots (or to none), by enumeration; nil when no
/// assignment holds every required candidate.
func exhaustiveOptimum(_ problem: ScheduleProblem) -> Int? {
    let slotChoices = problem.slots + 1
    var best: Int?
    var assignment = [Int](repeating: -1, count: problem.candidates.count)
    func evaluate() {
        let meetings = assignment.enumerated().compactMap { index, slot -> Schedule.Meeting? in
            guard slot >= 0 else { return nil }
            let candidate = problem.candidates[index]
            return Schedule.Meeting(buyer: candidate.buyer, supplier: candidate.supplier, slot: slot, table: index)
        }
        // Tables are numbered by position so that only the count per slot can break them.
        var numbered: [Schedule.Meeting] = []
        var perSlot: [Int: Int] = [:]
        for var meeting in meetings {
            meeting.table = perSlot[meeting.slot, default: 0]
            perSlot[meeting.slot, default: 0] += 1
            numbered.append(meeting)
        }
        let probe = Schedule(meetings: numbered, objective: 0, upperBound: Int.max, status: .feasible, stats: .init())
        let report = ScheduleChecker.check(probe, against: problem)
        let hard = report.violations.filter { !$0.hasPrefix("objective") }
        guard hard.isEmpty else { return }
        if best == nil || report.objective > best ?? Int.min { best = report.objective }
    }
    func recurse(_ index: Int) {
        if index == assignment.count {
            evaluate()
            return
        }
        for choice in 0..<slotChoices {
            assignment[index] = choice - 1
            recurse(index + 1)
        }
    }
    recurse(0)
    return best
}

@Suite("Solver against exhaustive search")
struct ExhaustiveTests {
    @Test(
        "on small random problems the solver reaches the exhaustive optimum and never exceeds its bound",
        arguments: 0..<40)
    func reachesOptimum(seed: UInt64) throws {
        let problem = SmallProblems.random(
            seed: seed, companies: 5, candidates: 6, slots: 3, bipartite: seed % 3 != 0,
            tables: seed % 4 == 0 ? 1 : nil, gapPenalty: seed % 2 == 0 ? 3 : 0,
            shortfallPenalty: seed % 5 == 0 ? 4 : 0, requiredShare: seed % 6 == 0 ? 30 : 0)
        let schedule = try Solver.solve(problem, options: SolverOptions(seed: seed, iterations: 20_000))
        let report = ScheduleChecker.check(schedule, against: problem)
        #expect(report.violations == [])
        guard let optimum = exhaustiveOptimum(problem) else {
            #expect(schedule.status == .infeasible)
            return
        }
        #expect(schedule.status != .infeasible)
        #expect(schedule.objective == optimum)
        #expect(schedule.upperBound >= optimum)
        #expect((schedule.status == .optimal) == (schedule.objective == schedule.upperBound))
    }
}
