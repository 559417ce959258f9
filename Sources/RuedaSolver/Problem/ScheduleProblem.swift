import Foundation

/// A scheduling problem as exchanged with other tools (`"format": "rueda.schedule-problem/1"`).
///
/// Slots are `0..<slots`, consecutive in time. Each candidate may become one meeting between two distinct companies
/// at one slot and table. The format is fixed: outside tools read and write it.
public struct ScheduleProblem: Sendable, Hashable, Codable {
    public static let formatName = "rueda.schedule-problem/1"

    public var format: String = ScheduleProblem.formatName
    public var slots: Int
    /// Meetings that can be held at the same slot; nil is unlimited.
    public var tables: Int?
    public var gapPenalty: Int = 0
    public var shortfallPenalty: Int = 0
    public var companies: [Company]
    public var candidates: [Candidate]

    public init(
        slots: Int, tables: Int?, gapPenalty: Int = 0, shortfallPenalty: Int = 0, companies: [Company],
        candidates: [Candidate]
    ) {
        self.slots = slots
        self.tables = tables
        self.gapPenalty = gapPenalty
        self.shortfallPenalty = shortfallPenalty
        self.companies = companies
        self.candidates = candidates
    }

    /// What a company is in the round; the solver treats every role alike.
    public enum Role: String, Sendable, Hashable, Codable {
        case buyer, supplier, participant
    }

    public struct Company: Sendable, Hashable, Codable {
        public var id: String
        public var role: Role
        public var available: [Int]
        public var maxMeetings: Int
        public var minMeetings: Int = 0
        /// Meetings the company can hold at the same slot.
        public var delegates: Int = 1

        public init(
            id: String, role: Role, available: [Int], maxMeetings: Int, minMeetings: Int = 0, delegates: Int = 1
        ) {
            self.id = id
            self.role = role
            self.available = available
            self.maxMeetings = maxMeetings
            self.minMeetings = minMeetings
            self.delegates = delegates
        }

        enum CodingKeys: String, CodingKey {
            case id, role, available, maxMeetings, minMeetings, delegates
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            role = try container.decode(Role.self, forKey: .role)
            available = try container.decode([Int].self, forKey: .available)
            maxMeetings = try container.decode(Int.self, forKey: .maxMeetings)
            minMeetings = try container.decodeIfPresent(Int.self, forKey: .minMeetings) ?? 0
            delegates = try container.decodeIfPresent(Int.self, forKey: .delegates) ?? 1
        }
    }

    public struct Candidate: Sendable, Hashable, Codable {
        /// One company of the pair; the field names follow the common buyer–supplier case.
        public var buyer: String
        public var supplier: String
        public var weight: Int
        /// Must be scheduled, or the problem is infeasible.
        public var required: Bool = false
        /// The slots this meeting may use; nil is any.
        public var slots: [Int]?
        /// Pins the meeting to this slot if it is scheduled.
        public var fixedSlot: Int?

        public init(
            buyer: String, supplier: String, weight: Int, required: Bool = false, slots: [Int]? = nil,
            fixedSlot: Int? = nil
        ) {
            self.buyer = buyer
            self.supplier = supplier
            self.weight = weight
            self.required = required
            self.slots = slots
            self.fixedSlot = fixedSlot
        }

        enum CodingKeys: String, CodingKey {
            case buyer, supplier, weight, required, slots, fixedSlot
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            buyer = try container.decode(String.self, forKey: .buyer)
            supplier = try container.decode(String.self, forKey: .supplier)
            weight = try container.decode(Int.self, forKey: .weight)
            required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
            slots = try container.decodeIfPresent([Int].self, forKey: .slots)
            fixedSlot = try container.decodeIfPresent(Int.self, forKey: .fixedSlot)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(buyer, forKey: .buyer)
            try container.encode(supplier, forKey: .supplier)
            try container.encode(weight, forKey: .weight)
            if required { try container.encode(required, forKey: .required) }
            try container.encodeIfPresent(slots, forKey: .slots)
            try container.encodeIfPresent(fixedSlot, forKey: .fixedSlot)
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, slots, tables, gapPenalty, shortfallPenalty, companies, candidates
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        slots = try container.decode(Int.self, forKey: .slots)
        tables = try container.decodeIfPresent(Int.self, forKey: .tables)
        gapPenalty = try container.decodeIfPresent(Int.self, forKey: .gapPenalty) ?? 0
        shortfallPenalty = try container.decodeIfPresent(Int.self, forKey: .shortfallPenalty) ?? 0
        companies = try container.decode([Company].self, forKey: .companies)
        candidates = try container.decode([Candidate].self, forKey: .candidates)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(slots, forKey: .slots)
        if let tables {
            try container.encode(tables, forKey: .tables)
        } else {
            try container.encodeNil(forKey: .tables)
        }
        try container.encode(gapPenalty, forKey: .gapPenalty)
        try container.encode(shortfallPenalty, forKey: .shortfallPenalty)
        try container.encode(companies, forKey: .companies)
        try container.encode(candidates, forKey: .candidates)
    }
}
