import Foundation
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

/// Runs the built `rueda` binary as a user would, against a fresh database.
@Suite("rueda command line")
struct CLITests {
    struct Run {
        let status: Int32
        let output: String
        let error: String
        /// Whether the process died of a signal (a trap, a crash) instead of exiting.
        let crashed: Bool
    }

    static let binary = TestDatabase.root.appendingPathComponent(".build/debug/rueda")

    /// Runs `rueda` to its end; the waits happen off the cooperative pool (see ``Blocking``).
    static func rueda(
        _ arguments: [String], database: DatabaseConfiguration?, environment extra: [String: String] = [:]
    ) async throws -> Run {
        try await Blocking.run { try runToEnd(arguments, database: database, environment: extra) }
    }

    private static func runToEnd(
        _ arguments: [String], database: DatabaseConfiguration?, environment extra: [String: String]
    ) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let database {
            environment["DATABASE_URL"] =
                "postgres://\(database.username)@\(database.host ?? "127.0.0.1"):\(database.port)/"
                + "\(database.database)?sslmode=disable&connect_timeout=60"
        } else {
            environment["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none?sslmode=disable"
        }
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = TestDatabase.root
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            error: String(decoding: err, as: UTF8.self), crashed: process.terminationReason == .uncaughtSignal)
    }

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rueda-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a file with a bad row is refused whole with row, column and reason, and the database is left unchanged")
    func invalidImportWritesNothing() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let file = try Self.write(
                "\u{FEFF}NIT;Razón social;Departamento;Tamaño;CIIU\n900123456;Café Andino;Huila;micro;1062\n"
                    + "800197268-1;Malo;Narnia;micro;1062\n")
            let refused = try await Self.rueda(["company", "import", file], database: configuration)
            #expect(refused.status != 0)
            #expect(refused.error.contains("row 3, column 'nit'"))
            #expect(refused.error.contains("row 3, column 'department'"))
            #expect(refused.error.contains("nothing was written"))
            #expect(try await TestDatabase.count("company", in: database) == 0)

            let skipped = try await Self.rueda(["company", "import", file, "--skip-invalid"], database: configuration)
            #expect(skipped.status == 0, "\(skipped.error)")
            #expect(try await TestDatabase.count("company", in: database) == 1)
            let rejected = try String(contentsOfFile: String(file.dropLast(4)) + ".rejected.csv", encoding: .utf8)
            #expect(rejected.contains("Narnia"))
            #expect(rejected.contains("reason"))
        }
    }

    @Test("register, list as JSON, create an event, enrol, request, and re-import without changes")
    func happyPath() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let add = try await Self.rueda(
                [
                    "company", "add", "--nit", "890.900.608-9", "--name", "Éxito", "--department", "Antioquia",
                    "--size", "grande", "--ciiu", "4711",
                ], database: configuration)
            #expect(add.status == 0, "\(add.error)")
            let companies = try Self.write(
                "nit,name,department,size,ciiu,products\n900123456,Café Andino,41,micro,1062,café tostado\n")
            #expect(try await Self.rueda(["company", "import", companies], database: configuration).status == 0)
            let again = try await Self.rueda(["company", "import", companies], database: configuration)
            #expect(again.output.contains("0 new, 0 updated, 1 unchanged"))
            let list = try await Self.rueda(
                ["company", "list", "--ciiu", "10", "--format", "json"], database: configuration)
            let json = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]]
            #expect(json?.map { $0["nit"] as? String } == ["900123456-8"])

            let create = try await Self.rueda(
                [
                    "event", "create", "--code", "r1", "--name", "Rueda", "--date", "2027-03-09", "--break",
                    "12:00-13:00",
                    "--slot-minutes", "30",
                ], database: configuration)
            #expect(create.output.contains("16 slots"), "\(create.error)")
            let participants = try Self.write(
                "nit;rol;disponibilidad;ciiu;productos\n890900608;comprador;am;106;café\n900123456;proveedor;;;\n")
            let enrol = try await Self.rueda(["event", "enroll", "r1", participants], database: configuration)
            #expect(enrol.status == 0, "\(enrol.error)")
            #expect(try await TestDatabase.count("participation", in: database) == 2)
            let request = try await Self.rueda(
                ["event", "request", "r1", "--from", "900123456", "--to", "890900608", "--level", "must"],
                database: configuration)
            #expect(request.status == 0, "\(request.error)")
            let veto = try await Self.rueda(
                ["event", "request", "r1", "--from", "900123456", "--to", "800197268", "--level", "no"],
                database: configuration)
            #expect(veto.status != 0)
            #expect(veto.error.contains("not enrolled"))
            let show = try await Self.rueda(["event", "show", "r1"], database: configuration)
            #expect(show.output.contains("must 1"))
        }
    }

    @Test("bad flags get a clear error and a non-zero exit before touching the database")
    func badFlags() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let bad = try await Self.rueda(
                ["event", "create", "--code", "x", "--name", "X", "--date", "2027-02-30", "--start", "18:00"],
                database: configuration)
            #expect(bad.status != 0)
            #expect(bad.error.contains("2027-02-30"))
            #expect(try await TestDatabase.count("event", in: database) == 0)
        }
    }
}
