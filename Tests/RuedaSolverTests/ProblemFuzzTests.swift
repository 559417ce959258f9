import Foundation
import Testing

@testable import RuedaSolver

/// Random and extreme problems, and random bytes: the solver never traps; it refuses a problem with a JSON path, or
/// returns a schedule the independent checker accepts. `RUEDA_FUZZ_ITERATIONS` runs more cases (docs/reliability.md).
@Suite("Problem fuzzing")
struct ProblemFuzzTests {
    static var iterations: Int {
        Int(ProcessInfo.processInfo.environment["RUEDA_FUZZ_ITERATIONS"] ?? "") ?? 300
    }

    /// A value from a pool of ordinary and extreme integers.
    static func extreme(_ random: inout SolverRandom) -> Int {
        let pool = [
            0, 1, 2, 3, 63, 64, 65, 255, 256, 1_000, -1, -64, Int(Int32.max), Int(Int32.max) + 1, Int.max, Int.min,
            Int.max / 2, 1_000_000_000, 1_000_000_001,
        ]
        return pool[random.below(pool.count)]
    }

    @Test("random problems with extreme numbers are refused by path or solved into valid schedules")
    func randomProblems() throws {
        var random = SolverRandom(seed: 2026)
        var solved = 0
        var refused = 0
        for iteration in 0..<Self.iterations {
            var problem = SmallProblems.random(
                seed: UInt64(iteration), companies: 2 + random.below(10), candidates: random.below(25),
                slots: 1 + random.below(12), bipartite: random.below(2) == 0,
                tables: random.below(3) == 0 ? nil : 1 + random.below(4), gapPenalty: random.below(50),
                shortfallPenalty: random.below(50), requiredShare: random.below(40))
            // Spoil a few numbers with extreme values.
            for _ in 0..<random.below(3) {
                switch random.below(8) {
                case 0 where !problem.candidates.isEmpty:
                    problem.candidates[random.below(problem.candidates.count)].weight = Self.extreme(&random)
                case 1: problem.companies[random.below(problem.companies.count)].maxMeetings = Self.extreme(&random)
                case 2: problem.companies[random.below(problem.companies.count)].minMeetings = Self.extreme(&random)
                case 3: problem.companies[random.below(problem.companies.count)].delegates = Self.extreme(&random)
                case 4: problem.tables = Self.extreme(&random)
                case 5: problem.gapPenalty = Self.extreme(&random)
                case 6: problem.shortfallPenalty = Self.extreme(&random)
                default: problem.slots = Self.extreme(&random)
                }
            }
            do {
                let decoded = try ScheduleProblem.decode(problem.encoded())
                let schedule = try Solver.solve(
                    decoded, options: SolverOptions(timeLimit: .seconds(2), seed: UInt64(iteration), iterations: 400))
                let report = ScheduleChecker.check(schedule, against: decoded)
                #expect(report.violations.isEmpty, "case \(iteration): \(report.violations.prefix(3))")
                #expect(schedule.objective <= schedule.upperBound || schedule.status == .infeasible)
                solved += 1
            } catch {
                #expect(!error.reason.isEmpty)
                refused += 1
            }
        }
        #expect(solved > 0 && refused > 0, "both outcomes occur: \(solved) solved, \(refused) refused")
    }

    @Test("random bytes and mangled problem files are refused with a reason, never trapped")
    func randomBytes() throws {
        var random = SolverRandom(seed: 77)
        let valid = SmallProblems.random(seed: 1, companies: 6, candidates: 9, slots: 5, bipartite: true).encoded()
        for _ in 0..<Self.iterations {
            var bytes = [UInt8](valid)
            switch random.below(3) {
            case 0: bytes = (0..<random.below(200)).map { _ in UInt8(random.below(256)) }
            case 1:
                for _ in 0..<1 + random.below(6) { bytes[random.below(bytes.count)] = UInt8(random.below(256)) }
            default: bytes = Array(bytes.prefix(random.below(bytes.count)))
            }
            do {
                let problem = try ScheduleProblem.decode(Data(bytes))
                let schedule = try Solver.solve(
                    problem, options: SolverOptions(timeLimit: .seconds(1), iterations: 200))
                #expect(ScheduleChecker.check(schedule, against: problem).violations.isEmpty)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }
}
