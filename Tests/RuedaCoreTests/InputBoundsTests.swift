import Foundation
import Testing

@testable import RuedaCore

/// Every number and text a user gives is checked where it enters: out-of-range values are refused with the row,
/// the column and the allowed range, instead of trapping later.
@Suite("Input bounds")
struct InputBoundsTests {
    let reference: ReferenceData

    init() throws {
        reference = try ReferenceData.bundled()
    }

    static let spec = EventSpec(
        code: "bounds-1", name: "Rueda", dates: [LocalDate(year: 2027, month: 3, day: 9)],
        dayStart: LocalTime(minutes: 8 * 60), dayEnd: LocalTime(minutes: 12 * 60), slotMinutes: 30, tables: 10)

    func enrol(_ header: String, _ row: String) throws -> RowImport<Participant> {
        let nit = try NIT(base: "900123456")
        let company = Company(nit: nit, name: "A", departmentCode: "05", size: .micro, activities: ["1011"])
        let validator = EnrolmentValidator(
            reference: reference, event: Self.spec, slots: try Self.spec.slots(), companies: [nit: company])
        let table = try CSVTable(
            reader: try CSVReader(text: header + "\n" + row + "\n"), columns: EnrolmentValidator.columns)
        return RowImport.enrolment(table: table, validator: validator)
    }

    @Test(
        "enrolment numbers out of range are refused with row, column and range",
        arguments: [
            ("delegates", "9223372036854775807"), ("delegates", "51"), ("delegates", "0"),
            ("max_meetings", "9223372036854775807"), ("min_meetings", "99999999999999999999"),
            ("max_meetings", "-3"),
        ])
    func enrolmentLimits(column: String, value: String) throws {
        let result = try enrol("nit,role,products,\(column)", "900123456,supplier,arepas,\(value)")
        #expect(result.accepted.isEmpty)
        let issue = try #require(result.issues.first)
        #expect(issue.row == 2)
        #expect(issue.field == column)
        #expect(issue.reason.contains("between"))
    }

    @Test("quantities, capacities, budgets and prices beyond their ranges are refused")
    func demandAndOfferLimits() throws {
        let buyer = try enrol("nit,role,products,quantity,budget_cop", "900123456,buyer,arepas,2000000000,5")
        #expect(buyer.issues.map(\.field) == ["quantity"])
        let price = try enrol("nit,role,products,price_max_cop", "900123456,supplier,arepas,5000000000000000000")
        #expect(price.issues.map(\.field) == ["price_max_cop"])
        #expect(price.issues.first?.reason.contains("1.000.000.000.000.000") == true)
        #expect(throws: MoneyError.self) { try COP(parsing: "1.000.000.000.000.001") }
        #expect(try COP(parsing: "1.000.000.000.000.000").pesos == Bounds.pesos.upperBound)
    }

    @Test("a round whose slots exceed what the solver accepts is refused when it is created")
    func tooManySlots() {
        var spec = Self.spec
        spec.dates = (1...5).map { LocalDate(year: 2027, month: 3, day: $0) }
        spec.dayEnd = LocalTime(minutes: 18 * 60)
        spec.slotMinutes = 15
        let issues = spec.validate()
        #expect(issues.contains { $0.field == "slot-minutes" && $0.reason.contains("200 slots") })
        spec.slotMinutes = 60
        #expect(spec.validate().isEmpty, "5 days of 10 one-hour slots fit")
    }

    @Test("tables, day counts and room links out of range are refused")
    func eventLimits() {
        var spec = Self.spec
        spec.tables = Int.max
        #expect(spec.validate().map(\.field) == ["tables"])
        spec.tables = 10
        spec.roomLinkPattern = "javascript:alert(1)"
        #expect(spec.validate().map(\.field) == ["room-link"])
        spec.roomLinkPattern = "https://meet.example.org/sala-{room}"
        #expect(spec.validate().isEmpty)
        let fields = EventFields(
            code: "x-1", name: "R", dates: ["2027-03-09"], start: "08:00", end: "12:00", slotMinutes: "30",
            tables: "9223372036854775808")
        #expect(throws: InputError.self) { try fields.validate().get() }
    }

    @Test("time zones are IANA region names only", arguments: ["EST", "GMT+5", "UTC", "Etc/GMT+5", "Bogota", "X/Y"])
    func timeZonesRefused(zone: String) {
        var spec = Self.spec
        spec.timeZone = zone
        #expect(spec.validate().map(\.field) == ["time-zone"])
    }

    @Test(
        "real region time zones are accepted",
        arguments: ["America/Bogota", "Europe/Madrid", "America/Argentina/Buenos_Aires"])
    func timeZonesAccepted(zone: String) {
        var spec = Self.spec
        spec.timeZone = zone
        #expect(spec.validate().isEmpty)
    }

    @Test("an event code that is only digits is refused, so that codes and ids never collide")
    func numericCode() {
        var spec = Self.spec
        spec.code = "3"
        #expect(spec.validate().map(\.field) == ["code"])
    }
}

