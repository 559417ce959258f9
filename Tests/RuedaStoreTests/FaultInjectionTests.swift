import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

/// A private, durable PostgreSQL cluster (the default configuration: fsync on, Unix socket, peer authentication) that
/// a test may crash with `pg_ctl stop -m immediate`, as a power cut or an OOM kill would, and restart.
struct FaultCluster {
    let folder: URL
    let port: Int
    let scriptURL = TestDatabase.root.appendingPathComponent("scripts/postgres")

    init() {
        folder = URL(fileURLWithPath: "/tmp/rueda-fault-\(UUID().uuidString.prefix(8))")
        port = 59_000 + Int.random(in: 0..<900)
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["RUEDA_PGDATA"] = folder.path
        environment["RUEDA_PGPORT"] = String(port)
        environment["RUEDA_PGDATABASE"] = "rueda"
        environment["RUEDA_PG_THROWAWAY"] = nil
        environment["RUEDA_PG_OPTIONS"] = nil
        return environment
    }

    /// Runs scripts/postgres (see ``Spawn`` for why not `Process`).
    @discardableResult
    func script(_ command: String) throws -> String {
        let result = try Spawn.run("/bin/bash", [scriptURL.path, command], environment: environment)
        guard result.status == 0 else {
            throw CLIFailure("scripts/postgres \(command) failed (status \(result.status)): \(result.error)")
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs scripts/postgres `command` off the cooperative pool (see ``Blocking``).
    @discardableResult
    func run(_ command: String) async throws -> String {
        let cluster = self
        return try await Blocking.run { try cluster.script(command) }
    }

    func start() async throws -> DatabaseConfiguration { try DatabaseConfiguration(url: try await run("start")) }

    func destroy() {
        _ = try? script("stop")
        try? FileManager.default.removeItem(at: folder)
    }

    struct CLIFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// The server is killed in the middle of an import, a match run's COPY and a publish; after it restarts nothing is
/// half-written and the same command succeeds.
@Suite("Fault injection", .serialized)
struct FaultInjectionTests {
    /// Runs `rueda` in the background against the cluster.
    static func launch(_ arguments: [String], url: DatabaseConfiguration) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] =
            "postgres://\(url.username)@/\(url.database)?host=\(url.socketDirectory ?? "")&port=\(url.port)"
        process.environment = environment
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        return (process, error)
    }

    /// The holder's statements: take `lock` in a transaction, then sleep in it, holding what it locked, until it is
    /// killed (with the server or at the end).
    static func holding(_ lock: String) -> String { "BEGIN; \(lock); SELECT pg_sleep(86400);" }

    /// psql holding a lock in its own process, restarted if it ends (the reason is kept for the failure message).
    final class Holder {
        let lock: String
        let configuration: DatabaseConfiguration
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("rueda-holder-\(UUID()).err")
        private(set) var pid: pid_t?
        private(set) var endings: [String] = []

        init(_ lock: String, _ configuration: DatabaseConfiguration) throws {
            self.lock = lock
            self.configuration = configuration
            try start()
        }

        private func start() throws {
            let url =
                "postgres://\(configuration.username)@/\(configuration.database)?host="
                + "\(configuration.socketDirectory ?? "")&port=\(configuration.port)"
            pid = try Spawn.start(
                "/usr/bin/env", ["psql", "-X", "-q", url, "-c", FaultInjectionTests.holding(lock)],
                environment: ProcessInfo.processInfo.environment, errors: errors.path)
        }

        /// Starts psql again if it has ended, noting its status and what it printed.
        func restartIfEnded() throws {
            guard let running = pid, let status = Spawn.exited(running) else { return }
            pid = nil
            let printed = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            endings.append(
                "psql ended with status \(status): \(printed.trimmingCharacters(in: .whitespacesAndNewlines))")
            if endings.count < 5 { try start() }
        }

        func stop() {
            if let running = pid { Spawn.kill9(running) }
            pid = nil
            try? FileManager.default.removeItem(at: errors)
        }
    }

    /// Waits until the holder sleeps in its transaction (its lock statement is done, so the lock is held). The
    /// deadline is checked only after a look, so a test resumed late still looks once.
    static func waitForHeldLock(_ holder: Holder, _ database: Database, timeout: Duration = .seconds(90)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let statement = holding(holder.lock)
        repeat {
            let rows = try await database.client.query(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE query = \(statement) AND wait_event = 'PgSleep' AND pid <> pg_backend_pid()
                """, logger: database.logger)
            for try await count in rows.decode(Int.self) where count > 0 { return }
            try holder.restartIfEnded()
            try await Task.sleep(for: .milliseconds(20))
        } while clock.now < deadline
        let rows = try await database.client.query(
            "SELECT coalesce(state, ''), coalesce(wait_event, ''), query FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
            logger: database.logger)
        var backends: [String] = []
        for try await (state, wait, query) in rows.decode((String, String, String).self) {
            backends.append("\(state) \(wait): \(query)")
        }
        throw FaultCluster.CLIFailure(
            "'\(holder.lock)' was never held; backends: \(backends.joined(separator: " | ")); "
                + (holder.endings.isEmpty ? "psql still runs" : holder.endings.joined(separator: "; ")))
    }

    /// Waits until a backend other than `observer` waits on a lock (the command reached the held table).
    static func waitForLockWait(_ database: Database, timeout: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        repeat {
            let rows = try await database.client.query(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
                logger: database.logger)
            for try await count in rows.decode(Int.self) where count > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        } while clock.now < deadline
        throw FaultCluster.CLIFailure("the command never reached the held table")
    }

    /// Holds `lock` (a statement run inside a transaction) until the server dies, while `command` runs into it;
    /// then crashes the server and checks that the command exits cleanly with a message.
    static func crash(
        _ cluster: FaultCluster, _ configuration: DatabaseConfiguration, holding lock: String, during command: [String]
    ) async throws {
        let logger = Logger(label: "fault") { _ in SwiftLogNoOpLogHandler() }
        // The holder is psql in its own process, so that it needs none of this process's threads to take its lock.
        let holder = try Holder(lock, configuration)
        defer { holder.stop() }
        // Launch the command only once the lock is held: under a loaded machine a fixed pause was not always enough,
        // and a command that passed the table before the lock was taken never waited on it.
        try await Database.withDatabase(configuration, logger: logger) { database in
            try await waitForHeldLock(holder, database)
        }
        let (process, error) = try launch(command, url: configuration)
        try await Database.withDatabase(configuration, logger: logger) { database in
            try await waitForLockWait(database)
        }
        try await cluster.run("kill")
        let message = String(decoding: await Blocking.readToEnd(error.fileHandleForReading), as: UTF8.self)
        await Blocking.exit(of: process)
        #expect(process.terminationReason == .exit, "\(command) crashed")
        #expect(process.terminationStatus != 0)
        #expect(message.contains("PostgreSQL") || message.contains("database"), "\(message)")
        _ = try await cluster.start()
    }

    static func count(_ sql: String, _ configuration: DatabaseConfiguration) async throws -> Int {
        try await Database.withDatabase(configuration, logger: TestDatabase.logger) { database in
            let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
            for try await value in rows.decode(Int.self) { return value }
            return -1
        }
    }

    @Test("killed mid-import, mid-COPY of a match run and mid-publish: nothing half-written, the re-run succeeds")
    func crashAndRecover() async throws {
        let cluster = FaultCluster()
        defer { cluster.destroy() }
        let configuration = try await cluster.start()
        let migrate = try Self.launch(["db", "migrate"], url: configuration).0
        await Blocking.exit(of: migrate)
        #expect(migrate.terminationStatus == 0)

        // A large import, stopped after its COPY and upsert, before it commits.
        let files = DemoGenerator(.init(buyers: 3_000, suppliers: 9_000, events: 1, seed: 9)).generate()
        let csv = try #require(files.files.first { $0.name == "companies.csv" }?.text)
        let companies = try CLITests.write(csv)
        try await Self.crash(
            cluster, configuration, holding: "LOCK TABLE company_activity IN EXCLUSIVE MODE",
            during: ["company", "import", companies])
        #expect(try await Self.count("SELECT count(*) FROM company", configuration) == 0)
        #expect(try await Self.count("SELECT count(*) FROM company_activity", configuration) == 0)
        let imported = try Self.launch(["company", "import", companies], url: configuration).0
        await Blocking.exit(of: imported)
        #expect(imported.terminationStatus == 0)
        #expect(try await Self.count("SELECT count(*) FROM company", configuration) == 12_000)

        // A match run, stopped after the COPY of its candidates, before the misses and the commit.
        let round = try await Database.withDatabase(configuration, logger: TestDatabase.logger) { database in
            let round = try await StoredRound.seed(database)
            _ = try await database.rueda().matching.run(round.event.spec.code)
            return round
        }
        let code = round.event.spec.code
        let candidates = try await Self.count("SELECT count(*) FROM match_candidate", configuration)
        try await Self.crash(
            cluster, configuration, holding: "LOCK TABLE match_miss IN EXCLUSIVE MODE",
            during: ["match", "run", code, "--limit-per-buyer", "5"])
        #expect(try await Self.count("SELECT count(*) FROM match_run", configuration) == 1)
        #expect(try await Self.count("SELECT count(*) FROM match_run WHERE is_current", configuration) == 1)
        #expect(try await Self.count("SELECT count(*) FROM match_candidate", configuration) == candidates)
        let rerun = try Self.launch(["match", "run", code, "--limit-per-buyer", "5"], url: configuration).0
        await Blocking.exit(of: rerun)
        #expect(rerun.terminationStatus == 0)
        #expect(try await Self.count("SELECT count(*) FROM match_run WHERE is_current", configuration) == 1)
        #expect(try await Self.count("SELECT count(*) FROM match_run", configuration) == 2)

        // A publish, stopped after it superseded the published version and published the draft, before it commits.
        for _ in 0..<2 {
            let solve = try Self.launch(["schedule", "solve", code, "--time-limit", "1"], url: configuration).0
            await Blocking.exit(of: solve)
            #expect(solve.terminationStatus == 0)
        }
        let publish = try Self.launch(["schedule", "publish", code, "--version", "1"], url: configuration).0
        await Blocking.exit(of: publish)
        #expect(publish.terminationStatus == 0)
        try await Self.crash(
            cluster, configuration, holding: "SELECT id FROM event FOR UPDATE",
            during: ["schedule", "publish", code, "--version", "2"])
        let statuses = try await Database.withDatabase(configuration, logger: TestDatabase.logger) { database in
            try await ScheduleRepository(database: database).versions(in: round.event).map(\.status)
        }
        #expect(statuses == [.draft, .published])
        let republish = try Self.launch(["schedule", "publish", code, "--version", "2"], url: configuration).0
        await Blocking.exit(of: republish)
        #expect(republish.terminationStatus == 0)
        let after = try await Database.withDatabase(configuration, logger: TestDatabase.logger) { database in
            try await ScheduleRepository(database: database).versions(in: round.event).map(\.status)
        }
        #expect(after == [.published, .superseded])
    }
}

/// The local default cluster holds real events: it must be durable and closed to other local users, and rueda must
/// only ever run its own copy of the script that manages it.
@Suite("The local default database", .serialized)
struct LocalClusterTests {
    @Test("it is durable, takes no TCP connections and lets no other local user in")
    func durableAndPrivate() async throws {
        let cluster = FaultCluster()
        defer { cluster.destroy() }
        let configuration = try await cluster.start()
        #expect(configuration.password == nil)
        #expect(configuration.socketDirectory != nil)
        try await Database.withDatabase(configuration, logger: TestDatabase.logger) { database in
            for setting in ["fsync", "full_page_writes", "synchronous_commit"] {
                let rows = try await database.client.query(
                    PostgresQuery(unsafeSQL: "SHOW \(setting)"), logger: database.logger)
                for try await value in rows.decode(String.self) { #expect(value == "on", "\(setting)") }
            }
        }
        let tcp = try DatabaseConfiguration(url: "postgres://postgres@127.0.0.1:\(cluster.port)/rueda?sslmode=disable")
        await #expect(throws: StoreError.self) { try await Database.check(tcp, logger: TestDatabase.logger) }
        if getuid() == 0 {
            // Another operating-system user may not log in, not even as postgres.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = [
                "-u", "nobody", "--", CLITests.binary.path, "event", "list", "--database-url",
                "postgres://postgres@/rueda?host=\(configuration.socketDirectory ?? "")&port=\(cluster.port)",
            ]
            let error = Pipe()
            process.standardError = error
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = String(decoding: await Blocking.readToEnd(error.fileHandleForReading), as: UTF8.self)
            await Blocking.exit(of: process)
            #expect(process.terminationStatus != 0)
            #expect(message.contains("permission denied") || message.contains("refused the login"), "\(message)")
        }
    }

    @Test("rueda never runs a scripts/postgres or applies Migrations/ found in the current folder")
    func ownFilesOnly() async throws {
        let hostile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rueda-hostile-\(UUID().uuidString)")
        let marker = hostile.appendingPathComponent("ran")
        try FileManager.default.createDirectory(
            at: hostile.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: hostile.appendingPathComponent("Migrations"), withIntermediateDirectories: true)
        try "#!/bin/sh\ntouch \(marker.path)\necho postgres://evil@127.0.0.1:1/evil\n".write(
            to: hostile.appendingPathComponent("scripts/postgres"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: hostile.appendingPathComponent("scripts/postgres").path)
        try "CREATE TABLE pwned (x int);".write(
            to: hostile.appendingPathComponent("Migrations/0001_pwned.sql"), atomically: true, encoding: .utf8)
        let cluster = FaultCluster()
        defer {
            cluster.destroy()
            try? FileManager.default.removeItem(at: hostile)
        }
        var settings = cluster.environment
        settings["DATABASE_URL"] = nil
        let folder = hostile.path
        let environment = settings
        let run = try await Blocking.run {
            try Spawn.run(CLITests.binary.path, ["db", "status"], environment: environment, directory: folder)
        }
        let printed = run.output
        #expect(!FileManager.default.fileExists(atPath: marker.path), "the folder's script ran")
        #expect(!printed.contains("pwned"))
        #expect(printed.contains("integrity"), "rueda's own migrations are listed: \(printed)")
    }
}
