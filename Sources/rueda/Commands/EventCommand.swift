import ArgumentParser
import Foundation
import RuedaCore
import RuedaStore

struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Create rounds, enrol companies and record meeting requests.",
        subcommands: [
            Create.self, Import.self, List.self, Show.self, Enroll.self, Request.self, Requests.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a round.")

        @Option(help: "Short unique code (clm-2026-01).") var code: String
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
            let spec = try fields.validate().get()
            let event = try await database.run { db in try await EventRepository(database: db).create(spec) }
            let slots = try event.spec.slots()
            print("created event \(event.spec.code) (id \(event.id)): \(slots.count) slots of \(spec.slotMinutes) min")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create rounds from a CSV file (one transaction each).")

        @Argument(help: "CSV with code, name, dates, start, end, slot_minutes, breaks, tables, ...") var file: String
        @OptionGroup var options: ImportOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let table = try options.table(file, columns: EventFields.columns)
            let result = RowImport(table: table) { row in EventFields(row: row).validate(row: row.number) }
            guard try options.settle(result, file: file, noun: "events") else { return }
            let specs = result.accepted.map(\.value)
            let created = try await database.run { db in
                let repository = EventRepository(database: db)
                var created: [String] = []
                for spec in specs where try await repository.find(spec.code) == nil {
                    _ = try await repository.create(spec)
                    created.append(spec.code)
                }
                return created
            }
            print("\(file): \(created.count) events created, \(specs.count - created.count) already existed")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rounds with their enrolment.")

        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let events = try await database.run { db in try await EventRepository(database: db).list() }
            let rows = events.map { summary in
                [
                    summary.event.spec.code, summary.event.spec.name,
                    summary.event.spec.dates.map(\.description).joined(separator: " "), summary.event.status,
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
            let eventCode = event
            let (stored, participants, requests) = try await database.run { db in
                let stored = try await EventRepository(database: db).require(eventCode)
                let enrolment = EnrolmentRepository(database: db)
                return (stored, try await enrolment.participants(in: stored), try await enrolment.requests(in: stored))
            }
            let spec = stored.spec
            print("\(spec.name) [\(spec.code), id \(stored.id), \(stored.status)]")
            print("days        \(spec.dates.map(\.description).joined(separator: ", ")) (\(spec.timeZone))")
            print(
                "hours       \(spec.dayStart)-\(spec.dayEnd), slots of \(spec.slotMinutes) min"
                    + (spec.breaks.isEmpty ? "" : ", breaks \(spec.breaks.map(\.description).joined(separator: ", "))"))
            print("mode        \(spec.mode.rawValue), \(spec.tables.map { "\($0) tables" } ?? "unlimited tables")")
            let slots = try spec.slots()
            print(
                "slots       \(slots.count): "
                    + slots.prefix(8).map { "\($0.index)=\($0.time.start)" }.joined(separator: " ")
                    + (slots.count > 8 ? " …" : ""))
            let buyers = participants.filter { $0.role == .buyer }
            print("buyers      \(buyers.count) (\(buyers.reduce(0) { $0 + $1.demands.count }) demands)")
            let suppliers = participants.filter { $0.role != .buyer }
            print("suppliers   \(suppliers.count) (\(suppliers.reduce(0) { $0 + $1.offers.count }) offers)")
            let byLevel = Dictionary(grouping: requests, by: \.level)
            print(
                "requests    \(requests.count): "
                    + InterestLevel.allCases.map { "\($0.rawValue) \(byLevel[$0]?.count ?? 0)" }.joined(separator: ", ")
            )
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
            let table = try options.table(file, columns: EnrolmentValidator.columns)
            let reference = try ReferenceData.bundled()
            let nits = table.rows.compactMap { try? NIT(parsing: $0["nit"]) }
            let (eventCode, path, options) = (event, file, options)
            try await database.run { db in
                let stored = try await EventRepository(database: db).require(eventCode)
                let companies = try await CompanyRepository(database: db).find(nits)
                let validator = EnrolmentValidator(
                    reference: reference, event: stored.spec, slots: try stored.spec.slots(), companies: companies)
                let result = RowImport.enrolment(table: table, validator: validator)
                guard try options.settle(result, file: path, noun: "participants") else { return }
                let summary = try await EnrolmentRepository(database: db).enrol(
                    result.accepted.map(\.value), in: stored)
                print("\(path): enrolled in \(stored.spec.code): \(summary)")
            }
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
            let (eventCode, from, to, level, note) = (event, from, to, level, note)
            let request = try await database.run { db in
                let stored = try await EventRepository(database: db).require(eventCode)
                let enrolment = EnrolmentRepository(database: db)
                let validator = MeetingRequestValidator(enrolled: try await enrolment.enrolledNITs(in: stored))
                let request = try validator.validate(from: from, to: to, level: level, note: note, row: nil).get()
                _ = try await enrolment.saveRequests([request], in: stored)
                return request
            }
            print("recorded: \(request.from) → \(request.to): \(request.level.rawValue)")
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
            let table = try options.table(file, columns: MeetingRequestValidator.columns)
            let (eventCode, path, options) = (event, file, options)
            try await database.run { db in
                let stored = try await EventRepository(database: db).require(eventCode)
                let enrolment = EnrolmentRepository(database: db)
                let validator = MeetingRequestValidator(enrolled: try await enrolment.enrolledNITs(in: stored))
                let result = RowImport.requests(table: table, validator: validator)
                guard try options.settle(result, file: path, noun: "requests") else { return }
                let summary = try await enrolment.saveRequests(result.accepted.map(\.value), in: stored)
                print("\(path): requests for \(stored.spec.code): \(summary)")
            }
        }
    }
}
