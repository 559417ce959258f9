import Foundation
import RuedaCore
import Testing

@testable import RuedaExport

/// Companies with several delegates hold several meetings in one slot: each must reach both companies' agendas.
@Suite("Agendas of companies with several delegates")
struct ParallelMeetingsTests {
    @Test("every appointment appears in both companies' agendas, in every format, with its table")
    func everyMeetingInEveryFormat() throws {
        let agenda = try ExportFixture.parallel()
        let writer = AgendaWriter(agenda: agenda)
        for nit in agenda.agendaCompanies {
            let expected = agenda.appointments.filter { $0.buyer == nit || $0.supplier == nit }
            let pairs = Set(expected.map { [$0.buyer.base, $0.supplier.base, agenda.place($0.table)] })

            let csvRows = writer.companyCSV(nit).components(separatedBy: "\r\n").filter { $0.contains(",reunión,") }
            #expect(csvRows.count == expected.count, "CSV of \(nit)")
            for appointment in expected {
                let other = appointment.buyer == nit ? appointment.supplier : appointment.buyer
                #expect(
                    csvRows.contains {
                        $0.contains(",\(agenda.place(appointment.table)),") && $0.contains(other.description)
                    },
                    "CSV of \(nit) lacks the meeting with \(other)")
            }

            let ics = writer.companyICS(nit, stamp: ExportFixture.stamp)
            let uids = ics.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
            #expect(uids.count == expected.count, "iCalendar of \(nit)")
            #expect(Set(uids).count == uids.count, "UIDs of \(nit) are unique")

            let json = try JSONSerialization.jsonObject(with: Data(writer.companyJSON(nit).utf8)) as? [String: Any]
            let lines = (json?["agenda"] as? [[String: Any]]) ?? []
            let meetings = lines.filter { $0["status"] as? String == "meeting" }
            let found = Set(
                meetings.compactMap { line -> [String]? in
                    guard let other = (line["counterpart"] as? [String: Any])?["nit"] as? String,
                        let place = line["place"] as? String, let otherNIT = try? NIT(parsing: other)
                    else { return nil }
                    let buyer = agenda.participants[nit]?.role == .buyer ? nit : otherNIT
                    let supplier = buyer == nit ? otherNIT : nit
                    return [buyer.base, supplier.base, place]
                })
            #expect(found == pairs, "JSON of \(nit)")

            let html = writer.companiesHTML([nit])
            #expect(
                html.components(separatedBy: "<tr class=\"meeting\">").count - 1 == expected.count, "HTML of \(nit)")
        }
    }

    @Test("a slot with three parallel meetings shows three lines, by table, and no free line")
    func threeLinesInOneSlot() throws {
        let agenda = try ExportFixture.parallel()
        let first = agenda.lines(for: ExportFixture.buyerA).filter { $0.time.description == "08:00-08:30" }
        #expect(first.map(\.kind) == [.meeting, .meeting, .meeting])
        #expect(first.compactMap(\.appointment?.table) == [0, 1, 2])
        #expect(
            first.compactMap(\.counterpart) == [
                ExportFixture.supplierA, ExportFixture.supplierB, ExportFixture.supplierC,
            ])
        let second = agenda.lines(for: ExportFixture.buyerB).filter { $0.time.description == "08:30-09:00" }
        #expect(second.compactMap(\.counterpart) == [ExportFixture.supplierA, ExportFixture.supplierC])
    }

    @Test("the agendas of a buyer with three delegates match their golden files")
    func parallelGolden() throws {
        let writer = AgendaWriter(agenda: try ExportFixture.parallel())
        let nit = ExportFixture.buyerA
        try AgendaExportTests().expectGolden(writer.companyCSV(nit), "parallel-buyer-a.csv")
        try AgendaExportTests().expectGolden(writer.companyJSON(nit), "parallel-buyer-a.json")
        try AgendaExportTests().expectGolden(writer.companyICS(nit, stamp: ExportFixture.stamp), "parallel-buyer-a.ics")
        try AgendaExportTests().expectGolden(writer.companiesHTML([nit]), "parallel-buyer-a.html")
    }
}