@Suite("Stored text")
struct StoredTextTests {
    @Test("control characters and escape sequences are refused at import with the row and column")
    func controlCharacters() throws {
        let reference = try ReferenceData.bundled()
        let csv =
            "nit,name,department,size,ciiu,description\n"
            + "900123456,\"Evil\u{1B}[2J Corp\",05,micro,1011,ok\n"
            + "900123457,Fine,05,micro,1011,\"two\nlines are fine\"\n"
            + "900123458,Bidi \u{202E}gnp.exe,05,micro,1011,\n"
        let table = try CSVTable(reader: try CSVReader(text: csv), columns: CompanyFields.columns)
        let result = RowImport.companies(table: table, reference: reference)
        #expect(result.accepted.map(\.row) == [3])
        #expect(result.issues.map(\.row) == [2, 4])
        #expect(result.issues.allSatisfy { $0.field == "name" })
        #expect(result.issues[0].description.contains("U+001B"))
        #expect(!result.issues.map(\.description).joined().contains("\u{1B}"))
    }

    @Test("text shown on a terminal has its control characters made visible")
    func visibleForTerminal() {
        #expect("a\u{1B}[31mb".visibleForTerminal == "a<U+001B>[31mb")
        #expect("line\nnext\ttab".visibleForTerminal == "line\nnext\ttab")
        #expect("\u{9B}2J".visibleForTerminal == "<U+009B>2J")
    }
}

@Suite("Spreadsheet-safe CSV")
struct SpreadsheetSafeCSVTests {
    @Test(
        "cells a spreadsheet would run as a formula get an apostrophe; numbers and text stay as they are",
        arguments: [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("+57 300 123 4567", "'+57 300 123 4567"),
            ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"), ("-5", "-5"), ("+3.5", "+3.5"),
            ("1.500.000", "1.500.000"), ("Café", "Café"), ("a=b", "a=b"), ("", ""), ("-", "'-"),
            ("=\u{301}HYPERLINK(1)", "'=\u{301}HYPERLINK(1)"), ("-\u{301}5", "'-\u{301}5"),
        ])
    func neutralised(input: String, expected: String) {
        #expect(CSVWriter.neutralised(input) == expected)
    }

    @Test(
        "a line break, or a quote, delimiter or space a combining mark hides, is quoted and reads back unchanged",
        arguments: [",", ";"])
    func hiddenSeparators(delimiter: String) throws {
        let rows = [
            ["x\"\u{301}y", "a\(delimiter)\u{301}b", "uno\r\ndos"],
            [" \u{301}espacio", "fin \u{301}", "\"\u{301}"],
        ]
        let writer = CSVWriter(delimiter: Character(delimiter), neutralisesFormulas: false)
        let text = writer.document(header: ["h1", "h2", "h3"], rows: rows)
        let reader = try CSVReader(text: text, delimiter: delimiter.utf8.first)
        #expect(Array(reader.records.dropFirst().map(\.fields)) == rows)
        #expect("x\"\u{301}y".replacingAll("\"", with: "\"\"") == "x\"\"\u{301}y")
        #expect("abcabc".replacingAll("bc", with: "") == "aa")
        #expect("añoaño".replacingAll("ñ", with: "n") == "anoano")
    }

    @Test("files Rueda writes read back unchanged: the apostrophe is removed on import")
    func roundTrip() throws {
        let values = ["=1+1", "+57 300", "@x", "-y", "plain", "'quoted"]
        let text = CSVWriter().document(header: ["nit", "name"], rows: values.map { ["900123456", $0] })
        #expect(text.contains("'=1+1"))
        let table = try CSVTable(reader: try CSVReader(text: text), columns: [CSVColumn("nit"), CSVColumn("name")])
        #expect(table.rows.map { $0["name"] } == values)
    }
}

@Suite("Arithmetic that cannot trap")
struct SaturatingArithmeticTests {
    @Test("sums of money saturate instead of overflowing")
    func saturating() {
        let huge: Int64 = 5_000_000_000_000_000_000
        #expect([huge, huge].saturatingSum { $0 } == Int64.max)
        #expect([-huge, -huge].saturatingSum { $0 } == Int64.min)
        #expect([1, 2, 3].saturatingSum { Int64($0) } == 6)
        #expect(huge.multipliedSaturating(by: 3) == Int64.max)
    }

    @Test(
        "doubles become whole pesos clamped to Int64, NaN as zero",
        arguments: [
            (1e300, Int64.max), (-1e300, Int64.min), (Double.infinity, Int64.max), (Double.nan, Int64(0)),
            (2.5, Int64(3)), (-2.5, Int64(-3)), (0x1p63, Int64.max),
        ] as [(Double, Int64)])
    func clamping(value: Double, expected: Int64) {
        #expect(Int64(clamping: value) == expected)
    }
}
