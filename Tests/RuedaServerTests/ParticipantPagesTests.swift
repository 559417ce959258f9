import Foundation
import HTTPTypes
import HummingbirdTesting
import PostgresNIO
import RuedaCore
import RuedaStore
import RuedaTestSupport
import RuedaUseCases
import Testing

@Suite("The participants' pages")
struct ParticipantPagesTests {
    @Test("a participant opens its link, sees its candidates with reasons, and its must-meet choice is stored")
    func interest() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let invite = try await fixture.inviteWithCandidatesB()
            let cookie = try await client.signIn(invite)
            let home = try await client.get("/p", cookie: cookie)
            #expect(home.status == .ok)
            #expect(home.text.contains(invite.name.replacingOccurrences(of: "&", with: "&amp;")))
            let session = try await session(fixture, cookie)
            let cards = try await fixture.rueda.participants.candidates(session)
            let candidate = try #require(cards.first)
            let page = try await client.get("/p/candidates", cookie: cookie)
            #expect(page.status == .ok)
            for card in cards { #expect(page.text.contains("id=\"c\(card.nit)\"")) }
            #expect(page.text.contains("¿Por qué?") || page.text.contains("Por qué"))
            let token = try await client.csrf(cookie)
            let posted = try await client.form(
                "/p/interest", cookie: cookie, [("csrf", token), ("nit", candidate.nit.description), ("level", "must")])
            #expect(posted.status == .found)
            #expect(posted.headers[.location] == "/p/candidates")
            let requests = try await fixture.requests(fixture.roundB)
            #expect(requests.contains { $0.from == invite.nit && $0.to == candidate.nit && $0.level == .must })
            let after = try await client.get("/p/candidates", cookie: cookie)
            #expect(after.text.contains("class=\"chosen\" data-level=\"must\""))
        }
    }

    @Test("requests closed by the organiser are shown read-only and a choice posted anyway is refused")
    func requestsClosed() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let invite = try await fixture.inviteWithCandidatesB()
            let cookie = try await client.signIn(invite)
            let token = try await client.csrf(cookie)
            let candidate = try #require(
                try await fixture.rueda.participants.candidates(try await session(fixture, cookie)).first)
            _ = try await fixture.rueda.events.setRequestsOpen(fixture.roundB.code, false)
            let page = try await client.get("/p/candidates", cookie: cookie)
            #expect(!page.text.contains("action=\"/p/interest\""))
            let before = try await fixture.requests(fixture.roundB)
            let response = try await client.form(
                "/p/interest", cookie: cookie, [("csrf", token), ("nit", candidate.nit.description), ("level", "no")])
            #expect(response.status == .conflict)
            #expect(try await fixture.requests(fixture.roundB) == before)
        }
    }

    @Test("the profile and availability change while the round is open; a bad e-mail changes nothing")
    func profile() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let invite = try #require(fixture.invitesB.values.first)
            let cookie = try await client.signIn(invite)
            let token = try await client.csrf(cookie)
            let page = try await client.get("/p/profile", cookie: cookie)
            #expect(page.text.contains("name=\"available\""))
            let fields: [(String, String)] = [
                ("csrf", token), ("description", "Tostadores de café de origen"), ("products", "café tostado"),
                ("contactName", "Ana Gómez"), ("email", "ana@cafe.example"), ("phone", "+57 601 5550000"),
                ("website", ""), ("available", "0"), ("available", "2"),
            ]
            let saved = try await client.form("/p/profile", cookie: cookie, fields)
            #expect(saved.status == .found)
            let company = try await fixture.company(invite.nit)
            #expect(company.description == "Tostadores de café de origen")
            #expect(company.email == "ana@cafe.example")
            let participant = try #require(
                try await fixture.participants(fixture.roundB).first {
                    $0.participant.nit == invite.nit
                })
            #expect(participant.participant.availableSlots == [0, 2])

            var bad = fields
            bad[4] = ("email", "no es un correo")
            bad[1] = ("description", "otra")
            let refused = try await client.form("/p/profile", cookie: cookie, bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("email"))
            #expect(try await fixture.company(invite.nit).description == "Tostadores de café de origen")
        }
    }

    @Test("after publishing, the agenda shows each meeting in the round's time zone, with .ics and a live feed")
    func agenda() async throws {
        try await ServerFixture.with { fixture, client in
            let (buyer, invite) = try await fixture.scheduledBuyerA()
            let cookie = try await client.signIn(invite)
            let page = try await client.get("/p/agenda", cookie: cookie)
            #expect(page.status == .ok)
            let view = try await fixture.rueda.scheduling.show(fixture.roundA.code, company: buyer)
            let zone = try #require(TimeZone(identifier: fixture.roundA.event.spec.timeZone))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            for appointment in view.appointments where appointment.buyer == buyer {
                #expect(page.text.contains(appointment.supplierName.replacingOccurrences(of: "&", with: "&amp;")))
                let parts = calendar.dateComponents([.hour, .minute], from: appointment.startsAt)
                let local = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
                #expect(page.text.contains(local))
            }
            let download = try await client.get("/p/agenda.ics", cookie: cookie)
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.contains("attachment") == true)
            let events = download.text.components(separatedBy: "BEGIN:VEVENT").count - 1
            #expect(events == view.appointments.filter { $0.buyer == buyer }.count)
        }
    }

    @Test("before publishing the agenda page says so and the calendar download is a 404 page")
    func agendaBeforePublishing() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let cookie = try await client.signIn(try #require(fixture.invitesB.values.first))
            #expect(try await client.get("/p/agenda", cookie: cookie).status == .ok)
            #expect(try await client.get("/p/agenda.ics", cookie: cookie).status == .notFound)
        }
    }

    @Test("after the round, a participant reports how a meeting went and the report joins its history")
    func outcomes() async throws {
        try await ServerFixture.with { fixture, client in
            let (buyer, invite) = try await fixture.scheduledBuyerA()
            let cookie = try await client.signIn(invite)
            let token = try await client.csrf(cookie)
            let meeting = try #require(
                try await fixture.rueda.scheduling.show(fixture.roundA.code).appointments.first { $0.buyer == buyer })
            let early = try await client.form(
                "/p/outcomes", cookie: cookie,
                [
                    ("csrf", token), ("nit", meeting.supplier.description), ("status", "held"), ("expected", "5000000"),
                    ("horizon", "6m"),
                ])
            #expect(early.status == .conflict)
            _ = try await fixture.rueda.database.client.query(
                "UPDATE event SET status = 'closed'", logger: fixture.rueda.database.logger)
            let form = try await client.get("/p/outcomes", cookie: cookie)
            #expect(form.text.contains("name=\"expected\""))
            let posted = try await client.form(
                "/p/outcomes", cookie: cookie,
                [
                    ("csrf", token), ("nit", meeting.supplier.description), ("status", "held"),
                    ("expected", "5.000.000"),
                    ("horizon", "6m"),
                ])
            #expect(posted.status == .found)
            let stored = try await fixture.rueda.outcomes.list(fixture.roundA.code)
            #expect(stored.count == 1)
            #expect(stored.first?.outcome.expected?.pesos == 5_000_000)
            #expect(stored.first?.outcome.reportedBy.contains(buyer.base) == true)
        }
    }

    @Test("the pages speak Spanish by default and English after the switch; logging out ends the session")
    func languageAndLogout() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let cookie = try await client.signIn(try #require(fixture.invitesB.values.first))
            let spanish = try await client.get("/p", cookie: cookie)
            #expect(spanish.text.contains("lang=\"es\""))
            let token = try await client.csrf(cookie)
            #expect(
                try await client.form("/p/language", cookie: cookie, [("csrf", token), ("lang", "en")]).status == .found
            )
            let english = try await client.get("/p", cookie: cookie)
            #expect(english.text.contains("lang=\"en\""))
            #expect(try await client.form("/p/logout", cookie: cookie, [("csrf", token)]).status == .found)
            #expect(try await client.get("/p", cookie: cookie).status == .unauthorized)
        }
    }
}
