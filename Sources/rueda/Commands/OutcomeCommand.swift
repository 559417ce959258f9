import ArgumentParser
import Foundation
import RuedaCore
import RuedaStore

struct OutcomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome", abstract: "Record what happened at appointments: held, no-show, cancelled, business.",
        subcommands: [Record.self, Import.self, List.self])

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one appointment's outcome; later reports add to its history.")

        @Argument(help: "Event code.") var event: String
        @Option(help: "Buyer NIT.") var buyer: String
        @Option(help: "Supplier NIT.") var supplier: String
        @Option(help: "held, no-show or cancelled.") var status: String
        @Option(help: "Expected business in pesos (held meetings).") var expectedCop: String?
        @Option(help: "immediate, 3m, 6m or 12m.") var horizon: String?
        @Option(help: "Free text.") var note = ""
        @Option(help: "Who reports it.") var reportedBy = "organiser"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let fields = (buyer, supplier, status, expectedCop ?? "", horizon ?? "", note, reportedBy)
            let code = event
            try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                let repository = OutcomeRepository(database: db)
                let validator = OutcomeValidator(appointments: try await repository.appointmentPairs(in: stored))
                switch validator.validate(
                    buyer: fields.0, supplier: fields.1, status: fields.2, expected: fields.3, horizon: fields.4,
                    note: fields.5, reportedBy: fields.6, row: nil)
                {
                case .success(let outcome):
                    try await repository.record([outcome], in: stored)
                    print("recorded: \(outcome.buyer) – \(outcome.supplier) \(outcome.status.rawValue)")
                case .failure(let error):
                    throw CLIError(error.description)
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import outcomes from CSV (buyer_nit, supplier_nit, status, expected_cop, horizon, note, "
                + "reported_by), all or nothing.")

        @Argument(help: "Event code.") var event: String
        @Argument(help: "CSV file.") var file: String
        @Option(help: "Reporter for rows without one.") var reportedBy = "import"
        @OptionGroup var options: ImportOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let table = try options.table(file, columns: OutcomeValidator.columns)
            let (code, reporter, options, file) = (event, reportedBy, options, file)
            try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                let repository = OutcomeRepository(database: db)
                let validator = OutcomeValidator(appointments: try await repository.appointmentPairs(in: stored))
                let result = RowImport(table: table) { row in validator.validate(row: row, defaultReporter: reporter) }
                guard try options.settle(result, file: file, noun: "outcomes") else { return }
                try await repository.record(result.accepted.map(\.value), in: stored)
                print("\(file): \(result.accepted.count) outcomes recorded for \(code)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the latest outcome of each appointment.")

        @Argument(help: "Event code.") var event: String
        @Flag(help: "Every report, oldest first, instead of the latest per appointment.") var history = false
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (code, history) = (event, history)
            let outcomes = try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                let repository = OutcomeRepository(database: db)
                return history ? try await repository.history(in: stored) : try await repository.latest(in: stored)
            }
            try Output.print(
                outcomes, format: format,
                header: [
                    "buyer", "supplier", "status", "expected_cop", "horizon", "reported_by", "reported_at", "note",
                ]
            ) { stored in
                let outcome = stored.outcome
                return [
                    outcome.buyer.description, outcome.supplier.description, outcome.status.rawValue,
                    outcome.expected.map { String($0.pesos) } ?? "", outcome.horizon?.rawValue ?? "",
                    outcome.reportedBy, ISO8601DateFormatter().string(from: stored.reportedAt), outcome.note,
                ]
            }
        }
    }
}
