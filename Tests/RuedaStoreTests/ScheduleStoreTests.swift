import Foundation
import PostgresNIO
import RuedaCore
import RuedaMatching
import RuedaSolver
import RuedaStore
import RuedaUseCases
import Testing

@Suite("Stored schedules")
struct ScheduleStoreTests {
    /// A seeded round, matched, so that a schedule can be planned.
    static func matched(_ rueda: Rueda, delegates: [Int] = []) async throws -> StoredRound {
        let round = try await StoredRound.seed(rueda, delegates: delegates)
        _ = try await rueda.matching.run(round.event.spec.code)
        return round
    }

    static let options = SolverOptions(seed: 3, threads: 1, iterations: 3_000)

    /// Solves the round into a draft with a small, reproducible budget.
    static func solve(_ rueda: Rueda, _ event: StoredEvent, keep: Bool = false) async throws -> SolveReport {
        var settings = ScheduleSettings()
        settings.keepPublished = keep
        return try await rueda.scheduling.solve(event.spec.code, settings: settings, options: options)
    }

    @Test("a solved schedule is stored as a draft with slot times in UTC and distinct tables per slot")
    func storedDraft() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await Self.matched(rueda)
            let report = try await Self.solve(rueda, round.event)
            let record = report.record
            #expect(record.version == 1)
            #expect(record.status == .draft)
            #expect(record.objective == Int64(report.schedule.objective))
            let repository = ScheduleRepository(database: rueda.database)
            let appointments = try await repository.appointments(of: record)
            #expect(appointments.count == report.schedule.meetings.count)
            #expect(!appointments.isEmpty)
            let slots = try round.event.spec.slots()
            for appointment in appointments {
                #expect(appointment.startsAt == slots[appointment.slot].startsAt)
                #expect(appointment.endsAt == slots[appointment.slot].endsAt)
            }
            let tables = appointments.map { [$0.slot, $0.table] }
            #expect(Set(tables).count == tables.count)
            #expect(try await repository.problem(of: record) == report.problem)
            #expect(try await rueda.selection.event(round.event.spec.code).status == .scheduled)
            #expect(report.timings.steps.map(\.step) == ["build", "solve", "store"])
        }
    }

    @Test("publishing freezes a version and supersedes the previously published one")
    func publishFreezes() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await Self.matched(rueda)
            let code = round.event.spec.code
            _ = try await Self.solve(rueda, round.event)
            let first = try await rueda.scheduling.publish(code)
            #expect(first.status == .published)
            await #expect(throws: (any Error).self) {
                _ = try await rueda.database.client.query(
                    "UPDATE appointment SET table_number = table_number + 100", logger: rueda.database.logger
                ).collect()
            }
            do {
                _ = try await rueda.scheduling.publish(code, version: 1)
                Issue.record("a published version was published again")
            } catch let error as RuedaError {
                #expect(error.code == .conflict)
            }
            _ = try await Self.solve(rueda, round.event)
            let second = try await rueda.scheduling.publish(code)
            #expect(second.version == 2)
            let versions = try await rueda.scheduling.versions(code)
            #expect(versions.map(\.status) == [.published, .superseded])
        }
    }

    @Test("keeping the published schedule holds every published meeting at its slot and table, and fits a late joiner")
    func keepPublished() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let round = try await Self.matched(rueda)
            let code = round.event.spec.code
            _ = try await Self.solve(rueda, round.event)
            let published = try await rueda.scheduling.publish(code)
            let repository = ScheduleRepository(database: rueda.database)
            let before = try await repository.appointments(of: published)

            // A late joiner: a copy of an enrolled supplier under a new NIT, free all day.
            let enrolment = EnrolmentRepository(database: rueda.database)
            let participants = try await enrolment.participants(in: round.event).map(\.participant)
            let model = try #require(participants.first { $0.role == .supplier })
            let companies = CompanyRepository(database: rueda.database)
            var company = try #require(try await companies.find(model.nit)).company
            company.nit = try NIT(base: "901999991")
            company.name = "Llegó Tarde S.A.S."
            _ = try await companies.upsert([company])
            var late = model
            late.nit = company.nit
            late.availableSlots = Array(0..<16)
            _ = try await enrolment.enrol([late], in: round.event)
            _ = try await rueda.matching.run(code)

            let report = try await Self.solve(rueda, round.event, keep: true)
            #expect(report.schedule.status != .infeasible)
            #expect(report.record.basedOn == published.id)
            let after = try await repository.appointments(of: report.record)
            let placed = Dictionary(after.map { ($0.pair, [$0.slot, $0.table]) }, uniquingKeysWith: { a, _ in a })
            for appointment in before {
                #expect(placed[appointment.pair] == [appointment.slot, appointment.table])
            }
            #expect(after.count >= before.count)
        }
    }
}
