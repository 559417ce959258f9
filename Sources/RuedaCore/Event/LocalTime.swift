/// A wall-clock time of day in the event's time zone, to the minute.
public struct LocalTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes after midnight, 0...1440 (1440 is the end of the day).
    public let minutes: Int

    public init(minutes: Int) {
        self.minutes = minutes
    }

    /// Parses `8:00`, `08:00`, `13:30` or `8h`.
    public init(parsing input: String) throws(FieldError) {
        let text = input.trimmingWhitespace().lowercased()
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let hourText = parts.count == 1 && text.hasSuffix("h") ? String(text.dropLast()) : String(parts[0])
        let minuteText = parts.count == 2 ? String(parts[1]) : "00"
        guard parts.count <= 2, let hour = Int(hourText), let minute = Int(minuteText), minuteText.count == 2,
            (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 1440
        else {
            throw FieldError("'\(input)' is not a time of day; write it as HH:MM (08:00, 13:30)")
        }
        self.minutes = hour * 60 + minute
    }

    public var description: String {
        let hour = minutes / 60, minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutes < rhs.minutes }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try LocalTime(parsing: text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A calendar date in the event's time zone.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses an ISO date, `2026-03-10`.
    public init(parsing input: String) throws(FieldError) {
        let parts = input.trimmingWhitespace().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else {
            throw FieldError("'\(input)' is not a date; write it as YYYY-MM-DD (2026-03-10)")
        }
        self.init(year: year, month: month, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The next calendar day.
    public var next: LocalDate {
        if day < Self.daysIn(month: month, year: year) { return LocalDate(year: year, month: month, day: day + 1) }
        if month < 12 { return LocalDate(year: year, month: month + 1, day: 1) }
        return LocalDate(year: year + 1, month: 1, day: 1)
    }

    public var description: String {
        let pad: (Int) -> String = { $0 < 10 ? "0\($0)" : "\($0)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try LocalDate(parsing: text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A span of wall-clock time within a day, `12:00-13:00`.
public struct TimeRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public let start: LocalTime
    public let end: LocalTime

    public init(start: LocalTime, end: LocalTime) {
        self.start = start
        self.end = end
    }

    /// Parses `12:00-13:00`; the end must come after the start.
    public init(parsing input: String) throws(FieldError) {
        let parts = input.split(separator: "-")
        guard parts.count == 2 else {
            throw FieldError("'\(input)' is not a time range; write it as HH:MM-HH:MM (12:00-13:00)")
        }
        let start = try LocalTime(parsing: String(parts[0]))
        let end = try LocalTime(parsing: String(parts[1]))
        guard start < end else { throw FieldError("'\(input)' ends before it starts") }
        self.init(start: start, end: end)
    }

    /// Whether the two ranges share any minute.
    public func overlaps(_ other: TimeRange) -> Bool { start < other.end && other.start < end }

    /// Whether `other` lies entirely inside this range.
    public func contains(_ other: TimeRange) -> Bool { start <= other.start && other.end <= end }

    public var description: String { "\(start)-\(end)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try TimeRange(parsing: text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
