import Foundation
import RuedaCore

extension AgendaWriter {
    struct CompanyDocument: Encodable {
        struct Line: Encodable {
            var date: String
            var start: String
            var end: String
            var status: String
            var place: String?
            var counterpart: Counterpart?
        }

        struct Counterpart: Encodable {
            var nit: String
            var name: String
            var department: String
            var sector: String
            var offersOrSeeks: String
            var contact: String
            var email: String
            var phone: String
        }

        var format = "rueda.agenda/1"
        var event: String
        var eventName: String
        var timeZone: String
        var version: Int
        var nit: String
        var company: String
        var role: String
        var agenda: [Line]
    }

    /// A company's agenda as JSON (`rueda.agenda/1`), times in the event's time zone.
    public func companyJSON(_ nit: NIT) -> String {
        let lines = agenda.lines(for: nit).map { line -> CompanyDocument.Line in
            var entry = CompanyDocument.Line(
                date: line.date.description, start: line.time.start.description, end: line.time.end.description,
                status: line.kind.rawValue)
            if let meeting = line.appointment, let other = line.counterpart {
                let company = agenda.companies[other]
                entry.place = agenda.place(meeting.table)
                entry.counterpart = CompanyDocument.Counterpart(
                    nit: other.description, name: company?.name ?? "", department: agenda.department(other),
                    sector: agenda.sector(other), offersOrSeeks: agenda.seeksOrOffers(other),
                    contact: company?.contactName ?? "", email: company?.email ?? "", phone: company?.phone ?? "")
            }
            return entry
        }
        let document = CompanyDocument(
            event: agenda.event.code, eventName: agenda.event.name, timeZone: agenda.event.timeZone,
            version: agenda.version, nit: nit.description, company: agenda.companies[nit]?.name ?? "",
            role: agenda.participants[nit]?.role.rawValue ?? "", agenda: lines)
        return Self.json(document)
    }

    struct MasterDocument: Encodable {
        struct Meeting: Encodable {
            var date: String
            var start: String
            var end: String
            var place: String
            var buyer: String
            var buyerName: String
            var supplier: String
            var supplierName: String
            var expectedCOP: Int64
        }

        var format = "rueda.master-agenda/1"
        var event: String
        var timeZone: String
        var version: Int
        var meetings: [Meeting]
    }

    /// Every meeting of the event as JSON (`rueda.master-agenda/1`).
    public func masterJSON() -> String {
        let meetings = agenda.appointments.map { meeting in
            let slot = agenda.slots[meeting.slot]
            return MasterDocument.Meeting(
                date: slot.date.description, start: slot.time.start.description, end: slot.time.end.description,
                place: agenda.place(meeting.table), buyer: meeting.buyer.description,
                buyerName: agenda.companies[meeting.buyer]?.name ?? "", supplier: meeting.supplier.description,
                supplierName: agenda.companies[meeting.supplier]?.name ?? "", expectedCOP: meeting.expectedValue)
        }
        return Self.json(
            MasterDocument(
                event: agenda.event.code, timeZone: agenda.event.timeZone, version: agenda.version, meetings: meetings))
    }

    static func json<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
