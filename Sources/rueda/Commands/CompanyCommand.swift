import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaCore
import RuedaUseCases

struct CompanyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "company", abstract: "Register and look up companies.",
        subcommands: [Add.self, Import.self, List.self, Show.self, Update.self])

    /// The company fields as flags, shared by `add` and `update`.
    struct Fields: ParsableArguments {
        @Option(help: "Company name (razón social).") var name: String?
        @Option(help: "Department: DANE code (05) or name (Antioquia).") var department: String?
        @Option(help: "City or municipality.") var city: String?
        @Option(help: "Size: micro, pequena, mediana or grande.") var size: String?
        @Option(help: "CIIU classes, main first, separated by | (1011|4631).") var ciiu: String?
        @Option(help: "Certifications, separated by | (iso-9001|invima).") var certifications: String?
        @Option(help: "Products, separated by |.") var products: String?
        @Option(help: "Description.") var description: String?
        @Option(name: .customLong("contact-name"), help: "Contact person.") var contactName: String?
        @Option(help: "Contact email.") var email: String?
        @Option(help: "Contact phone.") var phone: String?
        @Option(help: "Website.") var website: String?

        func fields(nit: String?) -> CompanyFields {
            var fields = CompanyFields()
            (fields.nit, fields.name, fields.department, fields.city, fields.size) = (nit, name, department, city, size)
            (fields.activities, fields.certifications, fields.products) = (ciiu, certifications, products)
            (fields.description, fields.contactName, fields.email) = (description, contactName, email)
            (fields.phone, fields.website) = (phone, website)
            return fields
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register one company.")

        @Option(help: "NIT, with or without check digit (900123456-7).") var nit: String
        @OptionGroup var fields: Fields
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let company = try await database.withRueda { try await $0.companies.register(fields.fields(nit: nit)) }
            Output.line("registered \(company.nit) \(company.name) (1 new, 0 updated, 0 unchanged)")
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of a registered company.")

        @Argument(help: "The company's NIT.") var nit: String
        @OptionGroup var fields: Fields
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let parsed = try NIT(parsing: nit)
            let company = try await database.withRueda {
                try await $0.companies.update(parsed, fields.fields(nit: nil))
            }
            Output.line("updated \(company.nit) \(company.name)")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register or update companies from a CSV file (upsert by NIT, one transaction).")

        @Argument(help: "CSV file; see README for the columns.") var file: String
        @OptionGroup var options: ImportOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let started = ContinuousClock.now
            let report = try await database.withRueda { rueda in
                try await options.run(file, noun: "companies") { try await rueda.companies.importFile($0, mode: $1) }
            }
            guard let report, let summary = report.summary else { return }
            Output.line(
                "\(file): \(report.accepted) companies imported: \(summary) in \(started.duration(to: .now).short)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List companies, filtered.")

        @Option(help: "CIIU prefix: section (C), division (10), group (101) or class (1011).") var ciiu: String?
        @Option(help: "Department code or name.") var department: String?
        @Option(help: "Size.") var size: String?
        @Option(help: "Certification code or name.") var certification: String?
        @Option(help: "Text in name, description or products.") var text: String?
        @Option(help: "At most this many.") var limit: Int?
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(limit, in: 1...FlagBounds.listing.upperBound, "--limit")
        }

        func run() async throws {
            let query = CompanyQuery(
                ciiu: ciiu, department: department, size: size, certification: certification, text: text, limit: limit)
            let (companies, departments) = try await database.withRueda { rueda in
                (try await rueda.companies.list(query).map(\.company), rueda.reference.departments.byCode)
            }
            switch format {
            case .csv:
                Output.csv(
                    CSVWriter(lineEnding: "\n").document(
                        header: CompanyFields.columns.map(\.name), rows: companies.map(CompanyFields.csvRow)))
            default:
                try Output.print(
                    companies, format: format, header: ["NIT", "Name", "Department", "Size", "CIIU", "Certifications"]
                ) {
                    [
                        $0.nit.description, $0.name, departments[$0.departmentCode]?.name ?? $0.departmentCode,
                        $0.size.label, $0.activities.joined(separator: " "), $0.certifications.joined(separator: " "),
                    ]
                }
            }
            if format == .table { print("\(companies.count) companies") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one company.")

        @Argument(help: "The company's NIT.") var nit: String
        @Option(help: "table or json.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let parsed = try NIT(parsing: nit)
            let (stored, reference) = try await database.withRueda { rueda in
                (try await rueda.companies.show(parsed), rueda.reference)
            }
            let company = stored.company
            if format == .json {
                print(try Output.json(company))
                return
            }
            for (label, value) in Self.lines(company, reference: reference) where !value.isEmpty {
                Output.line(label.padding(toLength: 15, withPad: " ", startingAt: 0) + value)
            }
        }

        static func lines(_ company: Company, reference: ReferenceData) -> [(String, String)] {
            let department = reference.departments.byCode[company.departmentCode]
            return [
                ("NIT", company.nit.description), ("Name", company.name),
                ("Department", "\(department?.name ?? company.departmentCode) (\(company.departmentCode))"),
                ("City", company.city), ("Size", company.size.label),
                (
                    "CIIU",
                    company.activities.map { "\($0) \(reference.ciiu.activities[$0]?.title ?? "")" }
                        .joined(separator: "\n      ")
                ),
                ("Certifications", company.certifications.joined(separator: ", ")),
                ("Products", company.products.joined(separator: ", ")), ("Description", company.description),
                (
                    "Contact",
                    [company.contactName, company.email, company.phone].filter { !$0.isEmpty }.joined(separator: " · ")
                ),
                ("Website", company.website),
            ]
        }
    }
}
