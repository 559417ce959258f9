import ArgumentParser
import Foundation
import RuedaCore
import RuedaStore

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
            fields.nit = nit
            fields.name = name
            fields.department = department
            fields.city = city
            fields.size = size
            fields.activities = ciiu
            fields.certifications = certifications
            fields.products = products
            fields.description = description
            fields.contactName = contactName
            fields.email = email
            fields.phone = phone
            fields.website = website
            return fields
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register one company.")

        @Option(help: "NIT, with or without check digit (900123456-7).") var nit: String
        @OptionGroup var fields: Fields
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let reference = try ReferenceData.bundled()
            let company = try CompanyValidator(reference: reference).validate(fields.fields(nit: nit)).get()
            let summary = try await database.run { db in
                if try await CompanyRepository(database: db).find(company.nit) != nil {
                    throw CLIError("company \(company.nit) is already registered; use `rueda company update`")
                }
                return try await CompanyRepository(database: db).upsert([company])
            }
            print("registered \(company.nit) \(company.name) (\(summary))")
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of a registered company.")

        @Argument(help: "The company's NIT.") var nit: String
        @OptionGroup var fields: Fields
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let reference = try ReferenceData.bundled()
            let parsed = try NIT(parsing: nit)
            let given = fields.fields(nit: nil)
            guard given != CompanyFields() else { throw CLIError("nothing to update: give at least one field flag") }
            let company = try await database.run { db in
                let repository = CompanyRepository(database: db)
                guard let existing = try await repository.find(parsed) else {
                    throw CLIError("company \(parsed) is not registered")
                }
                let updated = try CompanyValidator(reference: reference).validate(given, existing: existing).get()
                _ = try await repository.upsert([updated])
                return updated
            }
            print("updated \(company.nit) \(company.name)")
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
            let table = try options.table(file, columns: CompanyFields.columns)
            let result = RowImport.companies(table: table, reference: try ReferenceData.bundled())
            guard try options.settle(result, file: file, noun: "companies") else { return }
            let companies = result.accepted.map(\.value)
            let summary = try await database.run { db in try await CompanyRepository(database: db).upsert(companies) }
            print("\(file): \(companies.count) companies imported: \(summary) in \(started.duration(to: .now).short)")
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
            let reference = try ReferenceData.bundled()
            var filter = CompanyFilter(ciiuPrefix: ciiu, text: text, limit: limit)
            filter.departmentCode = try department.map { try reference.departments.department(parsing: $0).code }
            filter.size = try size.map { try CompanySize(parsing: $0) }
            filter.certification = try certification.map {
                try reference.certifications.certification(parsing: $0).code
            }
            let finalFilter = filter
            let companies = try await database.run { db in try await CompanyRepository(database: db).list(finalFilter) }
            let departments = reference.departments.byCode
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
            let reference = try ReferenceData.bundled()
            guard let company = try await database.run({ db in try await CompanyRepository(database: db).find(parsed) })
            else { throw CLIError("company \(parsed) is not registered") }
            if format == .json {
                print(try Output.json(company))
                return
            }
            let department = reference.departments.byCode[company.departmentCode]
            let lines: [(String, String)] = [
                ("NIT", company.nit.description), ("Name", company.name),
                ("Department", "\(department?.name ?? company.departmentCode) (\(company.departmentCode))"),
                ("City", company.city), ("Size", company.size.label),
                (
                    "CIIU",
                    company.activities.map { "\($0) \(reference.ciiu.activities[$0]?.title ?? "")" }.joined(
                        separator: "\n      ")
                ),
                ("Certifications", company.certifications.joined(separator: ", ")),
                ("Products", company.products.joined(separator: ", ")), ("Description", company.description),
                (
                    "Contact",
                    [company.contactName, company.email, company.phone].filter { !$0.isEmpty }.joined(separator: " · ")
                ),
                ("Website", company.website),
            ]
            for (label, value) in lines where !value.isEmpty {
                Output.line(label.padding(toLength: 15, withPad: " ", startingAt: 0) + value)
            }
        }
    }
}

extension Duration {
    /// Seconds with two decimals, `1.23 s`.
    var short: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return String(format: "%.2f s", seconds)
    }
}
