/// Validates meeting requests against the companies enrolled in a round.
public struct MeetingRequestValidator: Sendable {
    /// NITs of the companies enrolled in the round.
    public let enrolled: Set<NIT>

    public init(enrolled: Set<NIT>) {
        self.enrolled = enrolled
    }

    /// The columns of the request CSV.
    public static let columns: [CSVColumn] = [
        CSVColumn("from_nit", aliases: ["from", "de", "solicitante", "nit_solicitante"], required: true),
        CSVColumn("to_nit", aliases: ["to", "a", "con", "solicitado", "nit_solicitado"], required: true),
        CSVColumn("level", aliases: ["nivel", "interes", "prioridad"], required: true),
        CSVColumn("note", aliases: ["nota", "comentario", "observaciones"]),
    ]

    /// Validates one request given as text (from a flag or a CSV cell).
    public func validate(
        from: String, to: String, level: String, note: String, row: Int?
    ) -> Result<
        MeetingRequest, InputError
    > {
        var issues = IssueCollector(row: row)
        let fromNIT = issues.capture("from_nit") { () throws(NITError) in try NIT(parsing: from) }
        let toNIT = issues.capture("to_nit") { () throws(NITError) in try NIT(parsing: to) }
        let level = issues.capture("level") { () throws(FieldError) in try InterestLevel(parsing: level) }
        for (field, nit) in [("from_nit", fromNIT), ("to_nit", toNIT)] {
            if let nit, !enrolled.contains(nit) { issues.add(field, "company \(nit) is not enrolled in this round") }
        }
        if let fromNIT, fromNIT == toNIT { issues.add("to_nit", "a company cannot request a meeting with itself") }
        issues.checkText("note", note, multiline: true, limit: 500)
        guard issues.issues.isEmpty, let fromNIT, let toNIT, let level else {
            return .failure(InputError(issues.issues))
        }
        return .success(MeetingRequest(from: fromNIT, to: toNIT, level: level, note: note))
    }
}

extension RowImport where Value == MeetingRequest {
    /// Validates a request file; a pair listed twice is refused on its second row.
    public static func requests(table: CSVTable, validator: MeetingRequestValidator) -> RowImport<MeetingRequest> {
        var result = RowImport(table: table) { row in
            validator.validate(
                from: row["from_nit"], to: row["to_nit"], level: row["level"], note: row["note"],
                row: row.number)
        }
        let fieldsByRow = Dictionary(table.rows.map { ($0.number, $0.fields) }, uniquingKeysWith: { first, _ in first })
        var seen: [String: Int] = [:]
        var index = 0
        while index < result.accepted.count {
            let accepted = result.accepted[index]
            let key = "\(accepted.value.from)>\(accepted.value.to)"
            if let earlier = seen[key] {
                let issue = ValidationIssue(
                    row: accepted.row, field: "to_nit",
                    reason: "the same request already appears in row \(earlier)")
                result.reject(acceptedAt: index, fields: fieldsByRow[accepted.row] ?? [], issue: issue)
            } else {
                seen[key] = accepted.row
                index += 1
            }
        }
        return result
    }
}
