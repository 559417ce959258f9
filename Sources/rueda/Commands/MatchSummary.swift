import Foundation
import RuedaCore
import RuedaMatching
import RuedaStore
import RuedaUseCases

/// How match runs and explanations read on a terminal.
enum MatchSummary {
    static func print(_ report: MatchRunReport, listUnmatched: Int) {
        let record = report.record
        let result = report.result
        Output.line(
            "match run \(record.id) of \(report.event.spec.code) (configuration \(report.configuration.version)), now current"
        )
        Output.line(
            "  \(record.buyers) buyers × \(record.suppliers) suppliers = \(result.pairsTotal) pairs; "
                + "\(result.pairsScored) scored through the index")
        Output.line(
            "  candidates: \(result.candidatesFound) found, \(result.candidates.count) kept "
                + "(best \(report.options.limitPerBuyer) per buyer, \(report.options.limitPerSupplier) per supplier)")
        printValues(report.values)
        Output.line(
            "  without candidates: \(result.buyersWithout.count) buyers, \(result.suppliersWithout.count) suppliers")
        printUnmatched(report.unmatched, limit: listUnmatched)
        Output.line("  time: \(Output.timings(report.timings))")
    }

    /// Total and distribution of expected value, and candidates by score band.
    static func printValues(_ values: ValueSummary) {
        guard values.count > 0 else { return }
        Output.line(
            "  expected value of kept candidates: COP \(COP.grouped(values.total)) in all; per pair median "
                + "\(COP.grouped(values.median)), p90 \(COP.grouped(values.p90)), max \(COP.grouped(values.maximum))")
        let shown = values.bands.enumerated().filter { $0.element > 0 }.map {
            "\($0.offset * 10)–\($0.offset * 10 + 9): \($0.element)"
        }
        Output.line("  candidates by score: " + shown.joined(separator: ", "))
    }

    /// Up to `limit` participants without candidates, each with its nearest misses.
    static func printUnmatched(_ unmatched: [UnmatchedParticipant], limit: Int) {
        guard !unmatched.isEmpty, limit > 0 else { return }
        for participant in unmatched.prefix(limit) {
            let near = participant.nearest.map { miss in
                let why = miss.filters.isEmpty ? "score below the minimum" : miss.filters.joined(separator: "; ")
                return "\(miss.name) (\(miss.nit)) \(String(format: "%.1f", miss.score)): \(why)"
            }
            Output.line(
                "    \(participant.role.rawValue) \(participant.name) (\(participant.nit)): nearest "
                    + (near.isEmpty ? "none" : near.joined(separator: " | ")))
        }
        if unmatched.count > limit {
            Output.line("    … \(unmatched.count - limit) more: rueda match show EVENT --unmatched")
        }
    }
}

extension MatchCommand.Explain {
    /// The explanation as lines: the verdict, the reasons, and whether the run stored the same.
    static func render(_ explained: MatchExplanation) -> [String] {
        let (explanation, buyer, supplier) = (explained.explanation, explained.buyer, explained.supplier)
        let (run, configuration, stored) = (explained.run, explained.configuration, explained.stored)
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
        case .requested(let score, let filter):
            let why =
                filter.map { "although \($0.description)" }
                ?? "although it scores below the minimum \(configuration.minimumScore)"
            lines.append(
                "verdict: candidate by a must-meet request, score \(String(format: "%.1f", score.score)), \(why)")
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
