import Foundation
import RuedaCore
import RuedaStore

/// Who an organiser API key is, and which rounds it may work on.
public struct APIPrincipal: Sendable, Hashable {
    public let keyID: Int64
    public let name: String
    /// Whether the key works on every round (and may change companies and read the programme report).
    public let allEvents: Bool
    public let events: Set<EventID>

    /// Whether the key may work on a round.
    public func may(_ event: EventID) -> Bool { allEvents || events.contains(event) }

    /// How the audit trail names it.
    public var actor: String { "apikey:\(keyID) \(name)" }
}

/// A new API key: its text (shown once) and what is stored of it.
public struct CreatedAPIKey: Sendable {
    public let key: String
    public let stored: StoredAPIKey
}

/// A participant's personal link, for a mail merge.
public struct InviteLink: Sendable, Hashable {
    public let nit: NIT
    public let name: String
    public let contact: String
    public let email: String
    public let link: String
    public let expiresAt: Date
}

/// Organisers' API keys and participants' invite links, sessions and rate limits.
public struct AccessUseCases: Sendable {
    let rueda: Rueda

    var repository: AccessRepository { AccessRepository(database: rueda.database) }

    // MARK: API keys

    /// Creates a key for all rounds, or for the rounds named; the key's text is returned once and never stored.
    public func createKey(name: String, events: [String] = []) async throws -> CreatedAPIKey {
        let trimmed = name.trimmingWhitespace()
        var issues = IssueCollector(row: nil)
        issues.checkText("name", trimmed, limit: Bounds.nameLength)
        if trimmed.isEmpty { issues.add("name", "is required") }
        guard issues.issues.isEmpty else { throw RuedaError(InputError(issues.issues)) }
        if try await repository.keys().contains(where: { $0.name == trimmed && $0.revokedAt == nil }) {
            throw RuedaError(.conflict, "an active key is already named '\(trimmed)'; choose another name")
        }
        var ids: [EventID] = []
        for reference in events { ids.append(try await rueda.selection.event(reference).id) }
        let secret = Secrets.token()
        let stored = try await repository.createKey(
            name: trimmed, secretHash: Secrets.sha256(secret), events: events.isEmpty ? nil : ids)
        try await rueda.audit("apikey.create", subject: "key \(stored.id) \(trimmed)")
        return CreatedAPIKey(key: "rk_\(stored.id)_\(secret)", stored: stored)
    }

    public func listKeys() async throws -> [StoredAPIKey] { try await repository.keys() }

    /// Revokes a key named by its id or name.
    public func revokeKey(_ reference: String) async throws -> StoredAPIKey {
        let keys = try await repository.keys()
        let matching = keys.filter { String($0.id) == reference || ($0.name == reference && $0.revokedAt == nil) }
        guard let key = matching.first else { throw RuedaError(.notFound, "no active key '\(reference)'") }
        guard try await repository.revokeKey(id: key.id) else {
            throw RuedaError(.conflict, "key \(key.id) (\(key.name)) is already revoked")
        }
        try await rueda.audit("apikey.revoke", subject: "key \(key.id) \(key.name)")
        return key
    }

    /// The key a bearer token is, or an error: unknown, malformed, tampered and revoked keys all fail alike.
    public func authenticate(bearer: String) async throws -> APIPrincipal {
        let refused = RuedaError(.unauthorized, "the API key is missing, unknown or revoked")
        let parts = bearer.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "rk", let id = Int64(parts[1]), parts[2].count <= 100,
            case let hash = Secrets.sha256(String(parts[2])),
            let key = try await repository.usedKey(id: id, secretHash: hash), key.revokedAt == nil,
            Secrets.constantTimeEqual(hash, key.secretHash)
        else { throw refused }
        return APIPrincipal(keyID: key.id, name: key.name, allEvents: key.allEvents, events: Set(key.events))
    }

    // MARK: Invites

    /// The secret links are signed with, created on first use and shared by every server.
    func linkSecret() async throws -> [UInt8] {
        let read = { try await repository.secret(named: "link-signing", generate: { Secrets.random(32) }) }
        guard let cache = rueda.secretCache else { return try await read() }
        return try await cache.secret(named: "link-signing", read: read)
    }

