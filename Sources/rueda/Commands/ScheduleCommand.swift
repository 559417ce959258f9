import ArgumentParser
import Foundation
import RuedaCore
import RuedaSolver
import RuedaStore

struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Schedule a round's meetings, review, publish and export the problem.",
        subcommands: [Solve.self, Show.self, Publish.self, Versions.self, ExportProblem.self])

    struct Solve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the round's problem from its enrolment and match run, solve it, store a draft version.",
            discussion: """
                Candidates come from the current match run (or --match-run), weighted by expected value (tens of \
                thousands of pesos) plus up to 300 for stated interest. With --keep-published every meeting of the \
                published version stays at its slot and table, and late joiners fill the free slots around them.
                """)

        @Argument(help: "Event code.") var event: String
        @Option(help: "Match run id (default: the current run).") var matchRun: Int64?
        @Option(help: "Weight lost per hole in a company's day.") var gapPenalty = 100
        @Option(help: "Weight lost per meeting a company gets below its minimum.") var shortfallPenalty = 300
        @Flag(help: "Candidates with a must-meet request must be scheduled.") var requireMust = false
        @Flag(help: "Keep the published schedule's meetings where they are and fill around them.")
        var keepPublished = false
        @OptionGroup var solver: SolverFlags
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(gapPenalty, in: ScheduleProblem.Limits.penalty, "--gap-penalty")
            try FlagBounds.check(shortfallPenalty, in: ScheduleProblem.Limits.penalty, "--shortfall-penalty")
            try FlagBounds.check(matchRun, in: FlagBounds.identifiers, "--match-run")
        }

        func run() async throws {
            var settings = ScheduleSettings()
            settings.gapPenalty = gapPenalty
            settings.shortfallPenalty = shortfallPenalty
            settings.requireMust = requireMust
            settings.keepPublished = keepPublished
            settings.matchRunID = matchRun
            let (code, options, chosen) = (event, solver.options, settings)
            try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                try await db.withEventLock(eventID: stored.id, code: stored.spec.code) {
                    let clock = ContinuousClock()
                    var started = clock.now
                    let plan = try await SchedulePlanner(database: db).plan(stored, settings: chosen)
                    let built = started.duration(to: clock.now)
                    started = clock.now
                    let schedule = try Solver.solve(plan.problem, options: options)
                    let solved = started.duration(to: clock.now)
                    started = clock.now
                    let record = try await ScheduleRepository(database: db).save(schedule, plan: plan, in: stored)
                    let saved = started.duration(to: clock.now)
                    print(
                        "schedule version \(record.version) of \(code) (draft, from match run \(plan.matchRunID ?? 0)): "
                            + "\(plan.problem.companies.count) companies, \(plan.problem.candidates.count) candidates, "
                            + "\(plan.problem.slots) slots")
                    print("  " + SolveCommand.summary(schedule))
                    print("  time: build \(built.short), solve \(solved.short), store \(saved.short)")
                    if schedule.status == .infeasible {
                        throw CLIError("version \(record.version) is infeasible; it cannot be published")
                    }
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a schedule version (default: published, else newest) and its quality.")

        @Argument(help: "Event code.") var event: String
        @Option(help: "Version number.") var version: Int?
        @Option(help: "Only this company's meetings.") var company: String?
        @Option(help: "Meetings to list (0: all).") var limit = 30
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(limit, in: FlagBounds.listing, "--limit")
            try FlagBounds.check(version, in: FlagBounds.versions, "--version")
        }

        func run() async throws {
            let nit = try company.map { try NIT(parsing: $0) }
            let (code, wanted) = (event, version)
            let (stored, record, appointments) = try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                let record = try await ScheduleCommand.pick(ScheduleRepository(database: db), stored, wanted)
                return (
                    stored, record, try await ScheduleRepository(database: db).appointments(of: record, company: nit)
                )
            }
            let slots = try stored.spec.slots()
            if format == .table {
                let stats = record.stats
                let value = appointments.saturatingSum(\.expectedValue)
                print(
                    "\(code) schedule version \(record.version): \(record.status), solver \(record.solverStatus); "
                        + "objective \(record.objective), upper bound \(record.upperBound), "
                        + String(format: "gap %.3f%%", stats.gap * 100))
                print(
                    "  \(stats.meetings) meetings, expected value COP \(COP.grouped(value))"
                        + (nit == nil ? "" : " for this company") + ", \(stats.holes) holes, shortfall "
                        + "\(stats.shortfall), \(stats.companiesWithoutMeetings) companies without meetings; times in "
                        + stored.spec.timeZone)
                for line in record.explanation { print("  " + line) }
            }
            let shown = limit > 0 && format == .table ? Array(appointments.prefix(limit)) : appointments
            try Output.print(
                shown, format: format,
                header: ["date", "time", "table", "buyer", "buyer_name", "supplier", "supplier_name", "expected_cop"]
            ) { appointment in
                let slot = slots.indices.contains(appointment.slot) ? slots[appointment.slot] : nil
                return [
                    slot?.date.description ?? "", slot?.time.description ?? "", String(appointment.table + 1),
                    appointment.buyer.description, appointment.buyerName, appointment.supplier.description,
                    appointment.supplierName, String(appointment.expectedValue),
                ]
            }
            if format == .table && shown.count < appointments.count {
                print("… \(appointments.count - shown.count) more (--limit 0 for all)")
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a draft version (default: the newest); it is frozen and supersedes the last one.")

        @Argument(help: "Event code.") var event: String
        @Option(help: "Version number.") var version: Int?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(version, in: FlagBounds.versions, "--version")
        }

        func run() async throws {
            let (code, wanted) = (event, version)
            let record = try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                return try await db.withEventLock(eventID: stored.id, code: stored.spec.code) {
                    try await ScheduleRepository(database: db).publish(in: stored, version: wanted)
                }
            }
            print("published version \(record.version) of \(code): \(record.stats.meetings) meetings")
        }
    }

    struct Versions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a round's schedule versions, newest first.")

        @Argument(help: "Event code.") var event: String
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let code = event
            let records = try await database.run { db in
                try await ScheduleRepository(database: db).versions(
                    in: try await EventRepository(database: db).require(code))
            }
            try Output.print(
                records, format: format,
                header: ["version", "status", "solver", "meetings", "objective", "upper_bound", "holes", "based_on"]
            ) { record in
                [
                    String(record.version), record.status, record.solverStatus, String(record.stats.meetings),
                    String(record.objective), String(record.upperBound), String(record.stats.holes),
                    record.basedOn.map(String.init) ?? "",
                ]
            }
        }
    }

    struct ExportProblem: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-problem",
            abstract:
                "Write the problem file of a version (or a fresh one with --fresh), to reproduce it with 'rueda solve'."
        )

        @Argument(help: "Event code.") var event: String
        @Option(help: "Version number (default: published, else newest).") var version: Int?
        @Flag(help: "Build the problem from the round as it is now instead of a stored version.") var fresh = false
        @Option(help: "Write here instead of standard output.") var out: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(version, in: FlagBounds.versions, "--version")
        }

        func run() async throws {
            let (code, wanted, fresh) = (event, version, fresh)
            let problem = try await database.run { db in
                let stored = try await EventRepository(database: db).require(code)
                if fresh {
                    return try await SchedulePlanner(database: db).plan(stored, settings: ScheduleSettings()).problem
                }
                let repository = ScheduleRepository(database: db)
                return try await repository.problem(of: try await ScheduleCommand.pick(repository, stored, wanted))
            }
            let text = try Output.json(problem)
            if let out {
                try Output.write(text, to: out)
                Output.error(
                    "wrote \(out): \(problem.companies.count) companies, \(problem.candidates.count) candidates")
            } else {
                print(text)
            }
        }
    }

    /// The requested version, else the published one, else the newest.
    static func pick(
        _ repository: ScheduleRepository, _ event: StoredEvent, _ version: Int?
    ) async throws
        -> ScheduleRecord
    {
        if let version {
            guard let found = try await repository.version(version, in: event) else {
                throw CLIError("\(event.spec.code) has no schedule version \(version)")
            }
            return found
        }
        if let published = try await repository.published(in: event) { return published }
        guard let newest = try await repository.versions(in: event).first else {
            throw CLIError("\(event.spec.code) has no schedule yet; run 'rueda schedule solve \(event.spec.code)'")
        }
        return newest
    }
}
