import ArgumentParser
import Foundation
import RuedaCore
import RuedaMatching
import RuedaStore

extension MatchCommand {
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain why a pair scored as it did, or why it was filtered out.",
            discussion: """
                Recomputes the pair with the configuration of the run (the current one unless --run is given) on \
                the round's enrolment as it is now, and compares the result with what the run stored.
                """)

        @Argument(help: "Event code.") var event: String
        @Argument(help: "Buyer NIT.") var buyer: String
        @Argument(help: "Supplier NIT.") var supplier: String
        @Option(help: "A run id (default: the current run).") var run: Int64?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(run, in: FlagBounds.identifiers, "--run")
        }

        func run() async throws {
            let buyerNIT = try NIT(parsing: buyer)
            let supplierNIT = try NIT(parsing: supplier)
            let (code, runID) = (event, run)
            let lines = try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                let repository = MatchRepository(database: db)
                let record = try await MatchCommand.requireRun(repository, event: stored, id: runID)
                let configuration = try await repository.configuration(of: record)
                let population = try await repository.population(of: stored, reference: try ReferenceData.bundled())
                guard let b = population.buyer(buyerNIT) else {
                    throw CLIError("\(buyerNIT) is not enrolled as a buyer in \(code)")
                }
                guard let s = population.supplier(supplierNIT) else {
                    throw CLIError("\(supplierNIT) is not enrolled as a supplier in \(code)")
                }
                let scorer = PairScorer(population: population, configuration: configuration)
                let explanation = scorer.explain(buyer: b, supplier: s)
                let storedCandidate = try await repository.candidate(of: record, buyer: buyerNIT, supplier: supplierNIT)
                return Self.render(
                    explanation, buyer: population.buyers[b].profile, supplier: population.suppliers[s].profile,
                    run: record, configuration: configuration, stored: storedCandidate)
            }
            print(lines.joined(separator: "\n"))
        }

        static func render(
            _ explanation: PairExplanation, buyer: MatchCompanyProfile, supplier: MatchCompanyProfile,
            run: MatchRunRecord, configuration: MatchConfiguration, stored: StoredCandidate?
        ) -> [String] {
            var lines = [
                "buyer \(buyer.name) (\(buyer.nit)) and supplier \(supplier.name) (\(supplier.nit))",
                "run \(run.id), configuration \(configuration.version), minimum score \(configuration.minimumScore)",
            ]
            switch explanation.verdict {
            case .candidate(let score):
                lines.append("verdict: candidate, score \(String(format: "%.1f", score.score))")
            case .belowThreshold(let score):
                lines.append(
                    "verdict: not a candidate, score \(String(format: "%.1f", score.score)) is below the minimum "
                        + "\(configuration.minimumScore)")
            case .filtered:
                let filters = explanation.filters.map(\.description).joined(separator: "; ")
                lines.append("verdict: filtered out: \(filters)")
                if let score = explanation.score {
                    lines.append("without the filter it would score \(String(format: "%.1f", score.score)):")
                }
            }
            lines += explanation.reasons.map { "  " + $0 }
            guard let score = explanation.verdict.score else {
                if let stored {
                    lines.append(
                        "stored: the run kept this pair with score \(stored.score.score); the enrolment changed since")
                }
                return lines
            }
            if let stored {
                let same =
                    abs(stored.score.score - score.score) < 0.0005
                    && stored.score.expectedValue == score.expectedValue
                lines.append(
                    "stored: rank \(stored.rankForBuyer) for the buyer, \(stored.rankForSupplier) for the supplier, "
                        + "score \(String(format: "%.1f", stored.score.score)), expected COP \(stored.score.expectedValue)"
                        + (same ? "; agrees with the recomputation" : "; the enrolment changed since the run"))
            } else if explanation.verdict.isCandidate {
                lines.append(
                    "stored: not kept; the pair is outside the buyer's best candidates and the supplier's best "
                        + "(see --limit-per-buyer and --limit-per-supplier)")
            }
            return lines
        }
    }
}
