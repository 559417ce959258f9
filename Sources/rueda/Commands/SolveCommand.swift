import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaSolver

struct SolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a schedule problem file (rueda.schedule-problem/1) into a schedule (rueda.schedule/1).",
        subcommands: [File.self, Generate.self], defaultSubcommand: File.self)

    struct File: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "file", abstract: "Solve PROBLEM.json; prints the schedule, or writes it with --out.")

        @Argument(help: "The problem file.") var problem: String
        @OptionGroup var solver: SolverFlags
        @Option(help: "Write the schedule here instead of standard output.") var out: String?

        func run() async throws {
            let size = (try? FileManager.default.attributesOfItem(atPath: problem)[.size] as? Int) ?? 0
            guard size <= ScheduleProblem.Limits.fileBytes else {
                throw CLIError(
                    "\(problem): the problem file is larger than \(ScheduleProblem.Limits.fileBytes / 1_048_576) MiB")
            }
            guard let data = FileManager.default.contents(atPath: problem) else {
                throw CLIError("cannot read the problem file '\(problem)'")
            }
            let parsed: ScheduleProblem
            do { parsed = try ScheduleProblem.decode(data) } catch { throw CLIError("\(problem): \(error)") }
            let schedule = try Solver.solve(parsed, options: solver.options)
            let json = try Output.json(schedule)
            if let out { try Output.write(json, to: out) } else { print(json) }
            Output.error(SolveCommand.summary(schedule))
            if !schedule.status.holdsEveryRequired { throw ExitCode(2) }
        }
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a generated problem file.",
            discussion: ProblemPreset.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

        @Option(help: "round, round-scarce, large, national, required, forum, required-tables or required-large.")
        var preset: ProblemPreset
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Write the problem here instead of standard output.") var out: String?

        func run() async throws {
            let text = try Output.json(ScheduleProblem.generate(preset, seed: seed))
            if let out { try Output.write(text, to: out) } else { print(text) }
        }
    }

    /// One line with the quality figures of a schedule, and its explanation.
    static func summary(_ schedule: Schedule) -> String {
        let stats = schedule.stats
        var line =
            "\(schedule.status.rawValue): objective \(schedule.objective), upper bound \(schedule.upperBound), "
            + String(format: "gap %.3f%%", stats.gap * 100)
            + "; \(stats.meetings) meetings, weight \(stats.weight), \(stats.holes) holes, shortfall \(stats.shortfall)"
        if stats.requiredTotal > 0 { line += ", required \(stats.requiredPlaced)/\(stats.requiredTotal)" }
        line += String(format: "; %.2f s, %d moves, stopped by ", stats.seconds, stats.iterations)
        line += stats.stoppedBy.rawValue
        for reason in schedule.explanation { line += "\n  " + reason }
        return line
    }
}
