/// A column an import understands: its canonical name and the other headers organisers write for it.
public struct CSVColumn: Sendable, Hashable {
    /// The canonical header, as documented in README.
    public let name: String
    /// Other accepted headers (Spanish names, common variants); matched case- and accent-insensitively.
    public let aliases: [String]
    /// Whether the header must be present.
    public let required: Bool

    public init(_ name: String, aliases: [String] = [], required: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.required = required
    }
}

/// A CSV file whose header has been matched against the columns an import understands.
public struct CSVTable: Sendable {
    /// One data row, read by canonical column name.
    public struct Row: Sendable {
        public let number: Int
        /// The raw fields, in file order.
        public let fields: [String]
        let indices: [String: Int]

        /// The trimmed value of a column, or "" when the column is absent or the row is short. The apostrophe that
        /// ``CSVWriter`` puts before a cell a spreadsheet would run as a formula is removed, so that files Rueda
        /// writes import back unchanged.
        public subscript(_ column: String) -> String {
            guard let index = indices[column], index < fields.count else { return "" }
            let value = fields[index].trimmingWhitespace()
            if value.hasPrefix("'"), let next = value.dropFirst().first, CSVWriter.formulaStarts.contains(next) {
                return String(value.dropFirst())
            }
            return value
        }

        /// Whether the file has this column at all.
        public func has(_ column: String) -> Bool { indices[column] != nil }
    }

    /// The header fields as written in the file.
    public let header: [String]
    /// The data rows.
    public let rows: [Row]
    /// Headers that matched no known column; they are ignored.
    public let ignoredHeaders: [String]

    /// Matches the header row; fails with every missing or duplicated column.
    public init(reader: CSVReader, columns: [CSVColumn]) throws(InputError) {
        guard let header = reader.records.first else {
            throw InputError(field: "file", reason: CSVError(.empty, line: 1, row: 1).description)
        }
        var lookup: [String: String] = [:]
        for column in columns {
            for key in [column.name] + column.aliases { lookup[key.normalizedKey()] = column.name }
        }
        var indices: [String: Int] = [:]
        var ignored: [String] = []
        var issues: [ValidationIssue] = []
        for (index, raw) in header.fields.enumerated() {
            let text = raw.trimmingWhitespace()
            guard let name = lookup[text.normalizedKey()] else {
                if !text.isEmpty { ignored.append(text) }
                continue
            }
            if indices[name] != nil {
                issues.append(ValidationIssue(row: 1, field: text, reason: "column '\(name)' appears twice"))
            }
            indices[name] = index
        }
        for column in columns where column.required && indices[column.name] == nil {
            let also = column.aliases.isEmpty ? "" : " (or " + column.aliases.joined(separator: ", ") + ")"
            issues.append(ValidationIssue(row: 1, field: column.name, reason: "required column is missing\(also)"))
        }
        guard issues.isEmpty else { throw InputError(issues) }
        self.ignoredHeaders = ignored
        self.header = header.fields
        self.rows = reader.records.dropFirst().map { Row(number: $0.row, fields: $0.fields, indices: indices) }
    }
}
