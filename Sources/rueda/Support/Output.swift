import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaCore
import RuedaUseCases

/// How listings are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Everything the command line prints goes through here: tables, JSON, CSV and messages, with stored text that a
/// terminal could act on shown escaped.
enum Output {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("warning: " + message.visibleForTerminal + "\n").utf8))
    }

    /// A message on standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message.visibleForTerminal + "\n").utf8))
    }

    /// A line on standard output.
    static func line(_ text: String) {
        Swift.print(text.visibleForTerminal)
    }

    /// Rows aligned in columns under a header, truncating long cells.
    static func table(_ header: [String], _ rows: [[String]], maxWidth: Int = 40) -> String {
        TextTable.render(header, rows, maxWidth: maxWidth)
    }

    /// Pretty, key-sorted JSON.
    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints a CSV document; on a terminal its control characters are made visible, into a file or pipe it is
    /// written as it is.
    static func csv(_ document: String) {
        Swift.print(isatty(STDOUT_FILENO) == 1 ? document.visibleForTerminal : document, terminator: "")
    }

    /// Prints rows in the chosen format.
    static func print<Value: Encodable>(
        _ values: [Value], format: OutputFormat, header: [String], row: (Value) -> [String]
    ) throws {
        switch format {
        case .table: Swift.print(table(header, values.map(row)))
        case .json: Swift.print(try json(values))
        case .csv: csv(CSVWriter(lineEnding: "\n").document(header: header, rows: values.map(row)))
        }
    }

    /// Writes a text file so that no old bytes survive and no reader sees half a file: a regular file (or the
    /// regular file a symbolic link points to, keeping the link) is replaced atomically by a complete temporary file
    /// in its folder; a device or pipe (`/dev/stdout`, `/dev/null`, a FIFO) is written in place, since renaming
    /// over it would replace it.
    static func write(_ text: String, to path: String) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: target)
        let type = attributes?[.type] as? FileAttributeType
        if type == .typeDirectory { throw CLIError("cannot write '\(path)': it is a folder") }
        if let type, type != .typeRegular {
            guard let handle = FileHandle(forWritingAtPath: target) else {
                throw CLIError("cannot write to '\(path)'")
            }
            handle.write(Data(text.utf8))
            try handle.close()
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw CLIError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }

    /// The time steps of a use case took: `load 1.20 s, match 3.40 s, store 2.10 s`.
    static func timings(_ timings: Timings) -> String {
        timings.steps.map { "\($0.step) \($0.duration.short)" }.joined(separator: ", ")
    }
}
