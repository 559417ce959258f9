import Foundation
import HTTPTypes
import HummingbirdTesting
import PostgresNIO
import RuedaCore
import RuedaStore
import RuedaTestSupport
import RuedaUseCases
import Testing

@Suite("Who may do what")
struct AuthorizationTests {
    /// Every API operation, on round A where it names a round.
    static func operations(_ fixture: ServerFixture) -> [(HTTPRequest.Method, String)] {
        let a = fixture.roundA.code
        let nit = fixture.roundA.round.participants[0].nit.description
        return [
            (.get, "/api/v1/companies"), (.post, "/api/v1/companies/import"), (.get, "/api/v1/companies/\(nit)"),
            (.put, "/api/v1/companies/\(nit)"), (.get, "/api/v1/events"), (.post, "/api/v1/events"),
            (.get, "/api/v1/events/\(a)"), (.patch, "/api/v1/events/\(a)"), (.post, "/api/v1/events/\(a)/enrolment"),
            (.post, "/api/v1/events/\(a)/requests"), (.get, "/api/v1/events/\(a)/match-runs"),
            (.post, "/api/v1/events/\(a)/match-runs"), (.get, "/api/v1/events/\(a)/candidates"),
            (.get, "/api/v1/events/\(a)/schedules"), (.post, "/api/v1/events/\(a)/schedules"),
            (.get, "/api/v1/events/\(a)/schedules/1"), (.post, "/api/v1/events/\(a)/schedules/1/publish"),
            (.get, "/api/v1/events/\(a)/agendas/master"), (.get, "/api/v1/events/\(a)/outcomes"),
            (.post, "/api/v1/events/\(a)/outcomes"), (.post, "/api/v1/events/\(a)/outcomes/import"),
            (.post, "/api/v1/events/\(a)/invites"), (.get, "/api/v1/events/\(a)/report"), (.get, "/api/v1/report"),
        ]
    }

    @Test("without a key, with a wrong key or a revoked one, every API operation is refused with 401")
    func unauthenticated() async throws {
        var configuration = ServerFixture.configuration()
        configuration.authRateLimit = 1_000
        try await ServerFixture.with(configuration: configuration) { fixture, client in
            for (method, path) in Self.operations(fixture) {
                for key in [nil, "rk_1_wrong", fixture.revokedKey, fixture.allKey + "x"] {
                    let response = try await client.send(method, path, key: key, body: "{}")
                    #expect(response.status == .unauthorized, "\(method) \(path) with \(key ?? "no key")")
                    #expect(try response.problemCode() == "unauthorized")
                }
            }
        }
    }

