import Testing

@testable import RuedaSolver

@Suite("Forum preset")
struct ForumTests {
    @Test("forum problems span 40–80 participants, 8–22 slots and up to 310 meetings, all required", arguments: 0..<32)
    func shape(seed: UInt64) throws {
        let problem = ScheduleProblem.generate(.forum, seed: seed)
        #expect((40...80).contains(problem.companies.count))
        #expect((8...22).contains(problem.slots))
        #expect((100...310).contains(problem.candidates.count))
        #expect(problem.companies.allSatisfy { $0.role == .participant })
        #expect(problem.candidates.allSatisfy { $0.required })
        #expect(problem.gapPenalty == 1 && problem.shortfallPenalty == 0)
        #expect(
            problem.companies.contains { $0.available.first ?? 0 > 0 || $0.available.last ?? 0 < problem.slots - 1 })
        let tables = problem.tables ?? Int.max
        if seed % 4 != 3 {
            #expect(tables <= 27)
            // Tables are scarce: at peak nearly all are needed.
            #expect(problem.candidates.count * 100 >= tables * problem.slots * 60)
        }
        try problem.validate()
    }

    @Test("feasible forum instances get every required meeting placed", arguments: [0, 1, 2, 5, 6] as [UInt64])
    func feasibleInstancesArePlaced(seed: UInt64) throws {
        let problem = ScheduleProblem.generate(.forum, seed: seed)
        let schedule = try Solver.solve(problem, options: SolverOptions(timeLimit: .seconds(20), seed: 1))
        #expect(schedule.status.holdsEveryRequired)
        #expect(schedule.stats.requiredPlaced == problem.candidates.count)
        #expect(ScheduleChecker.check(schedule, against: problem).violations == [])
        // The bound is proved: never below the objective, and tied to the proved fewest holes.
        let lower = try #require(schedule.stats.holesLowerBound)
        #expect(lower <= schedule.stats.holes)
        #expect(schedule.upperBound == -lower)
    }

    @Test(
        "infeasible forum instances are proved infeasible with an explanation", arguments: [3, 7, 11, 15] as [UInt64])
    func infeasibleInstancesAreProved(seed: UInt64) throws {
        let problem = ScheduleProblem.generate(.forum, seed: seed)
        let schedule = try Solver.solve(problem, options: SolverOptions(timeLimit: .seconds(20), seed: 1))
        #expect(schedule.status == .infeasible)
        #expect(schedule.explanation.first?.hasPrefix("proved infeasible") == true)
        #expect(schedule.stats.requiredPlaced < problem.candidates.count)
        #expect(ScheduleChecker.check(schedule, against: problem).violations == [])
    }

    @Test("the same forum seed gives the same problem")
    func deterministic() {
        #expect(ScheduleProblem.generate(.forum, seed: 9) == ScheduleProblem.generate(.forum, seed: 9))
        #expect(ScheduleProblem.generate(.forum, seed: 9) != ScheduleProblem.generate(.forum, seed: 10))
    }
}
