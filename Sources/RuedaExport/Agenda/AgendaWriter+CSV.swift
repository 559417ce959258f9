import RuedaCore

/// Writes agendas in the formats organisers hand out: CSV, JSON, iCalendar and printable HTML.
public struct AgendaWriter: Sendable {
    public let agenda: Agenda

    public init(agenda: Agenda) {
        self.agenda = agenda
    }

    static let companyHeader = [
        "date", "start", "end", "status", "table_or_room", "counterpart", "counterpart_nit", "department", "sector",
        "offers_or_seeks", "contact", "email", "phone",
    ]

    /// A company's agenda as CSV: every slot in time order, breaks and free slots included. UTF-8 with a BOM so
    /// that Excel opens it correctly; `;` for Spanish-locale Excel.
    public func companyCSV(_ nit: NIT, delimiter: Character = ",") -> String {
        let rows = agenda.lines(for: nit).map { line -> [String] in
            var row = [line.date.description, line.time.start.description, line.time.end.description]
            switch line.kind {
            case .meeting:
                guard let meeting = line.appointment, let other = line.counterpart else { return row }
                let company = agenda.companies[other]
                row += [
                    "reunión", agenda.place(meeting.table), company?.name ?? other.description, other.description,
                    agenda.department(other), agenda.sector(other), agenda.seeksOrOffers(other),
                    company?.contactName ?? "", company?.email ?? "", company?.phone ?? "",
                ]
            case .free: row += ["libre"] + Array(repeating: "", count: 9)
            case .unavailable: row += ["no disponible"] + Array(repeating: "", count: 9)
            case .pause: row += ["descanso"] + Array(repeating: "", count: 9)
            }
            return row
        }
        return CSVWriter(delimiter: delimiter, byteOrderMark: true).document(header: Self.companyHeader, rows: rows)
    }

    static let masterHeader = [
        "date", "start", "end", "slot", "table_or_room", "buyer_nit", "buyer", "supplier_nit", "supplier",
        "expected_cop",
    ]

    /// Every meeting of the event by slot and table, for the organisers' desk.
    public func masterCSV(delimiter: Character = ",") -> String {
        let rows = agenda.appointments.map { meeting -> [String] in
            let slot = agenda.slots[meeting.slot]
            return [
                slot.date.description, slot.time.start.description, slot.time.end.description, String(meeting.slot + 1),
                agenda.place(meeting.table), meeting.buyer.description, agenda.companies[meeting.buyer]?.name ?? "",
                meeting.supplier.description, agenda.companies[meeting.supplier]?.name ?? "",
                String(meeting.expectedValue),
            ]
        }
        return CSVWriter(delimiter: delimiter, byteOrderMark: true).document(header: Self.masterHeader, rows: rows)
    }

    /// One sheet per table for in-person rounds: who sits at the table at each slot.
    public func tablesCSV(delimiter: Character = ",") -> String {
        let rows = agenda.appointments.sorted { ($0.table, $0.slot) < ($1.table, $1.slot) }.map { meeting -> [String] in
            let slot = agenda.slots[meeting.slot]
            return [
                agenda.place(meeting.table), slot.date.description, slot.time.start.description,
                slot.time.end.description, agenda.companies[meeting.buyer]?.name ?? meeting.buyer.description,
                agenda.companies[meeting.supplier]?.name ?? meeting.supplier.description,
            ]
        }
        return CSVWriter(delimiter: delimiter, byteOrderMark: true).document(
            header: ["table", "date", "start", "end", "buyer", "supplier"], rows: rows)
    }
}
