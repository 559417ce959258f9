import Testing

@testable import RuedaSolver

@Suite("Solver")
struct SolverTests {
    @Test("greedy and constructed starts are valid on a round")
    func startsAreValid() {
        let problem = ScheduleProblem.generate(.round, seed: 1)
        let model = SolverModel(problem)
        let greedy = ScheduleState.greedy(model)
        let constructed = ScheduleState.constructed(model, selection: MatchingBound(model: model).selection)
        for state in [greedy, constructed] {
            let schedule = Solver.schedule(
                from: state, problem: problem, model: model, bound: MatchingBound(model: model), greedy: greedy,
                stats: (0, .zero, 1, 1, ""))
            let report = ScheduleChecker.check(schedule, against: problem)
            #expect(report.violations.prefix(3) == [])
        }
    }
}

@Suite("Kempe debug")
struct KempeDebug {
    @Test("kempe insertion keeps loads within delegates", arguments: 0..<200)
    func kempeValid(seed: UInt64) {
        let problem = SmallProblems.random(seed: seed, companies: 8, candidates: 16, slots: 4, bipartite: true)
        let model = SolverModel(problem)
        var state = ScheduleState(model: model)
        for candidate in 0..<model.candidateCount {
            let before = state.slotOf
            if !state.insertDirect(candidate, minimumGain: 1) { _ = state.insertByKempeChain(candidate) }
            state.commit()
            let schedule = Solver.schedule(
                from: state, problem: problem, model: model, bound: MatchingBound(model: model), greedy: state,
                stats: (0, .zero, 1, 1, ""))
            let violations = ScheduleChecker.check(schedule, against: problem).violations.filter {
                $0.contains("delegates") || $0.contains("more than")
            }
            if !violations.isEmpty {
                Issue.record(
                    "seed \(seed) candidate \(candidate) \(problem.candidates[candidate]) before \(before) after \(state.slotOf): \(violations) full0 \(String(state.full[0], radix: 2)) load0 \(state.load[0..<4]) firsts \(model.first) seconds \(model.second) delegates \(model.delegates)"
                )
                return
            }
        }
    }
}
