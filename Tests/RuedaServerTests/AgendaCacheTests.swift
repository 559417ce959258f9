import Foundation
import RuedaCore
import RuedaStore
import RuedaTestSupport
import RuedaUseCases
import Testing

@Suite("Published agendas kept in the service's memory")
struct AgendaCacheTests {
    /// A buyer of round A with meetings: its stored event, its NIT and id, and one of its counterparts.
    static func buyer(_ fixture: ServerFixture) async throws -> (StoredEvent, (nit: NIT, id: CompanyID), NIT) {
        let (buyer, _) = try await fixture.scheduledBuyerA()
        let event = try await fixture.rueda.selection.event(fixture.roundA.code)
        let stored = try #require(try await CompanyRepository(database: fixture.rueda.database).find(buyer))
        let view = try await fixture.rueda.scheduling.show(fixture.roundA.code, company: buyer)
        let counterpart = try #require(view.appointments.first(where: { $0.buyer == buyer })).supplier
        return (event, (buyer, stored.id), counterpart)
    }

    @Test("an agenda is served from memory for its lifetime, and a new publication is read at once")
    func cachedUntilRepublished() async throws {
        try await ServerFixture.with { fixture, _ in
            let (event, buyer, counterpart) = try await Self.buyer(fixture)
            let cache = AgendaCache(lifetime: .seconds(3_600))
            let cached = Rueda(database: fixture.rueda.database, reference: fixture.rueda.reference, agendaCache: cache)
            let uncached = Rueda(
                database: fixture.rueda.database, reference: fixture.rueda.reference,
                agendaCache: AgendaCache(lifetime: .zero))
            let first = try await cached.agendas.agenda(of: event, company: buyer).agenda
            #expect(cache.count == 1)
            let name = try #require(first.companies[counterpart]?.name)

            var rename = CompanyFields()
            rename.name = "\(name) Renombrada"
            _ = try await fixture.rueda.companies.update(counterpart, rename)
            let served = try await cached.agendas.agenda(of: event, company: buyer).agenda
            #expect(served.companies[counterpart]?.name == name)
            let fresh = try await uncached.agendas.agenda(of: event, company: buyer).agenda
            #expect(fresh.companies[counterpart]?.name == "\(name) Renombrada")
            #expect(fresh.appointments.count == served.appointments.count)

            let report = try await fixture.rueda.scheduling.solve(
                fixture.roundA.code, options: .init(timeLimit: .seconds(1), seed: 2))
            _ = try await fixture.rueda.scheduling.publish(fixture.roundA.code, version: report.record.version)
            let republished = try await cached.agendas.agenda(of: event, company: buyer).agenda
            #expect(republished.version == report.record.version)
            #expect(republished.version != first.version)
            #expect(republished.companies[counterpart]?.name == "\(name) Renombrada")
        }
    }

    @Test("a draft is never cached, and a full cache drops its oldest agendas")
    func draftsAndCapacity() async throws {
        try await ServerFixture.with { fixture, _ in
            let (event, buyer, _) = try await Self.buyer(fixture)
            let cache = AgendaCache(lifetime: .seconds(3_600), capacity: 1)
            let cached = Rueda(database: fixture.rueda.database, reference: fixture.rueda.reference, agendaCache: cache)
            let draft = try await fixture.rueda.scheduling.solve(
                fixture.roundA.code, options: .init(timeLimit: .seconds(1), seed: 3))
            _ = try await cached.agendas.agenda(of: event, version: draft.record.version, company: buyer)
            #expect(cache.count == 0)

            let suppliers = try await fixture.rueda.scheduling.show(fixture.roundA.code).appointments.map(\.supplier)
            let supplier = try #require(suppliers.first)
            let other = try #require(try await CompanyRepository(database: fixture.rueda.database).find(supplier))
            _ = try await cached.agendas.agenda(of: event, company: buyer)
            _ = try await cached.agendas.agenda(of: event, company: (other.company.nit, other.id))
            #expect(cache.count == 1)
        }
    }

    @Test("a kept agenda page carries each session's own form token and each language its own page")
    func keptPageIsPersonal() async throws {
        try await ServerFixture.with { fixture, client in
            let (_, invite) = try await fixture.scheduledBuyerA()
            let first = try await client.signIn(invite)
            let second = try await client.signIn(invite)
            let tokens = (try await client.csrf(first), try await client.csrf(second))
            #expect(tokens.0 != tokens.1)
            let fresh = try await client.get("/p/agenda", cookie: first)
            #expect(fixture.agendaCache.renditionCount == 1)
            let kept = try await client.get("/p/agenda", cookie: first)
            let other = try await client.get("/p/agenda", cookie: second)
            #expect(fixture.agendaCache.renditionCount == 1)
            #expect(kept.text == fresh.text)
            #expect(kept.text.contains(#"name="csrf" value="\#(tokens.0)""#))
            #expect(!other.text.contains(tokens.0))
            #expect(other.text.contains(#"name="csrf" value="\#(tokens.1)""#))
            #expect(other.text.replacingOccurrences(of: tokens.1, with: tokens.0) == kept.text)
            #expect(!kept.text.contains(try Regex("csrf[0-9A-F]{32}")), "the stand-in for the token was left")

            let switched = try await client.form("/p/language", cookie: second, [("csrf", tokens.1), ("lang", "en")])
            #expect(switched.status == .found)
            let english = try await client.get("/p/agenda", cookie: second)
            #expect(english.text.contains("lang=\"en\""))
            #expect(try await client.get("/p/agenda", cookie: first).text.contains("lang=\"es\""))
            #expect(fixture.agendaCache.renditionCount == 2)
        }
    }
}
