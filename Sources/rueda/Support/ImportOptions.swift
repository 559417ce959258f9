import ArgumentParser
import Foundation
import RuedaCore
import RuedaUseCases

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

    func validate() throws {
        switch delimiter {
        case nil, "tab", "\\t": break
        case let text? where text.utf8.count == 1: break
        case let text?: throw ValidationError("--delimiter '\(text)' must be one character (, ; or tab)")
        }
    }

    var mode: ImportMode { ImportMode(dryRun: dryRun, skipInvalid: skipInvalid) }

    /// Reads a CSV file, refusing one larger than an import may be before reading it.
    func file(_ path: String) throws -> ImportFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= Bounds.fileBytes else {
            throw CLIError("\(path): \(CSVError(.fileTooLarge, line: 1, row: 1))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path): no such file or not readable")
        }
        let separator: UInt8? =
            switch delimiter {
            case nil: nil
            case "tab", "\\t": UInt8(ascii: "\t")
            case let text?: text.utf8.first
            }
        return ImportFile(name: path, bytes: [UInt8](data), delimiter: separator)
    }

    /// Runs an import use case and reports it: ignored columns and rejected rows on standard error, the rejected
    /// rows written beside the file with --skip-invalid. Returns nil for a dry run (after printing its result).
    func run<Summary>(
        _ path: String, noun: String, _ body: (ImportFile, ImportMode) async throws -> ImportReport<Summary>
    ) async throws -> ImportReport<Summary>? {
        let report: ImportReport<Summary>
        do {
            report = try await body(try file(path), mode)
        } catch let error as RuedaError where !error.issues.isEmpty && error.code == .invalidInput {
            Output.error(error.issues.map { "\(path): \($0)" }.joined(separator: "\n"))
            throw CLIError(error.message)
        }
        if !report.ignoredHeaders.isEmpty {
            Output.warn("\(path): ignoring unknown columns: \(report.ignoredHeaders.joined(separator: ", "))")
        }
        if !report.issues.isEmpty {
            Output.error(report.issues.map { "\(path): \($0)" }.joined(separator: "\n"))
        }
        if dryRun {
            Output.line(
                "\(path): \(report.accepted) valid \(noun), \(report.rejected) rows rejected; dry run, nothing written")
            if report.rejected > 0 && !skipInvalid { throw ExitCode(1) }
            return nil
        }
        if let rejected = report.rejectedCSV {
            let out = rejectedPath ?? (path.hasSuffix(".csv") ? String(path.dropLast(4)) : path) + ".rejected.csv"
            do {
                try Output.write(rejected, to: out)
            } catch {
                throw CLIError("cannot write rejected rows to \(out): \(error)")
            }
            Output.warn("\(report.rejected) rejected rows written to \(out) with a reason column")
        }
        return report
    }
}
