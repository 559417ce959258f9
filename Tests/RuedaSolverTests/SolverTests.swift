import Foundation
import Testing

@testable import RuedaSolver

@Suite("Solver")
struct SolverTests {
    @Test(
        "every preset gets a valid schedule whose objective the checker recomputes",
        arguments: ProblemPreset.allCases)
    func presetsAreValid(preset: ProblemPreset) throws {
        // Forum seeds 4k+3 are infeasible by design; 4 is a feasible one.
        let problem = ScheduleProblem.generate(preset, seed: preset == .forum ? 4 : 3)
        let schedule = try Solver.solve(problem, options: SolverOptions(seed: 5, threads: 2, iterations: 3_000))
        let report = ScheduleChecker.check(schedule, against: problem)
        #expect(report.violations.prefix(5) == [])
        #expect(schedule.status != .infeasible)
        #expect(schedule.stats.holes == report.holes)
        #expect(schedule.stats.shortfall == report.shortfall)
        let greedy = try Solver.greedy(problem)
        #expect(
            ScheduleChecker.check(greedy, against: problem).violations.prefix(5).filter { !$0.contains("required") }
                == [])
        #expect(schedule.objective >= greedy.objective)
    }

    @Test("presets without penalties end within 0.2% of the proven bound", arguments: [ProblemPreset.round, .large])
    func unpenalisedPresetsAreNearOptimal(preset: ProblemPreset) throws {
        let problem = ScheduleProblem.generate(preset, seed: 11)
        let schedule = try Solver.solve(problem, options: SolverOptions(seed: 1, threads: 2, iterations: 20_000))
        #expect(schedule.stats.gap <= 0.002)
        #expect(ScheduleChecker.check(schedule, against: problem).violations.isEmpty)
    }

    @Test("on the all-required preset every meeting is held with no more holes than CP-SAT's proven optimum")
    func allRequiredMatchesCPSAT() throws {
        // benchmarks/cpsat_baseline.py proves 1 hole optimal for this problem (docs/benchmarks.md).
        let problem = ScheduleProblem.generate(.required, seed: 1)
        let schedule = try Solver.solve(problem, options: SolverOptions(timeLimit: .seconds(120), seed: 1, threads: 2))
        #expect(schedule.stats.requiredPlaced == problem.candidates.count)
        #expect(schedule.stats.holes <= 1)
        // The exact engine proves it: the schedule is optimal, and the bound says so.
        #expect(schedule.status == .optimal)
        #expect(schedule.stats.holesLowerBound == schedule.stats.holes)
        #expect(ScheduleChecker.check(schedule, against: problem).violations == [])
        let greedy = try Solver.greedy(problem)
        #expect(greedy.stats.requiredPlaced < problem.candidates.count)
    }

    @Test("the same problem, seed, thread count and budget give the same schedule")
    func deterministic() throws {
        let problem = ScheduleProblem.generate(.roundScarce, seed: 2)
        let options = SolverOptions(seed: 9, threads: 2, iterations: 4_000)
        let first = try Solver.solve(problem, options: options)
        let second = try Solver.solve(problem, options: options)
        #expect(first.meetings == second.meetings)
        #expect(first.objective == second.objective)
    }

    @Test("random networking rounds (not bipartite) get valid schedules under a proven bound", arguments: 0..<20)
    func networkingRounds(seed: UInt64) throws {
        let problem = SmallProblems.random(
            seed: seed + 500, companies: 14, candidates: 40, slots: 6, bipartite: false, tables: 4, gapPenalty: 2,
            shortfallPenalty: 3)
        let schedule = try Solver.solve(problem, options: SolverOptions(seed: seed, iterations: 5_000))
        #expect(ScheduleChecker.check(schedule, against: problem).violations == [])
    }

    @Test("fixed slots are kept and required meetings are all held when a schedule exists")
    func fixedAndRequired() throws {
        let problem = ScheduleProblem.generate(.required, seed: 4)
        var pinned = problem
        pinned.candidates[0].fixedSlot = nil
        let schedule = try Solver.solve(pinned, options: SolverOptions(iterations: 5_000))
        #expect(schedule.stats.requiredPlaced == schedule.stats.requiredTotal)
        #expect(ScheduleChecker.check(schedule, against: pinned).violations == [])
        // Pin the first meeting where this schedule holds it: the next solve must keep it there.
        let first = pinned.candidates[0]
        let slot = try #require(
            schedule.meetings.first { $0.buyer == first.buyer && $0.supplier == first.supplier }?.slot)
        pinned.candidates[0].fixedSlot = slot
        let again = try Solver.solve(pinned, options: SolverOptions(seed: 2, iterations: 5_000))
        #expect(again.meetings.first { $0.buyer == first.buyer && $0.supplier == first.supplier }?.slot == slot)
        #expect(ScheduleChecker.check(again, against: pinned).violations == [])
    }
}

