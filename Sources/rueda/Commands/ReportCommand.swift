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
        abstract: "Meetings, attendance, utilisation and expected business of a round, or of every round.",
        discussion: """
            Expected business before the event comes from the match model (the scheduled meetings' expected values); \
            after it, from the outcomes participants report. The HTML report draws its charts as inline SVG.
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
