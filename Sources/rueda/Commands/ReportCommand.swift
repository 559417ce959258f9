import ArgumentParser
import Foundation
import RuedaCore
import RuedaExport
import RuedaUseCases

/// Report formats.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, html
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports of a round or the programme (the default), and the supplier gap report.",
        subcommands: [Round.self, Gaps.self], defaultSubcommand: Round.self)

    struct Round: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "round",
            abstract: "Meetings, attendance, utilisation, requests honoured and expected business of a round, or of "
                + "every round.",
            discussion: """
                Expected business before the event comes from the match model (the scheduled meetings' expected \
                values); after it, from the outcomes participants report. The HTML report draws its charts as \
                inline SVG. `rueda report EVENT` is short for `rueda report round EVENT`.
                """)

        @Argument(help: "Event code (omit with --all-events).") var event: String?
        @Flag(help: "Report every round with a schedule, as a programme.") var allEvents = false
        @Option(help: "text, json or html.") var format: ReportFormat = .text
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if allEvents == (event != nil) { throw ValidationError("give an event code or --all-events, not both") }
        }

        func run() async throws {
            let text = try await database.withRueda { rueda -> String in
                if let event {
                    let report = try await rueda.reports.event(event)
                    switch format {
                    case .text: return ReportWriter.text(report)
                    case .json: return ReportWriter.json(report)
                    case .html: return ReportWriter.html(report)
                    }
                }
                let programme = try await rueda.reports.programme()
                switch format {
                case .text: return ReportWriter.text(programme)
                case .json: return ReportWriter.json(programme)
                case .html: return ReportWriter.html(programme)
                }
            }
            guard let out else { return print(text.visibleForTerminal, terminator: "") }
            try Output.write(text, to: out)
            print("wrote \(out)")
        }
    }
}

extension ReportCommand {
    /// Gap report formats.
    enum GapFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, html
    }

    struct Gaps: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What keeps suppliers out of buyers' demand, and what closing each gap would be worth.",
            discussion: """
                For every buyer–supplier pair that is not a candidate, tries each single change on the supplier's \
                side (a certification, a department, capacity, export experience, the exact CIIU class, a preferred \
                size) and keeps those that would make it one, valued by the match model. Counts per requirement, \
                each buyer's nearest suppliers, and each supplier's one change that opens the most demand. CSV has \
                one row per gap. See docs/matching.md.
                """)

        @Argument(help: "Event codes (omit with --all-events).") var events: [String] = []
        @Flag(help: "Every round with a match run.") var allEvents = false
        @Option(help: "text, json, csv or html.") var format: GapFormat = .text
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if allEvents == !events.isEmpty { throw ValidationError("give event codes or --all-events, not both") }
            if events.count > 100 { throw ValidationError("give at most 100 event codes, or --all-events") }
        }

        func run() async throws {
            let text = try await database.withRueda { rueda -> String in
                let (report, records) = try await rueda.reports.gaps(allEvents ? [] : events)
                switch format {
                case .text: return GapWriter.text(report)
                case .json: return ReportWriter.json(report)
                case .csv: return GapWriter.csv(records)
                case .html: return GapWriter.html(report)
                }
            }
            guard let out else { return print(text.visibleForTerminal, terminator: "") }
            try Output.write(text, to: out)
            print("wrote \(out)")
        }
    }
}
