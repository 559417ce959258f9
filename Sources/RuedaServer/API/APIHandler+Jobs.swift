import Foundation
import OpenAPIRuntime
import RuedaCore
import RuedaStore
import RuedaUseCases

extension APIHandler {
    func listJobs(_ input: Operations.ListJobs.Input) async throws -> Operations.ListJobs.Output {
        let principal = try principal()
        let jobs = try await rueda.jobs.list(
            state: input.query.state.flatMap { JobState(rawValue: $0.rawValue) }, limit: input.query.limit ?? 100)
        let visible = jobs.filter { job in principal.allEvents || job.eventID.map(principal.may) == true }
        return .ok(.init(body: .json(visible.map { .init($0) })))
    }

    func getJob(_ input: Operations.GetJob.Input) async throws -> Operations.GetJob.Output {
        .ok(.init(body: .json(.init(try await job(input.path.job)))))
    }

    func cancelJob(_ input: Operations.CancelJob.Input) async throws -> Operations.CancelJob.Output {
        let job = try await job(input.path.job)
        return .ok(.init(body: .json(.init(try await acting().jobs.cancel(job.id)))))
    }

    /// A job of a round the key may work on; another round's job is reported as not found.
    func job(_ id: Int64) async throws -> StoredJob {
        let job = try await rueda.jobs.show(id)
        let principal = try principal()
        guard principal.allEvents || job.eventID.map(principal.may) == true else {
            throw RuedaError(.notFound, "there is no job \(id)")
        }
        return job
    }

}

extension Components.Schemas.Job {
    init(_ job: StoredJob) {
        self.init(
            id: job.id, href: "/api/v1/jobs/\(job.id)", kind: job.kind == .matchRun ? .matchRun : .scheduleSolve,
            event: job.eventCode,
            state: .init(job.state), attempts: job.attempts, maxAttempts: job.maxAttempts, progress: job.progress,
            result: Self.link(job), error: job.error, createdAt: job.createdAt, startedAt: job.startedAt,
            finishedAt: job.finishedAt)
    }

    /// Where a succeeded job's result is: the run's candidates, or the schedule version.
    static func link(_ job: StoredJob) -> String? {
        guard let result = job.result, let code = job.eventCode,
            let object = try? JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any]
        else { return nil }
        let event = code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? code
        if let run = object["matchRun"] as? Int { return "/api/v1/events/\(event)/candidates?run=\(run)" }
        if let version = object["scheduleVersion"] as? Int { return "/api/v1/events/\(event)/schedules/\(version)" }
        return nil
    }
}

extension Components.Schemas.Job.StatePayload {
    init(_ state: JobState) {
        switch state {
        case .queued: self = .queued
        case .running: self = .running
        case .succeeded: self = .succeeded
        case .failed: self = .failed
        case .cancelled: self = .cancelled
        }
    }
}
