import RuedaCore
import Testing

@testable import RuedaExport

@Suite("Requests honoured")
struct RequestTallyTests {
    @Test("requests are counted by level and side, scheduled or not, with the run's reason or 'not placed'")
    func talliesByHand() throws {
        let agenda = try ExportFixture.agenda()  // scheduled: A–SA, A–SB, B–SB
        let (a, b, sa, sb) = (
            ExportFixture.buyerA, ExportFixture.buyerB, ExportFixture.supplierA, ExportFixture.supplierB
        )
        let requests = [
            MeetingRequest(from: a, to: sa, level: .must),  // scheduled
            MeetingRequest(from: b, to: sa, level: .must),  // filtered by the run
            MeetingRequest(from: sa, to: a, level: .like),  // scheduled
            MeetingRequest(from: sa, to: b, level: .like),  // a candidate the schedule could not place
            MeetingRequest(from: sb, to: a, level: .must),  // scheduled
            MeetingRequest(from: b, to: sb, level: .like),  // scheduled
            MeetingRequest(from: a, to: sb, level: .no),  // a veto is not a request to meet
        ]
        var input = ReportInput(agenda: agenda, requests: requests, outcomes: [], solver: nil)
        input.requestReasons[RequestKey(from: b, to: sa)] = "filtered: no slot where both are available"
        input.requestCandidates.insert(RequestKey(from: sa, to: b))
        let report = EventReport(input, ciiu: try ReferenceData.bundled().ciiu)
        let tallies = Dictionary(
            report.requests.map { ("\($0.level)-\($0.requestedBy)", $0) }, uniquingKeysWith: { x, _ in x })
        let mustBuyers = try #require(tallies["must-buyer"])
        #expect((mustBuyers.made, mustBuyers.scheduled) == (2, 1))
        #expect(mustBuyers.notScheduled == [.init(reason: "filtered: no slot where both are available", count: 1)])
        let mustSuppliers = try #require(tallies["must-supplier"])
        #expect((mustSuppliers.made, mustSuppliers.scheduled, mustSuppliers.honoured) == (1, 1, 1))
        let likeSuppliers = try #require(tallies["like-supplier"])
        #expect((likeSuppliers.made, likeSuppliers.scheduled) == (2, 1))
        #expect(likeSuppliers.notScheduled == [.init(reason: EventReport.notPlaced, count: 1)])
        let likeBuyers = try #require(tallies["like-buyer"])
        #expect((likeBuyers.made, likeBuyers.scheduled) == (1, 1))
        #expect(report.requests.map(\.level) == ["must", "must", "like", "like"])
        #expect(ReportWriter.text(report).contains("must-meet from buyers: 2 made, 1 scheduled (50.0%)"))
    }

    @Test("a request the run has no record of is reported as not in the match run")
    func unknownRequests() throws {
        let agenda = try ExportFixture.agenda()
        let requests = [MeetingRequest(from: ExportFixture.buyerB, to: ExportFixture.supplierA, level: .must)]
        let report = EventReport(
            ReportInput(agenda: agenda, requests: requests, outcomes: [], solver: nil),
            ciiu: try ReferenceData.bundled().ciiu)
        #expect(report.requests.first?.notScheduled == [.init(reason: EventReport.notInRun, count: 1)])
    }
}
