import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RuedaCore
import RuedaServer
import RuedaStore
import RuedaTestSupport
import RuedaUseCases
import Testing

@Suite("The service's own routes")
struct ServiceRoutesTests {
    @Test("liveness and readiness answer, and readiness reports pending migrations as 503")
    func healthAndReadiness() async throws {
        try await ServerFixture.with(publish: false) { _, client in
            let live = try await client.get("/healthz")
            #expect(live.status == .ok)
            #expect((try live.json() as? [String: Any])?["status"] as? String == "alive")
            let ready = try await client.get("/readyz")
            #expect(ready.status == .ok)
            #expect((try ready.json() as? [String: Any])?["migrationsPending"] as? Int == 0)
        }
        let reference = try ReferenceData.bundled()
        try await ScratchDatabase.withEmptyDatabase { database in
            let router = try await RuedaServer.router(
                rueda: Rueda(database: database, reference: reference), configuration: ServerConfiguration(),
                metrics: ServerFixture.registry)
            try await Application(router: router, logger: ScratchDatabase.logger).test(.router) { client in
                let ready = try await client.get("/readyz")
                #expect(ready.status == .serviceUnavailable)
                let pending = (try ready.json() as? [String: Any])?["migrationsPending"] as? Int ?? 0
                #expect(pending > 0)
                #expect(try await client.get("/healthz").status == .ok)
            }
        }
    }

    @Test("metrics count requests by route and status, and show the database pool and the jobs by state")
    func metrics() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            _ = try await fixture.rueda.jobs.enqueueMatch(fixture.roundB.code)
            _ = try await fixture.rueda.jobs.enqueueMatch(fixture.roundB.code)
            _ = try await client.get("/api/v1/events", key: fixture.allKey)
            _ = try await client.get("/api/v1/events")
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            let lines = metrics.text.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("hb_requests") && $0.contains("/api/v1/events") })
            #expect(lines.contains { $0.hasPrefix("hb_requests") && $0.contains("http_response_status_code=\"401\"") })
            #expect(lines.contains { $0.hasPrefix("rueda_db_connections_in_use") })
            #expect(lines.contains { $0.hasPrefix("rueda_db_connection_wait_seconds") })
            // One registry per test process: other tests queue jobs too, so at least the two queued here.
            let queued = lines.first { $0.hasPrefix("rueda_jobs{state=\"queued\"}") }
            #expect(queued.flatMap { $0.split(separator: " ").last.flatMap { Double($0) } }.map { $0 >= 2 } == true)
            #expect(lines.contains { $0.hasPrefix("rueda_jobs{state=\"failed\"}") })
        }
    }

    @Test("the OpenAPI document and the stylesheet are served")
    func documents() async throws {
        try await ServerFixture.with(publish: false) { _, client in
            let document = try await client.get("/openapi.yaml")
            #expect(document.status == .ok)
            #expect(document.text.hasPrefix("openapi: 3.1"))
            #expect(document.text.contains("operationId: listCompanies"))
            let style = try await client.get("/static/rueda.css")
            #expect(style.status == .ok)
            #expect(style.headers[.contentType]?.hasPrefix("text/css") == true)
        }
    }

    @Test("every response carries the security headers, and the policy allows no script")
    func securityHeaders() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            for response in [
                try await client.get("/healthz"), try await client.get("/api/v1/events", key: fixture.allKey),
                try await client.get("/p"), try await client.get("/nowhere"),
            ] {
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'"))
                #expect(!policy.contains("script-src"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            }
        }
    }

    @Test("errors are problem documents with a code, never an empty body")
    func problems() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            let missing = try await client.get("/api/v1/events/no-such-round", key: fixture.allKey)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(try missing.problemCode() == "notFound")
            let problem = try #require(try missing.json() as? [String: Any])
            #expect((problem["detail"] as? String)?.contains("no-such-round") == true)
            #expect(problem["status"] as? Int == 404)
            let route = try await client.get("/api/v1/nothing-here", key: fixture.allKey)
            #expect(route.status == .notFound)
            #expect(try route.problemCode() == "notFound")
            let badJSON = try await client.send(.post, "/api/v1/events", key: fixture.allKey, body: "{\"code\": ")
            #expect(badJSON.status.code >= 400 && badJSON.status.code < 500)
            #expect(try badJSON.problemCode() == "invalidInput")
        }
    }

    @Test("a NUL or another control character in a parameter or a JSON string is a 422 naming it, never a 500")
    func controlCharactersAreRefused() async throws {
        try await ServerFixture.with(publish: false) { fixture, client in
            // Schemathesis found this one: PostgreSQL text cannot hold NUL.
            let search = try await client.get("/api/v1/companies?text=%00caf%C3%A9&ciiu=0127", key: fixture.allKey)
            #expect(search.status == .unprocessableContent)
            #expect(search.text.contains("text must not contain control characters"))
            let after = try await client.get("/api/v1/companies?after=a%01b", key: fixture.allKey)
            #expect(after.status == .unprocessableContent)
            let body = try await client.send(
                .post, "/api/v1/events", key: fixture.allKey,
                body: #"{"code": "nul-01", "name": "Rueda\u0000", "dates": ["2027-03-09"], "slotMinutes": 30}"#)
            #expect(body.status.code >= 400 && body.status.code < 500, "\(body.status)")
            // Lengths are code points, as JSON Schema counts them (Schemathesis found combining marks passing).
            let marks = String(repeating: "o\u{0301}\u{0332}", count: 100)  // 100 graphemes, 300 code points
            let long = try await client.send(
                .post, "/api/v1/events", key: fixture.allKey,
                body: #"{"code": "marks-01", "name": "\#(marks)", "dates": ["2027-03-09"], "slotMinutes": 30}"#)
            #expect(long.status == .unprocessableContent, "\(long.status)")
        }
    }
}
