import Foundation
import HTTPTypes
import HummingbirdTesting
import RuedaCore
import RuedaStore
import RuedaTestSupport
import RuedaUseCases
import Testing

@Suite("The organiser API")
struct OrganiserAPITests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    static func example(_ name: String) throws -> String {
        try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try response.json() as? [String: Any])
    }

    @Test("an organiser runs the whole flow through the API: register, create, enrol, match, solve, publish, export")
    func wholeFlow() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let key = fixture.allKey
            let companies = try await client.send(
                .post, "/api/v1/companies/import", key: key, type: "text/csv", body: try Self.example("companies.csv"))
            #expect(companies.status == .ok)
            #expect(try Self.object(companies)["accepted"] as? Int == 3)
            let event = try await client.send(
                .post, "/api/v1/events", key: key,
                body:
                    #"{"code": "api-01", "name": "Rueda por API", "dates": ["2027-03-09", "2027-03-10"], "slotMinutes": 30, "tables": 4}"#
            )
            #expect(event.status == .created)
            #expect(try Self.object(event)["requestsOpen"] as? Bool == true)
            let enrolment = try await client.send(
                .post, "/api/v1/events/api-01/enrolment", key: key, type: "text/csv",
                body: try Self.example("participants.csv"))
            #expect(enrolment.status == .ok)
            let requests = try await client.send(
                .post, "/api/v1/events/api-01/requests", key: key, type: "text/csv",
                body: try Self.example("requests.csv"))
            #expect(requests.status == .ok)
            let run = try await client.send(.post, "/api/v1/events/api-01/match-runs", key: key, body: "{}")
            #expect(run.status == .created)
            let stored = try await fixture.rueda.matching.candidates("api-01", run: nil, company: nil, top: 50).1
            let candidates = try #require(
                try (await client.get("/api/v1/events/api-01/candidates", key: key)).json() as? [[String: Any]])
            #expect(candidates.count == stored.count)
            #expect(!candidates.isEmpty)

            let solved = try await client.send(
                .post, "/api/v1/events/api-01/schedules", key: key, body: #"{"timeLimitSeconds": 2, "seed": 3}"#)
            #expect(solved.status == .created)
            let version = try #require(try Self.object(solved)["version"] as? Int)
            let detail = try Self.object(try await client.get("/api/v1/events/api-01/schedules/\(version)", key: key))
            let appointments = try #require(detail["appointments"] as? [[String: Any]])
            let view = try await fixture.rueda.scheduling.show("api-01", version: version)
            #expect(appointments.count == view.appointments.count)
            #expect(!appointments.isEmpty)
            let published = try await client.send(
                .post, "/api/v1/events/api-01/schedules/\(version)/publish", key: key, body: "")
            #expect(published.status == .ok)
            #expect(try Self.object(published)["status"] as? String == "published")

            let buyer = try #require(appointments.first?["buyer"] as? String)
            let json = try Self.object(try await client.get("/api/v1/events/api-01/agendas/\(buyer)", key: key))
            #expect(json["event"] != nil)
            let csv = try await client.get("/api/v1/events/api-01/agendas/\(buyer)?format=csv", key: key)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let ics = try await client.get("/api/v1/events/api-01/agendas/\(buyer)?format=ics", key: key)
            #expect(ics.text.hasPrefix("BEGIN:VCALENDAR"))
            let html = try await client.get("/api/v1/events/api-01/agendas/\(buyer)?format=html", key: key)
            #expect(html.text.contains("<table"))
            let policy = try #require(html.headers[.contentSecurityPolicy])
            #expect(policy.contains("style-src 'unsafe-inline'") && !policy.contains("script"))
            let master = try await client.get("/api/v1/events/api-01/agendas/master?format=csv", key: key)
            #expect(master.text.split(whereSeparator: \.isNewline).count == appointments.count + 1)
            let masterICS = try await client.get("/api/v1/events/api-01/agendas/master?format=ics", key: key)
            #expect(masterICS.status == .unprocessableContent)

            let first = try #require(appointments.first)
            let outcome = try await client.send(
                .post, "/api/v1/events/api-01/outcomes", key: key,
                body: """
                    {"buyer": "\(first["buyer"] as? String ?? "")", "supplier": "\(first["supplier"] as? String ?? "")",
                     "status": "held", "expectedCOP": "12.000.000", "horizon": "3m"}
                    """)
            #expect(outcome.status == .created)
            let outcomes = try #require(
                try (await client.get("/api/v1/events/api-01/outcomes", key: key)).json() as? [[String: Any]])
            #expect(outcomes.count == 1)
            #expect(outcomes.first?["expectedCOP"] as? Int == 12_000_000)
            let report = try Self.object(try await client.get("/api/v1/events/api-01/report", key: key))
            #expect(report["meetingsScheduled"] as? Int == appointments.count)
            #expect(report["held"] as? Int == 1)
            let programme = try await client.get("/api/v1/report?format=html", key: key)
            #expect(programme.status == .ok)
            #expect(programme.text.contains("<svg") || programme.text.contains("<table"))

            let invites = try #require(
                try
                    (await client.send(
                        .post, "/api/v1/events/api-01/invites", key: key, body: #"{"company": "\#(buyer)"}"#
                    )).json() as? [[String: Any]])
            #expect(invites.count == 1)
            #expect((invites.first?["link"] as? String)?.hasPrefix(ServerFixture.publicURL + "/i/") == true)

            let closed = try await client.send(
                .patch, "/api/v1/events/api-01", key: key, body: #"{"requestsOpen": false}"#)
            #expect(try Self.object(closed)["requestsOpen"] as? Bool == false)
            let audit = try await ScratchDatabase.count("audit_log", in: fixture.rueda.database)
            #expect(audit >= 10)
        }
    }

    @Test("a CSV upload with a bad row is refused whole, naming the row and field, and stores nothing")
    func badUpload() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let before = try await ScratchDatabase.count("company", in: fixture.rueda.database)
            let csv = """
                nit;razón social;departamento;ciudad;tamaño;ciiu
                900123456;Café Andino S.A.S.;Huila;Pitalito;micro;1062
                12AB;Sin NIT;Huila;Neiva;micro;1062
                """
            let response = try await client.send(
                .post, "/api/v1/companies/import", key: fixture.allKey, type: "text/csv", body: csv)
            #expect(response.status == .unprocessableContent)
            #expect(try response.problemCode() == "invalidInput")
            let issues = try #require(try Self.object(response)["issues"] as? [[String: Any]])
            #expect(issues.contains { $0["row"] as? Int == 3 && $0["field"] as? String == "nit" })
            #expect(try await ScratchDatabase.count("company", in: fixture.rueda.database) == before)
        }
    }

    @Test("company listing pages through the directory with filters, and every page agrees with the store")
    func companyPaging() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            var seen: [String] = []
            var after: String?
            repeat {
                let uri = "/api/v1/companies?limit=7" + (after.map { "&after=\(Self.escape($0))" } ?? "")
                let page = try Self.object(try await client.get(uri, key: fixture.allKey))
                let items = try #require(page["items"] as? [[String: Any]])
                #expect(items.count <= 7)
                seen += items.compactMap { $0["nit"] as? String }
                after = page["next"] as? String
            } while after != nil
            let total = try await ScratchDatabase.count("company", in: fixture.rueda.database)
            #expect(seen.count == total)
            #expect(Set(seen).count == total)
            let nit = try #require(seen.first)
            let one = try Self.object(try await client.get("/api/v1/companies/\(nit)", key: fixture.allKey))
            #expect(one["nit"] as? String == nit)
            let updated = try await client.send(
                .put, "/api/v1/companies/\(nit)", key: fixture.allKey, body: #"{"phone": "+57 601 5550000"}"#)
            #expect(updated.status == .ok)
            #expect(try Self.object(updated)["phone"] as? String == "+57 601 5550000")
            let bad = try await client.send(
                .put, "/api/v1/companies/\(nit)", key: fixture.allKey, body: #"{"email": "not an address"}"#)
            #expect(bad.status == .unprocessableContent)
        }
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
