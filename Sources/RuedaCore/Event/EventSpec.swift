import Foundation

/// Whether meetings happen at tables in a venue or in virtual rooms.
public enum EventMode: String, Sendable, Codable, CaseIterable {
    case virtual
    case inPerson = "in_person"

    /// Reads `virtual`, `in_person`, `presencial`, `in-person`.
    public init(parsing input: String) throws(FieldError) {
        switch input.normalizedKey() {
        case "virtual", "online", "en_linea": self = .virtual
        case "in_person", "inperson", "presencial", "onsite", "on_site": self = .inPerson
        default: throw FieldError("'\(input)' is not an event mode; use virtual or in_person")
        }
    }
}

/// A business round: when it happens, how its day is cut into slots, and how many meetings fit at once.
public struct EventSpec: Sendable, Hashable, Codable {
    /// Short unique code used on the command line (`clm-2022-01`).
    public var code: String
    public var name: String
    /// IANA time zone identifier; America/Bogota by default.
    public var timeZone: String
    /// The days of the round, in order.
    public var dates: [LocalDate]
    public var dayStart: LocalTime
    public var dayEnd: LocalTime
    public var slotMinutes: Int
    /// Breaks within every day (lunch, coffee); no slot overlaps one.
    public var breaks: [TimeRange]
    /// Tables or virtual rooms: meetings that can be held in the same slot; nil for unlimited.
    public var tables: Int?
    public var mode: EventMode
    /// For virtual rounds, the room link with `{room}` standing for the table or room number.
    public var roomLinkPattern: String

    public init(
        code: String, name: String, timeZone: String = "America/Bogota", dates: [LocalDate], dayStart: LocalTime,
        dayEnd: LocalTime, slotMinutes: Int, breaks: [TimeRange] = [], tables: Int? = nil,
        mode: EventMode = .virtual, roomLinkPattern: String = ""
    ) {
        self.code = code
        self.name = name
        self.timeZone = timeZone
        self.dates = dates
        self.dayStart = dayStart
        self.dayEnd = dayEnd
        self.slotMinutes = slotMinutes
        self.breaks = breaks
        self.tables = tables
        self.mode = mode
        self.roomLinkPattern = roomLinkPattern
    }

