import Foundation

/// A problem file that cannot be solved as written, naming the field and the reason.
public struct ProblemError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case unreadable
        case invalid
    }

    public let code: Code
    /// A JSON path such as `candidates[3].supplier`.
    public let field: String
    public let reason: String

    public init(_ code: Code = .invalid, field: String, reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }
}

extension ScheduleProblem {
    /// Reads and validates a problem file.
    public static func decode(_ data: Data) throws(ProblemError) -> ScheduleProblem {
        let problem: ScheduleProblem
        do {
            problem = try JSONDecoder().decode(ScheduleProblem.self, from: data)
        } catch let error as DecodingError {
            throw ProblemError(.unreadable, field: error.path, reason: error.reason)
        } catch {
            throw ProblemError(.unreadable, field: "", reason: "not a JSON document")
        }
        try problem.validate()
        return problem
    }

    /// The problem as JSON, keys sorted.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The most slots a problem may have (slot sets are 64-bit masks).
    public static let maximumSlots = Limits.slots.upperBound

    /// The range of every number in a problem file, so that no sum inside the solver can overflow.
    public enum Limits {
        public static let slots: ClosedRange<Int> = 1...64
        public static let tables: ClosedRange<Int> = 1...1_000_000
        public static let penalty: ClosedRange<Int> = 0...1_000_000_000
        public static let weight: ClosedRange<Int> = 0...1_000_000_000
        public static let meetings: ClosedRange<Int> = 0...100_000
        public static let delegates: ClosedRange<Int> = 1...100
        public static let companies = 1_000_000
        public static let candidates = 10_000_000
        public static let idLength = 200
        /// A problem file, in bytes.
        public static let fileBytes = 256 * 1_048_576
        /// What the bound's flow network may add up to: costs stay far below its `Int64.max / 4` infinity.
        public static let magnitude: Int64 = 1 << 60
    }

    /// Checks every rule of the format: ranges, references, duplicates, and that the totals fit the solver's
    /// 64-bit arithmetic.
    public func validate() throws(ProblemError) {
        guard format == Self.formatName else {
            throw ProblemError(field: "format", reason: "'\(format.prefix(100))' is not \(Self.formatName)")
        }
        try Self.check(slots, Limits.slots, "slots")
        if let tables { try Self.check(tables, Limits.tables, "tables", orNull: true) }
        try Self.check(gapPenalty, Limits.penalty, "gapPenalty")
        try Self.check(shortfallPenalty, Limits.penalty, "shortfallPenalty")
        guard companies.count <= Limits.companies else {
            throw ProblemError(field: "companies", reason: "has more than \(Limits.companies) companies")
        }
        guard candidates.count <= Limits.candidates else {
            throw ProblemError(field: "candidates", reason: "has more than \(Limits.candidates) candidates")
        }
        var ids = Set<String>()
        for (index, company) in companies.enumerated() {
            let field = "companies[\(index)]"
            guard (1...Limits.idLength).contains(company.id.count) else {
                throw ProblemError(field: "\(field).id", reason: "must be 1 to \(Limits.idLength) characters")
            }
            guard ids.insert(company.id).inserted else {
                throw ProblemError(field: "\(field).id", reason: "duplicate id '\(company.id)'")
            }
            for (position, slot) in company.available.enumerated() where !(0..<slots).contains(slot) {
                throw ProblemError(
                    field: "\(field).available[\(position)]", reason: "slot \(slot) is out of range 0..\(slots - 1)")
            }
            try Self.check(company.maxMeetings, Limits.meetings, "\(field).maxMeetings")
            try Self.check(company.minMeetings, Limits.meetings, "\(field).minMeetings")
            try Self.check(company.delegates, Limits.delegates, "\(field).delegates")
        }
        var pairs = Set<CandidatePair>()
        for (index, candidate) in candidates.enumerated() {
            let field = "candidates[\(index)]"
            guard ids.contains(candidate.buyer) else {
                throw ProblemError(field: "\(field).buyer", reason: "unknown company '\(candidate.buyer)'")
            }
            guard ids.contains(candidate.supplier) else {
                throw ProblemError(field: "\(field).supplier", reason: "unknown company '\(candidate.supplier)'")
            }
            guard candidate.buyer != candidate.supplier else {
                throw ProblemError(field: field, reason: "a company cannot meet itself ('\(candidate.buyer)')")
            }
            guard pairs.insert(CandidatePair(candidate.buyer, candidate.supplier)).inserted else {
                throw ProblemError(
                    field: field, reason: "duplicate candidate '\(candidate.buyer)'–'\(candidate.supplier)'")
            }
            try Self.check(candidate.weight, Limits.weight, "\(field).weight")
            for (position, slot) in (candidate.slots ?? []).enumerated() where !(0..<slots).contains(slot) {
                throw ProblemError(
                    field: "\(field).slots[\(position)]", reason: "slot \(slot) is out of range 0..\(slots - 1)")
            }
            if let fixed = candidate.fixedSlot {
                guard (0..<slots).contains(fixed) else {
                    throw ProblemError(
                        field: "\(field).fixedSlot", reason: "slot \(fixed) is out of range 0..\(slots - 1)")
                }
                if let allowed = candidate.slots, !allowed.contains(fixed) {
                    throw ProblemError(field: "\(field).fixedSlot", reason: "slot \(fixed) is not among its slots")
                }
            }
        }
        try checkMagnitude()
    }

