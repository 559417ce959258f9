import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaCore
import RuedaUseCases

extension AgendaFormat: ExpressibleByArgument {}

struct AgendaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda", abstract: "Export agendas: one file per company plus the master, in the folder given.",
        subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write each company's agenda and the master agenda of a round's published schedule.",
            discussion: """
                Files go to OUT/EVENT/: NIT.csv|ics|json|html per company, master.csv|json|html, tables.csv|html \
                for in-person rounds, and all-companies.html (every company, one A4 page each) for printing. Times are \
                in the event's time zone. Use --version to export a draft.
                """)

        @Argument(help: "Event code (omit with --all-events).") var event: String?
        @Flag(help: "Every round with a published schedule.") var allEvents = false
        @Option(help: "csv, ics, json or html; repeat for several.") var format: [AgendaFormat]
        @Option(help: "Only this company's agenda.") var company: String?
        @Option(help: "Schedule version (default: the published one).") var version: Int?
        @Option(help: "Output folder.") var out = "agendas"
        @Option(help: "CSV delimiter: ',' or ';' (Spanish-locale Excel).") var delimiter = ","
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if allEvents == (event != nil) { throw ValidationError("give an event code or --all-events, not both") }
            if allEvents && (company != nil || version != nil) {
                throw ValidationError("--company and --version apply to one event")
            }
            guard delimiter == "," || delimiter == ";" else { throw ValidationError("--delimiter must be ',' or ';'") }
            try FlagBounds.check(version, in: FlagBounds.versions, "--version")
        }

        func run() async throws {
            let only = try company.map { try NIT(parsing: $0) }
            let started = ContinuousClock.now
            let root = URL(fileURLWithPath: out)
            let lines = try await database.withRueda { rueda in
                try await rueda.agendas.export(
                    event, formats: format, company: only, version: version, delimiter: delimiter == ";" ? ";" : ","
                ) { file in
                    let folder = root.appendingPathComponent(file.event)
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try Output.write(file.text, to: folder.appendingPathComponent(file.name).path)
                }
            }
            for line in lines {
                Output.line(
                    "\(line.files) \(line.format.rawValue) files for \(line.event) (schedule version \(line.version)) "
                        + "in \(root.appendingPathComponent(line.event).path)")
            }
            print("done in \(started.duration(to: .now).short)")
        }
    }
}
