import ArgumentParser
import Foundation
import RuedaSolver

/// Solver flags shared by the commands that solve.
public struct SolverFlags: ParsableArguments {
    @Option(help: "Stop after this many seconds with the best schedule found.") public var timeLimit: Double = 10
    @Option(help: "Random seed; the same seed and thread count give the same schedule.")
    public var seed: UInt64 = SolverOptions().seed
    @Option(help: "Parallel searches.") public var threads: Int = SolverOptions().threads
    @Option(help: "Search budget in moves per thread (default: from the problem size).") public var iterations: Int?

    public init() {}

    /// The longest time limit: a day.
    public static let timeLimits: ClosedRange<Double> = 0...86_400

    public func validate() throws {
        guard timeLimit.isFinite, Self.timeLimits.contains(timeLimit) else {
            throw ValidationError("--time-limit must be a number of seconds between 0 and 86400, not \(timeLimit)")
        }
        try FlagBounds.check(threads, in: FlagBounds.threads, "--threads")
        try FlagBounds.check(iterations, in: 1...1_000_000_000_000, "--iterations")
    }

    public var options: SolverOptions {
        SolverOptions(
            timeLimit: .milliseconds(Int64(timeLimit * 1_000)), seed: seed, threads: threads, iterations: iterations)
    }
}

extension ProblemPreset: ExpressibleByArgument {}

extension Duration {
    /// Seconds with two decimals, `1.23 s`.
    public var short: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return String(format: "%.2f s", seconds)
    }
}
