import ArgumentParser
import Foundation
import RuedaCore
import RuedaMatching
import RuedaStore

extension MatchCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a round's candidates best first, or the participants left with none.")

        @Argument(help: "Event code.") var event: String
        @Option(help: "Only this company's candidates (as buyer or supplier).") var company: String?
        @Option(help: "How many to list (0: all).") var top = 20
        @Option(help: "A run id (default: the current run).") var run: Int64?
        @Flag(help: "List participants with no candidate and their nearest misses instead.") var unmatched = false
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(top, in: FlagBounds.listing, "--top")
            try FlagBounds.check(run, in: FlagBounds.identifiers, "--run")
        }

        func run() async throws {
            let nit = try company.map { try NIT(parsing: $0) }
            let (code, runID, top, unmatched) = (event, run, top, unmatched)
            let (record, candidates, misses) = try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                let repository = MatchRepository(database: db)
                let record = try await MatchCommand.requireRun(repository, event: stored, id: runID)
                if unmatched { return (record, [StoredCandidate](), try await repository.misses(of: record)) }
                let candidates = try await repository.candidates(of: record, company: nit, top: top > 0 ? top : nil)
                return (record, candidates, [StoredMiss]())
            }
            if unmatched {
                try Output.print(
                    misses, format: format,
                    header: ["role", "nit", "company", "rank", "nearest", "nearest_name", "score", "stopped_by"]
                ) { miss in
                    [
                        miss.role, miss.company.description, miss.companyName, String(miss.rank),
                        miss.counterpart.description, miss.counterpartName, String(format: "%.1f", miss.score),
                        miss.filters.isEmpty ? "score below the minimum" : miss.filters.joined(separator: ", "),
                    ]
                }
                if format == .table {
                    print(
                        "\(record.buyersWithout) buyers and \(record.suppliersWithout) suppliers without candidates "
                            + "in run \(record.id)")
                }
                return
            }
            try Output.print(
                candidates, format: format,
                header: [
                    "buyer", "buyer_name", "supplier", "supplier_name", "score", "sector", "product", "requirements",
                    "interest", "expected_cop", "rank_b", "rank_s", "basis",
                ]
            ) { candidate in
                let score = candidate.score
                return [
                    candidate.buyer.description, candidate.buyerName, candidate.supplier.description,
                    candidate.supplierName, String(format: "%.1f", score.score), percent(score.sector),
                    percent(score.product), percent(score.requirements), percent(score.interest),
                    String(score.expectedValue), String(candidate.rankForBuyer), String(candidate.rankForSupplier),
                    candidate.sectorBasis
                        + (candidate.sharedTerms.isEmpty ? "" : "; " + candidate.sharedTerms.joined(separator: " ")),
                ]
            }
        }

        func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
    }

    /// The requested run, or the event's current one; a clear error when there is none.
    static func requireRun(
        _ repository: MatchRepository, event: StoredEvent, id: Int64?
    ) async throws
        -> MatchRunRecord
    {
        if let id {
            guard let record = try await repository.run(id), record.eventID == event.id else {
                throw CLIError("match run \(id) is not a run of \(event.spec.code); see 'rueda match runs'")
            }
            return record
        }
        guard let record = try await repository.current(in: event) else {
            throw CLIError("\(event.spec.code) has no match run yet; run 'rueda match run \(event.spec.code)' first")
        }
        return record
    }
}

/// Summary lines printed after a run.
enum MatchSummary {
    /// Total and distribution of expected value, and candidates by score band.
    static func printValues(_ scores: [PairScore]) {
        guard !scores.isEmpty else { return }
        let values = scores.map(\.expectedValue).sorted()
        let total = values.saturatingSum { $0 }
        func quantile(_ q: Double) -> Int64 { values[min(values.count - 1, Int(Double(values.count) * q))] }
        print(
            "  expected value of kept candidates: COP \(COP.grouped(total)) in all; per pair median "
                + "\(COP.grouped(quantile(0.5))), p90 \(COP.grouped(quantile(0.9))), max \(COP.grouped(values.last ?? 0))"
        )
        var bands = [Int](repeating: 0, count: 10)
        for score in scores { bands[min(9, Int(score.score / 10))] += 1 }
        let shown = bands.enumerated().filter { $0.element > 0 }.map {
            "\($0.offset * 10)–\($0.offset * 10 + 9): \($0.element)"
        }
        print("  candidates by score: " + shown.joined(separator: ", "))
    }

    /// Up to `limit` participants without candidates, each with its nearest misses.
    static func printUnmatched(_ result: MatchResult, population: MatchPopulation, limit: Int) {
        let unmatched =
            result.buyersWithout.map { (NearestMiss.Side.buyer, $0) }
            + result.suppliersWithout.map { (NearestMiss.Side.supplier, $0) }
        guard !unmatched.isEmpty, limit > 0 else { return }
        var misses: [String: [NearestMiss]] = [:]
        for miss in result.nearestMisses {
            misses["\(miss.side.rawValue)\(miss.participant)", default: []].append(miss)
        }
        for (side, index) in unmatched.prefix(limit) {
            let profile = side == .buyer ? population.buyers[index].profile : population.suppliers[index].profile
            let near = (misses["\(side.rawValue)\(index)"] ?? []).map { miss in
                let other =
                    side == .buyer
                    ? population.suppliers[miss.counterpart].profile : population.buyers[miss.counterpart].profile
                let why =
                    miss.filters.isEmpty
                    ? "score below the minimum" : miss.filters.map(\.description).joined(separator: "; ")
                return "\(other.name) (\(other.nit)) \(String(format: "%.1f", miss.score)): \(why)"
            }
            print(
                "    \(side.rawValue) \(profile.name) (\(profile.nit)): nearest "
                    + (near.isEmpty ? "none" : near.joined(separator: " | ")))
        }
        if unmatched.count > limit {
            print("    … \(unmatched.count - limit) more: rueda match show EVENT --unmatched")
        }
    }
}
