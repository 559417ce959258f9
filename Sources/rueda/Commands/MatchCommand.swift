import ArgumentParser
import Foundation
import RuedaCore
import RuedaMatching
import RuedaStore

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match", abstract: "Score buyer–supplier pairs of a round, list and explain candidates.",
        subcommands: [Run.self, Show.self, Explain.self, Runs.self, Config.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match every buyer with every supplier of a round in one batch and store the run.",
            discussion: """
                The run (parameters, configuration version, times, counts), its candidates and the nearest misses of \
                participants left with none are stored in one transaction. The new run becomes the round's current \
                one; earlier runs stay queryable with 'match runs' and '--run'.
                """)

        @Argument(help: "Event code.") var event: String
        @Option(help: "Match configuration JSON; keys left out keep their defaults (see docs/match-config.json).")
        var config: String?
        @Option(help: "Keep each buyer's best K candidates (0: all).") var limitPerBuyer = 100
        @Option(help: "Keep each supplier's best L candidates (0: all); a pair either side keeps stays.")
        var limitPerSupplier = 30
        @Option(help: "Worker threads (the result does not depend on it).") var threads = 2
        @Option(help: "Participants without candidates listed in the summary.") var listUnmatched = 10
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(limitPerBuyer, in: FlagBounds.listing, "--limit-per-buyer")
            try FlagBounds.check(limitPerSupplier, in: FlagBounds.listing, "--limit-per-supplier")
            try FlagBounds.check(threads, in: FlagBounds.threads, "--threads")
            try FlagBounds.check(listUnmatched, in: FlagBounds.listing, "--list-unmatched")
        }

        func run() async throws {
            let configuration = try MatchConfiguration.load(path: config)
            var matchOptions = MatchOptions()
            matchOptions.limitPerBuyer = limitPerBuyer
            matchOptions.limitPerSupplier = limitPerSupplier
            matchOptions.threads = threads
            let options = matchOptions
            let code = event
            let listUnmatched = listUnmatched
            try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                try await db.withEventLock(eventID: stored.id, code: stored.spec.code) {
                    let clock = ContinuousClock()
                    var started = clock.now
                    let repository = MatchRepository(database: db)
                    let population = try await repository.population(of: stored, reference: try ReferenceData.bundled())
                    guard !population.buyers.isEmpty, !population.suppliers.isEmpty else {
                        throw CLIError("\(code) needs at least one buyer and one supplier enrolled before matching")
                    }
                    let loaded = started.duration(to: clock.now)
                    started = clock.now
                    let startedAt = Date()
                    let matcher = Matcher(population: population, configuration: configuration, options: options)
                    let result = matcher.run()
                    let finishedAt = Date()
                    let matched = started.duration(to: clock.now)
                    started = clock.now
                    let record = try await repository.save(
                        result, scorer: matcher.scorer, options: options, startedAt: startedAt, finishedAt: finishedAt,
                        in: stored)
                    let saved = started.duration(to: clock.now)
                    print("match run \(record.id) of \(code) (configuration \(configuration.version)), now current")
                    print(
                        "  \(population.buyers.count) buyers × \(population.suppliers.count) suppliers = "
                            + "\(result.pairsTotal) pairs; \(result.pairsScored) scored through the index")
                    print(
                        "  candidates: \(result.candidatesFound) found, \(result.candidates.count) kept "
                            + "(best \(options.limitPerBuyer) per buyer, \(options.limitPerSupplier) per supplier)")
                    MatchSummary.printValues(result.candidates.map(\.score))
                    print(
                        "  without candidates: \(result.buyersWithout.count) buyers, "
                            + "\(result.suppliersWithout.count) suppliers")
                    MatchSummary.printUnmatched(result, population: population, limit: listUnmatched)
                    print("  time: load \(loaded.short), match \(matched.short), store \(saved.short)")
                }
            }
        }
    }

    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a round's match runs, newest first.")

        @Argument(help: "Event code.") var event: String
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let code = event
            let runs = try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                return try await MatchRepository(database: db).runs(of: stored)
            }
            try Output.print(
                runs, format: format,
                header: ["run", "current", "config", "started", "candidates", "kept", "expected_cop"]
            ) { run in
                [
                    String(run.id), run.isCurrent ? "yes" : "", run.configVersion,
                    ISO8601DateFormatter().string(from: run.startedAt), String(run.candidatesFound),
                    String(run.candidatesKept), String(run.expectedValue),
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
}
