import Foundation
import Logging
import PostgresNIO
import RuedaCore

/// What a job does.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    case matchRun = "match-run"
    case scheduleSolve = "schedule-solve"
}

/// Where a job is in its life.
public enum JobState: String, Sendable, Codable, CaseIterable {
    case queued, running, succeeded, failed, cancelled
}

/// A stored job.
public struct StoredJob: Sendable, Codable, Hashable {
    public var id: Int64
    public var kind: JobKind
    public var eventID: EventID?
    public var eventCode: String?
    /// The job's parameters as a JSON document.
    public var parameters: String
    public var state: JobState
    public var attempts: Int
    public var maxAttempts: Int
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    public var progress: String
    /// The result as a JSON document (`{"matchRun": 12}`, `{"scheduleVersion": 3}`), once succeeded.
    public var result: String?
    public var error: String?
    public var enqueuedBy: String
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
}

/// A worker's hold on a running job: completing it succeeds only while the lease is still this worker's, in the
/// transaction that writes the job's result.
public struct JobLease: Sendable, Hashable {
    public let job: Int64
    public let owner: String

    public init(job: Int64, owner: String) {
        self.job = job
        self.owner = owner
    }

    /// Marks the job succeeded with its result, on the connection of the transaction that stored that result; throws
    /// (rolling the result back) when the lease was lost or the job cancelled meanwhile.
    public func complete(on connection: PostgresConnection, result: String, logger: Logger) async throws {
        let rows = try await connection.query(
            """
            UPDATE job SET state = 'succeeded', result = \(result)::jsonb, finished_at = now(), lease_owner = NULL,
                lease_expires_at = NULL, error = NULL
            WHERE id = \(job) AND lease_owner = \(owner) AND state = 'running'
            RETURNING id
            """, logger: logger)
        var completed = false
        for try await _ in rows.decode(Int64.self) { completed = true }
        guard completed else {
            throw StoreError(
                .conflict,
                "job \(job) is no longer held by this worker (cancelled, or its lease expired); "
                    + "its result was not stored")
        }
    }
}

/// The job queue in PostgreSQL: enqueue, claim with SKIP LOCKED, renew, fail or retry, cancel, list.
public struct JobRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Queues a job and returns it.
    public func enqueue(
        _ kind: JobKind, event: EventID?, parameters: String, maxAttempts: Int, enqueuedBy: String
    ) async throws -> StoredJob {
        let logger = database.logger
        let id = try await database.connection("queuing a job") { connection in
            let rows = try await connection.query(
                """
                INSERT INTO job (kind, event_id, parameters, max_attempts, enqueued_by)
                VALUES (\(kind.rawValue), \(event), \(parameters)::jsonb, \(maxAttempts), \(enqueuedBy))
                RETURNING id
                """, logger: logger)
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            return id
        }
        guard let job = try await self.job(id) else { throw StoreError(.database, "job \(id) vanished") }
        return job
    }

    /// Claims the oldest claimable job for `owner` with a lease of `seconds`: a queued one, or a running one whose
    /// worker's lease expired with attempts left. Jobs whose lease expired on their last attempt are failed first.
    /// Two workers never claim the same job (FOR UPDATE SKIP LOCKED).
    public func claim(owner: String, leaseSeconds: Double) async throws -> StoredJob? {
        let logger = database.logger
        let id = try await database.transaction("claiming a job") { connection -> Int64? in
            _ = try await connection.query(
                """
                UPDATE job SET state = 'failed', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL,
                    error = 'its worker stopped (lease expired) on attempt ' || attempts || ' of ' || max_attempts
                WHERE state = 'running' AND lease_expires_at < now() AND attempts >= max_attempts
                """, logger: logger
            ).collect()
            let rows = try await connection.query(
                """
                UPDATE job SET state = 'running', attempts = attempts + 1, lease_owner = \(owner),
                    lease_expires_at = now() + \(leaseSeconds) * interval '1 second',
                    started_at = COALESCE(started_at, now()), progress = ''
                WHERE id = (
                    SELECT id FROM job
                    WHERE state = 'queued' OR (state = 'running' AND lease_expires_at < now())
                    ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
                RETURNING id
                """, logger: logger)
            var id: Int64?
            for try await value in rows.decode(Int64.self) { id = value }
            return id
        }
        guard let id else { return nil }
        return try await job(id)
    }

    /// Extends the lease and records progress; false when the lease is no longer the owner's (cancelled, or
    /// taken over after it expired).
    public func renew(_ lease: JobLease, leaseSeconds: Double, progress: String?) async throws -> Bool {
        let logger = database.logger
        return try await database.connection("renewing a job's lease") { connection in
            let rows = try await connection.query(
                """
                UPDATE job SET lease_expires_at = now() + \(leaseSeconds) * interval '1 second',
                    progress = COALESCE(\(progress), progress)
                WHERE id = \(lease.job) AND lease_owner = \(lease.owner) AND state = 'running'
                RETURNING id
                """, logger: logger)
            var held = false
            for try await _ in rows.decode(Int64.self) { held = true }
            return held
        }
    }

    /// Records a failed attempt: queued again while attempts are left, else failed with the reason.
    public func fail(_ lease: JobLease, reason: String) async throws {
        let logger = database.logger
        _ = try await database.connection("recording a job's failure") { connection in
            try await connection.query(
                """
                UPDATE job SET state = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,
                    finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE now() END,
                    lease_owner = NULL, lease_expires_at = NULL, error = \(String(reason.prefix(2_000)))
                WHERE id = \(lease.job) AND lease_owner = \(lease.owner) AND state = 'running'
                """, logger: logger
            ).collect()
        }
    }

    /// Cancels a queued or running job; a running job's worker finds out at its next renewal, and its result is
    /// never stored. Returns the job, or nil when there is none.
    public func cancel(_ id: Int64) async throws -> StoredJob? {
        try await setState(
            id, "state = 'cancelled', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL",
            when: "state IN ('queued', 'running')", action: "cancelling a job")
    }

    /// Queues a failed or cancelled job again with a fresh count of attempts.
    public func retry(_ id: Int64) async throws -> StoredJob? {
        try await setState(
            id, "state = 'queued', attempts = 0, finished_at = NULL, error = NULL",
            when: "state IN ('failed', 'cancelled')", action: "retrying a job")
    }

    private func setState(
        _ id: Int64, _ assignments: String, when condition: String, action: String
    ) async throws
        -> StoredJob?
    {
        let logger = database.logger
        _ = try await database.connection(action) { connection in
            try await connection.query(
                "UPDATE job SET \(unescaped: assignments) WHERE id = \(id) AND \(unescaped: condition)",
                logger: logger
            ).collect()
        }
        return try await job(id)
    }
}
