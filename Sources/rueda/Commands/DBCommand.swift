import ArgumentParser
import RuedaStore

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the database schema.", subcommands: [Migrate.self, Status.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations and load the reference data (CIIU, departments, certifications).")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (configuration, _) = try database.resolve()
            let migrations = try Migration.bundled()
            let logger = database.logger
            try await Database.check(configuration, logger: logger)
            try await Database.withDatabase(configuration, logger: logger) { db in
                let (applied, loaded) = try await Migrator(database: db, migrations: migrations)
                    .migrateWithReferenceData()
                if applied.isEmpty {
                    print("schema up to date (\(migrations.count) migrations)")
                } else {
                    for migration in applied { print("applied \(migration.fileName)") }
                }
                if !loaded.isEmpty { print("loaded reference data: \(loaded.joined(separator: ", "))") }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applied and pending migrations.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (configuration, _) = try database.resolve()
            let migrations = try Migration.bundled()
            try await Database.check(configuration, logger: database.logger)
            let states = try await Database.withDatabase(configuration, logger: database.logger) { db in
                try await Migrator(database: db, migrations: migrations).status()
            }
            let rows = states.map { status in
                [
                    String(status.version), status.name, status.state.rawValue,
                    status.appliedAt.map { $0.formatted(.iso8601) } ?? "",
                ]
            }
            print(Output.table(["version", "name", "state", "applied at (UTC)"], rows))
            if states.contains(where: { $0.state == .changed || $0.state == .unknown }) { throw ExitCode(1) }
        }
    }
}
