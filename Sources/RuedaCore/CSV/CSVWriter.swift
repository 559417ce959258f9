/// Writes CSV that spreadsheets open correctly, quoting only where needed.
public struct CSVWriter: Sendable {
    /// The field delimiter, `,` by default; `;` for Spanish-locale Excel.
    public var delimiter: Character
    /// Whether to start the output with a UTF-8 byte-order mark, which Excel needs to read accents.
    public var byteOrderMark: Bool
    /// The line ending; CRLF as RFC 4180 asks.
    public var lineEnding: String
    /// Whether cells a spreadsheet would run as a formula get a leading apostrophe (see ``neutralised(_:)``).
    public var neutralisesFormulas: Bool

    /// Creates a writer; the defaults follow RFC 4180 with a comma delimiter and no byte-order mark, and neutralise
    /// formulas.
    public init(
        delimiter: Character = ",", byteOrderMark: Bool = false, lineEnding: String = "\r\n",
        neutralisesFormulas: Bool = true
    ) {
        self.delimiter = delimiter
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
        self.neutralisesFormulas = neutralisesFormulas
    }

    /// First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's CSV
    /// injection list).
    public static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A cell that a spreadsheet would run as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `+57 300...`) with an
    /// apostrophe in front, so that it shows as the text it is; plain numbers (`-5`, `+3.5`) stay as they are. Rueda's
    /// importers remove the apostrophe again.
    public static func neutralised(_ field: String) -> String {
        // The first scalar, not Character: `=` followed by a combining mark is one Character, but a spreadsheet
        // still sees the `=`.
        guard let first = field.unicodeScalars.first, formulaStarts.contains(Character(first)), !isPlainNumber(field)
        else { return field }
        return "'" + field
    }

    static func isPlainNumber(_ field: String) -> Bool {
        var digits = field.drop { $0 == "+" || $0 == "-" }
        guard digits.count == field.count - 1, !digits.isEmpty else { return false }
        var separator = false
        while let character = digits.first {
            if character == "." || character == "," {
                if separator { return false }
                separator = true
            } else if !character.isASCIIDigit {
                return false
            }
            digits = digits.dropFirst()
        }
        return field.last?.isASCIIDigit == true
    }

    /// Quotes a field if it holds the delimiter, a quote, a line break or surrounding spaces, after neutralising a
    /// formula.
    public func escape(_ raw: String) -> String {
        let field = neutralisesFormulas ? Self.neutralised(raw) : raw
        // Scalars, not Characters: a CR LF pair, or a quote or delimiter followed by a combining mark, is one
        // Character that equals none of these, yet a CSV reader splits on each of its parts.
        let delimiters = delimiter.unicodeScalars
        let scalars = field.unicodeScalars
        let needsQuotes =
            scalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || delimiters.contains($0) }
            || scalars.first == " " || scalars.last == " "
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
