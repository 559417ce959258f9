import Logging
import NIOCore
import PostgresNIO
import RuedaCore

/// Builds rows for `COPY ... FROM STDIN` in PostgreSQL's text format, escaping as the format requires.
///
/// Bytes accumulate in a plain array and become one `ByteBuffer` at the end: hundreds of thousands of rows encode
/// in well under a second.
public struct CopyRows: Sendable {
    private var bytes: [UInt8] = []
    private var fieldCount = 0
    public private(set) var rowCount = 0
    /// Bytes encoded so far.
    public var byteCount: Int { bytes.count }

    public init() {}

    /// The encoded rows, ready for COPY.
    public var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// Appends a text field (nil is SQL NULL).
    public mutating func text(_ value: String?) {
        separate()
        guard var value else {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "N"))
            return
        }
        value.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: bytes.append(byte)
                }
            }
        }
    }

    /// Appends an integer field (nil is SQL NULL).
    public mutating func integer<Value: BinaryInteger>(_ value: Value?) {
        guard let value else { return text(nil) }
        separate()
        appendDigits(Int64(value))
    }

    /// Appends a floating-point field, written so that it reads back exactly.
    public mutating func number(_ value: Double) {
        text(value.isFinite ? value.description : "NaN")
    }

    /// Appends a boolean field.
    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    /// Appends a one-dimensional `text[]` as an array literal.
    public mutating func array(_ values: [String]) {
        let elements = values.map { value in
            "\"" + value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
        }
        text("{" + elements.joined(separator: ",") + "}")
    }

    /// Appends an `integer[]`.
    public mutating func array(_ values: [Int]) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendDigits(Int64(value))
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        fieldCount = 0
        rowCount += 1
    }

    private mutating func separate() {
        if fieldCount > 0 { bytes.append(UInt8(ascii: "\t")) }
        fieldCount += 1
    }

    private mutating func appendDigits(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes.append(contentsOf: digits.reversed())
    }
}

extension PostgresConnection {
    /// Copies prepared rows into a table (usually a temporary staging table) in one round of COPY.
    func copy(_ rows: CopyRows, into table: String, columns: [String], logger: Logger) async throws {
        guard rows.rowCount > 0 else { return }
        let buffer = rows.buffer
        try await copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(buffer)
        }
    }

    /// Copies `count` rows into a table in one COPY, encoding each with `row` and sending them about a megabyte at a
    /// time: memory stays flat however many rows there are.
    func copy(
        count: Int, into table: String, columns: [String], logger: Logger, row: (Int, inout CopyRows) throws -> Void
    ) async throws {
        guard count > 0 else { return }
        try await copyFrom(table: table, columns: columns, logger: logger) { writer in
            var rows = CopyRows()
            for index in 0..<count {
                try row(index, &rows)
                if rows.byteCount >= 1 << 20 {
                    try await writer.write(rows.buffer)
                    rows = CopyRows()
                }
            }
            if rows.rowCount > 0 { try await writer.write(rows.buffer) }
        }
    }
}
