import Logging
import NIOCore
import PostgresNIO
import RuedaCore

/// Builds rows for `COPY ... FROM STDIN` in PostgreSQL's text format, escaping as the format requires.
public struct CopyRows: Sendable {
    public private(set) var buffer = ByteBuffer()
    private var fieldCount = 0
    public private(set) var rowCount = 0

    public init() {}

    /// Appends a text field (nil is SQL NULL).
    public mutating func text(_ value: String?) {
        separate()
        guard let value else {
            buffer.writeString("\\N")
            return
        }
        buffer.writeString(Self.escape(value))
    }

    /// Appends an integer field (nil is SQL NULL).
    public mutating func integer<Value: BinaryInteger>(_ value: Value?) {
        text(value.map { "\($0)" })
    }

    /// Appends a floating-point field, written so that it reads back exactly.
    public mutating func number(_ value: Double) {
        text(value.isFinite ? "\(value)" : "NaN")
    }

    /// Appends a boolean field.
    public mutating func bool(_ value: Bool) {
        text(value ? "t" : "f")
    }

    /// Appends a one-dimensional `text[]` or `integer[]` as an array literal.
    public mutating func array(_ values: [String]) {
        let elements = values.map { value in
            "\"" + value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
        }
        text("{" + elements.joined(separator: ",") + "}")
    }

    /// Appends an `integer[]`.
    public mutating func array(_ values: [Int]) {
        text("{" + values.map(String.init).joined(separator: ",") + "}")
    }

    /// Ends the current row.
    public mutating func endRow() {
        buffer.writeString("\n")
        fieldCount = 0
        rowCount += 1
    }

    private mutating func separate() {
        if fieldCount > 0 { buffer.writeString("\t") }
        fieldCount += 1
    }

    static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return value }
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\r\n": result += "\\r\\n"
            default: result.append(character)
            }
        }
        return result
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
}
