import Foundation
import RuedaCore
import Testing

@testable import RuedaExport

@Suite("Event report")
struct ReportTests {
    static func report() throws -> EventReport {
        let agenda = try ExportFixture.agenda()
        let requests = [
            MeetingRequest(from: ExportFixture.buyerA, to: ExportFixture.supplierA, level: .must),
            MeetingRequest(from: ExportFixture.supplierA, to: ExportFixture.buyerA, level: .like),
            MeetingRequest(from: ExportFixture.supplierB, to: ExportFixture.buyerB, level: .like),
            MeetingRequest(from: ExportFixture.buyerB, to: ExportFixture.supplierA, level: .no),
        ]
        let outcomes = [
            Outcome(
                buyer: ExportFixture.buyerA, supplier: ExportFixture.supplierA, status: .held,
                expected: COP(10_000_000),
                horizon: .threeMonths, reportedBy: "buyer"),
            Outcome(
                buyer: ExportFixture.buyerA, supplier: ExportFixture.supplierB, status: .noShow, reportedBy: "buyer"),
        ]
        let input = ReportInput(
            agenda: agenda, requests: requests, outcomes: outcomes,
            solver: SolverFigures(status: "optimal", objective: 10, upperBound: 10, gap: 0, holes: 1, shortfall: 0))
        return EventReport(input, ciiu: try ReferenceData.bundled().ciiu)
    }

    @Test("meeting, attendance and utilisation figures match a hand count of the small round")
    func counts() throws {
        let report = try Self.report()
        #expect(report.buyers == 2)
        #expect(report.suppliers == 2)
        #expect(report.requestsMust == 1)
        #expect(report.requestsLike == 2)
        #expect(report.vetoes == 1)
        // A–SA asked both ways counts once; B–SB once: two requested meetings.
        #expect(report.meetingsRequested == 2)
        #expect(report.meetingsScheduled == 3)
        #expect(report.held == 1)
        #expect(report.noShows == 1)
        #expect(report.cancelled == 0)
        #expect(report.unreported == 1)
        #expect(report.buyersWithoutMeetings == 0)
        #expect(report.suppliersWithoutMeetings == 0)
        #expect(report.meetingsPerSlot == [1, 1, 1, 0])
        // 3 meetings over 2 tables × 4 slots.
        #expect(report.tableUtilisation == 3.0 / 8.0)
        // 6 company-meetings over 4 + 2 + 4 + 3 available company-slots.
        #expect(report.availabilityUtilisation == 6.0 / 13.0)
    }

    @Test("expected value before and reported value after add up by sector, department and size")
    func values() throws {
        let report = try Self.report()
        #expect(report.expectedCOP == 8_000_000)
        #expect(report.reportedCOP == 10_000_000)
        #expect(report.reportedByHorizon == ["3m": 10_000_000])
        // Sectors follow the supplier: Café Andino (1061, section C division 10) and Cacao (1082, also C 10).
        #expect(report.bySection.map(\.key) == ["C"])
        #expect(report.bySection.first?.expectedCOP == 8_000_000)
        #expect(
            report.bySupplierDepartment.map { "\($0.key):\($0.expectedCOP):\($0.reportedCOP)" } == [
                "41:4000000:10000000", "68:4000000:0",
            ])
        #expect(report.byBuyerSize.map { "\($0.key):\($0.meetings):\($0.held)" } == ["grande:2:1", "mediana:1:0"])
        #expect(report.topPairs.first?.supplierName == "Café Andino S.A.S.")
        #expect(report.topPairs.first?.reportedCOP == 10_000_000)
    }

    @Test("the HTML report draws its charts as inline SVG and loads nothing from the network")
    func htmlIsSelfContained() throws {
        let html = ReportWriter.html(try Self.report())
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"))
        #expect(!html.contains("https://"))
        #expect(ReportWriter.text(try Self.report()).contains("meetings: 3 scheduled, 1 held, 1 no-shows"))
    }
}
