import Foundation
import PostgresNIO
import RuedaCore
import RuedaExport
import RuedaSolver
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

@Suite("Outcomes, agendas and the main command")
struct FlowTests {
    /// A matched round with a published schedule.
    static func published(_ database: Database, delegates: [Int] = []) async throws -> (StoredRound, ScheduleRecord) {
        let rueda = try database.rueda()
        let round = try await ScheduleStoreTests.matched(rueda, delegates: delegates)
        _ = try await ScheduleStoreTests.solve(rueda, round.event)
        let record = try await rueda.scheduling.publish(round.event.spec.code)
        return (round, record)
    }

    @Test("an outcome file with a bad row is refused whole; good reports add to each appointment's history")
    func outcomeImport() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let (round, record) = try await Self.published(database)
            let appointments = try await ScheduleRepository(database: database).appointments(of: record)
            let first = try #require(appointments.first)
            let second = try #require(appointments.dropFirst().first)
            let code = round.event.spec.code
            let bad = try CLITests.write(
                "buyer_nit;supplier_nit;status;expected_cop;horizon\n"
                    + "\(first.buyer.base);\(first.supplier.base);held;5000000;3m\n"
                    + "\(second.buyer.base);\(second.supplier.base);tal vez;;\n")
            let refused = try await CLITests.rueda(["outcome", "import", code, bad], database: configuration)
            #expect(refused.status != 0)
            #expect(refused.error.contains("row 3, column 'status'"))
            #expect(try await TestDatabase.count("outcome", in: database) == 0)

