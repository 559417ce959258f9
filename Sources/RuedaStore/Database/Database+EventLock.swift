import Logging
import PostgresNIO
import RuedaCore

extension Database {
    /// The advisory lock class for "one writer per event": "RUED" in ASCII.
    static let eventLockClass: Int32 = 0x5255_4544

    /// Runs `body` while this process is the only writer of the event's match runs and schedules (`match run`,
    /// `schedule solve`, `schedule publish`): a session advisory lock held on a leased connection for the whole
    /// command, released when it ends or its connection drops (a killed process never leaves it held).
    ///
    /// When another command holds it, fails at once with ``StoreError/Code/busy`` naming the event, instead of
    /// working for minutes and failing on a duplicate key at the end.
    public func withEventLock<Result: Sendable>(
        eventID: EventID, code: String, _ body: () async throws -> Result
    ) async throws -> Result {
        let key = Int32(truncatingIfNeeded: eventID.rawValue)
        let lockClass = Self.eventLockClass
        let logger = logger
        // The body's own errors pass through untouched; only the lock's queries are database errors.
        let outcome: Swift.Result<Result, any Error> = try await connection("locking event \(code)") { connection in
            let rows = try await connection.query(
                "SELECT pg_try_advisory_lock(\(lockClass), \(key))", logger: logger)
            var locked = false
            for try await value in rows.decode(Bool.self) { locked = value }
            guard locked else {
                throw StoreError(
                    .busy,
                    "another rueda command is changing \(code) (a match run, a schedule solve or a publish); wait "
                        + "for it to finish and try again")
            }
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await body())
            } catch {
                outcome = .failure(error)
            }
            // A closed connection has released its lock already (and a query on it would never complete).
            try await connection.runIfOpen("SELECT pg_advisory_unlock(\(lockClass), \(key))", logger: logger)
            return outcome
        }
        return try outcome.get()
    }
}
