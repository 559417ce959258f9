import ArgumentParser
import Foundation
import RuedaCore
import RuedaUseCases

struct OutcomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome", abstract: "Record what happened at appointments: held, no-show, cancelled, business.",
        subcommands: [Record.self, Import.self, List.self])

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one appointment's outcome; later reports add to its history.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "Buyer NIT.") var buyer: String
        @Option(help: "Supplier NIT.") var supplier: String
        @Option(help: "held, no-show or cancelled.") var status: String
        @Option(help: "Expected business in pesos (held meetings).") var expectedCop: String?
        @Option(help: "immediate, 3m, 6m or 12m.") var horizon: String?
        @Option(help: "Free text.") var note = ""
        @Option(help: "Who reports it.") var reportedBy = "organiser"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let fields = OutcomeFields(
                buyer: buyer, supplier: supplier, status: status, expected: expectedCop ?? "", horizon: horizon ?? "",
                note: note, reportedBy: reportedBy)
            let outcome = try await database.withRueda { try await $0.outcomes.record(event, fields) }
            Output.line("recorded: \(outcome.buyer) – \(outcome.supplier) \(outcome.status.rawValue)")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import outcomes from CSV (buyer_nit, supplier_nit, status, expected_cop, horizon, note, "
                + "reported_by), all or nothing.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Argument(help: "CSV file.") var file: String
        @Option(help: "Reporter for rows without one.") var reportedBy = "import"
        @OptionGroup var options: ImportOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let report = try await database.withRueda { rueda in
                try await options.run(file, noun: "outcomes") {
                    try await rueda.outcomes.importFile(event, file: $0, reporter: reportedBy, mode: $1)
                }
            }
            guard let count = report?.summary else { return }
            Output.line("\(file): \(count) outcomes recorded for \(event)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the latest outcome of each appointment.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Flag(help: "Every report, oldest first, instead of the latest per appointment.") var history = false
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let outcomes = try await database.withRueda { try await $0.outcomes.list(event, history: history) }
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
                    outcome.reportedBy, stored.reportedAt.formatted(.iso8601), outcome.note,
                ]
            }
        }
    }
}
