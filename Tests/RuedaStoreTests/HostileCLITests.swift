import Foundation
import PostgresNIO
import RuedaCore
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

/// The command line tried as a hostile user would: extreme numbers in every numeric flag, outputs through symbolic
/// links, stored data beyond every range, escape sequences in stored text, and concurrent writers.
@Suite("rueda under hostile input")
struct HostileCLITests {
    /// Values that used to trap: out of Int64, infinite, not a number, far out of range.
    static let extremes = [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e300", "inf", "-inf", "nan", "-1",
        "99999999999999999999999999", "0x7fffffff", "",
    ]

    /// Commands with a numeric flag; the placeholder is replaced by each extreme value.
    static let commands: [[String]] = [
        ["solve", "generate", "--preset", "round", "--seed", "X"],
        ["solve", "file", "/dev/null", "--time-limit", "X"], ["solve", "file", "/dev/null", "--threads", "X"],
        ["solve", "file", "/dev/null", "--iterations", "X"], ["solve", "file", "/dev/null", "--seed", "X"],
        ["demo", "generate", "--buyers", "X", "--out", "/dev/null"],
        ["demo", "generate", "--suppliers", "X", "--out", "/dev/null"],
        ["demo", "generate", "--events", "X", "--out", "/dev/null"],
        ["match", "run", "e", "--limit-per-buyer", "X"], ["match", "run", "e", "--limit-per-supplier", "X"],
        ["match", "run", "e", "--threads", "X"], ["match", "run", "e", "--list-unmatched", "X"],
        ["match", "show", "e", "--top", "X"], ["match", "show", "e", "--run", "X"],
        ["match", "explain", "e", "1", "2", "--run", "X"],
        ["schedule", "solve", "e", "--gap-penalty", "X"], ["schedule", "solve", "e", "--shortfall-penalty", "X"],
        ["schedule", "solve", "e", "--time-limit", "X"], ["schedule", "solve", "e", "--threads", "X"],
        ["schedule", "solve", "e", "--match-run", "X"], ["schedule", "show", "e", "--limit", "X"],
        ["schedule", "show", "e", "--version", "X"], ["schedule", "publish", "e", "--version", "X"],
        ["schedule", "export-problem", "e", "--version", "X"],
        ["agenda", "export", "e", "--format", "csv", "--version", "X"],
        ["company", "list", "--limit", "X"],
        ["event", "create", "--code", "c", "--name", "n", "--date", "2027-03-09", "--slot-minutes", "X"],
        ["event", "create", "--code", "c", "--name", "n", "--date", "2027-03-09", "--tables", "X"],

    ]

    @Test("every numeric flag given an extreme value exits with a message, never a crash or a hang")
    func extremeFlags() async throws {
        var checked = 0
        for command in Self.commands {
            for value in Self.extremes {
                let arguments = command.map { $0 == "X" ? value : $0 }
                let run = try await CLITests.rueda(arguments, database: nil)
                #expect(!run.crashed, "\(arguments.joined(separator: " ")) crashed")
                if run.status != 0 {
                    #expect(!run.error.isEmpty, "\(arguments.joined(separator: " ")) failed silently")
                }
                checked += 1
            }
        }
        #expect(checked == Self.commands.count * Self.extremes.count)
    }

