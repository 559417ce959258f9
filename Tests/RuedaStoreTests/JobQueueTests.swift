import Foundation
import PostgresNIO
import RuedaCore
import RuedaSolver
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

/// The job queue against a real PostgreSQL: claims, leases, retries, cancellation, and a worker killed mid-job.
@Suite("Jobs and workers")
struct JobQueueTests {
    static func count(_ sql: String, _ database: Database) async throws -> Int {
        try await database.connection("counting") { connection in
            var value = 0
            for try await count in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
                .decode(Int.self)
            {
                value = count
            }
            return value
        }
    }

    @Test("two workers claiming at once never get the same job, and every job is claimed once")
    func claimsAreExclusive() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await SeededRound.seed(rueda, buyers: 4, suppliers: 8)
            var queued: [Int64] = []
            for _ in 0..<40 { queued.append(try await rueda.jobs.enqueueMatch(round.event.spec.code).id) }
            let repository = JobRepository(database: rueda.database)
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for worker in ["a", "b", "c"] {
                    group.addTask {
                        var mine: [Int64] = []
                        while let job = try await repository.claim(owner: worker, leaseSeconds: 60) {
                            mine.append(job.id)
                        }
                        return mine
                    }
                }
                var all: [[Int64]] = []
                for try await mine in group { all.append(mine) }
                return all
            }
            let flat = claimed.flatMap { $0 }
            #expect(flat.count == 40)
            #expect(Set(flat) == Set(queued))
            #expect(
                try await Self.count(
                    "SELECT count(*) FROM job WHERE attempts = 1 AND state = 'running'", rueda.database) == 40)
        }
    }

    @Test("a worker runs a match job; its result completes the job in the same transaction")
    func workerCompletesWithResult() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await SeededRound.seed(rueda, buyers: 6, suppliers: 18)
            let job = try await rueda.jobs.enqueueMatch(round.event.spec.code)
            var configuration = WorkerConfiguration()
            configuration.name = "test"
            let worker = JobWorker(rueda: rueda, configuration: configuration)
            #expect(try await worker.runOnce())
            #expect(try await worker.runOnce() == false)
            let done = try await rueda.jobs.show(job.id)
            #expect(done.state == .succeeded)
            let run = try #require(try await MatchRepository(database: rueda.database).current(in: round.event))
            #expect(done.result?.replacingOccurrences(of: " ", with: "") == "{\"matchRun\":\(run.id.rawValue)}")
        }
    }

    @Test("a job that keeps failing is retried, then failed with its reason after its last attempt; retry queues it")
    func failingJobEndsFailed() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await SeededRound.seed(rueda, buyers: 4, suppliers: 8)
            // No match run yet: solving fails every time.
            let job = try await rueda.jobs.enqueueSolve(round.event.spec.code, maxAttempts: 2)
            let worker = JobWorker(rueda: rueda, configuration: WorkerConfiguration())
            #expect(try await worker.runOnce())
            let again = try await rueda.jobs.show(job.id)
            #expect(again.state == .queued)
            #expect(again.attempts == 1)
            #expect(try await worker.runOnce())
            let failed = try await rueda.jobs.show(job.id)
            #expect(failed.state == .failed)
            #expect(failed.attempts == 2)
            #expect(failed.error?.contains("match") == true, "\(failed.error ?? "")")
            #expect(try await worker.runOnce() == false)
            let retried = try await rueda.jobs.retry(job.id)
            #expect(retried.state == .queued && retried.attempts == 0)
        }
    }

    @Test("a cancelled job is never run, and a job cancelled while running never stores its result")
    func cancelStopsJobs() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await SeededRound.seed(rueda, buyers: 4, suppliers: 8)
            let code = round.event.spec.code
            let queued = try await rueda.jobs.enqueueMatch(code)
            #expect(try await rueda.jobs.cancel(queued.id).state == .cancelled)
            #expect(try await JobWorker(rueda: rueda, configuration: WorkerConfiguration()).runOnce() == false)

            let running = try await rueda.jobs.enqueueMatch(code)
            let claimed = try #require(
                try await JobRepository(database: rueda.database).claim(owner: "slow", leaseSeconds: 60))
            #expect(claimed.id == running.id)
            _ = try await rueda.jobs.cancel(running.id)
            await #expect(throws: (any Error).self) {
                _ = try await rueda.working(on: JobLease(job: running.id, owner: "slow")).matching.run(code)
            }
            #expect(try await MatchRepository(database: rueda.database).runs(of: round.event).isEmpty)
            #expect(try await rueda.jobs.show(running.id).state == .cancelled)
        }
    }

    @Test("a worker killed with SIGKILL mid-job: another takes the job when the lease expires, and it is stored once")
    func killedWorkerJobRunsOnce() async throws {
        try await TestDatabase.withRueda { rueda, configuration in
            let round = try await SeededRound.seed(rueda, buyers: 10, suppliers: 30)
            let code = round.event.spec.code
            _ = try await rueda.matching.run(code)
            let job = try await rueda.jobs.enqueueSolve(code, options: SolverOptions(timeLimit: .seconds(4)))
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] =
                "postgres://\(configuration.username)@\(configuration.host ?? "127.0.0.1"):\(configuration.port)/"
                + "\(configuration.database)?sslmode=disable"
            let pid = try Spawn.start(
                CLITests.binary.path, ["worker", "--lease-seconds", "1", "--name", "doomed"], environment: environment)
            // Wait until the doomed worker holds the job, then kill it mid-solve.
            var held = false
            for _ in 0..<100 where !held {
                try await Task.sleep(for: .milliseconds(100))
                held = try await rueda.jobs.show(job.id).leaseOwner == "doomed#0"
            }
            Spawn.kill9(pid)
            #expect(held, "the worker never claimed the job")
            var configuration = WorkerConfiguration()
            configuration.name = "survivor"
            let survivor = JobWorker(rueda: rueda, configuration: configuration)
            var ran = false
            for _ in 0..<50 where !ran {
                ran = try await survivor.runOnce()
                if !ran { try await Task.sleep(for: .milliseconds(200)) }
            }
            let done = try await rueda.jobs.show(job.id)
            #expect(done.state == .succeeded)
            #expect(done.attempts == 2)
            #expect(try await ScheduleRepository(database: rueda.database).versions(in: round.event).count == 1)
        }
    }
}
