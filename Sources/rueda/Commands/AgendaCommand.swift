import ArgumentParser
import Foundation
import RuedaCore
import RuedaExport
import RuedaStore

/// Agenda file formats.
enum AgendaFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, ics, json, html
}

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
            let (code, wanted, formats, out) = (event, version, format, out)
            let separator: Character = delimiter == ";" ? ";" : ","
            let clock = ContinuousClock()
            let started = clock.now
            let lines = try await database.run { db -> [String] in
                let reference = try ReferenceData.bundled()
                let events: [StoredEvent]
                if let code {
                    events = [try await EventRepository(database: db).require(code)]
                } else {
                    events = try await EventRepository(database: db).list().map(\.event).filter {
                        $0.status == "published" || $0.status == "closed"
                    }
                }
                var lines: [String] = []
                for stored in events {
                    let (agenda, stamp) = try await AgendaLoader(database: db).agenda(
                        of: stored, version: wanted, reference: reference)
                    if let only, agenda.participants[only] == nil {
                        throw CLIError("\(only) is not enrolled in \(stored.spec.code)")
                    }
                    let folder = URL(fileURLWithPath: out).appendingPathComponent(stored.spec.code)
                    let files = AgendaFiles(agenda: agenda, stamp: stamp, delimiter: separator)
                    for format in formats {
                        let written = try files.write(format: format, to: folder, only: only)
                        lines.append(
                            "\(written) \(format.rawValue) files for \(stored.spec.code) (schedule version "
                                + "\(agenda.version)) in \(folder.path)")
                    }
                }
                return lines
            }
            for line in lines { print(line) }
            print("done in \(started.duration(to: clock.now).short)")
        }
    }
}

/// Writes an agenda's files into a folder.
struct AgendaFiles {
    let agenda: Agenda
    let stamp: Date
    let delimiter: Character

    /// Writes the files; returns how many.
    func write(format: AgendaFormat, to folder: URL, only: NIT? = nil) throws -> Int {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let writer = AgendaWriter(agenda: agenda)
        let companies = only.map { [$0] } ?? agenda.agendaCompanies
        var files: [(String, String)] = companies.map { nit in
            let name = "\(nit.base).\(format.rawValue)"
            switch format {
            case .csv: return (name, writer.companyCSV(nit, delimiter: delimiter))
            case .ics: return (name, writer.companyICS(nit, stamp: stamp))
            case .json: return (name, writer.companyJSON(nit))
            case .html: return (name, writer.companiesHTML([nit]))
            }
        }
        if only == nil {
            switch format {
            case .csv:
                files.append(("master.csv", writer.masterCSV(delimiter: delimiter)))
                if agenda.event.mode == .inPerson {
                    files.append(("tables.csv", writer.tablesCSV(delimiter: delimiter)))
                }
            case .json: files.append(("master.json", writer.masterJSON()))
            case .html:
                files.append(("master.html", writer.masterHTML()))
                files.append(("all-companies.html", writer.companiesHTML(companies)))
            case .ics: break
            }
        }
        for (name, text) in files {
            try Output.write(text, to: folder.appendingPathComponent(name).path)
        }
        return files.count
    }
}