            let good = try CLITests.write(
                "buyer_nit,supplier_nit,status,expected_cop,horizon,reported_by\n"
                    + "\(first.buyer.base),\(first.supplier.base),held,5000000,3m,buyer\n"
                    + "\(second.buyer.base),\(second.supplier.base),no-show,,,supplier\n")
            let imported = try await CLITests.rueda(["outcome", "import", code, good], database: configuration)
            #expect(imported.status == 0, "\(imported.error)")
            let recorded = try await CLITests.rueda(
                [
                    "outcome", "record", code, "--buyer", first.buyer.base, "--supplier", first.supplier.base,
                    "--status", "held", "--expected-cop", "7000000", "--horizon", "6m",
                ], database: configuration)
            #expect(recorded.status == 0, "\(recorded.error)")
            let outcomes = OutcomeRepository(database: database)
            #expect(try await outcomes.history(in: round.event).count == 3)
            let latest = try await outcomes.latest(in: round.event)
            #expect(latest.count == 2)
            let firstLatest = latest.first { $0.outcome.buyer == first.buyer && $0.outcome.supplier == first.supplier }
            #expect(firstLatest?.outcome.expected == COP(7_000_000))
            let report = try await database.rueda().reports.event(round.event.spec.code)
            #expect(report.held == 1)
            #expect(report.noShows == 1)
            #expect(report.reportedCOP == 7_000_000)
            #expect(report.meetingsScheduled == appointments.count)
        }
    }

    @Test("after a reschedule is published, moved meetings keep their UID and get a higher SEQUENCE")
    func sequenceAcrossVersions() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let (round, first) = try await Self.published(database)
            let rueda = try database.rueda()
            let code = round.event.spec.code
            _ = try await rueda.scheduling.solve(code, options: SolverOptions(seed: 77, threads: 1, iterations: 3_000))
            let second = try await rueda.scheduling.publish(code)
            let schedules = ScheduleRepository(database: database)
            let before = Dictionary(
                try await schedules.appointments(of: first).map { ($0.pair, $0) }, uniquingKeysWith: { a, _ in a })
            let (agenda, _) = try await rueda.agendas.agenda(of: round.event, version: second.version)
            var moved = 0
            for appointment in agenda.appointments {
                guard let old = before[appointment.pair] else {
                    #expect(appointment.sequence == 0)
                    continue
                }
                let changed = old.slot != appointment.slot || old.table != appointment.table
                #expect(appointment.sequence == (changed ? 1 : 0))
                if changed { moved += 1 }
            }
            #expect(moved > 0)
        }
    }

    @Test("the main command runs the whole flow at a small size and tells where the files are")
    func mainCommand() async throws {
        try await TestDatabase.withMigrated { (_: Database, configuration: DatabaseConfiguration) async throws in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "rueda-demo-\(UUID().uuidString)")
            let process = Process()
            process.executableURL = TestDatabase.root.appendingPathComponent("scripts/demo")
            process.arguments = ["--buyers", "20", "--suppliers", "60", "--events", "2", "--seed", "5"]
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] =
                "postgres://\(configuration.username)@\(configuration.host ?? "127.0.0.1"):\(configuration.port)/"
                + "\(configuration.database)?sslmode=disable"
            environment["RUEDA_DEMO_DIR"] = folder.path
            environment["RUEDA_SKIP_BUILD"] = "1"
            environment["RUEDA_DEMO_TIME_LIMIT"] = "0.5"
            process.environment = environment
            process.currentDirectoryURL = TestDatabase.root
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let printed = String(decoding: await Blocking.readToEnd(output.fileHandleForReading), as: UTF8.self)
            await Blocking.exit(of: process)
            #expect(process.terminationStatus == 0, "\(printed.suffix(2_000))")
            #expect(printed.contains("rounds: 2; buyers: 20; suppliers: 60"))
            #expect(printed.contains("matched every round"))
            #expect(printed.contains(folder.path))
            for code in ["demo-01", "demo-02"] {
                let files = try FileManager.default.contentsOfDirectory(
                    atPath: folder.appendingPathComponent("agendas/\(code)").path)
                #expect(files.contains("master.csv"))
                #expect(files.contains("all-companies.html"))
                #expect(files.filter { $0.hasSuffix(".ics") }.count > 10)
                try Self.expectEveryMeetingInBothAgendas(folder.appendingPathComponent("agendas/\(code)"))
            }
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
        }
    }

    @Test("companies with two and three delegates find every parallel meeting in their exported agendas")
    func parallelMeetingsExported() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let (round, record) = try await Self.published(database, delegates: [3, 2, 2])
            let appointments = try await ScheduleRepository(database: database).appointments(of: record)
            let parallel = Dictionary(grouping: appointments, by: { [$0.buyer.base, String($0.slot)] })
                .values.filter { $0.count > 1 }
            #expect(!parallel.isEmpty, "the schedule holds parallel meetings")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rueda-\(UUID().uuidString)")
            let exported = try await CLITests.rueda(
                [
                    "agenda", "export", round.event.spec.code, "--format", "csv", "--format", "ics", "--out",
                    folder.path,
                ], database: configuration)
            #expect(exported.status == 0, "\(exported.error)")
            try Self.expectEveryMeetingInBothAgendas(folder.appendingPathComponent(round.event.spec.code))
        }
    }

    /// Every meeting of the master agenda is in the iCalendar and CSV agendas of both its companies.
    static func expectEveryMeetingInBothAgendas(_ folder: URL) throws {
        let master = try String(contentsOf: folder.appendingPathComponent("master.csv"), encoding: .utf8)
        let meetings = master.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.count
        #expect(meetings > 0)
        var events = 0
        var rows = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where file.first?.isNumber == true {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if file.hasSuffix(".ics") { events += text.components(separatedBy: "BEGIN:VEVENT").count - 1 }
            if file.hasSuffix(".csv") { rows += text.components(separatedBy: ",reunión,").count - 1 }
        }
        #expect(events == 2 * meetings, "\(folder.lastPathComponent): iCalendar events for \(meetings) meetings")
        #expect(rows == 2 * meetings, "\(folder.lastPathComponent): CSV meeting rows for \(meetings) meetings")
    }
}