    static func check(
        _ value: Int, _ range: ClosedRange<Int>, _ field: String, orNull: Bool = false
    ) throws(ProblemError) {
        guard range.contains(value) else {
            throw ProblemError(
                field: field,
                reason: "must be between \(range.lowerBound) and \(range.upperBound)\(orNull ? ", or null" : ""), "
                    + "not \(value)")
        }
    }

    /// The bound gives required candidates a premium above every weight and shortfall credit, and its flow network
    /// adds such costs along paths: refuse problems whose totals would not fit (each number is bounded already, so
    /// only absurd combinations reach this).
    func checkMagnitude() throws(ProblemError) {
        var total: Int64 = 0
        var largest: Int64 = 0
        var overflow = false
        func add(_ value: Int64) {
            let (sum, flag) = total.addingReportingOverflow(value)
            total = sum
            overflow = overflow || flag
        }
        for candidate in candidates {
            add(Int64(candidate.weight))
            largest = max(largest, Int64(candidate.weight))
        }
        let shortfall = Int64(shortfallPenalty)
        for company in companies {
            let (credit, flag) = shortfall.multipliedReportingOverflow(by: Int64(company.minMeetings) * 2)
            overflow = overflow || flag
            add(credit)
        }
        let premium = total.addingReportingOverflow(largest + shortfall + 1)
        let arcs = Int64(2 * candidates.count + 4 * companies.count + 8)
        let path = premium.partialValue.multipliedReportingOverflow(by: arcs)
        guard !overflow, !premium.overflow, !path.overflow, path.partialValue <= Limits.magnitude else {
            throw ProblemError(
                field: "candidates",
                reason: "the weights and penalties are too large in total for the solver's 64-bit bound (the sum of "
                    + "weights and shortfall credits times the number of candidates must stay below 2^60); scale the "
                    + "weights and penalties down")
        }
    }
}

extension DecodingError {
    var path: String {
        let path: [CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            path = context.codingPath
        @unknown default:
            path = []
        }
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        if case .keyNotFound(let key, _) = self {
            text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
        return text
    }

    var reason: String {
        switch self {
        case .typeMismatch(let type, _): "expected \(type)"
        case .valueNotFound(let type, _): "expected \(type), found null"
        case .keyNotFound: "is missing"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "cannot be read"
        }
    }
}

/// Two company ids in either order: a candidate between them, whichever side each is on.
struct CandidatePair: Hashable {
    let low: String
    let high: String

    init(_ first: String, _ second: String) {
        (low, high) = first < second ? (first, second) : (second, first)
    }
}
