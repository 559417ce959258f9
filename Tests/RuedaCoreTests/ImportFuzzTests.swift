import Foundation
import Testing

@testable import RuedaCore

/// Random bytes and random, valid-looking rows with extreme values through every importer: nothing traps, every
/// row is either accepted or rejected with its row number and a column, and accepted values are within bounds.
/// `RUEDA_FUZZ_ITERATIONS` runs more cases (docs/reliability.md).
@Suite("Import fuzzing")
struct ImportFuzzTests {
    static var iterations: Int {
        Int(ProcessInfo.processInfo.environment["RUEDA_FUZZ_ITERATIONS"] ?? "") ?? 300
    }

    let reference: ReferenceData
    let spec = EventSpec(
        code: "fuzz-1", name: "Rueda", dates: [LocalDate(year: 2027, month: 3, day: 9)],
        dayStart: LocalTime(minutes: 8 * 60), dayEnd: LocalTime(minutes: 17 * 60), slotMinutes: 30, tables: 10)

    init() throws {
        reference = try ReferenceData.bundled()
    }

    /// Cells an attacker or a broken spreadsheet might produce.
    static let nasty = [
        "", " ", "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "1e300", "inf", "NaN",
        "-1", "0", "1.000.000.000.000.001", "5000000000000000000", "\u{0}", "\u{1B}[31m", "\u{202E}txt", "\"",
        "\"\"", ";;;", ",", "\r", "\n", "=HYPERLINK(\"x\")", "+57", "@SUM", "Ñandú café", "😀", "am", "pm",
        "08:00-12:00|14:00-17:00", "25:00-26:00", "2027-03-09 08:00-09:00", "900123456", "800197268-1", "si", "no",
        "buyer", "supplier", "must", "like", "held", "3m", "1011|1020", "iso-9001", "05", "Antioquia", "micro",
        String(repeating: "x", count: 70_000),
    ]

    func randomCell(_ random: inout SeededGenerator) -> String {
        random.pick(Self.nasty)
    }

    func run(_ text: [UInt8]) {
        let nit = try? NIT(base: "900123456")
        var companies: [NIT: Company] = [:]
        if let nit {
            companies[nit] = Company(nit: nit, name: "A", departmentCode: "05", size: .micro, activities: ["1011"])
        }
        let imports: [([CSVColumn], (CSVTable) -> (accepted: Int, rejected: [RowImport<Int>.Rejected]))] = [
            (
                CompanyFields.columns,
                { table in
                    let result = RowImport.companies(table: table, reference: reference)
                    for company in result.accepted.map(\.value) {
                        #expect(company.name.count <= Bounds.nameLength)
                        #expect(TextPolicy.problem(in: company.name, multiline: false) == nil)
                    }
                    return (
                        result.accepted.count,
                        result.rejected.map { .init(row: $0.row, fields: $0.fields, issues: $0.issues) }
                    )
                }
            ),
            (
                EnrolmentValidator.columns,
                { table in
                    let validator = EnrolmentValidator(
                        reference: reference, event: spec, slots: (try? spec.slots()) ?? [], companies: companies)
                    let result = RowImport.enrolment(table: table, validator: validator)
                    for participant in result.accepted.map(\.value) {
                        #expect(Bounds.delegates.contains(participant.delegates))
                        #expect(participant.maxMeetings <= participant.availableSlots.count * participant.delegates)
                        for offer in participant.offers {
                            #expect(offer.priceMax.map { Bounds.pesos.contains($0.pesos) } ?? true)
                        }
                    }
                    return (
                        result.accepted.count,
                        result.rejected.map { .init(row: $0.row, fields: $0.fields, issues: $0.issues) }
                    )
                }
            ),
            (
                MeetingRequestValidator.columns,
                { table in
                    let result = RowImport.requests(
                        table: table, validator: MeetingRequestValidator(enrolled: Set(companies.keys)))
                    return (
                        result.accepted.count,
                        result.rejected.map { .init(row: $0.row, fields: $0.fields, issues: $0.issues) }
                    )
                }
            ),
            (
                OutcomeValidator.columns,
                { table in
                    let validator = OutcomeValidator(appointments: [])
                    let result = RowImport(table: table) { validator.validate(row: $0, defaultReporter: "fuzz") }
                    return (
                        result.accepted.count,
                        result.rejected.map { .init(row: $0.row, fields: $0.fields, issues: $0.issues) }
                    )
                }
            ),
            (
                EventFields.columns,
                { table in
                    let result = RowImport(table: table) { row in EventFields(row: row).validate(row: row.number) }
                    for event in result.accepted.map(\.value) {
                        #expect(((try? event.slots().count) ?? 0) <= Bounds.slotsPerEvent.upperBound)
                    }
                    return (
                        result.accepted.count,
                        result.rejected.map { .init(row: $0.row, fields: $0.fields, issues: $0.issues) }
                    )
                }
            ),
        ]
        for (columns, check) in imports {
            guard let reader = try? CSVReader(bytes: text), let table = try? CSVTable(reader: reader, columns: columns)
            else { continue }
            let (accepted, rejected) = check(table)
            #expect(accepted + rejected.count <= table.rows.count)
            for row in rejected {
                #expect(!row.issues.isEmpty)
                #expect(row.issues.allSatisfy { $0.row != nil && !$0.field.isEmpty })
            }
        }
    }

    @Test("random bytes, invalid UTF-8 and NUL never crash an importer")
    func randomBytes() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<Self.iterations {
            let length = Int(random.next() % 600)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // Mostly printable text with separators, so that headers sometimes match.
            if random.next() % 2 == 0 {
                let header = Array(
                    "nit,name,department,size,ciiu,role,from_nit,to_nit,level,buyer_nit,supplier_nit,status\n".utf8)
                bytes = header + bytes.map { $0 % 3 == 0 ? UInt8(ascii: ",") : $0 % 7 == 0 ? 10 : $0 }
            }
            run(bytes)
        }
    }

    @Test("random valid-looking rows with extreme values are accepted within bounds or refused by row and column")
    func extremeRows() {
        var random = SeededGenerator(seed: 12)
        let headers = [
            CompanyFields.columns, EnrolmentValidator.columns, MeetingRequestValidator.columns,
            OutcomeValidator.columns,
            EventFields.columns,
        ].map { $0.map(\.name) }
        for _ in 0..<Self.iterations {
            let header = random.pick(headers)
            let rows = (0..<1 + Int(random.next() % 5)).map { _ in
                header.map { _ in CSVWriter(neutralisesFormulas: false).escape(randomCell(&random)) }
                    .joined(separator: ",")
            }
            run(Array((header.joined(separator: ",") + "\n" + rows.joined(separator: "\n")).utf8))
        }
    }
}
