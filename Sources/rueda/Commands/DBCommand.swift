import ArgumentParser
import Foundation
import RuedaStore
import RuedaUseCases

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the database schema.", subcommands: [Migrate.self, Status.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations and load the reference data (CIIU, departments, certifications).")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (applied, loaded) = try await database.withDatabase { try await DatabaseUseCases.migrate($0) }
            if applied.isEmpty {
                print("schema up to date (\(try Migration.bundled().count) migrations)")
            } else {
                for migration in applied { print("applied \(migration.fileName)") }
            }
            if !loaded.isEmpty { print("loaded reference data: \(loaded.joined(separator: ", "))") }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applied and pending migrations.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let states = try await database.withDatabase { try await DatabaseUseCases.status($0) }
            print(
                Output.table(
                    ["version", "name", "state", "applied at (UTC)"],
                    states.map { status in
                        [
                            String(status.version), status.name, status.state.rawValue,
                            status.appliedAt.map { $0.formatted(.iso8601) } ?? "",
                        ]
                    }))
            if states.contains(where: { $0.state == .changed || $0.state == .unknown }) { throw ExitCode(1) }
        }
    }
}
