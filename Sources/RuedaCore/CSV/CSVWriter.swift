/// Writes CSV that spreadsheets open correctly, quoting only where needed.
public struct CSVWriter: Sendable {
    /// The field delimiter, `,` by default; `;` for Spanish-locale Excel.
    public var delimiter: Character
    /// Whether to start the output with a UTF-8 byte-order mark, which Excel needs to read accents.
    public var byteOrderMark: Bool
    /// The line ending; CRLF as RFC 4180 asks.
    public var lineEnding: String

    /// Creates a writer; the defaults follow RFC 4180 with a comma delimiter and no byte-order mark.
    public init(delimiter: Character = ",", byteOrderMark: Bool = false, lineEnding: String = "\r\n") {
        self.delimiter = delimiter
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
    }

    /// Quotes a field if it holds the delimiter, a quote, a line break or surrounding spaces.
    public func escape(_ field: String) -> String {
        let needsQuotes =
            field.contains { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }

    /// One line of output, with its line ending.
    public func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: String(delimiter)) + lineEnding
    }

    /// A whole document: the optional byte-order mark, the header and the rows.
    public func document(header: [String], rows: [[String]]) -> String {
        var output = byteOrderMark ? "\u{FEFF}" : ""
        output += line(header)
        for row in rows { output += line(row) }
        return output
    }
}

extension String {
    /// Replaces every occurrence of a substring, without Foundation.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
