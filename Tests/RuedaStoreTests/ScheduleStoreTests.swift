import Foundation
import PostgresNIO
import RuedaCore
import RuedaMatching
import RuedaSolver
import Testing

@testable import RuedaStore

@Suite("Stored schedules")
struct ScheduleStoreTests {
    /// Matches the round and stores the run, so that a schedule can be planned.
    static func matched(_ database: Database) async throws -> StoredRound {
        let round = try await StoredRound.seed(database)
        let matcher = round.run()
        _ = try await MatchRepository(database: database).save(
            matcher.run(), scorer: matcher.scorer, options: matcher.options, startedAt: Date(), finishedAt: Date(),
            in: round.event)
        return round
    }

    static func solveAndSave(
        _ database: Database, _ event: StoredEvent, keep: Bool = false
    ) async throws
        -> (SchedulePlan, Schedule, ScheduleRecord)
    {
        var settings = ScheduleSettings()
        settings.keepPublished = keep
        let plan = try await SchedulePlanner(database: database).plan(event, settings: settings)
        let schedule = try Solver.solve(plan.problem, options: SolverOptions(seed: 3, iterations: 3_000))
        let record = try await ScheduleRepository(database: database).save(schedule, plan: plan, in: event)
        return (plan, schedule, record)
    }

    @Test("a solved schedule is stored as a draft with slot times in UTC and distinct tables per slot")
    func storedDraft() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await Self.matched(database)
            let (plan, schedule, record) = try await Self.solveAndSave(database, round.event)
            #expect(record.version == 1)
            #expect(record.status == "draft")
            #expect(record.objective == Int64(schedule.objective))
            let repository = ScheduleRepository(database: database)
            let appointments = try await repository.appointments(of: record)
            #expect(appointments.count == schedule.meetings.count)
            #expect(!appointments.isEmpty)
            let slots = try round.event.spec.slots()
            for appointment in appointments {
                #expect(appointment.startsAt == slots[appointment.slot].startsAt)
                #expect(appointment.endsAt == slots[appointment.slot].endsAt)
            }
            let tables = appointments.map { [$0.slot, $0.table] }
            #expect(Set(tables).count == tables.count)
            #expect(try await repository.problem(of: record) == plan.problem)
            let status = try await EventRepository(database: database).require(round.event.spec.code).status
            #expect(status == "scheduled")
        }
    }

    @Test("publishing freezes a version and supersedes the previously published one")
    func publishFreezes() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await Self.matched(database)
            let repository = ScheduleRepository(database: database)
            _ = try await Self.solveAndSave(database, round.event)
            let first = try await repository.publish(in: round.event, version: nil)
            #expect(first.status == "published")
            await #expect(throws: (any Error).self) {
                _ = try await database.client.query(
                    "UPDATE appointment SET table_number = table_number + 100", logger: database.logger
                ).collect()
            }
            await #expect(throws: StoreError.self) { _ = try await repository.publish(in: round.event, version: 1) }
            _ = try await Self.solveAndSave(database, round.event)
            let second = try await repository.publish(in: round.event, version: nil)
            #expect(second.version == 2)
            let versions = try await repository.versions(in: round.event)
            #expect(versions.map(\.status) == ["published", "superseded"])
        }
    }

    @Test("keeping the published schedule holds every published meeting at its slot and table, and fits a late joiner")
    func keepPublished() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await Self.matched(database)
            let repository = ScheduleRepository(database: database)
            _ = try await Self.solveAndSave(database, round.event)
            let published = try await repository.publish(in: round.event, version: nil)
            let before = try await repository.appointments(of: published)

            // A late joiner: a copy of an enrolled supplier under a new NIT, free all day.
            let enrolment = EnrolmentRepository(database: database)
            let participants = try await enrolment.participants(in: round.event)
            let model = try #require(participants.first { $0.role == .supplier })
            let companies = CompanyRepository(database: database)
            var company = try #require(try await companies.find(model.nit))
            company.nit = try NIT(base: "901999991")
            company.name = "Llegó Tarde S.A.S."
            _ = try await companies.upsert([company])
            var late = model
            late.nit = company.nit
            late.availableSlots = Array(0..<16)
            _ = try await enrolment.enrol([late], in: round.event)
            let population = try await MatchRepository(database: database).population(
                of: round.event, reference: try ReferenceData.bundled())
            let matcher = Matcher(population: population, configuration: MatchConfiguration())
            _ = try await MatchRepository(database: database).save(
                matcher.run(), scorer: matcher.scorer, options: matcher.options, startedAt: Date(), finishedAt: Date(),
                in: round.event)

            let (_, schedule, record) = try await Self.solveAndSave(database, round.event, keep: true)
            #expect(schedule.status != .infeasible)
            #expect(record.basedOn == published.id)
            let after = try await repository.appointments(of: record)
            let placed = Dictionary(
                after.map { ("\($0.buyer)|\($0.supplier)", [$0.slot, $0.table]) }, uniquingKeysWith: { a, _ in a })
            for appointment in before {
                #expect(
                    placed["\(appointment.buyer)|\(appointment.supplier)"] == [appointment.slot, appointment.table])
            }
            #expect(after.count >= before.count)
        }
    }
}