    /// Creates one personal, signed, expiring link per participant of a round (or for one company).
    public func createInvites(
        _ reference: String, company: NIT? = nil, expiresInDays: Int = 30, baseURL: String
    ) async throws -> [InviteLink] {
        guard (1...365).contains(expiresInDays) else {
            throw RuedaError(.invalidInput, "an invite expires in 1 to 365 days, not \(expiresInDays)")
        }
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard base.hasPrefix("https://") || base.hasPrefix("http://"), !base.contains(where: \.isWhitespace) else {
            throw RuedaError(.invalidInput, "the base URL must be an http(s) address, not '\(baseURL)'")
        }
        let event = try await rueda.selection.event(reference)
        var participants = try await EnrolmentRepository(database: rueda.database).participants(in: event)
        if let company {
            participants = participants.filter { $0.participant.nit == company }
            guard !participants.isEmpty else {
                throw RuedaError(.notFound, "\(company) is not enrolled in \(event.spec.code)")
            }
        }
        var seen = Set<CompanyID>()
        participants = participants.filter { seen.insert($0.companyID).inserted }
        let companies = try await CompanyRepository(database: rueda.database).find(participants.map(\.participant.nit))
        let expires = Date(
            timeIntervalSince1970: (Date().timeIntervalSince1970 + Double(expiresInDays) * 86_400).rounded())
        let invites = try await repository.createInvites(
            event: event.id, companies: participants.map(\.companyID), expiresAt: expires)
        let secret = try await linkSecret()
        try await rueda.audit("invite.create", event: event.id, subject: "\(invites.count) invites")
        // Each link is matched to its invite by company, never by the order rows come back in.
        let byCompany = Dictionary(invites.map { ($0.companyID, $0) }, uniquingKeysWith: { a, _ in a })
        return try participants.map { participant in
            guard let invite = byCompany[participant.companyID] else {
                throw RuedaError(.failed, "an invite was not stored for \(participant.participant.nit)")
            }
            let company = companies[participant.participant.nit]?.company
            let token = LinkToken(invite: invite.id, expires: Int64(invite.expiresAt.timeIntervalSince1970))
            return InviteLink(
                nit: participant.participant.nit, name: company?.name ?? "", contact: company?.contactName ?? "",
                email: company?.email ?? "", link: "\(base)/i/\(token.encoded(purpose: .invite, secret: secret))",
                expiresAt: invite.expiresAt)
        }
    }

    /// Revokes a round's invites (one company's, or all) and ends their sessions.
    public func revokeInvites(_ reference: String, company: NIT? = nil) async throws -> Int {
        let event = try await rueda.selection.event(reference)
        var companyID: CompanyID?
        if let company {
            guard let stored = try await CompanyRepository(database: rueda.database).find(company) else {
                throw RuedaError(.notFound, "company \(company) is not registered")
            }
            companyID = stored.id
        }
        let count = try await repository.revokeInvites(event: event.id, company: companyID)
        try await rueda.audit("invite.revoke", event: event.id, subject: company.map { "\($0)" } ?? "all")
        return count
    }

    /// The valid invite a link token names, or nil: a bad signature, an expired or revoked invite all fail alike.
    func invite(from token: String, purpose: LinkToken.Purpose) async throws -> StoredInvite? {
        guard let verified = try await verified(token, purpose: purpose),
            let invite = try await repository.invite(id: verified.invite), invite.revokedAt == nil,
            invite.expiresAt > Date(), Int64(invite.expiresAt.timeIntervalSince1970) == verified.expires
        else { return nil }
        return invite
    }

    /// A link token whose signature holds and whose own expiry has not passed.
    private func verified(_ token: String, purpose: LinkToken.Purpose) async throws -> LinkToken? {
        guard let verified = LinkToken.verified(token, purpose: purpose, secret: try await linkSecret()),
            Date(timeIntervalSince1970: Double(verified.expires)) > Date()
        else { return nil }
        return verified
    }

