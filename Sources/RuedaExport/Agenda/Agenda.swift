import Foundation
import RuedaCore

/// Everything an agenda export needs about one schedule version of an event, gathered from the store.
public struct Agenda: Sendable {
    public var event: EventSpec
    public var slots: [EventSlot]
    public var version: Int
    public var published: Bool
    public var companies: [NIT: Company]
    public var participants: [NIT: Participant]
    public var appointments: [Appointment]
    /// Titles of CIIU codes, for sector names.
    public var ciiuTitles: [String: String]
    /// Department names by DANE code.
    public var departmentNames: [String: String]

    /// One meeting of the schedule.
    public struct Appointment: Sendable, Hashable, Codable {
        public var buyer: NIT
        public var supplier: NIT
        public var slot: Int
        /// Table or room number from 0.
        public var table: Int
        /// How many times the meeting has moved across published versions (RFC 5545 SEQUENCE).
        public var sequence: Int
        public var expectedValue: Int64

        /// The two companies.
        public var pair: MeetingPair { MeetingPair(buyer: buyer, supplier: supplier) }

        public init(buyer: NIT, supplier: NIT, slot: Int, table: Int, sequence: Int, expectedValue: Int64) {
            self.buyer = buyer
            self.supplier = supplier
            self.slot = slot
            self.table = table
            self.sequence = sequence
            self.expectedValue = expectedValue
        }
    }

    public init(
        event: EventSpec, slots: [EventSlot], version: Int, published: Bool, companies: [NIT: Company],
        participants: [NIT: Participant], appointments: [Appointment], ciiuTitles: [String: String],
        departmentNames: [String: String]
    ) {
        self.event = event
        self.slots = slots
        self.version = version
        self.published = published
        self.companies = companies
        self.participants = participants
        self.appointments = appointments.sorted { ($0.slot, $0.table) < ($1.slot, $1.table) }
        self.ciiuTitles = ciiuTitles
        self.departmentNames = departmentNames
    }

    /// Companies with an agenda: every participant, by NIT.
    public var agendaCompanies: [NIT] { participants.keys.sorted { $0.base < $1.base } }

    /// The room or table label: `Mesa 3`, or the room link for virtual events with a pattern.
    /// The table or room's short name (`Mesa 3`, `Sala 3`), for places where a link is clickable.
    public func placeName(_ table: Int) -> String {
        event.mode == .virtual ? "Sala \(table + 1)" : "Mesa \(table + 1)"
    }

    /// The room's link, for virtual rounds with a link pattern.
    public func roomLink(_ table: Int) -> String? {
        guard event.mode == .virtual, !event.roomLinkPattern.isEmpty else { return nil }
        return event.roomLinkPattern.replacingAll("{room}", with: String(table + 1))
    }

    public func place(_ table: Int) -> String {
        if event.mode == .virtual && !event.roomLinkPattern.isEmpty {
            return event.roomLinkPattern.replacingAll("{room}", with: String(table + 1))
        }
        return event.mode == .virtual ? "Sala \(table + 1)" : "Mesa \(table + 1)"
    }

    /// What the company does, in a few words: its main activity's title.
    public func sector(_ nit: NIT) -> String {
        guard let code = companies[nit]?.activities.first else { return "" }
        return "\(code) \(ciiuTitles[code] ?? "")".trimmingWhitespace()
    }

    /// What a participant seeks (buyer) or offers (supplier), in words.
    public func seeksOrOffers(_ nit: NIT) -> String {
        guard let participant = participants[nit] else { return "" }
        let texts =
            participant.role == .buyer
            ? participant.demands.map { $0.keywords.isEmpty ? $0.ciiu.joined(separator: ", ") : $0.keywords }
            : participant.offers.map { $0.products.isEmpty ? $0.ciiu.joined(separator: ", ") : $0.products }
        return texts.filter { !$0.isEmpty }.joined(separator: "; ")
    }

    public func department(_ nit: NIT) -> String {
        guard let code = companies[nit]?.departmentCode else { return "" }
        return departmentNames[code] ?? code
    }

    /// The company's meetings, in slot and table order.
    public func appointments(of nit: NIT) -> [Appointment] {
        appointments.filter { $0.pair.involves(nit) }
    }

    /// The company's lines in its agenda, in time order with breaks between: one line per meeting (a company
    /// with several delegates holds several meetings in one slot, each on its own line, by table), and one free or
    /// unavailable line for each slot without a meeting.
    public func lines(for nit: NIT) -> [AgendaLine] {
        let meetings = Dictionary(grouping: appointments(of: nit), by: \.slot)
        let available = Set(participants[nit]?.availableSlots ?? [])
        var lines: [AgendaLine] = []
        for (index, slot) in slots.enumerated() {
            if index > 0 {
                let previous = slots[index - 1]
                if previous.day == slot.day && previous.time.end < slot.time.start {
                    lines.append(
                        AgendaLine(
                            date: slot.date, time: TimeRange(start: previous.time.end, end: slot.time.start),
                            kind: .pause, appointment: nil, counterpart: nil))
                }
            }
            let here = meetings[slot.index] ?? []
            for meeting in here {
                let counterpart = meeting.buyer == nit ? meeting.supplier : meeting.buyer
                lines.append(
                    AgendaLine(
                        date: slot.date, time: slot.time, kind: .meeting, appointment: meeting, counterpart: counterpart
                    ))
            }
            if here.isEmpty {
                lines.append(
                    AgendaLine(
                        date: slot.date, time: slot.time, kind: available.contains(slot.index) ? .free : .unavailable,
                        appointment: nil, counterpart: nil))
            }
        }
        return lines
    }
}

/// One row of a company's agenda.
public struct AgendaLine: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case meeting
        /// Available, no meeting.
        case free
        /// Not available at this slot.
        case unavailable
        /// A break of the event between slots.
        case pause = "break"
    }

    public var date: LocalDate
    public var time: TimeRange
    public var kind: Kind
    public var appointment: Agenda.Appointment?
    public var counterpart: NIT?
}
