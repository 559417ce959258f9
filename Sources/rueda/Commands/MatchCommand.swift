import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaCore
import RuedaMatching
import RuedaUseCases

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match", abstract: "Score buyer–supplier pairs of a round, list and explain candidates.",
        subcommands: [Run.self, Show.self, Explain.self, Calibrate.self, Runs.self, Config.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match every buyer with every supplier of a round in one batch and store the run.",
            discussion: """
                The run (parameters, configuration version, times, counts), its candidates and the nearest misses of \
                participants left with none are stored in one transaction. The new run becomes the round's current \
                one; earlier runs stay queryable with 'match runs' and '--run'.
                """)

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "Match configuration JSON; keys left out keep their defaults (see docs/match-config.json).")
        var config: String?
        @Option(help: "Keep each buyer's best K candidates (0: all).") var limitPerBuyer = MatchOptions().limitPerBuyer
        @Option(help: "Keep each supplier's best L candidates (0: all); a pair either side keeps stays.")
        var limitPerSupplier = MatchOptions().limitPerSupplier
        @Option(help: "Worker threads (the result does not depend on it).") var threads = MatchOptions().threads
        @Option(help: "Participants without candidates listed in the summary.") var listUnmatched = 10
        @Flag(help: "Queue the run as a job for 'rueda worker' instead of running it here; prints the job.")
        var queue = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(limitPerBuyer, in: FlagBounds.listing, "--limit-per-buyer")
            try FlagBounds.check(limitPerSupplier, in: FlagBounds.listing, "--limit-per-supplier")
            try FlagBounds.check(threads, in: FlagBounds.threads, "--threads")
            try FlagBounds.check(listUnmatched, in: FlagBounds.listing, "--list-unmatched")
        }

        var options: MatchOptions {
            var options = MatchOptions()
            (options.limitPerBuyer, options.limitPerSupplier, options.threads) = (
                limitPerBuyer, limitPerSupplier, threads
            )
            return options
        }

        func run() async throws {
            let configuration = try MatchCommand.configuration(path: config)
            if queue {
                let job = try await database.withRueda {
                    try await $0.jobs.enqueueMatch(event, configuration: configuration, options: options)
                }
                return JobCommand.printQueued([job])
            }
            let report = try await database.withRueda {
                try await $0.matching.run(event, configuration: configuration, options: options)
            }
            MatchSummary.print(report, listUnmatched: listUnmatched)
        }
    }

    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a round's match runs, newest first.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let runs = try await database.withRueda { try await $0.matching.runs(event) }
            try Output.print(
                runs, format: format,
                header: ["run", "current", "config", "started", "candidates", "kept", "expected_cop"]
            ) { run in
                [
                    String(run.id.rawValue), run.isCurrent ? "yes" : "", run.configVersion,
                    run.startedAt.formatted(.iso8601), String(run.candidatesFound), String(run.candidatesKept),
                    String(run.expectedValue),
                ]
            }
        }
    }

    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the default match configuration as JSON, to copy and edit for --config.")

        func run() throws {
            print(String(decoding: MatchConfiguration().encoded(), as: UTF8.self))
        }
    }

    /// The configuration in a JSON file, or the defaults when no path is given.
    static func configuration(path: String?) throws -> MatchConfiguration {
        guard let path else { return MatchConfiguration() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= 1_048_576, let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the match configuration '\(path)' (at most 1 MiB)")
        }
        return try MatchConfiguration.decode(data)
    }
}
