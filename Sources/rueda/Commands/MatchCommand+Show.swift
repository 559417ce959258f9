import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaCore
import RuedaMatching
import RuedaStore
import RuedaUseCases

extension MatchCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a round's candidates best first, the participants left with none, or every request's fate.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "Only this company's candidates (as buyer or supplier).") var company: String?
        @Option(help: "How many to list (0: all).") var top = 20
        @Option(help: "A run id (default: the current run).") var run: Int64?
        @Flag(help: "List participants with no candidate and their nearest misses instead.") var unmatched = false
        @Flag(help: "List every must-meet and would-like request with its fate (candidate, filtered and why, vetoed).")
        var requests = false
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(top, in: FlagBounds.listing, "--top")
            try FlagBounds.check(run, in: FlagBounds.identifiers, "--run")
        }

        func run() async throws {
            let nit = try company.map { try NIT(parsing: $0) }
            let runID = run.map { MatchRunID($0) }
            if requests {
                try await showRequests(company: nit, run: runID)
                return
            }
            if unmatched {
                let (record, misses) = try await database.withRueda {
                    try await $0.matching.unmatched(event, run: runID)
                }
                try Output.print(
                    misses, format: format,
                    header: ["role", "nit", "company", "rank", "nearest", "nearest_name", "score", "stopped_by"]
                ) { miss in
                    [
                        miss.role.rawValue, miss.company.description, miss.companyName, String(miss.rank),
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
            let (_, candidates) = try await database.withRueda {
                try await $0.matching.candidates(event, run: runID, company: nit, top: top > 0 ? top : nil)
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
                    candidate.supplierName, String(format: "%.1f", score.score), Self.percent(score.sector),
                    Self.percent(score.product), Self.percent(score.requirements), Self.percent(score.interest),
                    String(score.expectedValue), String(candidate.rankForBuyer), String(candidate.rankForSupplier),
                    candidate.sectorBasis
                        + (candidate.sharedTerms.isEmpty ? "" : "; " + candidate.sharedTerms.joined(separator: " ")),
                ]
            }
        }

        static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

        func showRequests(company: NIT?, run: MatchRunID?) async throws {
            let (record, all) = try await database.withRueda { try await $0.matching.requests(event, run: run) }
            let fates = company.map { nit in all.filter { $0.pair.buyer == nit || $0.pair.supplier == nit } } ?? all
            try Output.print(
                fates, format: format,
                header: [
                    "buyer", "buyer_name", "supplier", "supplier_name", "requested_by", "level", "fate", "filter",
                    "score", "explanation",
                ]
            ) { fate in
                [
                    fate.pair.buyer.description, fate.buyerName, fate.pair.supplier.description, fate.supplierName,
                    fate.requestedBy.rawValue, fate.level.rawValue, fate.fate.rawValue, fate.filter?.rawValue ?? "",
                    fate.score.map { String(format: "%.1f", $0) } ?? "", fate.fate.explained(filter: fate.filter),
                ]
            }
            guard format == .table else { return }
            for level in [InterestLevel.must, .like] {
                let made = fates.filter { $0.level == level }
                guard !made.isEmpty else { continue }
                let counts = RequestFate.Outcome.allCases.compactMap { outcome -> String? in
                    let count = made.filter { $0.fate == outcome }.count
                    return count == 0 ? nil : "\(count) \(outcome.rawValue)"
                }
                let overridden = made.filter { $0.fate == .candidate && $0.filter != nil }.count
                print(
                    "\(made.count) \(level == .must ? "must-meet" : "would-like") requests in run \(record.id): "
                        + counts.joined(separator: ", ")
                        + (overridden > 0 ? " (\(overridden) of the candidates over a filter)" : ""))
            }
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain why a pair scored as it did, or why it was filtered out.",
            discussion: """
                Recomputes the pair with the configuration of the run (the current one unless --run is given) on \
                the round's enrolment as it is now, and compares the result with what the run stored.
                """)

        @Argument(help: "Event code (or id:N).") var event: String
        @Argument(help: "Buyer NIT.") var buyer: String
        @Argument(help: "Supplier NIT.") var supplier: String
        @Option(help: "A run id (default: the current run).") var run: Int64?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(run, in: FlagBounds.identifiers, "--run")
        }

        func run() async throws {
            let pair = MeetingPair(buyer: try NIT(parsing: buyer), supplier: try NIT(parsing: supplier))
            let explanation = try await database.withRueda {
                try await $0.matching.explain(event, pair: pair, run: run.map { MatchRunID($0) })
            }
            for line in Self.render(explanation) { Output.line(line) }
        }
    }
}
