import ArgumentParser
import Foundation
import Logging
import RuedaCore
import RuedaStore
import RuedaUseCases

/// Where the database is: `--database-url`, else `DATABASE_URL`, else the local default cluster.
///
/// With an explicit URL a command only connects, and refuses to run on a schema that is not up to date. Without
/// one it starts the local cluster if needed and applies pending migrations to it, saying so on standard error.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: $DATABASE_URL, else the local cluster).")
    var databaseURL: String?

    @Flag(name: .customLong("verbose"), help: "Log database activity to standard error.")
    var verbose = false

    /// The configuration, and whether it is the local default cluster (started here if needed).
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

    /// Connects (checking the server answers), and runs `body` with the database as it is, schema untouched.
    func withDatabase<Result: Sendable>(_ body: (Database) async throws -> Result) async throws -> Result {
        let (configuration, _) = try resolve()
        try await Database.check(configuration, logger: logger)
        return try await Database.withDatabase(configuration, logger: logger, body)
    }

    /// Connects to an up-to-date schema (migrating the local default cluster first) and runs `body` with the use
    /// cases.
    func withRueda<Result: Sendable>(_ body: (Rueda) async throws -> Result) async throws -> Result {
        let (configuration, isLocal) = try resolve()
        let reference = try ReferenceData.bundled()
        try await Database.check(configuration, logger: logger)
        return try await Database.withDatabase(configuration, logger: logger) { database in
            if try await DatabaseUseCases.isPending(database) {
                guard isLocal else {
                    throw CLIError("the database schema is not up to date; run `rueda db migrate` first")
                }
                let (applied, _) = try await DatabaseUseCases.migrate(database)
                if !applied.isEmpty { Output.error("applied \(applied.count) migrations to the local database") }
            }
            return try await body(Rueda(database: database, reference: reference))
        }
    }
}

/// Starts the local default cluster with the script shipped beside the binary, and returns its URL.
enum LocalCluster {
    static func start() throws -> String {
        let installation = Installation()
        let script = try installation.clusterScript()
        var environment = installation.environment
        if environment["RUEDA_PGDATA"]?.isEmpty ?? true {
            environment["RUEDA_PGDATA"] = installation.home().appendingPathComponent("pg").path
        }
        environment["RUEDA_PG_THROWAWAY"] = nil
        // The URL comes back through a file, not a pipe: the server the script starts lives on and would hold a
        // pipe open. The script is run with posix_spawn and waitpid, which Foundation's Process does not always
        // reap when the child leaves a daemon behind.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rueda-url-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let status = try spawn(
            "/bin/bash", [script.path, "start"], environment: environment, standardOutput: file.path)
        let url = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").trimmingWhitespace()
        guard status == 0, !url.isEmpty else {
            throw CLIError("could not start the local PostgreSQL (its script failed; see above)")
        }
        return url
    }

    /// Runs a program to its end with standard output to a file (mode 0600); returns its exit status.
    static func spawn(
        _ program: String, _ arguments: [String], environment: [String: String], standardOutput: String
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else { throw CLIError("cannot run \(program) (error \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw CLIError("lost track of \(program)") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
