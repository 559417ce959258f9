import Foundation
import HummingbirdTesting
import PostgresNIO
import RuedaCore
import RuedaStore
import RuedaUseCases
import Testing

/// The service keeps participants' contexts and company listings in memory and checks each against the database on
/// every request: another process's write must show on the next request, and nothing else may be served stale.
@Suite("Memory the service checks against the database on every request")
struct ValidatedCacheTests {
    /// Runs SQL as another writer would, outside Rueda's use cases.
    static func write(_ fixture: ServerFixture, _ query: PostgresQuery) async throws {
        _ = try await fixture.rueda.database.client.query(query, logger: fixture.rueda.database.logger).collect()
    }

    /// A session cookie for a participant's link, opened by the organiser's instance (a process without a cache).
    static func cookie(_ fixture: ServerFixture, _ invite: InviteLink) async throws -> String {
        let token = String(try #require(invite.link.split(separator: "/").last))
        return try await fixture.rueda.access.openSession(link: token)
    }

    @Test("a participant's session served from memory follows every write another process makes to what it shows")
    func participantContextFollowsEveryWrite() async throws {
        try await ServerFixture.with { fixture, _ in
            let participants = try await fixture.participants(fixture.roundB)
            let buyer = try #require(participants.first { !$0.participant.demands.isEmpty })
            let supplier = try #require(participants.first { !$0.participant.offers.isEmpty })
            let cache = ParticipantCache()
            let served = Rueda(
                database: fixture.rueda.database, reference: fixture.rueda.reference, participantCache: cache)
            let buyerCookie = try await Self.cookie(fixture, try #require(fixture.invitesB[buyer.participant.nit]))
            let supplierCookie = try await Self.cookie(
                fixture, try #require(fixture.invitesB[supplier.participant.nit]))
            func session(_ cookie: String) async throws -> ParticipantSession {
                try #require(try await served.access.session(cookie: cookie))
            }

            let first = try await session(buyerCookie)
            let again = try await session(buyerCookie)
            #expect(cache.count == 1)
            #expect(cache.hits == 1)
            #expect(again.company == first.company && again.event == first.event)
            #expect(again.participant == first.participant)

            var rename = CompanyFields()
            rename.name = "\(first.company.company.name) Renombrada"
            _ = try await fixture.rueda.companies.update(buyer.participant.nit, rename)
            #expect(try await session(buyerCookie).company.company.name == rename.name)

            let company = first.company.id.rawValue
            try await Self.write(
                fixture,
                """
                INSERT INTO company_certification (company_id, certification_code)
                SELECT \(company), code FROM certification
                WHERE code NOT IN (SELECT certification_code FROM company_certification WHERE company_id = \(company))
                ORDER BY code LIMIT 1
                """)
            let certified = try await session(buyerCookie).company.company.certifications
            #expect(certified.count == first.company.company.certifications.count + 1)
            try await Self.write(
                fixture,
                """
                INSERT INTO company_activity (company_id, ciiu_code, position)
                SELECT \(company), code, 99 FROM ciiu_activity
                WHERE code NOT IN (SELECT ciiu_code FROM company_activity WHERE company_id = \(company))
                ORDER BY code LIMIT 1
                """)
            #expect(
                try await session(buyerCookie).company.company.activities.count
                    == first.company.company.activities.count + 1)
            try await Self.write(fixture, "DELETE FROM company_certification WHERE company_id = \(company)")
            #expect(try await session(buyerCookie).company.company.certifications.isEmpty)

            let participation = buyer.id.rawValue
            try await Self.write(
                fixture, "UPDATE participation SET max_meetings = max_meetings + 1 WHERE id = \(participation)")
            #expect(
                try await session(buyerCookie).participant.participant.maxMeetings
                    == buyer.participant.maxMeetings + 1)
            try await Self.write(
                fixture, "UPDATE demand SET keywords = 'tilapia renovada' WHERE participation_id = \(participation)")
            #expect(
                try await session(buyerCookie).participant.participant.demands.allSatisfy {
                    $0.keywords == "tilapia renovada"
                })
            try await Self.write(fixture, "DELETE FROM demand WHERE participation_id = \(participation)")
            #expect(try await session(buyerCookie).participant.participant.demands.isEmpty)

            let offered = try await session(supplierCookie)
            #expect(offered.participant.participant.offers.count == supplier.participant.offers.count)
            try await Self.write(
                fixture, "UPDATE offer SET products = 'cacao fino' WHERE participation_id = \(supplier.id.rawValue)")
            #expect(
                try await session(supplierCookie).participant.participant.offers.allSatisfy {
                    $0.products == "cacao fino"
                })

            let open = try await session(buyerCookie).event
            _ = try await fixture.rueda.events.setRequestsOpen(fixture.roundB.code, !open.requestsOpen)
            #expect(try await session(buyerCookie).event.requestsOpen == !open.requestsOpen)

            let hits = cache.hits
            _ = try await session(buyerCookie)
            #expect(cache.hits == hits + 1)

            _ = try await fixture.rueda.access.revokeInvites(fixture.roundB.code, company: buyer.participant.nit)
            #expect(try await served.access.session(cookie: buyerCookie) == nil)
        }
    }

    @Test("a new publication shows in a session served from memory, and a calendar feed follows the same rows")
    func publicationAndCalendarFeed() async throws {
        try await ServerFixture.with { fixture, _ in
            let (buyer, invite) = try await fixture.scheduledBuyerA()
            let cache = ParticipantCache()
            let served = Rueda(
                database: fixture.rueda.database, reference: fixture.rueda.reference, participantCache: cache)
            let cookie = try await Self.cookie(fixture, invite)
            let before = try #require(try await served.access.session(cookie: cookie))
            let published = try #require(before.publishedSchedule)
            let feed = String(try await served.access.calendarToken(for: before))
            #expect(try await served.access.calendar(token: feed)?.company.company.nit == buyer)

            let report = try await fixture.rueda.scheduling.solve(
                fixture.roundA.code, options: .init(timeLimit: .seconds(1), seed: 5))
            _ = try await fixture.rueda.scheduling.publish(fixture.roundA.code, version: report.record.version)
            let after = try #require(try await served.access.session(cookie: cookie))
            #expect(after.publishedSchedule == report.record.id)
            #expect(after.publishedSchedule != published)
            #expect(try await served.access.calendar(token: feed)?.publishedSchedule == report.record.id)

            var rename = CompanyFields()
            rename.name = "Otra Razón Social S.A.S."
            _ = try await fixture.rueda.companies.update(buyer, rename)
            #expect(try await served.access.calendar(token: feed)?.company.company.name == rename.name)
        }
    }

    @Test("the directory's version rises with each committed write to a company, its activities or certifications")
    func directoryVersionFollowsCompanyWrites() async throws {
        try await ServerFixture.with { fixture, _ in
            let companies = fixture.rueda.companies
            let nit = try #require(try await fixture.participants(fixture.roundA).first).participant.nit
            let company = try await companies.show(nit).id.rawValue
            let start = try await companies.directoryVersion()
            #expect(try await companies.directoryVersion() == start)

            var fields = CompanyFields()
            fields.city = "Pasto"
            _ = try await companies.update(nit, fields)
            let afterUpdate = try await companies.directoryVersion()
            #expect(afterUpdate > start)
            try await Self.write(
                fixture, "UPDATE company_activity SET position = position WHERE company_id = \(company)")
            let afterActivity = try await companies.directoryVersion()
            #expect(afterActivity > afterUpdate)
            try await Self.write(fixture, "DELETE FROM company_certification WHERE company_id = \(company)")
            let afterCertification = try await companies.directoryVersion()
            #expect(afterCertification > afterActivity)

            _ = try await fixture.rueda.events.setRequestsOpen(fixture.roundB.code, false)
            #expect(try await companies.directoryVersion() == afterCertification)
            struct Abandoned: Error {}
            await #expect(throws: (any Error).self) {
                try await fixture.rueda.database.transaction("an abandoned edit") { connection in
                    _ = try await connection.query(
                        "UPDATE company SET city = 'Ipiales' WHERE id = \(company)",
                        logger: fixture.rueda.database.logger
                    ).collect()
                    throw Abandoned()
                }
            }
            #expect(try await companies.directoryVersion() == afterCertification)
        }
    }

    @Test("a company listing is answered from memory until the directory changes, whoever changes it")
    func listingFollowsTheDirectory() async throws {
        try await ServerFixture.with { fixture, client in
            let uri = "/api/v1/companies?limit=3"
            let first = try await client.get(uri, key: fixture.allKey)
            #expect(first.status == .ok)
            let again = try await client.get(uri, key: fixture.allKey)
            #expect(again.status == .ok && again.body == first.body)
            #expect(again.headers[.contentType] == first.headers[.contentType])
            let other = try await client.get("/api/v1/companies?limit=2", key: fixture.allKey)
            #expect(other.body != first.body)

            let page = try OrganiserAPITests.object(first)
            let items = try #require(page["items"] as? [[String: Any]])
            let nit = try NIT(parsing: try #require(items.first?["nit"] as? String))
            // A write that skips the triggers is not seen: the listing came from memory.
            try await fixture.rueda.database.transaction("a write without triggers") { connection in
                let logger = fixture.rueda.database.logger
                _ = try await connection.query("SET LOCAL session_replication_role = replica", logger: logger).collect()
                _ = try await connection.query(
                    "UPDATE company SET city = 'Sin Disparador' WHERE nit = \(nit.base)", logger: logger
                ).collect()
            }
            #expect(!String(buffer: try await client.get(uri, key: fixture.allKey).body).contains("Sin Disparador"))

            var fields = CompanyFields()
            fields.city = "Tumaco"
            _ = try await fixture.rueda.companies.update(nit, fields)
            let changed = String(buffer: try await client.get(uri, key: fixture.allKey).body)
            #expect(changed.contains("\"city\":\"Tumaco\""))
            #expect(try await client.get(uri, key: fixture.revokedKey).status == .unauthorized)
        }
    }
}
