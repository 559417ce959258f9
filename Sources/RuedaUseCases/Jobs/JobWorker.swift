import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaStore
import Synchronization

/// How a worker runs jobs. Defaults suit one worker per core.
public struct WorkerConfiguration: Sendable, Hashable {
    /// The worker's name in leases and logs (host and process id by default).
    public var name: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    /// Jobs run at once.
    public var concurrency: Int = 1
    /// How long a claimed job stays this worker's without a renewal; renewed every third of it.
    public var leaseSeconds: Double = 30
    /// The longest an idle worker waits before looking again, when no notification wakes it.
    public var idleSeconds: Double = 2

    public init() {}
}

/// Claims jobs from the queue and runs them with the same use cases as the command line, renewing its lease while it
/// works. A job's result completes it in the transaction that stores the result; a failure queues it again while it
/// has attempts left; a lost lease (cancelled, or taken over) stops its result from ever being stored.
public struct JobWorker: Sendable {
    let rueda: Rueda
    public let configuration: WorkerConfiguration

    public init(rueda: Rueda, configuration: WorkerConfiguration) {
        self.rueda = rueda
        self.configuration = configuration
    }

    var repository: JobRepository { JobRepository(database: rueda.database) }

    /// Runs until the task is cancelled: `concurrency` loops claim and run jobs; idle loops sleep until a
    /// notification on `rueda_jobs` (LISTEN) or `idleSeconds` pass.
    public func run() async throws {
        let wakeup = Wakeup()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await listen(wakeup) }
            for slot in 0..<max(1, configuration.concurrency) {
                group.addTask {
                    while !Task.isCancelled {
                        let ran = (try? await runOnce(slot: slot)) ?? false
                        if !ran { await wakeup.wait(seconds: configuration.idleSeconds) }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Claims one job and runs it; false when there was none.
    @discardableResult
    public func runOnce(slot: Int = 0) async throws -> Bool {
        let owner = "\(configuration.name)#\(slot)"
        guard let job = try await repository.claim(owner: owner, leaseSeconds: configuration.leaseSeconds) else {
            return false
        }
        let lease = JobLease(job: job.id, owner: owner)
        let logger = rueda.database.logger
        logger.info("running job", metadata: ["job": "\(job.id)", "kind": "\(job.kind.rawValue)"])
        let progress = LatestStep()
        let working = rueda.working(on: lease).reporting(to: progress).acting(as: "worker:\(owner)")
        let outcome: Result<Void, any Error> = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                do {
                    try await Self.execute(job, with: working)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                // Renew every third of the lease; stop the job when the lease is no longer ours.
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(Int64(configuration.leaseSeconds * 1_000 / 3)))
                    if Task.isCancelled { return nil }
                    let held = try? await repository.renew(
                        lease, leaseSeconds: configuration.leaseSeconds, progress: progress.step)
                    if held == false { return .failure(LeaseLost(job: job.id)) }
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .success(())
        }
        switch outcome {
        case .success:
            logger.info("job done", metadata: ["job": "\(job.id)"])
        case .failure(let error as LeaseLost):
            logger.warning("job left", metadata: ["job": "\(error.job)", "reason": "lease lost or cancelled"])
        case .failure(let error):
            let reason = (error as? RuedaError)?.message ?? (error as? StoreError)?.description ?? "\(error)"
            try await repository.fail(lease, reason: reason)
            logger.warning("job failed", metadata: ["job": "\(job.id)", "reason": "\(reason)"])
        }
        return true
    }

    /// Runs a job's use case; its stored result completes the job (through `rueda.lease`).
    static func execute(_ job: StoredJob, with rueda: Rueda) async throws {
        let data = Data(job.parameters.utf8)
        switch job.kind {
        case .matchRun:
            let parameters = try JSONDecoder().decode(MatchJobParameters.self, from: data)
            _ = try await rueda.matching.run(
                parameters.event, configuration: parameters.configuration, options: parameters.options)
        case .scheduleSolve:
            let parameters = try JSONDecoder().decode(SolveJobParameters.self, from: data)
            _ = try await rueda.scheduling.solve(
                parameters.event, settings: parameters.settings, options: parameters.options)
        }
    }

    /// Wakes idle loops when a job is queued (`NOTIFY rueda_jobs` from the job table's trigger).
    func listen(_ wakeup: Wakeup) async {
        while !Task.isCancelled {
            do {
                try await rueda.database.client.withConnection { connection in
                    try await connection.listen(on: "rueda_jobs") { notifications in
                        for try await _ in notifications { await wakeup.signal() }
                    }
                }
            } catch {
                // The listening connection dropped: idle loops still poll; listen again shortly.
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}

/// The worker's lease on a job was lost: the job was cancelled, or another worker took it after it expired.
struct LeaseLost: Error {
    let job: Int64
}

/// The latest step a use case reported, for the job's progress column.
final class LatestStep: ProgressReporter {
    private let latest = Mutex<String?>(nil)

    var step: String? { latest.withLock { $0 } }

    func report(_ event: ProgressEvent) {
        let text: String
        switch event.kind {
        case .started: text = "\(event.step)…"
        case .finished: text = "\(event.step) done"
        }
        latest.withLock { $0 = text }
    }
}

/// Idle loops wait here until a notification or their timeout.
actor Wakeup {
    private var waiting: [UUID: CheckedContinuation<Void, Never>] = [:]

    func wait(seconds: Double) async {
        let id = UUID()
        await withCheckedContinuation { continuation in
            waiting[id] = continuation
            Task {
                try? await Task.sleep(for: .milliseconds(Int64(seconds * 1_000)))
                self.resume(id)
            }
        }
    }

    func signal() {
        let all = waiting
        waiting = [:]
        for continuation in all.values { continuation.resume() }
    }

    private func resume(_ id: UUID) {
        waiting.removeValue(forKey: id)?.resume()
    }
}
