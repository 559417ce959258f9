/// A level of the CIIU Rev. 4 A.C. hierarchy.
public enum CIIULevel: String, Sendable, Codable, CaseIterable, Comparable {
    case section, division, group, `class`

    var depth: Int {
        switch self {
        case .section: 0
        case .division: 1
        case .group: 2
        case .class: 3
        }
    }

    public static func < (lhs: CIIULevel, rhs: CIIULevel) -> Bool { lhs.depth < rhs.depth }
}

/// One entry of DANE's CIIU Rev. 4 A.C. classification (section, division, group or class).
public struct CIIUActivity: Sendable, Hashable, Codable {
    public let code: String
    public let level: CIIULevel
    public let title: String
    public let section: String
    public let division: String?
    public let group: String?

    public init(code: String, level: CIIULevel, title: String, section: String, division: String?, group: String?) {
        self.code = code
        self.level = level
        self.title = title
        self.section = section
        self.division = division
        self.group = group
    }

    /// The code one level up, or nil for a section.
    public var parent: String? {
        switch level {
        case .section: nil
        case .division: section
        case .group: division
        case .class: group
        }
    }
}

/// The CIIU Rev. 4 A.C. classification, for validating and walking activity codes.
public struct CIIUCatalog: Sendable {
    public let activities: [String: CIIUActivity]
    /// Every entry in the file's hierarchical order.
    public let ordered: [CIIUActivity]

    public init(_ activities: [CIIUActivity]) {
        self.ordered = activities
        self.activities = Dictionary(activities.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry for a code, or nil.
    public subscript(code: String) -> CIIUActivity? { activities[code] }

    /// Parses a code as written (`1011`, `C1011`, ` 101 `, `c`), accepting any level.
    public func activity(parsing input: String) throws(ReferenceError) -> CIIUActivity {
        var code = input.trimmingWhitespace().uppercased()
        if code.count > 2, let first = code.first, first.isLetter, code.dropFirst().allSatisfy(\.isASCIIDigit) {
            code.removeFirst()
        }
        if code.count == 3 && code.allSatisfy(\.isASCIIDigit) && activities[code] == nil
            && activities["0" + code]?.level == .class
        {
            code = "0" + code
        }
        guard let activity = activities[code] else { throw ReferenceError(.unknownCIIU, value: input) }
        return activity
    }

    /// Parses a company activity, which must be a class (four digits).
    public func activityClass(parsing input: String) throws(ReferenceError) -> CIIUActivity {
        let activity = try activity(parsing: input)
        guard activity.level == .class else { throw ReferenceError(.notAClass, value: input) }
        return activity
    }

    /// The deepest level two codes share: `.class` for equal classes, nil when the sections differ.
    public func sharedLevel(_ lhs: String, _ rhs: String) -> CIIULevel? {
        guard let left = activities[lhs], let right = activities[rhs], left.section == right.section else {
            return nil
        }
        if left.code == right.code { return left.level }
        if let group = left.group, group == right.group { return .group }
        if let division = left.division, division == right.division { return .division }
        return .section
    }
}
