import ArgumentParser
import Foundation
import RuedaCore

/// The options every CSV import takes.
struct ImportOptions: ParsableArguments {
    @Flag(name: .customLong("skip-invalid"), help: "Import the good rows and write the bad ones to --rejected.")
    var skipInvalid = false

    @Option(
        name: .customLong("rejected"), help: "Where --skip-invalid writes rejected rows (default: FILE.rejected.csv).")
    var rejectedPath: String?

    @Flag(name: .customLong("dry-run"), help: "Validate only; write nothing.")
    var dryRun = false

    @Option(name: .customLong("delimiter"), help: "Field delimiter (default: detected from the header: , ; or tab).")
    var delimiter: String?

    /// Reads and parses a CSV file against the columns an import understands.
    func table(_ path: String, columns: [CSVColumn]) throws -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path): no such file or not readable")
        }
        let separator: UInt8?
        switch delimiter {
        case nil: separator = nil
        case "tab", "\\t": separator = UInt8(ascii: "\t")
        case let text? where text.utf8.count == 1: separator = text.utf8.first
        case let text?: throw CLIError("--delimiter '\(text)' must be one character (, ; or tab)")
        }
        do {
            let table = try CSVTable(
                reader: try CSVReader(bytes: [UInt8](data), delimiter: separator), columns: columns)
            if !table.ignoredHeaders.isEmpty {
                Output.warn("\(path): ignoring unknown columns: \(table.ignoredHeaders.joined(separator: ", "))")
            }
            return table
        } catch let error as CSVError {
            throw CLIError("\(path): \(error)")
        } catch let error as InputError {
            throw CLIError("\(path) cannot be imported:\n" + error.description)
        }
    }

    /// Reports rejected rows; stops (non-zero, nothing written) unless `--skip-invalid`.
    /// Returns false when nothing should be written (a dry run).
    func settle<Value>(_ result: RowImport<Value>, file path: String, noun: String) throws -> Bool {
        let bad = result.rejected.count
        if bad > 0 {
            Output.error(result.issues.map { "\(path): \($0)" }.joined(separator: "\n"))
        }
        if dryRun {
            print("\(path): \(result.accepted.count) valid \(noun), \(bad) rows rejected; dry run, nothing written")
            if bad > 0 && !skipInvalid { throw ExitCode(1) }
            return false
        }
        guard bad > 0 else { return true }
        guard skipInvalid else {
            throw CLIError(
                "\(bad) of \(bad + result.accepted.count) rows are invalid; nothing was written. "
                    + "Fix them, or pass --skip-invalid to import the valid rows")
        }
        let out = rejectedPath ?? (path.hasSuffix(".csv") ? String(path.dropLast(4)) : path) + ".rejected.csv"
        do {
            try Output.write(result.rejectedCSV(), to: out)
        } catch {
            throw CLIError("cannot write rejected rows to \(out): \(error.localizedDescription)")
        }
        Output.warn("\(bad) rejected rows written to \(out) with a reason column")
        return true
    }
}
