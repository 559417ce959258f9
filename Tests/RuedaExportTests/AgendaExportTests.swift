import Foundation
import RuedaCore
import Testing

@testable import RuedaExport

@Suite("Agenda exports")
struct AgendaExportTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares with the golden file; with RUEDA_UPDATE_GOLDEN=1 writes it instead.
    func expectGolden(_ text: String, _ name: String) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RUEDA_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        // Bytes, not strings: the byte order mark and CRLF line endings are part of the format.
        let expected = try Data(contentsOf: url)
        #expect(Data(text.utf8) == expected, "\(name) differs from its golden file")
    }

    @Test("a company's CSV, JSON, iCalendar and HTML agendas match their golden files")
    func companyGolden() throws {
        let writer = AgendaWriter(agenda: try ExportFixture.agenda())
        let nit = ExportFixture.buyerA
        try expectGolden(writer.companyCSV(nit, delimiter: ";"), "buyer-a.csv")
        try expectGolden(writer.companyJSON(nit), "buyer-a.json")
        try expectGolden(writer.companyICS(nit, stamp: ExportFixture.stamp), "buyer-a.ics")
        try expectGolden(writer.companiesHTML([nit]), "buyer-a.html")
    }

    @Test("the master agenda and the per-table sheet match their golden files")
    func masterGolden() throws {
        let writer = AgendaWriter(agenda: try ExportFixture.agenda())
        try expectGolden(writer.masterCSV(), "master.csv")
        try expectGolden(writer.masterJSON(), "master.json")
        try expectGolden(writer.masterHTML(), "master.html")
        let inPerson = AgendaWriter(agenda: try ExportFixture.agenda(mode: .inPerson))
        try expectGolden(inPerson.tablesCSV(), "tables.csv")
    }

    @Test("the CSV opens in Excel: a UTF-8 byte order mark, and the ';' delimiter when asked")
    func excelFriendlyCSV() throws {
        let csv = AgendaWriter(agenda: try ExportFixture.agenda()).companyCSV(ExportFixture.buyerA, delimiter: ";")
        #expect(csv.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(csv.contains("date;start;end;status"))
    }

    @Test("a company's agenda lists meetings, free and unavailable slots and the break in time order")
    func linesInOrder() throws {
        let agenda = try ExportFixture.agenda()
        let lines = agenda.lines(for: ExportFixture.buyerB)
        #expect(lines.map(\.kind) == [.free, .meeting, .pause, .unavailable, .unavailable])
        #expect(
            lines.map(\.time.description) == [
                "08:00-08:30", "08:30-09:00", "09:00-09:30", "09:30-10:00", "10:00-10:30",
            ])
    }

    @Test("iCalendar lines end in CRLF and fold at 75 octets, never inside a character")
    func icsFolding() throws {
        let ics = AgendaWriter(agenda: try ExportFixture.agenda()).companyICS(
            ExportFixture.buyerA, stamp: ExportFixture.stamp)
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let lines = ics.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(ics.contains("SUMMARY:Rueda Café\\, Cacao\\; y Más: reunión con Café Andino S.A.S."))
        #expect(
            AgendaWriter.fold(String(repeating: "é", count: 60)).components(separatedBy: "\r\n ").allSatisfy {
                $0.utf8.count <= 75
            })
    }

    @Test("re-exporting after a meeting moved keeps its UID and raises its SEQUENCE")
    func stableUIDs() throws {
        func events(_ ics: String) -> [String: (start: String, sequence: String)] {
            var result: [String: (String, String)] = [:]
            for block in ics.components(separatedBy: "BEGIN:VEVENT").dropFirst() {
                let fields = Dictionary(
                    block.components(separatedBy: "\r\n").compactMap { line -> (String, String)? in
                        guard let colon = line.firstIndex(of: ":") else { return nil }
                        return (String(line[..<colon]), String(line[line.index(after: colon)...]))
                    }, uniquingKeysWith: { a, _ in a })
                if let uid = fields["UID"] {
                    result[uid] = (fields["DTSTART;TZID=America/Bogota"] ?? "", fields["SEQUENCE"] ?? "")
                }
            }
            return result
        }
        let before = events(
            AgendaWriter(agenda: try ExportFixture.agenda()).companyICS(
                ExportFixture.buyerA, stamp: ExportFixture.stamp))
        let after = events(
            AgendaWriter(agenda: try ExportFixture.agenda(moved: true)).companyICS(
                ExportFixture.buyerA, stamp: ExportFixture.stamp))
        #expect(Set(before.keys) == Set(after.keys))
        let moved = "feria-1-900100100-800300300@rueda"
        #expect(before[moved]?.sequence == "0")
        #expect(after[moved]?.sequence == "1")
        #expect(before[moved]?.start != after[moved]?.start)
        let kept = "feria-1-900100100-800400400@rueda"
        #expect(after[kept]?.sequence == "0")
    }

    @Test("iCalendar text escapes a comma, semicolon or backslash even when a combining mark follows it")
    func escapesScalars() {
        #expect(AgendaWriter.escape("a,\u{301}b") == "a\\,\u{301}b")
        #expect(AgendaWriter.escape("x\\\u{301};\u{301}y") == "x\\\\\u{301}\\;\u{301}y")
        #expect(AgendaWriter.escape("uno\r\ndos\ntres") == "uno\\ndos\\ntres")
        #expect(AgendaWriter.escape("Café") == "Café")
    }

    @Test("HTML exports escape a quote or angle bracket even when a combining mark follows it")
    func htmlEscapesScalars() {
        let escaped = AgendaWriter.html("x\"\u{301} a=1 <\u{301}b>&\u{301}'\u{301}")
        let expected = "x&quot;\u{301} a=1 &lt;\u{301}b&gt;&amp;\u{301}&#39;\u{301}"
        #expect(escaped == expected)
    }

    @Test("an independent iCalendar parser (Python icalendar) reads every exported event with its time zone")
    func independentParser() throws {
        let ics = AgendaWriter(agenda: try ExportFixture.agenda()).companyICS(
            ExportFixture.buyerA, stamp: ExportFixture.stamp)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rueda-\(UUID().uuidString).ics")
        try ics.write(to: file, atomically: true, encoding: .utf8)
        let script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            events = cal.walk('VEVENT')
            assert cal['METHOD'] == 'PUBLISH'
            for event in events:
                assert event['DTSTART'].dt.tzinfo is not None and str(event['DTSTART'].dt.tzinfo) == 'America/Bogota'
                assert event['DTEND'].dt > event['DTSTART'].dt
            print(len(events), events[0]['DTSTART'].dt.isoformat(), events[0]['SUMMARY'])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "python icalendar: \(problems) (scripts/test installs it)")
        #expect(
            printed.hasPrefix("2 2027-03-09T08:00:00-05:00 Rueda Café, Cacao; y Más: reunión con Café Andino S.A.S."))
    }
}

@Suite("Draft agendas")
struct DraftAgendaTests {
    @Test("a draft version is marked as such: tentative calendar entries and a note on the printed page")
    func draftsAreMarked() throws {
        var agenda = try ExportFixture.agenda()
        agenda.published = false
        let writer = AgendaWriter(agenda: agenda)
        let ics = writer.companyICS(ExportFixture.buyerA, stamp: ExportFixture.stamp)
        #expect(ics.contains("STATUS:TENTATIVE"))
        #expect(!ics.contains("STATUS:CONFIRMED"))
        #expect(writer.companiesHTML([ExportFixture.buyerA]).contains("BORRADOR"))
    }
}
