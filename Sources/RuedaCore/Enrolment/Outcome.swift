/// What happened at an appointment, as a participant reports it.
public enum OutcomeStatus: String, Sendable, Codable, CaseIterable {
    case held
    case noShow = "no-show"
    case cancelled

    /// Reads `held`, `no-show`, `cancelled` and their Spanish forms.
    public init(parsing input: String) throws(FieldError) {
        switch input.normalizedKey() {
        case "held", "realizada", "realizado", "si", "asistio", "hecha": self = .held
        case "no_show", "noshow", "no_asistio", "inasistencia", "ausente": self = .noShow
        case "cancelled", "canceled", "cancelada", "cancelado": self = .cancelled
        default: throw FieldError("'\(input)' is not a status; use held, no-show or cancelled")
        }
    }
}

/// When the business a meeting opened is expected to close.
public enum DealHorizon: String, Sendable, Codable, CaseIterable {
    case immediate
    case threeMonths = "3m"
    case sixMonths = "6m"
    case twelveMonths = "12m"

    /// Reads `immediate`, `3m`, `6m`, `12m` and Spanish forms (`inmediato`, `3 meses`).
    public init(parsing input: String) throws(FieldError) {
        switch input.normalizedKey() {
        case "immediate", "inmediato", "inmediata", "0m", "0": self = .immediate
        case "3m", "3_meses", "3", "tres_meses": self = .threeMonths
        case "6m", "6_meses", "6", "seis_meses": self = .sixMonths
        case "12m", "12_meses", "12", "1_ano", "un_ano", "doce_meses": self = .twelveMonths
        default: throw FieldError("'\(input)' is not a horizon; use immediate, 3m, 6m or 12m")
        }
    }
}

/// A participant's report on one appointment.
public struct Outcome: Sendable, Hashable, Codable {
    public var buyer: NIT
    public var supplier: NIT
    public var status: OutcomeStatus
    public var expected: COP?
    public var horizon: DealHorizon?
    public var note: String
    public var reportedBy: String

    /// The appointment's two companies.
    public var pair: MeetingPair { MeetingPair(buyer: buyer, supplier: supplier) }

    public init(
        buyer: NIT, supplier: NIT, status: OutcomeStatus, expected: COP? = nil, horizon: DealHorizon? = nil,
        note: String = "", reportedBy: String
    ) {
        self.buyer = buyer
        self.supplier = supplier
        self.status = status
        self.expected = expected
        self.horizon = horizon
        self.note = note
        self.reportedBy = reportedBy
    }
}

/// Validates outcome rows: NITs, status, expected amount with its horizon, and that the pair has an appointment.
public struct OutcomeValidator: Sendable {
    /// Pairs with an appointment in the schedule the outcomes refer to.
    public let appointments: Set<MeetingPair>

    public init(appointments: Set<MeetingPair>) {
        self.appointments = appointments
    }

    public static let columns: [CSVColumn] = [
        CSVColumn("buyer_nit", aliases: ["buyer", "comprador", "nit_comprador"], required: true),
        CSVColumn("supplier_nit", aliases: ["supplier", "proveedor", "nit_proveedor"], required: true),
        CSVColumn("status", aliases: ["estado", "resultado"], required: true),
        CSVColumn("expected_cop", aliases: ["expectativa_cop", "valor_esperado", "expected"]),
        CSVColumn("horizon", aliases: ["horizonte", "plazo"]),
        CSVColumn("note", aliases: ["nota", "observaciones"]),
        CSVColumn("reported_by", aliases: ["reportado_por", "reporter"]),
    ]

    /// Validates one outcome given as fields (CLI flags or a CSV row).
    public func validate(
        buyer: String, supplier: String, status: String, expected: String, horizon: String, note: String,
        reportedBy: String, row: Int?
    ) -> Result<Outcome, InputError> {
        var issues = IssueCollector(row: row)
        let buyerNIT = issues.capture("buyer_nit") { () throws(NITError) in try NIT(parsing: buyer) }
        let supplierNIT = issues.capture("supplier_nit") { () throws(NITError) in try NIT(parsing: supplier) }
        let parsedStatus = issues.capture("status") { () throws(FieldError) in try OutcomeStatus(parsing: status) }
        var amount: COP?
        var term: DealHorizon?
        if !expected.trimmingWhitespace().isEmpty {
            amount = issues.capture("expected_cop") { () throws(MoneyError) in try COP(parsing: expected) }
        }
        if !horizon.trimmingWhitespace().isEmpty {
            term = issues.capture("horizon") { () throws(FieldError) in try DealHorizon(parsing: horizon) }
        }
        if amount != nil && term == nil && horizon.trimmingWhitespace().isEmpty {
            issues.add("horizon", "an expected amount needs its horizon (immediate, 3m, 6m or 12m)")
        }
        if term != nil && amount == nil && expected.trimmingWhitespace().isEmpty {
            issues.add("expected_cop", "a horizon needs the expected amount in pesos")
        }
        if let parsedStatus, parsedStatus != .held, !expected.trimmingWhitespace().isEmpty {
            issues.add("expected_cop", "only a held meeting can have expected business")
        }
        let reporter = reportedBy.trimmingWhitespace()
        if reporter.isEmpty { issues.add("reported_by", "say who reports the outcome") }
        issues.checkText("reported_by", reporter, limit: Bounds.nameLength)
        issues.checkText("note", note, multiline: true, limit: Bounds.textLength)
        if let buyerNIT, let supplierNIT, !appointments.contains(MeetingPair(buyer: buyerNIT, supplier: supplierNIT)) {
            issues.add("supplier_nit", "\(buyerNIT) and \(supplierNIT) have no appointment in the published schedule")
        }
        guard issues.issues.isEmpty, let buyerNIT, let supplierNIT, let parsedStatus else {
            return .failure(InputError(issues.issues))
        }
        return .success(
            Outcome(
                buyer: buyerNIT, supplier: supplierNIT, status: parsedStatus, expected: amount, horizon: term,
                note: note.trimmingWhitespace(), reportedBy: reporter))
    }

    /// Validates a CSV row.
    public func validate(row: CSVTable.Row, defaultReporter: String) -> Result<Outcome, InputError> {
        let reporter = row["reported_by"].trimmingWhitespace()
        return validate(
            buyer: row["buyer_nit"], supplier: row["supplier_nit"], status: row["status"],
            expected: row["expected_cop"],
            horizon: row["horizon"], note: row["note"], reportedBy: reporter.isEmpty ? defaultReporter : reporter,
            row: row.number)
    }
}
