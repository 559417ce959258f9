import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaCore
import RuedaMatching

/// Times a batch match of a generated population, through the index and by the naive scan.
struct MatchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Time a batch match of a generated population held in one event, indexed and naive.",
        discussion: """
            Generates the population (by default the whole 2022 Compra Lo Nuestro population in a single event: \
            2,303 buyers × 6,990 suppliers), reads it back through the import validation, and matches it twice: \
            with the inverted index and with the naive scan of every pair, which is the baseline. Prints pairs \
            scored, candidates, seconds and peak memory, and checks that both find the same candidates.
            """)

    @Option(help: "Buyer companies.") var buyers = 2_303
    @Option(help: "Supplier companies.") var suppliers = 6_990
    @Option(help: "Rounds to spread them over; the benchmark matches the first.") var events = 1
    @Option(help: "Random seed.") var seed: UInt64 = 2022
    @Option(help: "Worker threads.") var threads = 2
    @Flag(help: "Skip the naive baseline.") var skipNaive = false
    @Option(help: "Match configuration JSON (default: the built-in one).") var config: String?
    @Option(
        help: ArgumentHelp(
            "Measure growth: N times the 2022 population (2,303 × 6,990) in one event; prints one table row.",
            discussion: "Run once per scale (peak memory is per process): scripts/bench-match-scale runs 1, 2, 5, 11."))
    var scale: Int?
    @Flag(help: "With --scale: keep every candidate in memory before the limits, as Rueda did before 2026.2.")
    var keepEverything = false

    func validate() throws {
        try FlagBounds.check(buyers, in: FlagBounds.companies, "--buyers")
        try FlagBounds.check(suppliers, in: FlagBounds.companies, "--suppliers")
        try FlagBounds.check(events, in: FlagBounds.rounds, "--events")
        try FlagBounds.check(threads, in: FlagBounds.threads, "--threads")
        try FlagBounds.check(scale, in: 1...20, "--scale")
    }

    func run() async throws {
        if let scale { return try runScale(scale) }
        let configuration =
            try config.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw BenchError("cannot read the match configuration '\(path)'")
                }
                return try MatchConfiguration.decode(data)
            } ?? MatchConfiguration()
        let clock = ContinuousClock()
        var started = clock.now
        let reference = try ReferenceData.bundled()
        let demo = try DemoPopulation(
            .init(buyers: buyers, suppliers: suppliers, events: events, seed: seed), reference: reference)
        guard let round = demo.rounds.first else { throw BenchError("no round was generated") }
        print("generate and validate:  \(started.duration(to: clock.now).short)")
        started = clock.now
        let population = MatchPopulation(
            participants: round.participants, companies: demo.companies, requests: round.requests,
            reference: reference)
        print(
            "prepare population:     \(started.duration(to: clock.now).short)  "
                + "(\(population.buyers.count) buyers × \(population.suppliers.count) suppliers)")
        var options = MatchOptions()
        options.threads = threads
        started = clock.now
        let indexed = Matcher(population: population, configuration: configuration, options: options).run()
        let indexedTime = started.duration(to: clock.now)
        let indexedMemory = peakMemoryMiB()
        report("indexed", indexed, indexedTime)
        print(String(format: "  peak memory so far:   %.0f MiB", indexedMemory))
        printCalibration(indexed, population: population, participants: round.participants)
        guard !skipNaive else { return }
        options.useIndex = false
        started = clock.now
        let naive = Matcher(population: population, configuration: configuration, options: options).run()
        let naiveTime = started.duration(to: clock.now)
        report("naive scan (baseline)", naive, naiveTime)
        let same =
            indexed.candidatesFound == naive.candidatesFound
            && zip(indexed.candidates, naive.candidates).allSatisfy { $0 == $1 }
            && indexed.candidates.count == naive.candidates.count
        print("same candidates:        \(same ? "yes" : "NO")")
        print(String(format: "speed-up of the index:  %.1fx", naiveTime / indexedTime))
        if !same { throw ExitCode(1) }
    }

    func report(_ label: String, _ result: MatchResult, _ time: Duration) {
        print("\(label):")
        print("  pairs in the event:   \(result.pairsTotal)")
        print("  pairs scored:         \(result.pairsScored)")
        print("  candidates found:     \(result.candidatesFound)")
        print("  candidates kept:      \(result.candidates.count)  (best 100 per buyer, 30 per supplier)")
        print(
            "  without candidates:   \(result.buyersWithout.count) buyers, \(result.suppliersWithout.count) suppliers"
        )
        print("  time:                 \(time.short)")
    }

    /// Mean expected value of each buyer's best candidates up to its meeting limit: what a schedule of the
    /// best meetings would expect per appointment, to compare with the 2022 figure of about COP 5.2 million.
    func printCalibration(_ result: MatchResult, population: MatchPopulation, participants: [Participant]) {
        let limits = Dictionary(participants.map { ($0.nit, $0.maxMeetings) }, uniquingKeysWith: { a, _ in a })
        var total: Int64 = 0
        var count = 0
        var scores = 0.0
        var probabilities = 0.0
        var sizes = 0.0
        for candidate in result.candidates {
            let nit = population.buyers[candidate.buyer].profile.nit
            guard candidate.rankForBuyer <= limits[nit] ?? 0 else { continue }
            total = total.addingSaturating(candidate.score.expectedValue)
            count += 1
            scores += candidate.score.score
            probabilities += candidate.score.probability
            sizes += Double(candidate.score.dealSize)
        }
        guard count > 0 else { return }
        print("  each buyer's best candidates up to its meeting limit (\(count) pairs), on average:")
        print("    expected value per appointment: COP \(total / Int64(count))")
        print(
            String(
                format: "    score %.1f, probability %.3f, deal size COP %.0f", scores / Double(count),
                probabilities / Double(count), sizes / Double(count)))
    }

    /// One row of the growth table: generate, prepare and match N× the 2022 population, with peak memory.
    func runScale(_ scale: Int) throws {
        let clock = ContinuousClock()
        var started = clock.now
        let reference = try ReferenceData.bundled()
        let parameters = DemoGenerator.Parameters(
            buyers: 2_303 * scale, suppliers: 6_990 * scale, events: 1, seed: seed)
        let demo = try DemoPopulation(parameters, reference: reference)
        guard let round = demo.rounds.first else { throw BenchError("no round was generated") }
        let generated = started.duration(to: clock.now)
        started = clock.now
        let population = MatchPopulation(
            participants: round.participants, companies: demo.companies, requests: round.requests,
            reference: reference)
        let prepared = started.duration(to: clock.now)
        var options = MatchOptions()
        options.threads = threads
        let matcher = Matcher(population: population, configuration: MatchConfiguration(), options: options)
        started = clock.now
        let result = keepEverything ? matcher.runKeepingEverything() : matcher.run()
        let matched = started.duration(to: clock.now)
        print(
            "| \(scale)× | \(population.buyers.count) × \(population.suppliers.count) | "
                + "\(keepEverything ? "keep everything" : "bounded") | \(generated.short) | \(prepared.short) | "
                + "\(matched.short) | \(result.pairsScored) | \(result.candidatesFound) | \(result.candidates.count) | "
                + String(format: "%.0f MiB |", peakMemoryMiB()))
    }
}
