import ArgumentParser
import Foundation
import RuedaCore
import RuedaUseCases

struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Create rounds, enrol companies and record meeting requests.",
        subcommands: [
            Create.self, Import.self, List.self, Show.self, Enroll.self, Request.self, Requests.self,
            OpenRequests.self, CloseRequests.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a round.")

        @Option(help: "Short unique code with a letter (clm-2026-01).") var code: String
        @Option(help: "Name shown on agendas.") var name: String
        @Option(name: .customLong("date"), help: "A day of the round, YYYY-MM-DD; repeat for several days.")
        var dates: [String]
        @Option(help: "Start of the day, HH:MM.") var start: String = "08:00"
        @Option(help: "End of the day, HH:MM.") var end: String = "17:00"
        @Option(name: .customLong("slot-minutes"), help: "Length of one meeting.") var slotMinutes: Int = 20
        @Option(name: .customLong("break"), help: "A break, HH:MM-HH:MM; repeat for several.") var breaks: [String] = []
        @Option(help: "Tables or virtual rooms (meetings at once); omit for unlimited.") var tables: Int?
        @Option(name: .customLong("time-zone"), help: "IANA time zone.") var timeZone: String = "America/Bogota"
        @Option(help: "virtual or in_person.") var mode: String = "virtual"
        @Option(name: .customLong("room-link"), help: "Virtual room link, {room} stands for the room number.")
        var roomLink: String = ""
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let fields = EventFields(
                code: code, name: name, dates: dates, start: start, end: end, slotMinutes: String(slotMinutes),
                breaks: breaks, tables: tables.map(String.init) ?? "", timeZone: timeZone, mode: mode,
                roomLink: roomLink)
            let event = try await database.withRueda { try await $0.events.create(fields) }
            Output.line(
                "created event \(event.spec.code) (id \(event.id)): \(try event.spec.slots().count) slots of "
                    + "\(event.spec.slotMinutes) min")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create rounds from a CSV file (one transaction each).")

        @Argument(help: "CSV with code, name, dates, start, end, slot_minutes, breaks, tables, ...") var file: String
        @OptionGroup var options: ImportOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let report = try await database.withRueda { rueda in
                try await options.run(file, noun: "events") { try await rueda.events.importFile($0, mode: $1) }
            }
            guard let summary = report?.summary else { return }
            Output.line("\(file): \(summary.created.count) events created, \(summary.existing.count) already existed")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rounds with their enrolment.")

        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let events = try await database.withRueda { try await $0.events.list() }
            let rows = events.map { summary in
                [
                    summary.event.spec.code, summary.event.spec.name,
                    summary.event.spec.dates.map(\.description).joined(separator: " "), summary.event.status.rawValue,
                    String(summary.buyers), String(summary.suppliers), String(summary.requests),
                ]
            }
            let header = ["code", "name", "dates", "status", "buyers", "suppliers", "requests"]
            switch format {
            case .table: print(Output.table(header, rows))
            case .csv: Output.csv(CSVWriter(lineEnding: "\n").document(header: header, rows: rows))
            case .json: print(try Output.json(events.map(\.event.spec)))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a round, its slots and enrolment.")

        @Argument(help: "Event code (or id:N).") var event: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let detail = try await database.withRueda { try await $0.events.show(event) }
            let spec = detail.event.spec
            Output.line("\(spec.name) [\(spec.code), id \(detail.event.id), \(detail.event.status.rawValue)]")
            Output.line("days        \(spec.dates.map(\.description).joined(separator: ", ")) (\(spec.timeZone))")
            Output.line(
                "hours       \(spec.dayStart)-\(spec.dayEnd), slots of \(spec.slotMinutes) min"
                    + (spec.breaks.isEmpty ? "" : ", breaks \(spec.breaks.map(\.description).joined(separator: ", "))"))
            Output.line(
                "mode        \(spec.mode.rawValue), \(spec.tables.map { "\($0) tables" } ?? "unlimited tables")")
            let slots = try spec.slots()
            Output.line(
                "slots       \(slots.count): "
                    + slots.prefix(8).map { "\($0.index)=\($0.time.start)" }.joined(separator: " ")
                    + (slots.count > 8 ? " …" : ""))
            let buyers = detail.participants.filter { $0.role == .buyer }
            Output.line("buyers      \(buyers.count) (\(buyers.reduce(0) { $0 + $1.demands.count }) demands)")
            let suppliers = detail.participants.filter { $0.role != .buyer }
            Output.line("suppliers   \(suppliers.count) (\(suppliers.reduce(0) { $0 + $1.offers.count }) offers)")
            let byLevel = Dictionary(grouping: detail.requests, by: \.level)
            Output.line(
                "requests    \(detail.requests.count): "
                    + InterestLevel.allCases.map { "\($0.rawValue) \(byLevel[$0]?.count ?? 0)" }.joined(separator: ", ")
            )
            Output.line(
                "pages       requests "
                    + (detail.event.requestsOpen
                        ? "open (rueda event close-requests)" : "closed (rueda event open-requests)"))
        }
    }

    struct Enroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enrol companies from a CSV file: role, availability, limits, demands or offers.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Argument(help: "CSV file; see README for the columns.") var file: String
        @OptionGroup var options: ImportOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let report = try await database.withRueda { rueda in
                try await options.run(file, noun: "participants") {
                    try await rueda.enrolment.enrol(event, file: $0, mode: $1)
                }
            }
            guard let summary = report?.summary else { return }
            Output.line("\(file): enrolled in \(event): \(summary)")
        }
    }

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one participant's interest in meeting another.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "NIT of the company asking.") var from: String
        @Option(help: "NIT of the company it wants to meet (or not).") var to: String
        @Option(help: "must, like, or no (a veto).") var level: String
        @Option(help: "Optional note.") var note: String = ""
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let request = try await database.withRueda {
                try await $0.enrolment.request(event, from: from, to: to, level: level, note: note)
            }
            Output.line("recorded: \(request.from) → \(request.to): \(request.level.rawValue)")
        }
    }

    struct Requests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import meeting requests from a CSV file (from_nit, to_nit, level, note).")

        @Argument(help: "Event code (or id:N).") var event: String
        @Argument(help: "CSV file.") var file: String
        @OptionGroup var options: ImportOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let report = try await database.withRueda { rueda in
                try await options.run(file, noun: "requests") {
                    try await rueda.enrolment.importRequests(event, file: $0, mode: $1)
                }
            }
            guard let summary = report?.summary else { return }
            Output.line("\(file): requests for \(event): \(summary)")
        }
    }

    struct OpenRequests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open-requests",
            abstract: "Let participants state whom they want to meet on their pages (rueda serve).")

        @Argument(help: "Event code (or id:N).") var event: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let stored = try await database.withRueda { try await $0.events.setRequestsOpen(event, true) }
            Output.line("\(stored.spec.code): participants may state whom they want to meet")
        }
    }

    struct CloseRequests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close-requests", abstract: "Stop taking meeting requests on the participants' pages.")

        @Argument(help: "Event code (or id:N).") var event: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let stored = try await database.withRueda { try await $0.events.setRequestsOpen(event, false) }
            Output.line("\(stored.spec.code): meeting requests are closed; the pages show them read-only")
        }
    }
}
