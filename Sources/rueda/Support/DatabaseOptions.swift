import ArgumentParser
import Foundation
import Logging
import RuedaCore
import RuedaStore

/// Where the database is: `--database-url`, else `DATABASE_URL`, else the local default cluster (started if needed).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: $DATABASE_URL, else the local cluster).")
    var databaseURL: String?

    @Flag(name: .customLong("verbose"), help: "Log database activity to standard error.")
    var verbose = false

    /// Resolves the configuration and whether it is the local default cluster.
    func resolve() throws -> (configuration: DatabaseConfiguration, isLocalDefault: Bool) {
        if let url = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            return (try DatabaseConfiguration(url: url), false)
        }
        return (try DatabaseConfiguration(url: try LocalCluster.start()), true)
    }

    var logger: Logger {
        var logger = Logger(label: "rueda") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .critical
        return logger
    }

    /// Opens the database, applying pending migrations first when it is the local default cluster, and runs `body`.
    func run<Result: Sendable>(_ body: @Sendable (Database) async throws -> Result) async throws -> Result {
        let (configuration, isLocal) = try resolve()
        let migrations = try Migration.load(directory: try ProjectPaths.migrations())
        return try await Database.withDatabase(configuration, logger: logger) { database in
            try await database.ping()
            let migrator = Migrator(database: database, migrations: migrations)
            if try await migrator.status().contains(where: { $0.state != .applied }) {
                guard isLocal else {
                    throw CLIError("the database schema is not up to date; run `rueda db migrate` first")
                }
                try await migrator.migrateWithReferenceData()
            }
            return try await body(database)
        }
    }
}

/// Starts the local default cluster through `scripts/postgres` and returns its URL.
enum LocalCluster {
    static func start() throws -> String {
        guard let script = ProjectPaths.find("scripts/postgres") else {
            throw CLIError(
                "no DATABASE_URL is set and scripts/postgres is not found; set DATABASE_URL or --database-url")
        }
        let process = Process()
        process.executableURL = script
        process.arguments = ["start"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let url = String(decoding: data, as: UTF8.self).trimmingWhitespace()
        guard process.terminationStatus == 0, !url.isEmpty else {
            throw CLIError("could not start the local PostgreSQL (scripts/postgres start failed; see above)")
        }
        return url
    }
}
