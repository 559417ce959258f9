import Foundation
import PostgresNIO
import RuedaCore

/// What one round trip tells about a participant's pages: the live session or invite, a stamp of every row the
/// participant's page context is read from, and the round's published schedule version.
public struct ParticipantAccess: Sendable, Hashable {
    /// The session, for a request with a session cookie; nil for a calendar feed.
    public let session: StoredSession?
    public let invite: StoredInvite
    /// Changes whenever the round, the company (its activities and certifications) or the company's participation
    /// (its demands and offers) changes: equal stamps mean the same rows.
    public let stamp: String
    /// The round's published schedule version, if any.
    public let published: ScheduleID?
}

extension AccessRepository {
    /// The row versions a participant's context is read from. Each row's `xmin` is the transaction that wrote it, so
    /// a transaction that inserts or updates one of these rows puts its own id into the stamp, one that deletes
    /// removes a row's: a change committed between two reads never leaves the stamp equal.
    static let participantStamp = """
        concat_ws(':',
            (SELECT e.xmin::text FROM event e WHERE e.id = i.event_id),
            (SELECT c.xmin::text FROM company c WHERE c.id = i.company_id),
            (SELECT string_agg(a.xmin::text, ',' ORDER BY a.xmin::text) FROM company_activity a
                WHERE a.company_id = i.company_id),
            (SELECT string_agg(x.xmin::text, ',' ORDER BY x.xmin::text) FROM company_certification x
                WHERE x.company_id = i.company_id),
            (SELECT string_agg(p.id || '.' || p.xmin::text, ',' ORDER BY p.id) FROM participation p
                WHERE p.event_id = i.event_id AND p.company_id = i.company_id),
            (SELECT string_agg(d.xmin::text, ',' ORDER BY d.xmin::text)
                FROM demand d JOIN participation p ON p.id = d.participation_id
                WHERE p.event_id = i.event_id AND p.company_id = i.company_id),
            (SELECT string_agg(o.xmin::text, ',' ORDER BY o.xmin::text)
                FROM offer o JOIN participation p ON p.id = o.participation_id
                WHERE p.event_id = i.event_id AND p.company_id = i.company_id)),
        (SELECT s.id FROM schedule s WHERE s.event_id = i.event_id AND s.status = 'published')
        """

    /// The live session with this cookie hash (not expired, its invite neither revoked nor expired), with the stamp
    /// of its participant's context: one round trip.
    public func participantAccess(session idHash: [UInt8]) async throws -> ParticipantAccess? {
        try await participantAccess(AccessBySession(idHash: Data(idHash)), action: "reading a session")
    }

    /// The live invite with this id (neither revoked nor expired), with the stamp of its participant's context.
    public func participantAccess(invite id: Int64) async throws -> ParticipantAccess? {
        try await participantAccess(AccessByInvite(id: id), action: "reading an invite")
    }

    /// Runs on every participant page, so it is prepared once per connection: planning its subqueries costs PostgreSQL
    /// more than running them.
    private func participantAccess<Statement: PostgresPreparedStatement>(
        _ statement: Statement, action: String
    ) async throws -> ParticipantAccess? where Statement.Row == ParticipantAccess {
        let logger = database.logger
        return try await database.connection(action) { connection in
            for try await access in try await connection.execute(statement, logger: logger) { return access }
            return nil
        }
    }
}

/// A participant's access row by session cookie hash.
struct AccessBySession: PostgresPreparedStatement {
    static let sql = """
        SELECT i.id, i.event_id, i.company_id, i.expires_at, i.revoked_at, \(AccessRepository.participantStamp),
            s.id_hash, s.csrf_token, s.language, s.expires_at
        FROM participant_session s JOIN invite i ON i.id = s.invite_id
        WHERE s.id_hash = $1 AND s.expires_at > now() AND i.revoked_at IS NULL AND i.expires_at > now()
        """
    let idHash: Data

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        try bindings.append(idHash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> ParticipantAccess { try ParticipantAccess(row) }
}

/// A participant's access row by invite id, for a calendar feed.
struct AccessByInvite: PostgresPreparedStatement {
    static let sql = """
        SELECT i.id, i.event_id, i.company_id, i.expires_at, i.revoked_at, \(AccessRepository.participantStamp)
        FROM invite i
        WHERE i.id = $1 AND i.revoked_at IS NULL AND i.expires_at > now()
        """
    let id: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(id)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> ParticipantAccess { try ParticipantAccess(row) }
}

extension ParticipantAccess {
    /// Decodes an access row: the invite, the stamp and the published version, then the session if it was read.
    init(_ row: PostgresRow) throws {
        let c = row.makeRandomAccess()
        let invite = StoredInvite(
            id: try c[0].decode(Int64.self), eventID: try c[1].decode(EventID.self),
            companyID: try c[2].decode(CompanyID.self), expiresAt: try c[3].decode(Date.self),
            revokedAt: try c[4].decode(Date?.self))
        self.invite = invite
        self.stamp = try c[5].decode(String.self)
        self.published = try c[6].decode(ScheduleID?.self)
        self.session =
            c.count > 7
            ? StoredSession(
                idHash: [UInt8](try c[7].decode(Data.self)), invite: invite, csrfToken: try c[8].decode(String.self),
                language: try c[9].decode(String.self), expiresAt: try c[10].decode(Date.self)) : nil
    }
}
