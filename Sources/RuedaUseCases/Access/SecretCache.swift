import Synchronization

/// Server secrets read once per process by a long-running service. A secret, once created, never changes (Rueda
/// rotates none), so the service need not read it from the database for every link or calendar feed it signs.
public final class SecretCache: Sendable {
    private let secrets = Mutex<[String: [UInt8]]>([:])

    public init() {}

    /// The secret with this name: the one read before, or `read()`'s, kept for next time.
    func secret(named name: String, read: () async throws -> [UInt8]) async throws -> [UInt8] {
        if let known = secrets.withLock({ $0[name] }) { return known }
        let secret = try await read()
        secrets.withLock { $0[name] = secret }
        return secret
    }
}