    /// Checks the spec for mistakes a user can make: bad zone, empty day, breaks outside the day, no slots.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if code.isEmpty || code.count > 64
            || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            || !code.contains(where: \.isLetter)
        {
            issues.append(
                .init(
                    field: "code",
                    reason: "'\(code.visibleForTerminal)' must be up to 64 letters, digits, - or _ with at least one "
                        + "letter (clm-2022-01)"))
        }
        let trimmedName = name.trimmingWhitespace()
        if trimmedName.isEmpty {
            issues.append(.init(field: "name", reason: "is required"))
        } else if trimmedName.count > Bounds.nameLength {
            issues.append(.init(field: "name", reason: "is longer than \(Bounds.nameLength) characters"))
        }
        if let problem = TextPolicy.problem(in: name, multiline: false) {
            issues.append(.init(field: "name", reason: problem))
        }
        if !Self.isIANARegion(timeZone) {
            issues.append(
                .init(
                    field: "time-zone",
                    reason: "'\(timeZone.visibleForTerminal)' is not an IANA region time zone such as America/Bogota"))
        }
        if dates.isEmpty { issues.append(.init(field: "date", reason: "at least one date is required")) }
        if dates.count > Bounds.daysPerEvent.upperBound {
            issues.append(.init(field: "date", reason: "a round has at most \(Bounds.daysPerEvent.upperBound) days"))
        }
        if Set(dates).count != dates.count { issues.append(.init(field: "date", reason: "a date is listed twice")) }
        if dayStart >= dayEnd { issues.append(.init(field: "end", reason: "the day must end after it starts")) }
        if !(5...240).contains(slotMinutes) {
            issues.append(.init(field: "slot-minutes", reason: "\(slotMinutes) must be between 5 and 240"))
        }
        if let tables, let problem = Bounds.check(tables, in: Bounds.tables) {
            issues.append(.init(field: "tables", reason: "\(tables) \(problem), or empty for unlimited"))
        }
        if !roomLinkPattern.isEmpty {
            let lowered = roomLinkPattern.lowercased()
            if !(lowered.hasPrefix("https://") || lowered.hasPrefix("http://")) || roomLinkPattern.count > 500
                || roomLinkPattern.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
            {
                issues.append(
                    .init(
                        field: "room-link",
                        reason: "must be an http(s) address of up to 500 characters without spaces, quotes or < >"))
            }
        }
        let day = TimeRange(start: dayStart, end: dayEnd)
        for (index, item) in breaks.enumerated() {
            if dayStart < dayEnd && !day.contains(item) {
                issues.append(.init(field: "break", reason: "\(item) is outside the day \(day)"))
            }
            if breaks[..<index].contains(where: { $0.overlaps(item) }) {
                issues.append(.init(field: "break", reason: "\(item) overlaps another break"))
            }
        }
        if issues.isEmpty && slotTimes().isEmpty {
            issues.append(.init(field: "slot-minutes", reason: "no \(slotMinutes)-minute slot fits in the day"))
        }
        let slotCount = slotTimes().count * dates.count
        if issues.isEmpty && slotCount > Bounds.slotsPerEvent.upperBound {
            issues.append(
                .init(
                    field: "slot-minutes",
                    reason: "the round would have \(slotCount) slots and Rueda schedules up to "
                        + "\(Bounds.slotsPerEvent.upperBound) per round: use longer slots, fewer days or several rounds"
                ))
        }
        return issues
    }

    /// Whether a time zone is an IANA region name (`America/Bogota`): abbreviations, offsets and `Etc/` zones are
    /// refused, because their meaning on agendas is ambiguous.
    public static func isIANARegion(_ identifier: String) -> Bool {
        let areas = [
            "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific",
        ]
        guard let area = identifier.split(separator: "/").first, areas.contains(String(area)),
            identifier.contains("/"), TimeZone(identifier: identifier) != nil
        else { return false }
        return TimeZone.knownTimeZoneIdentifiers.contains(identifier)
    }

    /// The wall-clock slots of one day: consecutive from the start, resuming after any break they would overlap.
    public func slotTimes() -> [TimeRange] {
        guard Bounds.slotMinutes.contains(slotMinutes) else { return [] }
        var result: [TimeRange] = []
        var start = dayStart.minutes
        let sortedBreaks = breaks.sorted { $0.start < $1.start }
        while start + slotMinutes <= dayEnd.minutes {
            let slot = TimeRange(start: LocalTime(minutes: start), end: LocalTime(minutes: start + slotMinutes))
            if let blocking = sortedBreaks.first(where: { $0.overlaps(slot) }) {
                start = blocking.end.minutes
                continue
            }
            result.append(slot)
            start += slotMinutes
        }
        return result
    }

    /// Every slot of the round, numbered from 0 in time order, with its instants in UTC.
    public func slots() throws(FieldError) -> [EventSlot] {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw FieldError("'\(timeZone)' is not an IANA time zone")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let times = slotTimes()
        var result: [EventSlot] = []
        for (dayIndex, date) in dates.sorted().enumerated() {
            for time in times {
                let components = { (minutes: Int) in
                    DateComponents(
                        year: date.year, month: date.month, day: date.day, hour: minutes / 60,
                        minute: minutes % 60)
                }
                guard let start = calendar.date(from: components(time.start.minutes)),
                    let end = calendar.date(from: components(time.end.minutes))
                else { throw FieldError("\(date) \(time) does not exist in \(timeZone)") }
                result.append(
                    EventSlot(index: result.count, day: dayIndex, date: date, time: time, startsAt: start, endsAt: end)
                )
            }
        }
        return result
    }
}

/// One slot of a round: its number, its wall-clock place, and its instants.
public struct EventSlot: Sendable, Hashable, Codable {
    public let index: Int
    /// Which day of the round, from 0.
    public let day: Int
    public let date: LocalDate
    public let time: TimeRange
    public let startsAt: Date
    public let endsAt: Date

    public init(index: Int, day: Int, date: LocalDate, time: TimeRange, startsAt: Date, endsAt: Date) {
        self.index = index
        self.day = day
        self.date = date
        self.time = time
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
