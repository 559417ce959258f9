/// Reads CSV files as organisers send them: UTF-8 with or without a byte-order mark (Windows-1252 as a fallback),
/// comma, semicolon or tab delimited, quoted fields with embedded delimiters, quotes and newlines, CRLF or LF.
public struct CSVReader: Sendable {
    /// One record of the file.
    public struct Record: Sendable, Equatable {
        /// The spreadsheet row number: the header is row 1, the first data record row 2.
        public var row: Int
        /// The record's fields, untrimmed.
        public var fields: [String]
    }

    /// How the text was decoded.
    public enum Encoding: Sendable, Equatable {
        case utf8
        case windows1252
    }

    /// The field delimiter, detected from the header line unless given.
    public let delimiter: UInt8
    /// The encoding the bytes were read in.
    public let encoding: Encoding
    /// The records, the header first.
    public let records: [Record]

    /// Parses CSV bytes; the delimiter is detected from the first line when not given.
    public init(bytes input: [UInt8], delimiter: UInt8? = nil) throws(CSVError) {
        guard input.count <= Bounds.fileBytes else { throw CSVError(.fileTooLarge, line: 1, row: 1) }
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text: String
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
            encoding = .utf8
        } else {
            text = Self.decodeWindows1252(bytes)
            encoding = .windows1252
        }
        let utf8 = Array(text.utf8)
        self.delimiter = delimiter ?? Self.detectDelimiter(utf8)
        self.records = try Self.parse(utf8, delimiter: self.delimiter)
    }

    /// Parses CSV text.
    public init(text: String, delimiter: UInt8? = nil) throws(CSVError) {
        try self.init(bytes: Array(text.utf8), delimiter: delimiter)
    }

    /// Picks the most frequent of comma, semicolon and tab outside quotes on the first line (comma on a tie).
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") { break }
            if counts[byte] != nil { counts[byte, default: 0] += 1 }
        }
        let comma = counts[UInt8(ascii: ",")] ?? 0
        let best = counts.max { lhs, rhs in lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key }
        guard let best, best.value > comma else { return UInt8(ascii: ",") }
        return best.key
    }

    static func parse(_ bytes: [UInt8], delimiter: UInt8) throws(CSVError) -> [Record] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0
        var line = 1
        var inQuotes = false
        var quoteStartLine = 1
        var fieldWasQuoted = false

        var tooLarge = false
        func endField() {
            if field.count > Bounds.cellBytes { tooLarge = true }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            let blank = fields.count == 1 && fields[0].trimmingWhitespace().isEmpty
            if !blank { records.append(Record(row: records.count + 1, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        func checkLimits() throws(CSVError) {
            if tooLarge { throw CSVError(.cellTooLarge, line: line, row: records.count) }
            if records.count > Bounds.fileRows + 1 { throw CSVError(.tooManyRows, line: line, row: records.count) }
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count && bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == lf { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote {
                if field.allSatisfy({ $0 == UInt8(ascii: " ") }) && !fieldWasQuoted {
                    field.removeAll()
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteStartLine = line
                } else {
                    throw CSVError(.strayQuote, line: line, row: records.count + 1)
                }
            } else if byte == delimiter {
                endField()
            } else if byte == cr || byte == lf {
                if byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf { index += 1 }
                endRecord()
                try checkLimits()
                line += 1
            } else if fieldWasQuoted && byte != UInt8(ascii: " ") {
                throw CSVError(.textAfterClosingQuote, line: line, row: records.count + 1)
            } else if !fieldWasQuoted {
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw CSVError(.unterminatedQuote, line: quoteStartLine, row: records.count + 1) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        try checkLimits()
        return records
    }

    static func decodeWindows1252<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let high: [UInt16] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = (0x80...0x9F).contains(byte) ? UInt32(high[Int(byte) - 0x80]) : UInt32(byte)
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}

/// A CSV file that could not be read at all.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: Sendable, Equatable {
        case unterminatedQuote
        case strayQuote
        case textAfterClosingQuote
        case empty
        case cellTooLarge
        case tooManyRows
        case fileTooLarge
    }

    public let code: Code
    /// The physical line of the file where the problem is.
    public let line: Int
    /// The spreadsheet row of the record being read.
    public let row: Int

    public init(_ code: Code, line: Int, row: Int) {
        self.code = code
        self.line = line
        self.row = row
    }

    public var description: String {
        switch code {
        case .unterminatedQuote: "row \(row) (line \(line)): a quoted field is never closed; check for a missing \""
        case .strayQuote:
            "row \(row) (line \(line)): a quote appears inside an unquoted field; quote the whole field and double "
                + "the inner quotes (\"\")"
        case .textAfterClosingQuote: "row \(row) (line \(line)): text follows a closing quote before the delimiter"
        case .empty: "the file is empty: it needs a header row and at least one data row"
        case .cellTooLarge:
            "row \(row) (line \(line)): a cell is larger than \(Bounds.cellBytes / 1_024) KiB; is a quote left open?"
        case .tooManyRows: "the file has more than \(Bounds.fileRows) rows; split it into several files"
        case .fileTooLarge:
            "the file is larger than \(Bounds.fileBytes / 1_048_576) MiB; split it into several files"
        }
    }
}
