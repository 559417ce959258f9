import Metrics

/// The connection pool's figures for `/metrics`: leases in use, the wait for a lease, and failed database calls.
///
/// postgres-nio keeps its pool's own counters private, so Rueda measures every lease it takes. Without a metrics
/// backend bootstrapped (the CLI), these are no-ops.
struct PoolMetrics: Sendable {
    let inUse = Meter(label: "rueda_db_connections_in_use")
    let wait = Timer(label: "rueda_db_connection_wait_seconds", preferredDisplayUnit: .seconds)
    let failures = Counter(label: "rueda_db_failures_total")

    /// Records that a connection asked for at `requested` was leased; pair with `released()`.
    func leased(since requested: ContinuousClock.Instant) {
        let waited = ContinuousClock.now - requested
        let nanoseconds = waited.components.seconds * 1_000_000_000 + waited.components.attoseconds / 1_000_000_000
        wait.recordNanoseconds(nanoseconds)
        inUse.increment()
    }

    /// Records that a leased connection went back to the pool.
    func released() { inUse.decrement() }
}
