import ArgumentParser
import Foundation

/// Benchmarks that print figures: each measures Rueda against a baseline in the same run (docs/benchmarks.md).
@main
struct RuedaBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rueda-bench", abstract: "Measure Rueda on generated data against baselines (prints figures).",
        subcommands: [ImportBenchmark.self, MatchBenchmark.self, SolveBenchmark.self])
}

/// A failure to report and exit non-zero.
struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension Duration {
    /// Seconds with two decimals, `1.23 s`.
    var short: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return String(format: "%.2f s", seconds)
    }
}