@Suite("Infeasible and malformed problems")
struct ProblemInputTests {
    static let example = """
        {
          "format": "rueda.schedule-problem/1",
          "slots": 16,
          "tables": 40,
          "gapPenalty": 0,
          "shortfallPenalty": 0,
          "companies": [
            {"id": "B001", "role": "buyer", "available": [0,1,2,3], "maxMeetings": 10, "minMeetings": 0, "delegates": 1},
            {"id": "S0001", "role": "supplier", "available": [0,1,2,3,8,9], "maxMeetings": 6, "minMeetings": 1},
            {"id": "S0002", "role": "supplier", "available": [0,1,2,3], "maxMeetings": 6}
          ],
          "candidates": [
            {"buyer": "B001", "supplier": "S0001", "weight": 830, "required": false},
            {"buyer": "B001", "supplier": "S0002", "weight": 300, "slots": [0,1,2], "fixedSlot": 2}
          ]
        }
        """

    @Test("the format's own example reads, solves to its optimum and keeps the fixed slot")
    func exampleSolves() throws {
        let problem = try ScheduleProblem.decode(Data(Self.example.utf8))
        let schedule = try Solver.solve(problem)
        #expect(schedule.status == .optimal)
        #expect(schedule.objective == 1_130)
        #expect(schedule.meetings.first { $0.supplier == "S0002" }?.slot == 2)
        let encoded = try JSONEncoder().encode(schedule)
        let fields = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(fields["format"] as? String == "rueda.schedule/1")
        #expect(Set(fields.keys).isSuperset(of: ["meetings", "objective", "upperBound", "status", "stats"]))
    }

    @Test(
        "bad files name the field and the reason",
        arguments: [
            (#""supplier": "S0002""#, #""supplier": "S9""#, "candidates[1].supplier: unknown company 'S9'"),
            (
                #""available": [0,1,2,3,8,9]"#, #""available": [0,1,2,3,8,99]"#,
                "companies[1].available[5]: slot 99 is out of range 0..15"
            ),
            (#""weight": 830"#, #""weight": -1"#, "candidates[0].weight: must be between 0 and 1000000000, not -1"),
            (#""id": "S0002""#, #""id": "S0001""#, "companies[2].id: duplicate id 'S0001'"),
            (#""slots": 16"#, #""slots": "many""#, "slots: expected Int"),
            (#""fixedSlot": 2"#, #""fixedSlot": 5"#, "candidates[1].fixedSlot: slot 5 is not among its slots"),
        ])
    func malformed(original: String, replacement: String, message: String) {
        let text = Self.example.replacingOccurrences(of: original, with: replacement)
        #expect(throws: ProblemError.self) { try ScheduleProblem.decode(Data(text.utf8)) }
        do {
            _ = try ScheduleProblem.decode(Data(text.utf8))
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a required meeting with no common slot makes the problem infeasible, naming both companies")
    func noCommonSlot() throws {
        let problem = ScheduleProblem(
            slots: 4, tables: nil,
            companies: [
                .init(id: "B1", role: .buyer, available: [0, 1], maxMeetings: 4),
                .init(id: "S1", role: .supplier, available: [2, 3], maxMeetings: 4),
            ],
            candidates: [.init(buyer: "B1", supplier: "S1", weight: 10, required: true)])
        let schedule = try Solver.solve(problem)
        #expect(schedule.status == .infeasible)
        #expect(
            schedule.explanation.contains { $0.contains("B1–S1") && $0.contains("[0, 1]") && $0.contains("[2, 3]") })
    }

    @Test("more required meetings than a company can hold is infeasible, naming the company and its slots")
    func overloadedCompany() throws {
        let problem = ScheduleProblem(
            slots: 3, tables: nil,
            companies: [
                .init(id: "B1", role: .buyer, available: [0, 1], maxMeetings: 5),
                .init(id: "S1", role: .supplier, available: [0, 1, 2], maxMeetings: 5),
                .init(id: "S2", role: .supplier, available: [0, 1, 2], maxMeetings: 5),
                .init(id: "S3", role: .supplier, available: [0, 1, 2], maxMeetings: 5),
            ],
            candidates: ["S1", "S2", "S3"].map { .init(buyer: "B1", supplier: $0, weight: 5, required: true) })
        let schedule = try Solver.solve(problem)
        #expect(schedule.status == .infeasible)
        #expect(schedule.stats.requiredPlaced == 2)
        #expect(schedule.explanation.contains { $0.contains("B1 has 3 required meetings but can hold at most 2") })
        #expect(ScheduleChecker.check(schedule, against: problem).violations == [])
    }
}