    @Test("a key scoped to round B is refused on round A and on programme-wide operations, and changes nothing")
    func scopedKey() async throws {
        try await ServerFixture.with { fixture, client in
            let appointments = try await ScratchDatabase.count("appointment", in: fixture.rueda.database)
            let audit = try await ScratchDatabase.count("audit_log", in: fixture.rueda.database)
            let nit = fixture.roundA.round.participants[0].nit.description
            // Reading the directory and listing one's own rounds is what a scoped key may do outside its rounds.
            let reads: Set<String> = ["GET /api/v1/companies", "GET /api/v1/companies/\(nit)", "GET /api/v1/events"]
            for (method, path) in Self.operations(fixture) where !reads.contains("\(method) \(path)") {
                let response = try await client.send(method, path, key: fixture.scopedKey, body: "{}")
                #expect(response.status == .forbidden, "\(method) \(path)")
                #expect(try response.problemCode() == "forbidden")
            }
            #expect(try await ScratchDatabase.count("appointment", in: fixture.rueda.database) == appointments)
            #expect(try await ScratchDatabase.count("audit_log", in: fixture.rueda.database) == audit)
            let events = try #require(
                try (await client.get("/api/v1/events", key: fixture.scopedKey)).json() as? [[String: Any]])
            #expect(events.compactMap { ($0["event"] as? [String: Any])?["code"] as? String } == [fixture.roundB.code])
            let own = try await client.get("/api/v1/events/\(fixture.roundB.code)/candidates", key: fixture.scopedKey)
            #expect(own.status == .ok)
        }
    }

    @Test("repeated failed authentications from one address are slowed down with 429")
    func authRateLimit() async throws {
        var configuration = ServerFixture.configuration()
        configuration.authRateLimit = 5
        try await ServerFixture.with(publish: false, configuration: configuration) { fixture, client in
            var statuses: [Int] = []
            for _ in 0..<7 { statuses.append(Int(try await client.get("/api/v1/events", key: "rk_1_x").status.code)) }
            #expect(statuses == [401, 401, 401, 401, 401, 429, 429])
            #expect(try await client.get("/api/v1/events", key: fixture.allKey).status == .ok)
        }
    }

    @Test("tampered, expired and revoked links open nothing; a revoked link's session ends")
    func links() async throws {
        try await ServerFixture.with { fixture, client in
            let (_, invite) = try await fixture.scheduledBuyerA()
            let path = ServerFixture.path(invite)
            var tampered = Array(path)
            tampered[tampered.count - 5] = tampered[tampered.count - 5] == "A" ? "B" : "A"
            for bad in [
                String(tampered), String(path.dropLast(2)), "/i/", "/i/" + String(repeating: "x", count: 5_000),
            ] {
                let response = try await client.get(bad)
                #expect(response.status == .unauthorized || response.status == .notFound, "\(bad)")
                #expect(response.headers[.setCookie] == nil)
            }
            let cookie = try await client.signIn(invite)
            #expect(try await client.get("/p/agenda", cookie: cookie).status == .ok)

            _ = try await fixture.rueda.access.revokeInvites(fixture.roundA.code, company: invite.nit)
            #expect(try await client.get(path).status == .unauthorized)
            #expect(try await client.get("/p/agenda", cookie: cookie).status == .unauthorized)

            let other = try #require(fixture.invitesA.values.first { $0.nit != invite.nit })
            _ = try await fixture.rueda.database.client.query(
                "UPDATE invite SET created_at = now() - interval '2 days', expires_at = now() - interval '1 minute'",
                logger: fixture.rueda.database.logger)
            #expect(try await client.get(ServerFixture.path(other)).status == .unauthorized)
        }
    }

    @Test("a link's session cookie is HttpOnly, SameSite and Secure behind https, and expires with the link")
    func cookie() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let invite = try #require(fixture.invitesB.values.first)
            let response = try await client.get(ServerFixture.path(invite))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/p")
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Secure"))
            #expect(try await client.get("/p", cookie: "rueda_session=forged").status == .unauthorized)
            #expect(try await client.get("/p").status == .unauthorized)
            let session = try await client.signIn(invite)
            _ = try await fixture.rueda.database.client.query(
                "UPDATE participant_session SET expires_at = now() - interval '1 second'",
                logger: fixture.rueda.database.logger)
            #expect(try await client.get("/p", cookie: session).status == .unauthorized)
        }
    }

    @Test("a form without the session's CSRF token, or with another session's, is refused and changes nothing")
    func csrf() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let invite = try await fixture.inviteWithCandidatesB()
            let mine = try await client.signIn(invite)
            let theirs = try await client.signIn(try #require(fixture.invitesB.values.first { $0.nit != invite.nit }))
            let theirToken = try await client.csrf(theirs)
            let candidate = try #require(
                try await fixture.rueda.participants.candidates(try await Self.session(fixture, mine)).first)
            let before = try await fixture.requests(fixture.roundB)
            for token in [nil, "", theirToken, "x"] {
                var fields = [("nit", candidate.nit.description), ("level", "must")]
                if let token { fields.append(("csrf", token)) }
                let response = try await client.form("/p/interest", cookie: mine, fields)
                #expect(response.status == .forbidden)
            }
            #expect(try await fixture.requests(fixture.roundB) == before)
        }
    }

    @Test("a participant acts only on its own company in its own round")
    func ownCompanyOnly() async throws {
        try await ServerFixture.with { fixture, client in
            let (buyer, invite) = try await fixture.scheduledBuyerA()
            let cookie = try await client.signIn(invite)
            let token = try await client.csrf(cookie)
            let onlyInB = try #require(
                fixture.roundB.round.participants.map(\.nit).first { nit in
                    !fixture.roundA.round.participants.contains { $0.nit == nit }
                })
            let before = try await ScratchDatabase.count("meeting_request", in: fixture.rueda.database)
            for target in [onlyInB, buyer] {
                let response = try await client.form(
                    "/p/interest", cookie: cookie, [("csrf", token), ("nit", target.description), ("level", "must")])
                #expect(response.status.code >= 400 && response.status.code < 500)
            }
            #expect(try await ScratchDatabase.count("meeting_request", in: fixture.rueda.database) == before)

            _ = try await fixture.rueda.database.client.query(
                "UPDATE event SET status = 'closed'", logger: fixture.rueda.database.logger)
            let notMine = try await fixture.rueda.scheduling.show(fixture.roundA.code).appointments.first {
                $0.buyer != buyer && $0.supplier != buyer
            }
            if let notMine {
                let response = try await client.form(
                    "/p/outcomes", cookie: cookie,
                    [
                        ("csrf", token), ("nit", notMine.supplier.description), ("status", "held"), ("expected", "1"),
                        ("horizon", "3m"),
                    ])
                #expect(response.status == .notFound)
                #expect(try await ScratchDatabase.count("outcome", in: fixture.rueda.database) == 0)
            }
            let candidates = try await client.get("/p/candidates", cookie: cookie)
            for other in fixture.roundA.round.participants.map(\.nit) where other != buyer {
                let company = try #require(fixture.roundA.companies[other])
                if !company.email.isEmpty { #expect(!candidates.text.contains(company.email)) }
                if !company.phone.isEmpty { #expect(!candidates.text.contains(company.phone)) }
            }
        }
    }

    @Test("calendar feeds open only with a calendar token: never with an invite token, a tampered one or another's")
    func calendarFeeds() async throws {
        try await ServerFixture.with { fixture, client in
            let (buyer, invite) = try await fixture.scheduledBuyerA()
            let cookie = try await client.signIn(invite)
            let page = try await client.get("/p/agenda", cookie: cookie).text
            let start = try #require(page.range(of: ServerFixture.publicURL + "/cal/")).upperBound
            let feed = "/cal/" + page[start...].prefix { $0 != "\"" && $0 != "<" }
            let calendar = try await client.get(String(feed))
            #expect(calendar.status == .ok)
            #expect(calendar.text.contains("BEGIN:VCALENDAR"))
            #expect(calendar.text.contains(buyer.base) || calendar.text.contains("UID:"))
            let inviteToken = ServerFixture.path(invite).dropFirst(3)
            #expect(try await client.get("/cal/\(inviteToken).ics").status == .unauthorized)
            var tampered = Array(feed)
            tampered[10] = tampered[10] == "A" ? "B" : "A"
            #expect(try await client.get(String(tampered)).status == .unauthorized)
        }
    }

    @Test("opening links too often from one address is slowed down with 429")
    func linkRateLimit() async throws {
        var configuration = ServerFixture.configuration()
        configuration.linkRateLimit = 3
        try await ServerFixture.with(publish: false, configuration: configuration) { fixture, client in
            let invite = try #require(fixture.invitesB.values.first)
            var statuses: [Int] = []
            for _ in 0..<5 { statuses.append(Int(try await client.get(ServerFixture.path(invite)).status.code)) }
            #expect(statuses == [303, 303, 303, 429, 429])
        }
    }

    static func session(_ fixture: ServerFixture, _ cookie: String) async throws -> ParticipantSession {
        try #require(try await fixture.rueda.access.session(cookie: String(cookie.dropFirst("rueda_session=".count))))
    }
}

/// The session a cookie header belongs to.
func session(_ fixture: ServerFixture, _ cookie: String) async throws -> ParticipantSession {
    try await AuthorizationTests.session(fixture, cookie)
}
