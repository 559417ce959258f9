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

    /// The most slots a problem may have.
    public static let maximumSlots = 64

    /// Checks every rule of the format: ranges, references, duplicates.
    public func validate() throws(ProblemError) {
        guard format == Self.formatName else {
            throw ProblemError(field: "format", reason: "'\(format)' is not \(Self.formatName)")
        }
        guard (1...Self.maximumSlots).contains(slots) else {
            throw ProblemError(field: "slots", reason: "must be between 1 and \(Self.maximumSlots), not \(slots)")
        }
        if let tables, tables < 1 {
            throw ProblemError(field: "tables", reason: "must be at least 1, or null for unlimited")
        }
        guard gapPenalty >= 0 else { throw ProblemError(field: "gapPenalty", reason: "must not be negative") }
        guard shortfallPenalty >= 0 else {
            throw ProblemError(field: "shortfallPenalty", reason: "must not be negative")
        }
        var ids = Set<String>()
        for (index, company) in companies.enumerated() {
            let field = "companies[\(index)]"
            guard !company.id.isEmpty else { throw ProblemError(field: "\(field).id", reason: "must not be empty") }
            guard ids.insert(company.id).inserted else {
                throw ProblemError(field: "\(field).id", reason: "duplicate id '\(company.id)'")
            }
            for (position, slot) in company.available.enumerated() where !(0..<slots).contains(slot) {
                throw ProblemError(
                    field: "\(field).available[\(position)]", reason: "slot \(slot) is out of range 0..\(slots - 1)")
            }
            guard company.maxMeetings >= 0 else {
                throw ProblemError(field: "\(field).maxMeetings", reason: "must not be negative")
            }
            guard company.minMeetings >= 0 else {
                throw ProblemError(field: "\(field).minMeetings", reason: "must not be negative")
            }
            guard company.delegates >= 1 else {
                throw ProblemError(field: "\(field).delegates", reason: "must be at least 1")
            }
        }
        var pairs = Set<String>()
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
            let key = [candidate.buyer, candidate.supplier].sorted().joined(separator: "\u{0}")
            guard pairs.insert(key).inserted else {
                throw ProblemError(
                    field: field, reason: "duplicate candidate '\(candidate.buyer)'–'\(candidate.supplier)'")
            }
            guard candidate.weight >= 0 else {
                throw ProblemError(field: "\(field).weight", reason: "must not be negative")
            }
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
