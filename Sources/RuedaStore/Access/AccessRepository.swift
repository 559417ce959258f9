import Foundation
import Logging
import PostgresNIO
import RuedaCore

/// An organiser API key as stored (never its secret, only the secret's SHA-256).
public struct StoredAPIKey: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let secretHash: [UInt8]
    public let allEvents: Bool
    public let events: [EventID]
    public let createdAt: Date
    public let revokedAt: Date?
    public let lastUsedAt: Date?
}

/// A participant's invite as stored.
public struct StoredInvite: Sendable, Hashable {
    public let id: Int64
    public let eventID: EventID
    public let companyID: CompanyID
    public let expiresAt: Date
    public let revokedAt: Date?
}

/// A participant's browser session as stored, with the invite it came from.
public struct StoredSession: Sendable, Hashable {
    public let idHash: [UInt8]
    public let invite: StoredInvite
    public let csrfToken: String
    public let language: String
    public let expiresAt: Date
}

/// API keys, server secrets, invites, sessions and rate-limit counters.
public struct AccessRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: API keys

    /// Stores a new key (its secret's hash) for all events or the ones given.
    public func createKey(name: String, secretHash: [UInt8], events: [EventID]?) async throws -> StoredAPIKey {
        let logger = database.logger
        let id = try await database.transaction("creating an API key") { connection in
            let rows = try await connection.query(
                """
                INSERT INTO api_key (name, secret_hash, all_events) VALUES (\(name), \(Data(secretHash)), \(events == nil))
                RETURNING id
                """, logger: logger)
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            let eventIDs = (events ?? []).map(\.rawValue)
            _ = try await connection.query(
                "INSERT INTO api_key_event (key_id, event_id) SELECT \(id), unnest(\(eventIDs)::bigint[])",
                logger: logger
            ).collect()
            return id
        }
        guard let key = try await key(id: id) else { throw StoreError(.database, "the key cannot be read back") }
        return key
    }

    static let keyColumns = """
        k.id, k.name, k.secret_hash, k.all_events,
        ARRAY(SELECT event_id FROM api_key_event WHERE key_id = k.id ORDER BY event_id), k.created_at, k.revoked_at,
        k.last_used_at
        """

    public func key(id: Int64) async throws -> StoredAPIKey? {
        try await keys("SELECT \(unescaped: Self.keyColumns) FROM api_key k WHERE k.id = \(id)").first
    }

    /// Every key, newest first.
    public func keys() async throws -> [StoredAPIKey] {
        try await keys("SELECT \(unescaped: Self.keyColumns) FROM api_key k ORDER BY k.id DESC")
    }

    private func keys(_ query: PostgresQuery) async throws -> [StoredAPIKey] {
        let logger = database.logger
        return try await database.connection("reading API keys") { connection in
            var keys: [StoredAPIKey] = []
            for try await row in try await connection.query(query, logger: logger) {
                keys.append(try StoredAPIKey(row))
            }
            return keys
        }
    }

    /// Revokes a key; returns whether one was active.
    public func revokeKey(id: Int64) async throws -> Bool {
        let logger = database.logger
        return try await database.connection("revoking an API key") { connection in
            let rows = try await connection.query(
                "UPDATE api_key SET revoked_at = now() WHERE id = \(id) AND revoked_at IS NULL RETURNING id",
                logger: logger)
            for try await _ in rows { return true }
            return false
        }
    }

    /// The key with this id, noting its use (at most once a minute) when `secretHash` is its secret's: one round
    /// trip, prepared once per connection, as every API request makes it. The caller still compares the hashes in
    /// constant time; the comparison here only keeps a wrong secret from touching the key.
    public func usedKey(id: Int64, secretHash: [UInt8]) async throws -> StoredAPIKey? {
        let logger = database.logger
        return try await database.connection("reading an API key") { connection in
            for try await key in try await connection.execute(
                UsedKey(id: id, secretHash: Data(secretHash)), logger: logger)
            {
                return key
            }
            return nil
        }
    }

    // MARK: Server secrets

    /// The secret with this name, created (32 random bytes from `generate`) if it does not exist yet; every
    /// server process gets the same one.
    public func secret(named name: String, generate: () -> [UInt8]) async throws -> [UInt8] {
        let logger = database.logger
        let candidate = Data(generate())
        return try await database.connection("reading a server secret") { connection in
            _ = try await connection.query(
                "INSERT INTO server_secret (name, secret) VALUES (\(name), \(candidate)) ON CONFLICT (name) DO NOTHING",
                logger: logger
            ).collect()
            let rows = try await connection.query(
                "SELECT secret FROM server_secret WHERE name = \(name)", logger: logger)
            for try await secret in rows.decode(Data.self) { return [UInt8](secret) }
            throw StoreError(.database, "the server secret \(name) cannot be read")
        }
    }

    // MARK: Invites and sessions

    /// Stores an invite for each company; returns them in the same order.
    public func createInvites(event: EventID, companies: [CompanyID], expiresAt: Date) async throws -> [StoredInvite] {
        let logger = database.logger
        let ids = companies.map(\.rawValue)
        return try await database.transaction("creating invites") { connection in
            let rows = try await connection.query(
                """
                INSERT INTO invite (event_id, company_id, expires_at)
                SELECT \(event), c, \(expiresAt) FROM unnest(\(ids)::bigint[]) WITH ORDINALITY AS u(c, position)
                ORDER BY position
                RETURNING id, event_id, company_id, expires_at, revoked_at
                """, logger: logger)
            var invites: [StoredInvite] = []
            for try await (id, event, company, expires, revoked) in rows.decode(
                (Int64, EventID, CompanyID, Date, Date?).self)
            {
                invites.append(
                    StoredInvite(id: id, eventID: event, companyID: company, expiresAt: expires, revokedAt: revoked))
            }
            return invites
        }
    }

    public func invite(id: Int64) async throws -> StoredInvite? {
        let logger = database.logger
        return try await database.connection("reading an invite") { connection in
            let rows = try await connection.query(
                "SELECT id, event_id, company_id, expires_at, revoked_at FROM invite WHERE id = \(id)", logger: logger)
            for try await (id, event, company, expires, revoked) in rows.decode(
                (Int64, EventID, CompanyID, Date, Date?).self)
            {
                return StoredInvite(id: id, eventID: event, companyID: company, expiresAt: expires, revokedAt: revoked)
            }
            return nil
        }
    }

    /// Revokes the event's invites (one company's, or all) and ends their sessions; returns how many.
    public func revokeInvites(event: EventID, company: CompanyID?) async throws -> Int {
        let logger = database.logger
        return try await database.transaction("revoking invites") { connection in
            let rows = try await connection.query(
                """
                UPDATE invite SET revoked_at = now()
                WHERE event_id = \(event) AND revoked_at IS NULL
                  AND (\(company?.rawValue)::bigint IS NULL OR company_id = \(company?.rawValue))
                RETURNING id
                """, logger: logger)
            var ids: [Int64] = []
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            _ = try await connection.query(
                "DELETE FROM participant_session WHERE invite_id = ANY(\(ids)::bigint[])", logger: logger
            ).collect()
            return ids.count
        }
    }

    /// Stores a session opened from an invite (its cookie's hash).
    public func createSession(
        idHash: [UInt8], invite: Int64, csrfToken: String, language: String, expiresAt: Date
    ) async throws {
        let logger = database.logger
        try await database.connection("opening a session") { connection in
            _ = try await connection.query(
                """
                INSERT INTO participant_session (id_hash, invite_id, csrf_token, language, expires_at)
                VALUES (\(Data(idHash)), \(invite), \(csrfToken), \(language), \(expiresAt))
                """, logger: logger
            ).collect()
            // Sessions past their expiry are of no use to anyone.
            _ = try await connection.query(
                "DELETE FROM participant_session WHERE expires_at < now() - interval '1 day'", logger: logger
            ).collect()
        }
    }

    public func setLanguage(_ language: String, session idHash: [UInt8]) async throws {
        let logger = database.logger
        try await database.connection("changing a session's language") { connection in
            _ = try await connection.query(
                "UPDATE participant_session SET language = \(language) WHERE id_hash = \(Data(idHash))", logger: logger
            ).collect()
        }
    }

    public func endSession(idHash: [UInt8]) async throws {
        let logger = database.logger
        try await database.connection("ending a session") { connection in
            _ = try await connection.query(
                "DELETE FROM participant_session WHERE id_hash = \(Data(idHash))", logger: logger
            ).collect()
        }
    }

    // MARK: Rate limits

    /// Counts one hit in the bucket's current window (`window` seconds long) and returns the hits in it and the
    /// window before.
    public func hit(_ bucket: String, window seconds: Int) async throws -> Int {
        let logger = database.logger
        return try await database.connection("counting a request") { connection in
            let rows = try await connection.query(
                """
                INSERT INTO rate_limit (bucket, window_start, hits)
                VALUES (\(bucket), to_timestamp(floor(extract(epoch FROM now()) / \(seconds)) * \(seconds)), 1)
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit.hits + 1
                RETURNING hits
                """, logger: logger)
            var hits = 0
            for try await value in rows.decode(Int.self) { hits = value }
            // The window before counts too, so that a burst across a window's edge is held to the limit as well.
            let recent = try await connection.query(
                """
                SELECT coalesce(sum(hits), 0)::bigint FROM rate_limit
                WHERE bucket = \(bucket)
                  AND window_start >= to_timestamp((floor(extract(epoch FROM now()) / \(seconds)) - 1) * \(seconds))
                """, logger: logger)
            var total = hits
            for try await value in recent.decode(Int.self) { total = value }
            if hits == 1 {
                _ = try await connection.query(
                    "DELETE FROM rate_limit WHERE window_start < now() - interval '1 hour'", logger: logger
                ).collect()
            }
            return total
        }
    }
}

/// An API key by id, its use noted at most once a minute when the secret's hash is its own.
struct UsedKey: PostgresPreparedStatement {
    static let sql = """
        WITH touched AS (
            UPDATE api_key SET last_used_at = now()
            WHERE id = $1 AND secret_hash = $2 AND revoked_at IS NULL
              AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            RETURNING id)
        SELECT \(AccessRepository.keyColumns) FROM api_key k WHERE k.id = $1
        """
    let id: Int64
    let secretHash: Data

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(id)
        try bindings.append(secretHash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> StoredAPIKey { try StoredAPIKey(row) }
}

extension StoredAPIKey {
    /// Decodes a row of ``AccessRepository/keyColumns``.
    init(_ row: PostgresRow) throws {
        let c = row.makeRandomAccess()
        self.init(
            id: try c[0].decode(Int64.self), name: try c[1].decode(String.self),
            secretHash: [UInt8](try c[2].decode(Data.self)), allEvents: try c[3].decode(Bool.self),
            events: try c[4].decode([Int64].self).map(EventID.init(rawValue:)),
            createdAt: try c[5].decode(Date.self), revokedAt: try c[6].decode(Date?.self),
            lastUsedAt: try c[7].decode(Date?.self))
    }
}
