import ArgumentParser
import Foundation
import RuedaCore

/// How listings are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Printing helpers: aligned tables, JSON, CSV, and messages on standard error.
enum Output {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("warning: " + message + "\n").utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Rows aligned in columns under a header, truncating long cells.
    static func table(_ header: [String], _ rows: [[String]], maxWidth: Int = 40) -> String {
        let clipped = rows.map { row in
            row.map { $0.count > maxWidth ? String($0.prefix(maxWidth - 1)) + "…" : $0 }
        }
        var widths = header.map(\.count)
        for row in clipped {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + clipped.map(line))
            .joined(separator: "\n")
    }

    /// Pretty, key-sorted JSON.
    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints rows in the chosen format.
    static func print<Value: Encodable>(
        _ values: [Value], format: OutputFormat, header: [String], row: (Value) -> [String]
    ) throws {
        switch format {
        case .table: Swift.print(table(header, values.map(row)))
        case .json: Swift.print(try json(values))
        case .csv:
            Swift.print(CSVWriter(lineEnding: "\n").document(header: header, rows: values.map(row)), terminator: "")
        }
    }
}

extension Output {
    /// Writes a text file: atomically (temporary file and rename) for regular files, so that a reader never sees
    /// half a file, and in place for anything else (`/dev/stdout`, a pipe), which a rename would replace.
    static func write(_ text: String, to path: String) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let attributes = exists ? try? FileManager.default.attributesOfItem(atPath: path) : nil
        let regular = !exists || (attributes?[.type] as? FileAttributeType) == .typeRegular
        guard regular else {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CLIError("cannot write to '\(path)'")
            }
            handle.write(Data(text.utf8))
            try handle.close()
            return
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
