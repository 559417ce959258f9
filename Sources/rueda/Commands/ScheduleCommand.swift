import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaCore
import RuedaExport
import RuedaSolver
import RuedaStore
import RuedaUseCases

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

        @Argument(help: "Event code (or id:N); omit with --all-events.") var event: String?
        @Flag(help: "Every round with a match run (with --queue: one job per round).") var allEvents = false
        @Flag(help: "Queue the solve as a job for 'rueda worker' instead of solving here; prints the job.")
        var queue = false
        @Option(help: "Match run id (default: the current run).") var matchRun: Int64?
        @Option(help: "Weight lost per hole in a company's day.") var gapPenalty = ScheduleSettings().gapPenalty
        @Option(help: "Weight lost per meeting a company gets below its minimum.")
        var shortfallPenalty = ScheduleSettings().shortfallPenalty
        @Flag(
            inversion: .prefixedNo,
            help: "Candidates with a must-meet request must be scheduled, as far as they can all be held (default).")
        var requireMust = true
        @Flag(help: "Keep the published schedule's meetings where they are and fill around them.")
        var keepPublished = false
        @OptionGroup var solver: SolverFlags
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(gapPenalty, in: ScheduleProblem.Limits.penalty, "--gap-penalty")
            try FlagBounds.check(shortfallPenalty, in: ScheduleProblem.Limits.penalty, "--shortfall-penalty")
            try FlagBounds.check(matchRun, in: FlagBounds.identifiers, "--match-run")
            if allEvents == (event != nil) { throw ValidationError("give an event code or --all-events, not both") }
            if allEvents && matchRun != nil { throw ValidationError("--match-run names one round's run; drop it") }
        }

        var settings: ScheduleSettings {
            var settings = ScheduleSettings()
            (settings.gapPenalty, settings.shortfallPenalty) = (gapPenalty, shortfallPenalty)
            (settings.requireMust, settings.keepPublished) = (requireMust, keepPublished)
            settings.matchRun = matchRun.map { MatchRunID($0) }
            return settings
        }

        func run() async throws {
            if queue {
                let jobs = try await database.withRueda { rueda in
                    var jobs: [StoredJob] = []
                    for code in try await rounds(rueda) {
                        jobs.append(
                            try await rueda.jobs.enqueueSolve(code, settings: settings, options: solver.options))
                    }
                    return jobs
                }
                return JobCommand.printQueued(jobs)
            }
            // One connection pool for every round, not one per round.
            try await database.withRueda { rueda in
                for code in try await rounds(rueda) { try await solve(code, rueda) }
            }
        }

        /// The round named, or every round with a match run.
        func rounds(_ rueda: Rueda) async throws -> [String] {
            if let event { return [event] }
            var codes: [String] = []
            for summary in try await rueda.events.list()
            where try await !rueda.matching.runs(summary.event.spec.code).isEmpty {
                codes.append(summary.event.spec.code)
            }
            return codes
        }

        func solve(_ event: String, _ rueda: Rueda) async throws {
            let report = try await rueda.scheduling.solve(event, settings: settings, options: solver.options)
            Output.line(
                "schedule version \(report.record.version) of \(report.event.spec.code) (draft, from match run "
                    + "\(report.matchRun)): \(report.problem.companies.count) companies, "
                    + "\(report.problem.candidates.count) candidates, \(report.problem.slots) slots")
            Output.line("  " + SolveCommand.summary(report.schedule))
            Output.line("  time: \(Output.timings(report.timings))")
            if report.schedule.status.holdsEveryRequired {
                for note in report.schedule.explanation.prefix(10) { Output.line("  note: \(note)") }
                if report.schedule.explanation.count > 10 {
                    Output.line("  … and \(report.schedule.explanation.count - 10) more (rueda schedule show)")
                }
            }
            if !report.schedule.status.holdsEveryRequired {
                throw CLIError(
                    "version \(report.record.version) is \(report.schedule.status.rawValue); it cannot be published")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a schedule version (default: published, else newest) and its quality.")

        @Argument(help: "Event code (or id:N).") var event: String
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
            // The version and, for the whole round's table, its requests honoured, on one connection pool.
            let (view, tallies) = try await database.withRueda { rueda in
                let view = try await rueda.scheduling.show(event, version: version, company: nit)
                let tallies =
                    format == .table && nit == nil
                    ? try await rueda.reports.requests(event, version: view.record.version) : []
                return (view, tallies)
            }
            let record = view.record
            if format == .table {
                let stats = record.stats
                Output.line(
                    "\(view.event.spec.code) schedule version \(record.version): \(record.status.rawValue), solver "
                        + "\(record.solverStatus.rawValue); objective \(record.objective), upper bound "
                        + "\(record.upperBound), " + String(format: "gap %.3f%%", stats.gap * 100))
                Output.line(
                    "  \(stats.meetings) meetings, expected value COP \(COP.grouped(view.expectedValue))"
                        + (nit == nil ? "" : " for this company") + ", \(stats.holes) holes, shortfall "
                        + "\(stats.shortfall), \(stats.companiesWithoutMeetings) companies without meetings; times in "
                        + view.event.spec.timeZone)
                for line in record.explanation { Output.line("  " + line) }
            }
            for line in ReportWriter.requestLines(tallies).dropFirst() { Output.line(line) }
            let slots = try view.event.spec.slots()
            let shown = limit > 0 && format == .table ? Array(view.appointments.prefix(limit)) : view.appointments
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
            if format == .table && shown.count < view.appointments.count {
                print("… \(view.appointments.count - shown.count) more (--limit 0 for all)")
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a draft version (default: the newest); it is frozen and supersedes the last one.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "Version number.") var version: Int?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(version, in: FlagBounds.versions, "--version")
        }

        func run() async throws {
            let record = try await database.withRueda { try await $0.scheduling.publish(event, version: version) }
            Output.line("published version \(record.version) of \(event): \(record.stats.meetings) meetings")
        }
    }

    struct Versions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a round's schedule versions, newest first.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let records = try await database.withRueda { try await $0.scheduling.versions(event) }
            try Output.print(
                records, format: format,
                header: ["version", "status", "solver", "meetings", "objective", "upper_bound", "holes", "based_on"]
            ) { record in
                [
                    String(record.version), record.status.rawValue, record.solverStatus.rawValue,
                    String(record.stats.meetings), String(record.objective), String(record.upperBound),
                    String(record.stats.holes), record.basedOn.map(\.description) ?? "",
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

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "Version number (default: published, else newest).") var version: Int?
        @Flag(help: "Build the problem from the round as it is now instead of a stored version.") var fresh = false
        @Option(help: "Write here instead of standard output.") var out: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(version, in: FlagBounds.versions, "--version")
        }

        func run() async throws {
            let problem = try await database.withRueda {
                try await $0.scheduling.problem(event, version: version, fresh: fresh)
            }
            let text = try Output.json(problem)
            guard let out else { return print(text) }
            try Output.write(text, to: out)
            Output.error("wrote \(out): \(problem.companies.count) companies, \(problem.candidates.count) candidates")
        }
    }
}
