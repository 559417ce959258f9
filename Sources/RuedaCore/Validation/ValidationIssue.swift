/// One problem found in an input row: where it is and what to do about it.
public struct ValidationIssue: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The spreadsheet row (header is row 1), or nil for input that did not come from a file.
    public var row: Int?
    /// The column or flag the problem is in.
    public var field: String
    /// What is wrong, in words a user can act on.
    public var reason: String

    public init(row: Int? = nil, field: String, reason: String) {
        self.row = row
        self.field = field
        self.reason = reason
    }

    /// The issue as a line to print; characters a terminal would act on are shown escaped.
    public var description: String {
        if let row { return "row \(row), column '\(field)': \(reason)".visibleForTerminal }
        return "\(field): \(reason)".visibleForTerminal
    }
}

/// Input that failed validation, with every problem found (not only the first).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ValidationIssue]

    public init(_ issues: [ValidationIssue]) {
        self.issues = issues
    }

    public init(field: String, reason: String) {
        self.issues = [ValidationIssue(field: field, reason: reason)]
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}

/// Collects validation issues for one row while its fields are parsed.
public struct IssueCollector: Sendable {
    public let row: Int?
    public private(set) var issues: [ValidationIssue] = []

    public init(row: Int?) {
        self.row = row
    }

    /// Records a problem with a field.
    public mutating func add(_ field: String, _ reason: String) {
        issues.append(ValidationIssue(row: row, field: field, reason: reason))
    }

    /// Runs a throwing parse and records its error against the field, returning nil on failure.
    public mutating func capture<T, E: Error & CustomStringConvertible>(
        _ field: String,
        _ body: () throws(E) -> T
    ) -> T? {
        do {
            return try body()
        } catch {
            add(field, error.description)
            return nil
        }
    }
}
