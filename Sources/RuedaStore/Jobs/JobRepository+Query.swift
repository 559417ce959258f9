import Foundation
import PostgresNIO
import RuedaCore

extension JobRepository {
    static let columns = """
        j.id, j.kind, j.event_id, e.code, j.parameters::text, j.state, j.attempts, j.max_attempts, j.lease_owner,
        j.lease_expires_at, j.progress, j.result::text, j.error, j.enqueued_by, j.created_at, j.started_at,
        j.finished_at
        FROM job j LEFT JOIN event e ON e.id = j.event_id
        """

    /// One job, or nil.
    public func job(_ id: Int64) async throws -> StoredJob? {
        try await jobs("SELECT \(unescaped: Self.columns) WHERE j.id = \(id)").first
    }

    /// How many jobs are in each state, for the service's metrics.
    public func counts() async throws -> [JobState: Int] {
        let logger = database.logger
        return try await database.connection("counting jobs") { connection in
            var counts: [JobState: Int] = [:]
            let rows = try await connection.query("SELECT state, count(*) FROM job GROUP BY state", logger: logger)
            for try await (state, count) in rows.decode((String, Int).self) {
                counts[try StoredValue.known(JobState.self, state, column: "state")] = count
            }
            return counts
        }
    }

    /// Jobs newest first, of one state or all, at most `limit`.
    public func list(state: JobState? = nil, limit: Int = 100) async throws -> [StoredJob] {
        try await jobs(
            """
            SELECT \(unescaped: Self.columns) WHERE (\(state?.rawValue)::text IS NULL OR j.state = \(state?.rawValue))
            ORDER BY j.id DESC LIMIT \(limit)
            """)
    }

    private func jobs(_ query: PostgresQuery) async throws -> [StoredJob] {
        let logger = database.logger
        return try await database.connection("reading jobs") { connection in
            var jobs: [StoredJob] = []
            for try await row in try await connection.query(query, logger: logger) {
                let c = row.makeRandomAccess()
                jobs.append(
                    StoredJob(
                        id: try c[0].decode(Int64.self),
                        kind: try StoredValue.known(JobKind.self, try c[1].decode(String.self), column: "kind"),
                        eventID: try c[2].decode(EventID?.self), eventCode: try c[3].decode(String?.self),
                        parameters: try c[4].decode(String.self),
                        state: try StoredValue.known(JobState.self, try c[5].decode(String.self), column: "state"),
                        attempts: try c[6].decode(Int.self), maxAttempts: try c[7].decode(Int.self),
                        leaseOwner: try c[8].decode(String?.self), leaseExpiresAt: try c[9].decode(Date?.self),
                        progress: try c[10].decode(String.self), result: try c[11].decode(String?.self),
                        error: try c[12].decode(String?.self), enqueuedBy: try c[13].decode(String.self),
                        createdAt: try c[14].decode(Date.self), startedAt: try c[15].decode(Date?.self),
                        finishedAt: try c[16].decode(Date?.self)))
            }
            return jobs
        }
    }
}