    @Test("--out through a symbolic link or over a longer file leaves no old bytes, and keeps the link")
    func outputReplacesWhole() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rueda-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("problem.json")
        let link = folder.appendingPathComponent("link.json")
        let old = String(repeating: "OLD BYTES ", count: 100_000)
        try old.write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let run = try await CLITests.rueda(
            ["solve", "generate", "--preset", "round", "--out", link.path], database: nil)
        #expect(run.status == 0, "\(run.error)")
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(!written.contains("OLD BYTES"))
        #expect(written.hasPrefix("{"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        let again = try await CLITests.rueda(
            ["solve", "generate", "--preset", "round", "--out", target.path], database: nil)
        #expect(again.status == 0)
        #expect(try String(contentsOf: target, encoding: .utf8) == written)
    }

    @Test("stored prices and outcomes beyond every range (written before the checks) cannot crash a run or a report")
    func legacyExtremeData() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let (round, record) = try await FlowTests.published(database)
            let code = round.event.spec.code
            let appointments = try await ScheduleRepository(database: database).appointments(of: record)
            for sql in [
                "ALTER TABLE offer DROP CONSTRAINT offer_price_range",
                "ALTER TABLE outcome DROP CONSTRAINT outcome_expected_range",
                "UPDATE offer SET price_min_cop = 5000000000000000000, price_max_cop = 5000000000000000000",
                "UPDATE demand SET budget_cop = NULL, quantity = 1000000000",
            ] {
                _ = try await database.client.query(PostgresQuery(unsafeSQL: sql), logger: database.logger).collect()
            }
            let outcomes = appointments.prefix(2).map {
                Outcome(
                    buyer: $0.buyer, supplier: $0.supplier, status: .held, expected: COP(5_000_000_000_000_000_000),
                    horizon: .sixMonths, reportedBy: "legacy")
            }
            try await OutcomeRepository(database: database).record(Array(outcomes), in: round.event)
            let match = try await CLITests.rueda(["match", "run", code], database: configuration)
            #expect(!match.crashed)
            #expect(match.status == 0, "\(match.error)")
            for arguments in [["report", code], ["report", "--all-events"], ["report", code, "--format", "json"]] {
                let report = try await CLITests.rueda(arguments, database: configuration)
                #expect(!report.crashed, "\(arguments) crashed")
                #expect(report.status == 0, "\(report.error)")
            }
            let report = try await CLITests.rueda(["report", code], database: configuration)
            #expect(report.output.contains(COP.grouped(Int64.max)), "the total saturates")
        }
    }

    @Test("escape sequences in stored text are shown, not run, on the terminal")
    func storedEscapes() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            for sql in [
                "ALTER TABLE company DROP CONSTRAINT company_text_printable",
                """
                INSERT INTO company (nit, check_digit, name, department_code, size, description)
                VALUES ('900123456', 8, E'Evil\\x1b[2J\\x1b]0;pwned\\x07 Corp', '05', 'micro', E'x\\x1b[31m')
                """,
            ] {
                _ = try await database.client.query(PostgresQuery(unsafeSQL: sql), logger: database.logger).collect()
            }
            for arguments in [["company", "show", "900123456"], ["company", "list"]] {
                let run = try await CLITests.rueda(arguments, database: configuration)
                #expect(run.status == 0, "\(run.error)")
                #expect(!run.output.contains("\u{1B}"), "\(arguments) echoed an escape")
                #expect(!run.output.contains("\u{07}"))
                #expect(run.output.contains("<U+001B>"))
            }
        }
    }

    @Test("a formula in a company name is neutralised in CSV listings")
    func formulaListing() async throws {
        try await TestDatabase.withMigrated { (_: Database, configuration: DatabaseConfiguration) async throws in
            let add = try await CLITests.rueda(
                [
                    "company", "add", "--nit", "900123456", "--name", "=HYPERLINK(\"http://x\",\"clic\")",
                    "--department", "05", "--size", "micro", "--ciiu", "1011",
                ], database: configuration)
            #expect(add.status == 0, "\(add.error)")
            let list = try await CLITests.rueda(["company", "list", "--format", "csv"], database: configuration)
            #expect(list.output.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\","))
        }
    }

    @Test("enrolling delegates=9223372036854775807 is refused with row and column, also with --dry-run")
    func hugeDelegates() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let round = try await StoredRound.seed(database)
            let nit = try #require(round.population.buyers.first?.profile.nit)
            _ = nit
            let file = try CLITests.write("nit,role,products,delegates\n\(nit.base),buyer,arepas,9223372036854775807\n")
            for extra in [[], ["--dry-run"]] {
                let run = try await CLITests.rueda(
                    ["event", "enroll", round.event.spec.code, file] + extra, database: configuration)
                #expect(!run.crashed)
                #expect(run.status == 1)
                #expect(run.error.contains("row 2, column 'delegates'"))
                #expect(run.error.contains("between 1 and 50"))
            }
        }
    }

    @Test("while another command holds an event, match run, solve and publish are refused at once, naming it")
    func heldEvent() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let round = try await ScheduleStoreTests.matched(database)
            let code = round.event.spec.code
            let key = Int32(truncatingIfNeeded: round.event.id.rawValue)
            try await database.client.withConnection { connection in
                _ = try await connection.query(
                    "SELECT pg_advisory_lock(\(Database.eventLockClass), \(key))", logger: database.logger
                ).collect()
                for arguments in [
                    ["match", "run", code], ["schedule", "solve", code, "--time-limit", "1"],
                    ["schedule", "publish", code],
                ] {
                    let run = try await CLITests.rueda(arguments, database: configuration)
                    #expect(run.status != 0, "\(arguments) ran while the event was held")
                    #expect(run.error.contains("another rueda command is changing \(code)"), "\(run.error)")
                }
                _ = try await connection.query(
                    "SELECT pg_advisory_unlock(\(Database.eventLockClass), \(key))", logger: database.logger
                ).collect()
            }
            let solve = try await CLITests.rueda(
                ["schedule", "solve", code, "--time-limit", "1"], database: configuration)
            #expect(solve.status == 0, "\(solve.error)")
        }
    }

    @Test("two solves and two publishes at once: versions stay consistent and no one sees a duplicate key")
    func concurrentWriters() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let round = try await ScheduleStoreTests.matched(database)
            let code = round.event.spec.code
            func both(_ arguments: [String]) async throws -> [CLITests.Run] {
                async let first = CLITests.rueda(arguments, database: configuration)
                async let second = CLITests.rueda(arguments, database: configuration)
                return try await [first, second]
            }
            let solves = try await both(["schedule", "solve", code, "--time-limit", "2"])
            let publishes = try await both(["schedule", "publish", code])
            for run in solves + publishes {
                #expect(!run.crashed)
                #expect(!run.error.contains("same key"), "\(run.error)")
                if run.status != 0 {
                    #expect(
                        run.error.contains("another rueda command is changing")
                            || run.error.contains("is published, not a draft") || run.error.contains("no draft"),
                        "\(run.error)")
                }
            }
            #expect(solves.contains { $0.status == 0 })
            #expect(publishes.contains { $0.status == 0 })
            let versions = try await ScheduleRepository(database: database).versions(in: round.event)
            #expect(versions.filter { $0.status == .published }.count == 1)
            #expect(Set(versions.map(\.version)).count == versions.count)
        }
    }
}