    /// Exchanges an invite link for a session: returns the cookie value (never stored) for the browser.
    public func openSession(link token: String, language: String = "es", hours: Int = 12) async throws -> String {
        guard let invite = try await invite(from: token, purpose: .invite) else {
            throw RuedaError(.unauthorized, "this link is not valid: it may have expired or been revoked")
        }
        let cookie = Secrets.token()
        try await repository.createSession(
            idHash: Secrets.sha256(cookie), invite: invite.id, csrfToken: Secrets.token(),
            language: language == "en" ? "en" : "es",
            expiresAt: min(invite.expiresAt, Date().addingTimeInterval(Double(hours) * 3_600)))
        return cookie
    }

    /// The participant a session cookie belongs to, or nil when it is unknown or ended.
    public func session(cookie: String) async throws -> ParticipantSession? {
        guard cookie.count <= 100, let access = try await repository.participantAccess(session: Secrets.sha256(cookie))
        else { return nil }
        return try await participantSession(access)
    }

    /// The participant a calendar feed token belongs to, or nil.
    public func calendar(token: String) async throws -> ParticipantSession? {
        guard let verified = try await verified(token, purpose: .calendar),
            let access = try await repository.participantAccess(invite: verified.invite),
            Int64(access.invite.expiresAt.timeIntervalSince1970) == verified.expires
        else { return nil }
        return try await participantSession(access)
    }

    /// The token of a participant's live calendar feed: signed like its link, for the calendar only.
    public func calendarToken(for session: ParticipantSession) async throws -> String {
        LinkToken(invite: session.invite.id, expires: Int64(session.invite.expiresAt.timeIntervalSince1970))
            .encoded(purpose: .calendar, secret: try await linkSecret())
    }

    public func endSession(_ session: ParticipantSession) async throws {
        if let hash = session.sessionHash { try await repository.endSession(idHash: hash) }
    }

    public func setLanguage(_ language: String, for session: ParticipantSession) async throws {
        if let hash = session.sessionHash {
            try await repository.setLanguage(language == "en" ? "en" : "es", session: hash)
        }
    }

    /// A participant's session from its access row: the round, company and participation come from the
    /// participant cache while the stamp read with the session is unchanged, and from the database otherwise.
    func participantSession(_ access: ParticipantAccess) async throws -> ParticipantSession? {
        let invite = access.invite
        let context: ParticipantContext
        if let kept = rueda.participantCache?.value(for: invite.id, stamp: access.stamp) {
            context = kept
        } else {
            guard let event = try await EventRepository(database: rueda.database).event(id: invite.eventID),
                let participant = try await EnrolmentRepository(database: rueda.database)
                    .participants(in: event, companies: [invite.companyID]).first,
                let company = try await CompanyRepository(database: rueda.database).find(participant.participant.nit)
            else { return nil }
            context = ParticipantContext(event: event, company: company, participant: participant)
            rueda.participantCache?.keep(context, for: invite.id, stamp: access.stamp)
        }
        let session = access.session
        return ParticipantSession(
            sessionHash: session?.idHash, invite: invite, event: context.event, company: context.company,
            participant: context.participant, publishedSchedule: access.published,
            csrfToken: session?.csrfToken ?? "", language: session?.language ?? "es")
    }

    // MARK: Rate limits

    /// Counts a hit in `bucket` and says whether it is within `limit` per `window` seconds.
    public func allow(_ bucket: String, limit: Int, window: Int = 60) async throws -> Bool {
        try await repository.hit(String(bucket.prefix(200)), window: window) <= limit
    }
}

/// A participant working on its own pages: its company in its round, and nothing else.
public struct ParticipantSession: Sendable {
    /// The session cookie's hash; nil for a calendar feed, which has no session.
    public let sessionHash: [UInt8]?
    public let invite: StoredInvite
    public let event: StoredEvent
    public let company: StoredCompany
    public let participant: EnrolledParticipant
    /// The round's published schedule version when the session was read, if any.
    public let publishedSchedule: ScheduleID?
    public let csrfToken: String
    public let language: String

    /// Whether a form's CSRF token is this session's, compared in constant time.
    public func acceptsForm(token: String) -> Bool {
        !csrfToken.isEmpty && Secrets.constantTimeEqual(Array(token.utf8), Array(csrfToken.utf8))
    }

    /// How the audit trail names it.
    public var actor: String { "participant:\(company.company.nit.base) in \(event.spec.code)" }
}
