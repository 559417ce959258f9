import RuedaCore
import RuedaExport
import Testing

@Suite("Gap report")
struct GapReportTests {
    static func nit(_ base: String) -> NIT {
        do { return try NIT(base: base) } catch { fatalError("\(error)") }
    }

    static func record(
        _ buyer: String, _ supplier: String, _ requirement: String, _ change: String, _ value: Int64,
        score: Double = 40, event: String = "R1"
    ) -> GapRecord {
        GapRecord(
            event: event, buyer: nit(buyer), buyerName: "B\(buyer)", supplier: nit(supplier),
            supplierName: "S\(supplier)", requirement: requirement, requirementLabel: requirement, change: change,
            score: 20, scoreIfClosed: score, expectedCOP: value)
    }

    @Test("requirements count distinct suppliers and buyers and add the value; each supplier gets its best change")
    func aggregatesByHand() throws {
        let records = [
            Self.record("900000001", "800000001", "certification", "invima", 300),
            Self.record("900000002", "800000001", "certification", "invima", 200),
            Self.record("900000001", "800000001", "capacity", "capacity 500", 450, score: 45),
            Self.record("900000001", "800000002", "certification", "invima", 100, score: 35),
            Self.record("900000003", "800000002", "size", "mediana", 50),
        ]
        let report = GapReport(events: ["R1"], minimumScore: 30, records: records, nearest: 2)
        let certification = try #require(report.requirements.first { $0.requirement == "certification" })
        #expect((certification.suppliers, certification.buyers, certification.pairs) == (2, 2, 3))
        #expect(certification.expectedCOP == 600)
        #expect(report.requirements.map(\.requirement) == ["certification", "capacity", "size"])

        // 800000001: invima opens two buyers worth 500, capacity one worth 450: invima is its one change.
        let first = try #require(report.suppliers.first { $0.supplier == Self.nit("800000001") })
        #expect((first.change, first.buyers, first.expectedCOP, first.otherChanges) == ("invima", 2, 500, 1))

        // Buyer 900000001: two suppliers one change away; its nearest is the capacity gap (score 45), and each
        // supplier counts once, by its best gap.
        let buyer = try #require(report.buyers.first { $0.buyer == Self.nit("900000001") })
        #expect(buyer.suppliersNear == 2)
        #expect(buyer.nearest.map(\.lacks) == ["capacity 500", "certification invima"])
        #expect(buyer.expectedCOP == 550)
    }

    @Test("gap CSV neutralises formulas in names")
    func csvIsSafe() {
        var record = Self.record("900000001", "800000001", "certification", "invima", 1)
        record.supplierName = "=HYPERLINK(\"http://x\")"
        #expect(GapWriter.csv([record]).contains("'=HYPERLINK"))
    }
}
