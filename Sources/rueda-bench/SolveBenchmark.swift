import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaSolver

/// Solves a generated preset next to the greedy baseline.
struct SolveBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a generated preset and print the solver's figures next to the greedy baseline's.",
        discussion: """
            Run once per preset (peak memory is the process's): round, round-scarce, large, national, required, forum, \
            required-tables, required-large. \
            The greedy baseline (required first, then best weight first, earliest common free slot) runs in the \
            same process on the same problem.
            """)

    @Option(help: "round, round-scarce, large, national, required, forum, required-tables or required-large.")
    var preset: ProblemPreset
    @Option(help: "Problem seed.") var problemSeed: UInt64 = 1
    @OptionGroup var solver: SolverFlags

    func run() async throws {
        let chosen = preset
        let problem = ScheduleProblem.generate(chosen, seed: problemSeed)
        let greedy = try Solver.greedy(problem)
        let solved = try Solver.solve(problem, options: solver.options)
        print(
            "\(chosen.rawValue) (seed \(problemSeed)): \(problem.companies.count) companies, "
                + "\(problem.candidates.count) candidates, \(problem.slots) slots, tables "
                + "\(problem.tables.map(String.init) ?? "unlimited"), gap penalty \(problem.gapPenalty), "
                + "shortfall penalty \(problem.shortfallPenalty)")
        let header = [
            "", "objective", "bound", "gap", "meetings", "weight", "holes", "shortfall", "required", "time",
        ]
        func row(_ name: String, _ schedule: Schedule) -> [String] {
            let stats = schedule.stats
            return [
                name, String(schedule.objective), String(schedule.upperBound),
                String(format: "%.3f%%", stats.gap * 100), String(stats.meetings), String(stats.weight),
                String(stats.holes), String(stats.shortfall), "\(stats.requiredPlaced)/\(stats.requiredTotal)",
                String(format: "%.2f s", stats.seconds),
            ]
        }
        print(TextTable.render(header, [row("greedy", greedy), row("solver", solved)]))
        let weightRatio = greedy.stats.weight == 0 ? 1 : Double(solved.stats.weight) / Double(greedy.stats.weight)
        print(
            String(
                format: "solver/greedy: weight %.4f, holes %@, shortfall %@; stopped by %@ after %d moves; "
                    + "peak memory %.0f MiB",
                weightRatio, ratio(solved.stats.holes, greedy.stats.holes),
                ratio(solved.stats.shortfall, greedy.stats.shortfall), solved.stats.stoppedBy.rawValue,
                solved.stats.iterations, peakMemoryMiB()))
    }

    func ratio(_ value: Int, _ baseline: Int) -> String {
        baseline == 0 ? "\(value) vs 0" : String(format: "%.3f", Double(value) / Double(baseline))
    }
}
