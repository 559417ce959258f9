import Foundation
import PostgresNIO
import RuedaCore
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

/// The database keeps its promises whoever writes to it: published schedules, match runs and outcome reports do
/// not change, and broken rules come back as messages a user can act on.
@Suite("Database integrity")
struct IntegrityTests {
    /// Runs SQL as another program would, returning the SQLSTATE and constraint of the error, or nil on success.
    static func attempt(_ sql: String, in database: Database) async -> (state: String?, constraint: String?)? {
        do {
            _ = try await database.client.query(PostgresQuery(unsafeSQL: sql), logger: database.logger).collect()
            return nil
        } catch let error as PSQLError {
            return (error.serverInfo?[.sqlState], error.serverInfo?[.constraintName])
        } catch {
            return ("?", nil)
        }
    }

    @Test("a published schedule's appointments cannot be deleted, added, changed or truncated")
    func publishedScheduleFrozen() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let (_, record) = try await FlowTests.published(database)
            let before = try await TestDatabase.count("appointment", in: database)
            let id = record.id
            for sql in [
                "DELETE FROM appointment WHERE schedule_id = \(id)",
                "UPDATE appointment SET table_number = table_number + 100 WHERE schedule_id = \(id)",
                """
                INSERT INTO appointment (schedule_id, buyer_company_id, supplier_company_id, slot_index, starts_at,
                    ends_at, table_number, weight)
                SELECT schedule_id, supplier_company_id, buyer_company_id, slot_index, starts_at, ends_at,
                    table_number + 1000, weight FROM appointment WHERE schedule_id = \(id) LIMIT 1
                """,
                "TRUNCATE appointment CASCADE",
                "DELETE FROM schedule WHERE id = \(id)",
                "INSERT INTO schedule (event_id, version, status, problem, objective, upper_bound, solver_status, stats, "
                    + "published_at) VALUES (\(record.eventID), 99, 'published', '{}', 0, 0, 'optimal', '{}', now())",
            ] {
                let failure = await Self.attempt(sql, in: database)
                #expect(failure?.state == "55000", "\(sql.prefix(40)) was allowed")
            }
            #expect(try await TestDatabase.count("appointment", in: database) == before)
        }
    }

    @Test("a draft's appointments may change; only published versions are frozen")
    func draftsChange() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await ScheduleStoreTests.matched(database)
            let record = try await ScheduleStoreTests.solve(try database.rueda(), round.event).record
            #expect(await Self.attempt("DELETE FROM appointment WHERE schedule_id = \(record.id)", in: database) == nil)
            #expect(await Self.attempt("DELETE FROM schedule WHERE id = \(record.id)", in: database) == nil)
        }
    }

    @Test("a stored match run cannot gain, change or lose candidates, nor be deleted")
    func matchRunsImmutable() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let round = try await ScheduleStoreTests.matched(database)
            let record = try #require(try await MatchRepository(database: database).current(in: round.event))
            let before = try await TestDatabase.count("match_candidate", in: database)
            for sql in [
                "DELETE FROM match_candidate WHERE run_id = \(record.id)",
                "UPDATE match_candidate SET score = 100 WHERE run_id = \(record.id)",
                """
                INSERT INTO match_candidate SELECT run_id, supplier_company_id, buyer_company_id, demand_position,
                    offer_position, score, sector, product, requirements, interest, probability, deal_size_cop,
                    expected_value_cop, rank_for_buyer, rank_for_supplier, sector_basis, shared_terms
                FROM match_candidate WHERE run_id = \(record.id) LIMIT 1
                """,
                "DELETE FROM match_miss", "TRUNCATE match_candidate", "DELETE FROM match_run WHERE id = \(record.id)",
                "UPDATE match_run SET expected_value_cop = 1 WHERE id = \(record.id)",
            ] {
                let failure = await Self.attempt(sql, in: database)
                #expect(failure?.state == "55000", "\(sql.prefix(40)) was allowed")
            }
            #expect(try await TestDatabase.count("match_candidate", in: database) == before)
        }
    }

    @Test("outcome reports are a history: none changes or disappears")
    func outcomesAppendOnly() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let (round, record) = try await FlowTests.published(database)
            let appointment = try #require(
                try await ScheduleRepository(database: database).appointments(of: record).first)
            try await OutcomeRepository(database: database).record(
                [Outcome(buyer: appointment.buyer, supplier: appointment.supplier, status: .held, reportedBy: "t")],
                in: round.event)
            #expect(await Self.attempt("UPDATE outcome SET status = 'no-show'", in: database)?.state == "55000")
            #expect(await Self.attempt("DELETE FROM outcome", in: database)?.state == "55000")
        }
    }

    @Test("a broken constraint comes back as a message naming the rule, not as a database error")
    func namedConstraints() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let nit = try NIT(base: "900123456")
            let evil = Company(
                nit: nit, name: "Evil\u{1B}[2J", departmentCode: "05", size: .micro, activities: ["1011"])
            do {
                _ = try await CompanyRepository(database: database).upsert([evil])
                Issue.record("the control character was stored")
            } catch let error as StoreError {
                #expect(error.code == .invalidInput)
                #expect(error.message.contains("company text may not hold control characters"))
                #expect(!error.detailsLogged)
            }
        }
    }

    @Test("'3' names the event coded 3, never the event with id 3; id:3 names the id")
    func eventReferences() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let rueda = try database.rueda()
            var spec = EventSlotSpecs.simple
            spec.code = "rueda-a"
            let first = try await rueda.events.create(spec)
            func find(_ reference: String) async throws -> StoredEvent? {
                do { return try await rueda.selection.event(reference) } catch let error as RuedaError {
                    #expect(error.code == .notFound)
                    return nil
                }
            }
            #expect(try await find(String(first.id.rawValue)) == nil)
            #expect(try await find("id:\(first.id)")?.spec.code == "rueda-a")
            #expect(try await find("rueda-a")?.id == first.id)
            // A legacy event whose code is the other's id is found by its code only.
            _ = try await database.client.query(
                """
                INSERT INTO event (code, name, dates, day_start, day_end, slot_minutes)
                VALUES (\(String(first.id.rawValue + 1)), 'legacy', '{2027-03-09}', '08:00', '10:00', 30)
                """, logger: database.logger
            ).collect()
            #expect(try await find(String(first.id.rawValue + 1))?.spec.name == "legacy")
            #expect(try await find(String(first.id.rawValue)) == nil)
        }
    }

    @Test("one writer per event: a second writer is refused at once with a message naming the event")
    func eventLock() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let (entered, enter) = AsyncStream.makeStream(of: Void.self)
            let (released, release) = AsyncStream.makeStream(of: Void.self)
            async let holder: Void = database.withEventLock(eventID: EventID(42), code: "rueda-x") {
                enter.yield()
                for await _ in released { break }
            }
            for await _ in entered { break }
            do {
                try await database.withEventLock(eventID: EventID(42), code: "rueda-x") {}
                Issue.record("two writers held the event")
            } catch let error as StoreError {
                #expect(error.code == .busy)
                #expect(error.message.contains("rueda-x"))
            }
            try await database.withEventLock(eventID: EventID(43), code: "other") {}
            release.yield()
            try await holder
            try await database.withEventLock(eventID: EventID(42), code: "rueda-x") {}
        }
    }
}

/// Event specifications for store tests.
enum EventSlotSpecs {
    static let simple = EventSpec(
        code: "rueda-t", name: "Rueda", dates: [LocalDate(year: 2027, month: 3, day: 9)],
        dayStart: LocalTime(minutes: 8 * 60), dayEnd: LocalTime(minutes: 10 * 60), slotMinutes: 30)
}
