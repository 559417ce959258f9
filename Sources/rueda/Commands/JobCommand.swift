import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaStore
import RuedaUseCases

/// Follow, cancel and retry queued jobs.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Follow the jobs 'rueda worker' runs: list, show, cancel, retry.",
        discussion: """
            Jobs are queued with --queue ('rueda match run EVENT --queue', 'rueda schedule solve --all-events \
            --queue') or through the API, and run by any number of 'rueda worker' processes sharing the database.
            """,
        subcommands: [List.self, Show.self, Cancel.self, Retry.self])

    static let header = [
        "job", "kind", "event", "state", "attempts", "progress", "result", "error", "created", "finished",
    ]

    static func row(_ job: StoredJob) -> [String] {
        [
            String(job.id), job.kind.rawValue, job.eventCode ?? "", job.state.rawValue,
            "\(job.attempts)/\(job.maxAttempts)", job.progress, job.result ?? "", job.error ?? "",
            job.createdAt.formatted(.iso8601), job.finishedAt?.formatted(.iso8601) ?? "",
        ]
    }

    /// Prints what `--queue` queued and how to follow it.
    static func printQueued(_ jobs: [StoredJob]) {
        for job in jobs {
            Output.line("queued job \(job.id): \(job.kind.rawValue) of \(job.eventCode ?? "?")")
        }
        if !jobs.isEmpty { Output.line("follow with 'rueda job list' (a 'rueda worker' must be running)") }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Jobs, newest first.")

        @Option(help: "Only jobs in this state: queued, running, succeeded, failed, cancelled.") var state: String?
        @Option(help: "How many to list.") var limit = 50
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(limit, in: 1...10_000, "--limit")
            if let state, JobState(rawValue: state) == nil {
                throw ValidationError(
                    "--state must be one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let jobs = try await database.withRueda {
                try await $0.jobs.list(state: state.flatMap(JobState.init(rawValue:)), limit: limit)
            }
            try Output.print(jobs, format: format, header: JobCommand.header, row: JobCommand.row)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One job, with its parameters.")

        @Argument(help: "Job id.") var id: Int64
        @Option(help: "table or json.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func validate() throws { try FlagBounds.check(id, in: FlagBounds.identifiers, "job id") }

        func run() async throws {
            let job = try await database.withRueda { try await $0.jobs.show(id) }
            if format == .table {
                for (name, value) in zip(JobCommand.header, JobCommand.row(job)) where !value.isEmpty {
                    Output.line("\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(value)")
                }
                Output.line("parameters \(job.parameters)")
            } else {
                try Output.print([job], format: format, header: JobCommand.header, row: JobCommand.row)
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a queued or running job; a running job's result is never stored.")

        @Argument(help: "Job id.") var id: Int64
        @OptionGroup var database: DatabaseOptions

        func validate() throws { try FlagBounds.check(id, in: FlagBounds.identifiers, "job id") }

        func run() async throws {
            let job = try await database.withRueda { try await $0.jobs.cancel(id) }
            Output.line("job \(job.id) is \(job.state.rawValue)")
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a failed or cancelled job again.")

        @Argument(help: "Job id.") var id: Int64
        @OptionGroup var database: DatabaseOptions

        func validate() throws { try FlagBounds.check(id, in: FlagBounds.identifiers, "job id") }

        func run() async throws {
            let job = try await database.withRueda { try await $0.jobs.retry(id) }
            Output.line("job \(job.id) is \(job.state.rawValue) again")
        }
    }
}

/// Runs queued jobs until stopped (SIGINT or SIGTERM).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run queued jobs (match runs, schedule solves) until stopped; run as many as you have machines.",
        discussion: """
            Workers claim jobs from PostgreSQL with FOR UPDATE SKIP LOCKED, hold a lease they renew every third of \
            --lease-seconds, and complete each job in the transaction that stores its result. A worker that dies \
            loses its lease; another worker takes the job when the lease expires (up to the job's attempts). Keep \
            --concurrency at or below the cores: a solve keeps a core busy.
            """)

    @Option(help: "Jobs run at once.") var concurrency = 1
    @Option(help: "Seconds a claimed job stays this worker's without a renewal.") var leaseSeconds = 30.0
    @Option(help: "Seconds an idle worker waits at most before looking again (a new job wakes it at once).")
    var idleSeconds = 2.0
    @Option(help: "The worker's name in leases (default: host and process id).") var name: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        try FlagBounds.check(concurrency, in: 1...64, "--concurrency")
        guard leaseSeconds.isFinite, (1...3_600).contains(leaseSeconds) else {
            throw ValidationError("--lease-seconds must be 1 to 3600")
        }
        guard idleSeconds.isFinite, (0.05...60).contains(idleSeconds) else {
            throw ValidationError("--idle-seconds must be 0.05 to 60")
        }
        if let name, name.isEmpty || name.count > 100 { throw ValidationError("--name must be 1 to 100 characters") }
    }

    func run() async throws {
        var configuration = WorkerConfiguration()
        configuration.concurrency = concurrency
        configuration.leaseSeconds = leaseSeconds
        configuration.idleSeconds = idleSeconds
        if let name { configuration.name = name }
        try await database.withRueda { rueda in
            let worker = JobWorker(rueda: rueda, configuration: configuration)
            Output.error("worker \(configuration.name): \(concurrency) at a time, lease \(leaseSeconds) s")
            try await SignalStop.run { try await worker.run() }
        }
    }
}
