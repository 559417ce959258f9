import Foundation
import PostgresNIO
import RuedaCore
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

@Suite("Companies and enrolment in PostgreSQL")
struct RepositoryTests {
    static func company(
        _ base: String, name: String = "Empresa", ciiu: [String] = ["1011"], certs: [String] = []
    )
        throws -> Company
    {
        Company(
            nit: try NIT(base: base), name: name, departmentCode: "11", size: .pequena, activities: ciiu,
            certifications: certs, products: ["café tostado"])
    }

    @Test("upsert by NIT inserts, then changes nothing on the same rows, then updates only what changed")
    func idempotentUpsert() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let repository = CompanyRepository(database: database)
            let companies = try [
                Self.company("900123456"), Self.company("800197268", ciiu: ["6201", "6202"]), Self.company("860034313"),
            ]
            #expect(try await repository.upsert(companies) == UpsertSummary(inserted: 3))
            #expect(try await repository.upsert(companies) == UpsertSummary(unchanged: 3))
            var changed = companies
            changed[1].activities = ["6202", "6201"]
            changed[2].certifications = ["iso-9001"]
            #expect(try await repository.upsert(changed) == UpsertSummary(updated: 2, unchanged: 1))
            let stored = try #require(try await repository.find(changed[1].nit))
            #expect(stored.company == changed[1])
            #expect(try await repository.find(changed[2].nit)?.company.certifications == ["iso-9001"])
        }
    }

    @Test("products with a quote, backslash or comma that a combining mark follows are stored unchanged")
    func hiddenSeparatorsInLists() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let repository = CompanyRepository(database: database)
            var company = try Self.company("900123456")
            company.products = ["café \"\u{301}especial", "barra \\\u{301}", "coma,\u{301} y \"fin\""]
            #expect(try await repository.upsert([company]) == UpsertSummary(inserted: 1))
            let stored = try #require(try await repository.find(company.nit))
            #expect(stored.company.products == company.products)
        }
    }

    @Test("listing filters by CIIU prefix or section, department, size, certification and accent-free text")
    func listFilters() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let repository = CompanyRepository(database: database)
            var coffee = try Self.company("900123456", name: "Café Andino", ciiu: ["1062"], certs: ["invima"])
            coffee.departmentCode = "41"
            var software = try Self.company("800197268", name: "Código Abierto", ciiu: ["6201"])
            software.products = ["desarrollo de software"]
            _ = try await repository.upsert([coffee, software])
            func names(_ filter: CompanyFilter) async throws -> [String] {
                try await repository.list(filter).map(\.company.name)
            }
            #expect(try await names(CompanyFilter(ciiuPrefix: "106")) == ["Café Andino"])
            #expect(try await names(CompanyFilter(ciiuPrefix: "J")) == ["Código Abierto"])
            #expect(try await names(CompanyFilter(departmentCode: "41")).count == 1)
            #expect(try await names(CompanyFilter(certification: "invima")).count == 1)
            #expect(try await names(CompanyFilter(text: "cafe")) == ["Café Andino"])
            #expect(try await names(CompanyFilter(text: "CAFÉ ANDINO")) == ["Café Andino"])
            #expect(try await names(CompanyFilter(size: .grande)).isEmpty)
            // Keyset paging: the page after the first company holds the second.
            #expect(try await names(CompanyFilter(limit: 1)) == ["Café Andino"])
            #expect(try await names(CompanyFilter(limit: 1, after: (coffee.name, coffee.nit))) == ["Código Abierto"])
        }
    }

    @Test("10,000 companies go in as one batch and all of them are stored")
    func bulkImport() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            let files = DemoGenerator(.init(buyers: 2_500, suppliers: 7_500, events: 1, seed: 3)).generate()
            let text = try #require(files.files.first { $0.name == "companies.csv" }?.text)
            let result = RowImport.companies(
                table: try CSVTable(reader: try CSVReader(text: text), columns: CompanyFields.columns),
                reference: try .bundled())
            #expect(result.accepted.count == 10_000)
            let summary = try await CompanyRepository(database: database).upsert(result.accepted.map(\.value))
            #expect(summary.inserted == 10_000)
            #expect(try await TestDatabase.count("company", in: database) == 10_000)
            #expect(try await TestDatabase.count("company_activity", in: database) >= 10_000)
        }
    }

    @Test("an event keeps its slots in UTC; enrolment and requests upsert, and re-enrolling changes nothing")
    func enrolment() async throws {
        try await TestDatabase.withRueda { rueda, _ in
            let database = rueda.database
            let buyer = try Self.company("890900608", ciiu: ["4711"])
            let supplier = try Self.company("900123456", ciiu: ["1062"])
            _ = try await CompanyRepository(database: database).upsert([buyer, supplier])
            let spec = EventSpec(
                code: "r1", name: "Rueda", dates: [LocalDate(year: 2027, month: 3, day: 9)],
                dayStart: .init(minutes: 480),
                dayEnd: .init(minutes: 1020), slotMinutes: 30,
                breaks: [.init(start: .init(minutes: 720), end: .init(minutes: 780))],
                tables: 40)
            let event = try await rueda.events.create(spec)
            #expect(event.spec == spec)
            let conflict = await #expect(throws: RuedaError.self) { try await rueda.events.create(spec) }
            #expect(conflict?.code == .conflict)
            #expect(try await TestDatabase.count("event_slot", in: database) == 16)
            let first = try await database.client.query(
                "SELECT to_char(starts_at AT TIME ZONE 'UTC', 'HH24:MI') FROM event_slot WHERE slot_index = 0",
                logger: TestDatabase.logger)
            for try await utc in first.decode(String.self) { #expect(utc == "13:00") }

            let participants = [
                Participant(
                    nit: buyer.nit, role: .buyer, availableSlots: Array(0..<8), maxMeetings: 8,
                    demands: [Demand(ciiu: ["106"], keywords: "café", budget: COP(9_000_000)), Demand(ciiu: ["1011"])]),
                Participant(
                    nit: supplier.nit, role: .supplier, availableSlots: Array(0..<16), maxMeetings: 6, minMeetings: 1,
                    offers: [Offer(ciiu: ["1062"], products: "café tostado", capacity: 500)]),
            ]
            let enrolment = EnrolmentRepository(database: database)
            let summary = try await enrolment.enrol(participants, in: event)
            #expect(summary.participants == UpsertSummary(inserted: 2))
            #expect(try await enrolment.enrol(participants, in: event).participants == UpsertSummary(unchanged: 2))
            var fewer = participants
            fewer[0].demands.removeLast()
            #expect(try await enrolment.enrol(fewer, in: event).participants == UpsertSummary(updated: 1, unchanged: 1))
            #expect(try await enrolment.participants(in: event).map(\.participant) == fewer)

            let requests = [
                MeetingRequest(from: supplier.nit, to: buyer.nit, level: .must),
                MeetingRequest(from: buyer.nit, to: supplier.nit, level: .no, note: "ya es proveedor"),
            ]
            #expect(try await enrolment.saveRequests(requests, in: event) == UpsertSummary(inserted: 2))
            #expect(try await enrolment.saveRequests(requests, in: event) == UpsertSummary(unchanged: 2))
            #expect(Set(try await enrolment.requests(in: event)) == Set(requests))
            #expect(
                Set(try await enrolment.participants(in: event).map(\.participant.nit)) == [buyer.nit, supplier.nit])
        }
    }
}
