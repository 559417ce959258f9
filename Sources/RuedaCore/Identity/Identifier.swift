/// The database identity of one kind of record, so that a company's id is never passed where an event's belongs.
public struct Identifier<Kind>: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}

/// The kinds of records with a database identity.
public enum RecordKind {
    public enum Company {}
    public enum Event {}
    public enum Participation {}
    public enum MatchRun {}
    public enum Schedule {}
}

public typealias CompanyID = Identifier<RecordKind.Company>
public typealias EventID = Identifier<RecordKind.Event>
public typealias ParticipationID = Identifier<RecordKind.Participation>
public typealias MatchRunID = Identifier<RecordKind.MatchRun>
/// One version of an event's schedule.
public typealias ScheduleID = Identifier<RecordKind.Schedule>
