import Foundation
import RuedaCore
import RuedaMatching
import RuedaSolver
import RuedaStore

/// What a match-run job needs: the round, the configuration and the options.
public struct MatchJobParameters: Sendable, Codable, Hashable {
    public var event: String
    public var configuration: MatchConfiguration
    public var options: MatchOptions

    public init(event: String, configuration: MatchConfiguration, options: MatchOptions) {
        self.event = event
        self.configuration = configuration
        self.options = options
    }
}

/// What a schedule-solve job needs: the round, the planning settings and the solver's options.
public struct SolveJobParameters: Sendable, Codable, Hashable {
    public var event: String
    public var gapPenalty: Int
    public var shortfallPenalty: Int
    public var requireMust: Bool
    public var keepPublished: Bool
    public var matchRun: Int64?
    public var timeLimitMilliseconds: Int64
    public var seed: UInt64
    public var threads: Int
    public var iterations: Int?

    public init(event: String, settings: ScheduleSettings, options: SolverOptions) {
        self.event = event
        (gapPenalty, shortfallPenalty) = (settings.gapPenalty, settings.shortfallPenalty)
        (requireMust, keepPublished) = (settings.requireMust, settings.keepPublished)
        matchRun = settings.matchRun?.rawValue
        let (seconds, attoseconds) = options.timeLimit.components
        timeLimitMilliseconds = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        (seed, threads, iterations) = (options.seed, options.threads, options.iterations)
    }

    var settings: ScheduleSettings {
        var settings = ScheduleSettings()
        (settings.gapPenalty, settings.shortfallPenalty) = (gapPenalty, shortfallPenalty)
        (settings.requireMust, settings.keepPublished) = (requireMust, keepPublished)
        settings.matchRun = matchRun.map { MatchRunID($0) }
        return settings
    }

    var options: SolverOptions {
        SolverOptions(
            timeLimit: .milliseconds(timeLimitMilliseconds), seed: seed, threads: threads, iterations: iterations)
    }
}

/// Long operations as jobs any number of workers run: queue them, follow them, cancel or retry them.
public struct JobUseCases: Sendable {
    let rueda: Rueda

    var repository: JobRepository { JobRepository(database: rueda.database) }

    /// Attempts a job gets before it is failed for good.
    public static let defaultMaxAttempts = 3

    /// Queues a match run of a round.
    public func enqueueMatch(
        _ reference: String, configuration: MatchConfiguration = MatchConfiguration(),
        options: MatchOptions = MatchOptions(), maxAttempts: Int = defaultMaxAttempts
    ) async throws -> StoredJob {
        let event = try await rueda.selection.event(reference)
        let parameters = MatchJobParameters(event: event.spec.code, configuration: configuration, options: options)
        return try await enqueue(.matchRun, event: event, parameters: parameters, maxAttempts: maxAttempts)
    }

    /// Queues a solve of a round's schedule.
    public func enqueueSolve(
        _ reference: String, settings: ScheduleSettings = ScheduleSettings(), options: SolverOptions = SolverOptions(),
        maxAttempts: Int = defaultMaxAttempts
    ) async throws -> StoredJob {
        let event = try await rueda.selection.event(reference)
        let parameters = SolveJobParameters(event: event.spec.code, settings: settings, options: options)
        return try await enqueue(.scheduleSolve, event: event, parameters: parameters, maxAttempts: maxAttempts)
    }

    func enqueue(
        _ kind: JobKind, event: StoredEvent, parameters: some Encodable, maxAttempts: Int
    ) async throws -> StoredJob {
        guard (1...20).contains(maxAttempts) else {
            throw RuedaError(.invalidInput, "a job gets 1 to 20 attempts, not \(maxAttempts)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(parameters), as: UTF8.self)
        let job = try await repository.enqueue(
            kind, event: event.id, parameters: json, maxAttempts: maxAttempts, enqueuedBy: rueda.actor)
        try await rueda.audit("job.enqueue", event: event.id, subject: "job \(job.id) \(kind.rawValue)")
        return job
    }

    /// Jobs newest first, of one state or all.
    public func list(state: JobState? = nil, limit: Int = 100) async throws -> [StoredJob] {
        guard (1...10_000).contains(limit) else {
            throw RuedaError(.invalidInput, "list 1 to 10000 jobs, not \(limit)")
        }
        return try await repository.list(state: state, limit: limit)
    }

    /// One job.
    public func show(_ id: Int64) async throws -> StoredJob {
        guard let job = try await repository.job(id) else { throw RuedaError(.notFound, "there is no job \(id)") }
        return job
    }

    /// Cancels a queued or running job; a running job's result is never stored.
    public func cancel(_ id: Int64) async throws -> StoredJob {
        let job = try await show(id)
        guard job.state == .queued || job.state == .running else {
            throw RuedaError(
                .conflict, "job \(id) is \(job.state.rawValue); only queued or running jobs can be cancelled")
        }
        let cancelled = try await repository.cancel(id) ?? job
        try await rueda.audit("job.cancel", event: job.eventID, subject: "job \(id)")
        return cancelled
    }

    /// Queues a failed or cancelled job again.
    public func retry(_ id: Int64) async throws -> StoredJob {
        let job = try await show(id)
        guard job.state == .failed || job.state == .cancelled else {
            throw RuedaError(
                .conflict, "job \(id) is \(job.state.rawValue); only failed or cancelled jobs can be retried")
        }
        let queued = try await repository.retry(id) ?? job
        try await rueda.audit("job.retry", event: job.eventID, subject: "job \(id)")
        return queued
    }
}
