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
                let c = row.makeRandomAccess()
                keys.append(
                    StoredAPIKey(
                        id: try c[0].decode(Int64.self), name: try c[1].decode(String.self),
                        secretHash: [UInt8](try c[2].decode(Data.self)), allEvents: try c[3].decode(Bool.self),
                        events: try c[4].decode([Int64].self).map(EventID.init(rawValue:)),
                        createdAt: try c[5].decode(Date.self), revokedAt: try c[6].decode(Date?.self),
                        lastUsedAt: try c[7].decode(Date?.self)))
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

    /// Notes that a key was used, at most once a minute per key.
    public func touchKey(id: Int64) async throws {
        let logger = database.logger
        try await database.connection("noting an API key's use") { connection in
            _ = try await connection.query(
                """
                UPDATE api_key SET last_used_at = now()
                WHERE id = \(id) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                """, logger: logger
            ).collect()
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

    /// The live session with this cookie hash: not expired, its invite neither revoked nor expired.
    public func session(idHash: [UInt8]) async throws -> StoredSession? {
        let logger = database.logger
        return try await database.connection("reading a session") { connection in
            let rows = try await connection.query(
                """
                SELECT s.id_hash, s.csrf_token, s.language, s.expires_at, i.id, i.event_id, i.company_id, i.expires_at,
                    i.revoked_at
                FROM participant_session s JOIN invite i ON i.id = s.invite_id
                WHERE s.id_hash = \(Data(idHash)) AND s.expires_at > now() AND i.revoked_at IS NULL
                  AND i.expires_at > now()
                """, logger: logger)
            for try await row in rows {
                let c = row.makeRandomAccess()
                let invite = StoredInvite(
                    id: try c[4].decode(Int64.self), eventID: try c[5].decode(EventID.self),
                    companyID: try c[6].decode(CompanyID.self), expiresAt: try c[7].decode(Date.self),
                    revokedAt: try c[8].decode(Date?.self))
                return StoredSession(
                    idHash: [UInt8](try c[0].decode(Data.self)), invite: invite,
                    csrfToken: try c[1].decode(String.self),
                    language: try c[2].decode(String.self), expiresAt: try c[3].decode(Date.self))
            }
            return nil
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
