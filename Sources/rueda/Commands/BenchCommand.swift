import ArgumentParser
import Foundation
import PostgresNIO
import RuedaCore
import RuedaStore

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure speed on generated data (prints figures).",
        subcommands: [Import.self, Match.self, Solve.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time CSV parsing, validation and the batched company upsert against a row-by-row baseline, "
                + "each in a scratch database that is dropped afterwards.")

        @Option(help: "Companies to generate.") var companies = 10_000
        @Option(help: "Random seed.") var seed: UInt64 = 2022
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(companies, in: 4...FlagBounds.companies.upperBound, "--companies")
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

            let (server, _) = try database.resolve()
            let migrations = try Migration.bundled()
            let logger = database.logger
            @Sendable func scratch(_ body: @Sendable (Database) async throws -> Void) async throws {
                let name = "rueda_bench_\(ProcessInfo.processInfo.processIdentifier)"
                try await Database.withDatabase(server, logger: logger) { admin in
                    _ = try await admin.client.query(
                        PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)"), logger: logger
                    ).collect()
                    _ = try await admin.client.query(
                        PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger
                    ).collect()
                }
                var configuration = server
                configuration.database = name
                try await Database.withDatabase(configuration, logger: logger) { db in
                    try await Migrator(database: db, migrations: migrations).migrateWithReferenceData()
                    try await body(db)
                }
                try await Database.withDatabase(server, logger: logger) { admin in
                    _ = try await admin.client.query(
                        PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"), logger: logger
                    ).collect()
                }
            }
            try await scratch { db in
                let repository = CompanyRepository(database: db)
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
                try await scratch { db in _ = try await CompanyRepository(database: db).upsert(rows) }
            }
            let naive = try await timed {
                try await scratch { db in try await CompanyRepository(database: db).insertRowByRow(rows) }
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
    }
}
