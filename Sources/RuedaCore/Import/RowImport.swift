/// The outcome of validating every row of an import file: the good values and the rejected rows with reasons.
public struct RowImport<Value: Sendable>: Sendable {
    /// A row that passed validation.
    public struct Accepted: Sendable {
        public let row: Int
        public let value: Value
    }

    /// A row that failed, with its raw fields and every reason.
    public struct Rejected: Sendable {
        public let row: Int
        public let fields: [String]
        public let issues: [ValidationIssue]
    }

    public let header: [String]
    public private(set) var accepted: [Accepted] = []
    public private(set) var rejected: [Rejected] = []

    /// Validates every row of the table with `validate`, keeping all failures.
    public init(table: CSVTable, validate: (CSVTable.Row) -> Result<Value, InputError>) {
        header = table.header
        for row in table.rows {
            switch validate(row) {
            case .success(let value): accepted.append(Accepted(row: row.number, value: value))
            case .failure(let error):
                rejected.append(Rejected(row: row.number, fields: row.fields, issues: error.issues))
            }
        }
    }

    /// Moves an accepted row to the rejected ones (for problems found across rows, such as duplicates).
    public mutating func reject(acceptedAt index: Int, fields: [String], issue: ValidationIssue) {
        let row = accepted.remove(at: index)
        rejected.append(Rejected(row: row.row, fields: fields, issues: [issue]))
        rejected.sort { $0.row < $1.row }
    }

    /// Replaces the accepted values (after merging rows that describe the same thing).
    public mutating func replaceAccepted(_ values: [Accepted]) {
        accepted = values
    }

    /// Every issue, in row order.
    public var issues: [ValidationIssue] { rejected.flatMap(\.issues) }

    /// The rejected rows as CSV, with the original header plus a `reason` column, for `--skip-invalid`.
    public func rejectedCSV(writer: CSVWriter = CSVWriter()) -> String {
        let rows = rejected.map { rejected in
            rejected.fields + [rejected.issues.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")]
        }
        return writer.document(header: header + ["reason"], rows: rows)
    }
}

extension RowImport where Value == Company {
    /// Validates a company file and flags NITs that appear in more than one row.
    public static func companies(table: CSVTable, reference: ReferenceData) -> RowImport<Company> {
        let validator = CompanyValidator(reference: reference)
        var result = RowImport(table: table) { row in validator.validate(CompanyFields(row: row), row: row.number) }
        var firstRow: [NIT: Int] = [:]
        let fieldsByRow = Dictionary(table.rows.map { ($0.number, $0.fields) }, uniquingKeysWith: { first, _ in first })
        var index = 0
        while index < result.accepted.count {
            let accepted = result.accepted[index]
            if let earlier = firstRow[accepted.value.nit] {
                let issue = ValidationIssue(
                    row: accepted.row, field: "nit",
                    reason: "NIT \(accepted.value.nit) already appears in row \(earlier)")
                result.reject(acceptedAt: index, fields: fieldsByRow[accepted.row] ?? [], issue: issue)
            } else {
                firstRow[accepted.value.nit] = accepted.row
                index += 1
            }
        }
        return result
    }
}
