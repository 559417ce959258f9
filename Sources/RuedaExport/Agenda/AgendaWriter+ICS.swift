import Foundation
import RuedaCore

extension AgendaWriter {
    /// A company's meetings as an iCalendar file (RFC 5545): CRLF line endings, lines folded at 75 octets, escaped
    /// text, a VTIMEZONE for the event's zone, METHOD:PUBLISH, and per meeting a UID that stays the same across
    /// exports (event, buyer, supplier) with a SEQUENCE that grows each time the meeting moves, so calendar
    /// programs update the appointment rather than duplicate it. `stamp` is the DTSTAMP (the version's time).
    public func companyICS(_ nit: NIT, stamp: Date) -> String {
        let zone = TimeZone(identifier: agenda.event.timeZone) ?? TimeZone(secondsFromGMT: -5 * 3_600) ?? .current
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rueda//Agenda de rueda de negocios//ES", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape("\(agenda.event.name) – \(agenda.companies[nit]?.name ?? nit.description)"),
            "X-WR-TIMEZONE:\(agenda.event.timeZone)",
        ]
        lines += timeZoneComponent(zone)
        let dtstamp = Self.utc(stamp)
        for line in agenda.lines(for: nit) where line.kind == .meeting {
            guard let meeting = line.appointment, let other = line.counterpart else { continue }
            let company = agenda.companies[other]
            let name = company?.name ?? other.description
            var details = [
                "\(agenda.participants[other]?.role == .buyer ? "Comprador" : "Proveedor"): \(name) (NIT \(other))",
                "Departamento: \(agenda.department(other))", "Sector: \(agenda.sector(other))",
            ]
            let seeks = agenda.seeksOrOffers(other)
            if !seeks.isEmpty {
                details.append((agenda.participants[other]?.role == .buyer ? "Busca: " : "Ofrece: ") + seeks)
            }
            let contact = [company?.contactName, company?.email, company?.phone].compactMap { $0 }.filter {
                !$0.isEmpty
            }
            if !contact.isEmpty { details.append("Contacto: " + contact.joined(separator: ", ")) }
            lines += [
                "BEGIN:VEVENT",
                "UID:\(agenda.event.code)-\(meeting.buyer.base)-\(meeting.supplier.base)@rueda",
                "DTSTAMP:\(dtstamp)",
                "DTSTART;TZID=\(agenda.event.timeZone):\(Self.local(line.date, line.time.start))",
                "DTEND;TZID=\(agenda.event.timeZone):\(Self.local(line.date, line.time.end))",
                "SEQUENCE:\(meeting.sequence)",
                "SUMMARY:" + Self.escape("\(agenda.event.name): reunión con \(name)"),
                "LOCATION:" + Self.escape(agenda.place(meeting.table)),
                "DESCRIPTION:" + Self.escape(details.joined(separator: "\n")),
                // A draft version's meetings may still move.
                agenda.published ? "STATUS:CONFIRMED" : "STATUS:TENTATIVE",
                "TRANSP:OPAQUE",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A VTIMEZONE with the zone's offset during the event (its first date).
    func timeZoneComponent(_ zone: TimeZone) -> [String] {
        let first = agenda.slots.first?.startsAt ?? Date()
        let seconds = zone.secondsFromGMT(for: first)
        let sign = seconds < 0 ? "-" : "+"
        let hours = abs(seconds) / 3_600
        let minutes = abs(seconds) % 3_600 / 60
        let offset = sign + String(format: "%02d%02d", hours, minutes)
        let name = zone.abbreviation(for: first) ?? offset
        return [
            "BEGIN:VTIMEZONE", "TZID:\(agenda.event.timeZone)", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:\(offset)", "TZOFFSETTO:\(offset)", "TZNAME:\(Self.escape(name))", "END:STANDARD",
            "END:VTIMEZONE",
        ]
    }

    static func local(_ date: LocalDate, _ time: LocalTime) -> String {
        let pad: (Int) -> String = { $0 < 10 ? "0\($0)" : "\($0)" }
        return "\(date.year)\(pad(date.month))\(pad(date.day))T\(pad(time.minutes / 60))\(pad(time.minutes % 60))00"
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
    }

    /// TEXT escaping of RFC 5545 §3.3.11.
    static func escape(_ text: String) -> String {
        // Scalars, not Characters: a comma or backslash followed by a combining mark is one Character, yet still a
        // comma or a backslash to a calendar's parser.
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\".unicodeScalars
            case ";": result += "\\;".unicodeScalars
            case ",": result += "\\,".unicodeScalars
            case "\n": result += "\\n".unicodeScalars
            case "\r": continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character; continuation lines
    /// start with one space.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var parts: [String] = []
        var current = ""
        var size = 0
        var limit = 75
        for character in line {
            let length = String(character).utf8.count
            if size + length > limit {
                parts.append(current)
                current = ""
                size = 0
                limit = 74
            }
            current.append(character)
            size += length
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}
