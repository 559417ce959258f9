import Foundation
import HTTPTypes
import HummingbirdTesting
import RuedaCore
import RuedaStore
import RuedaTestSupport
import RuedaUseCases
import Testing

@Suite("Jobs through the API")
struct JobAPITests {
    @Test("a queued solve answers 202 with the job, a worker runs it, and polling the job gives the result's link")
    func queuedSolveIsPolled() async throws {
        try await ServerFixture.with { fixture, client in
            let code = fixture.roundB.code
            let queued = try await client.send(
                .post, "/api/v1/events/\(code)/schedules", key: fixture.allKey,
                body: #"{"queue": true, "timeLimitSeconds": 1}"#)
            #expect(queued.status == .accepted)
            let job = try OrganiserAPITests.object(queued)
            let id = try #require(job["id"] as? Int)
            #expect(job["href"] as? String == "/api/v1/jobs/\(id)")
            #expect(job["state"] as? String == "queued")
            #expect(try await JobWorker(rueda: fixture.rueda, configuration: WorkerConfiguration()).runOnce())
            let polled = try OrganiserAPITests.object(try await client.get("/api/v1/jobs/\(id)", key: fixture.allKey))
            #expect(polled["state"] as? String == "succeeded")
            let version = try #require(try await fixture.rueda.scheduling.versions(code).first?.version)
            #expect(polled["result"] as? String == "/api/v1/events/\(code)/schedules/\(version)")
        }
    }

    @Test("a key scoped to one round neither sees nor cancels another round's jobs; its own it can cancel")
    func jobsFollowKeyScopes() async throws {
        try await ServerFixture.with { fixture, client in
            let other = try await fixture.rueda.jobs.enqueueMatch(fixture.roundA.code)
            let mine = try await fixture.rueda.jobs.enqueueMatch(fixture.roundB.code)
            let hidden = try await client.get("/api/v1/jobs/\(other.id)", key: fixture.scopedKey)
            #expect(hidden.status == .notFound)
            let refused = try await client.send(.delete, "/api/v1/jobs/\(other.id)", key: fixture.scopedKey, body: "")
            #expect(refused.status == .notFound)
            #expect(try await fixture.rueda.jobs.show(other.id).state == .queued)
            let listed = try #require(
                try (await client.get("/api/v1/jobs", key: fixture.scopedKey)).json() as? [[String: Any]])
            #expect(listed.compactMap { $0["id"] as? Int } == [Int(mine.id)])
            let cancelled = try await client.send(.delete, "/api/v1/jobs/\(mine.id)", key: fixture.scopedKey, body: "")
            #expect(cancelled.status == .ok)
            #expect(try await fixture.rueda.jobs.show(mine.id).state == .cancelled)
        }
    }
}
