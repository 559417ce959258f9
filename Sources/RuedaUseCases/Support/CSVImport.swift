import RuedaCore

/// A CSV file to import, as the user gave it.
public struct ImportFile: Sendable {
    /// The file's name, for messages.
    public var name: String
    public var bytes: [UInt8]
    /// The delimiter, or nil to detect it from the header.
    public var delimiter: UInt8?

    public init(name: String, bytes: [UInt8], delimiter: UInt8? = nil) {
        self.name = name
        self.bytes = bytes
        self.delimiter = delimiter
    }
}

/// How an import treats invalid rows.
public struct ImportMode: Sendable, Hashable {
    /// Validate only; write nothing.
    public var dryRun = false
    /// Import the valid rows and return the invalid ones (with a reason column) instead of refusing the file.
    public var skipInvalid = false

    public init(dryRun: Bool = false, skipInvalid: Bool = false) {
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
    }
}

/// What an import did: the rows it accepted and rejected, and what writing them changed.
public struct ImportReport<Summary: Sendable>: Sendable {
    public var file: String
    public var accepted: Int
    public var rejected: Int
    /// Every problem of the rejected rows, in row order.
    public var issues: [ValidationIssue]
    /// The rejected rows as CSV with a `reason` column, when some were skipped.
    public var rejectedCSV: String?
    /// Headers that matched no known column (ignored).
    public var ignoredHeaders: [String]
    /// What writing changed; nil for a dry run.
    public var summary: Summary?
}

/// Reading and settling CSV imports, the same for every kind of file.
enum CSVImport {
    /// Parses a file against the columns an import understands.
    static func table(_ file: ImportFile, columns: [CSVColumn]) throws -> CSVTable {
        do {
            return try CSVTable(reader: try CSVReader(bytes: file.bytes, delimiter: file.delimiter), columns: columns)
        } catch let error as CSVError {
            throw RuedaError(.invalidInput, "\(file.name): \(error)")
        } catch let error as InputError {
            throw RuedaError(.invalidInput, "\(file.name) cannot be imported:\n\(error)", issues: error.issues)
        }
    }

    /// Refuses the file when rows are invalid (unless skipping them), writes the valid values unless it is a dry
    /// run, and reports.
    static func settle<Value, Summary>(
        _ result: RowImport<Value>, table: CSVTable, file: ImportFile, mode: ImportMode,
        write: ([Value]) async throws -> Summary
    ) async throws -> ImportReport<Summary> {
        let bad = result.rejected.count
        var report = ImportReport<Summary>(
            file: file.name, accepted: result.accepted.count, rejected: bad, issues: result.issues, rejectedCSV: nil,
            ignoredHeaders: table.ignoredHeaders, summary: nil)
        if mode.dryRun { return report }
        if bad > 0 {
            guard mode.skipInvalid else {
                throw RuedaError(
                    .invalidInput,
                    "\(bad) of \(bad + result.accepted.count) rows are invalid; nothing was written. Fix them, or "
                        + "pass --skip-invalid to import the valid rows", issues: result.issues)
            }
            report.rejectedCSV = result.rejectedCSV()
        }
        report.summary = try await write(result.accepted.map(\.value))
        return report
    }
}
