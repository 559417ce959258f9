import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaStore
import RuedaTestSupport

/// Times CSV parsing, validation and the batched company upsert against a row-by-row baseline.
struct ImportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time CSV parsing, validation and the batched company upsert against a row-by-row baseline, "
            + "each in a scratch database that is dropped afterwards.")

    @Option(help: "Companies to generate.") var companies = 10_000
    @Option(help: "Random seed.") var seed: UInt64 = 2022
    @Option(name: .customLong("database-url"), help: "PostgreSQL server for scratch databases (default: DATABASE_URL).")
    var databaseURL: String?

    func validate() throws {
        guard (4...1_000_000).contains(companies) else { throw ValidationError("--companies must be 4 to 1000000") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let buyers = companies / 4
        let files = DemoGenerator(.init(buyers: buyers, suppliers: companies - buyers, events: 1, seed: seed))
            .generate()
        guard let csv = files.files.first(where: { $0.name == "companies.csv" })?.text else { return }
        let reference = try ReferenceData.bundled()
        var started = clock.now
        let table = try CSVTable(reader: try CSVReader(text: csv), columns: CompanyFields.columns)
        let parse = started.duration(to: clock.now)
        started = clock.now
        let result = RowImport.companies(table: table, reference: reference)
        let validate = started.duration(to: clock.now)
        let rows = result.accepted.map(\.value)
        print("companies: \(rows.count) (\(csv.utf8.count / 1024) KiB of CSV)")
        print("parse CSV:          \(parse.short)")
        print("validate:           \(validate.short)")

        let server = try databaseURL.map { try DatabaseConfiguration(url: $0) } ?? ScratchDatabase.serverConfiguration()
        try await ScratchDatabase.withMigrated(server: server) { database, _ in
            let repository = CompanyRepository(database: database)
            var started = clock.now
            let inserted = try await repository.upsert(rows)
            let batched = started.duration(to: clock.now)
            started = clock.now
            let again = try await repository.upsert(rows)
            let rerun = started.duration(to: clock.now)
            print("batched upsert:     \(batched.short)  (\(inserted))")
            print("re-import, no-op:   \(rerun.short)  (\(again))")
        }
        let batched = try await timed {
            try await ScratchDatabase.withMigrated(server: server) { database, _ in
                _ = try await CompanyRepository(database: database).upsert(rows)
            }
        }
        let naive = try await timed {
            try await ScratchDatabase.withMigrated(server: server) { database, _ in
                try await Self.insertRowByRow(rows, into: database)
            }
        }
        print("same run, scratch database created and migrated each time:")
        print("  batched upsert:     \(batched.short)")
        print("  row-by-row INSERTs: \(naive.short)  (baseline)")
        print(String(format: "  speed-up:           %.1fx", naive / batched))
    }

    func timed(_ body: () async throws -> Void) async throws -> Duration {
        let clock = ContinuousClock()
        let started = clock.now
        try await body()
        return started.duration(to: clock.now)
    }

    /// The baseline: one INSERT round trip per company and per activity, in one transaction.
    static func insertRowByRow(_ companies: [Company], into database: Database) async throws {
        let logger = database.logger
        try await database.transaction("inserting companies one by one") { connection in
            for company in companies {
                let rows = try await connection.query(
                    """
                    INSERT INTO company (nit, check_digit, name, department_code, city, size, description, contact_name,
                                         email, phone, website, products)
                    VALUES (\(company.nit.base), \(company.nit.checkDigit), \(company.name), \(company.departmentCode),
                            \(company.city), \(company.size.rawValue), \(company.description), \(company.contactName),
                            \(company.email), \(company.phone), \(company.website), \(company.products))
                    RETURNING id
                    """, logger: logger)
                var id: Int64 = 0
                for try await value in rows.decode(Int64.self) { id = value }
                for (position, code) in company.activities.enumerated() {
                    _ = try await connection.query(
                        "INSERT INTO company_activity (company_id, ciiu_code, position) VALUES (\(id), \(code), \(position))",
                        logger: logger
                    ).collect()
                }
            }
        }
    }
}
