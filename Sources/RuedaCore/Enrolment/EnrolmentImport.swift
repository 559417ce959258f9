/// Validates enrolment rows (one demand or offer per row) and merges a company's rows into one participant.
public struct EnrolmentValidator: Sendable {
    public let reference: ReferenceData
    public let event: EventSpec
    public let slots: [EventSlot]
    /// Registered companies by NIT; an enrolled company must be registered first.
    public let companies: [NIT: Company]

    public init(reference: ReferenceData, event: EventSpec, slots: [EventSlot], companies: [NIT: Company]) {
        self.reference = reference
        self.event = event
        self.slots = slots
        self.companies = companies
    }

    /// The columns of the enrolment CSV.
    public static let columns: [CSVColumn] = [
        CSVColumn("nit", aliases: ["nit_empresa"], required: true),
        CSVColumn("role", aliases: ["rol", "tipo", "perfil"], required: true),
        CSVColumn("availability", aliases: ["disponibilidad", "horario"]),
        CSVColumn("max_meetings", aliases: ["max_citas", "maximo_citas", "max_reuniones"]),
        CSVColumn("min_meetings", aliases: ["min_citas", "minimo_citas", "min_reuniones"]),
        CSVColumn("delegates", aliases: ["delegados", "mesas_simultaneas"]),
        CSVColumn("ciiu", aliases: ["ciiu_codes", "actividades", "ciiu_buscado", "ciiu_ofrecido"]),
        CSVColumn("products", aliases: ["productos", "keywords", "palabras_clave", "necesidad", "oferta"]),
        CSVColumn("required_certifications", aliases: ["certificaciones_requeridas"]),
        CSVColumn("preferred_certifications", aliases: ["certificaciones_preferidas"]),
        CSVColumn("preferred_departments", aliases: ["departamentos_preferidos"]),
        CSVColumn("departments_required", aliases: ["solo_departamentos_preferidos"]),
        CSVColumn("preferred_sizes", aliases: ["tamanos_preferidos"]),
        CSVColumn("budget_cop", aliases: ["presupuesto", "presupuesto_cop", "budget"]),
        CSVColumn("quantity", aliases: ["cantidad"]),
        CSVColumn("requires_export", aliases: ["requiere_experiencia_exportadora"]),
        CSVColumn("capacity", aliases: ["capacidad", "capacidad_produccion"]),
        CSVColumn("price_min_cop", aliases: ["precio_min", "precio_minimo"]),
        CSVColumn("price_max_cop", aliases: ["precio_max", "precio_maximo"]),
        CSVColumn("export_experience", aliases: ["experiencia_exportadora", "exporta"]),
    ]

    static let buyerOnly = [
        "required_certifications", "preferred_certifications", "preferred_departments", "departments_required",
        "preferred_sizes", "budget_cop", "quantity", "requires_export",
    ]
    static let supplierOnly = ["capacity", "price_min_cop", "price_max_cop", "export_experience"]

    /// Validates one row into a participant holding at most one demand or offer.
    public func validate(row: CSVTable.Row) -> Result<Participant, InputError> {
        var issues = IssueCollector(row: row.number)
        for column in ["products", "ciiu", "availability"] {
            issues.checkText(column, row[column], limit: Bounds.textLength)
        }
        let nit = issues.capture("nit") { () throws(NITError) in try NIT(parsing: row["nit"]) }
        let company = nit.flatMap { companies[$0] }
        if let nit, company == nil {
            issues.add("nit", "company \(nit) is not registered; add it with `rueda company import` first")
        }
        let role = issues.capture("role") { () throws(FieldError) in try ParticipantRole(parsing: row["role"]) }
        let available =
            issues.capture("availability") { () throws(FieldError) in
                try Availability.slots(parsing: row["availability"], event: event, slots: slots)
            } ?? []
        let delegates = Self.integer(row, "delegates", default: 1, in: Bounds.delegates, into: &issues) ?? 1
        // Both factors are bounded (64 slots, 50 delegates): the product cannot overflow.
        let capacity = available.count * delegates
        let maxMeetings = min(
            Self.integer(row, "max_meetings", default: capacity, in: Bounds.maxMeetings, into: &issues) ?? 1,
            capacity)
        let minMeetings = Self.integer(row, "min_meetings", default: 0, in: Bounds.minMeetings, into: &issues) ?? 0
        if !available.isEmpty && minMeetings > maxMeetings {
            issues.add("min_meetings", "\(minMeetings) is more than the \(maxMeetings) meetings the company can hold")
        }
        if role == .buyer {
            for column in Self.supplierOnly where !row[column].isEmpty { issues.add(column, "is for suppliers only") }
        } else if role == .supplier {
            for column in Self.buyerOnly where !row[column].isEmpty { issues.add(column, "is for buyers only") }
        }
        let ciiu = row["ciiu"].splitMultiValue().compactMap { code in
            issues.capture("ciiu") { () throws(ReferenceError) in try reference.ciiu.activity(parsing: code).code }
        }
        var participant: Participant?
        if let nit, let role, let company {
            participant = Participant(
                nit: nit, role: role, availableSlots: available, maxMeetings: maxMeetings, minMeetings: minMeetings,
                delegates: delegates)
            switch role {
            case .buyer:
                if row["ciiu"].isEmpty && row["products"].isEmpty {
                    issues.add("ciiu", "a buyer's demand needs CIIU codes or product keywords")
                }
                participant?.demands = [demand(row, ciiu: ciiu, into: &issues)]
            case .supplier, .participant:
                participant?.offers = [
                    offer(row, ciiu: ciiu.isEmpty ? company.activities : ciiu, company: company, into: &issues)
                ]
            }
        }
        guard issues.issues.isEmpty, let participant else { return .failure(InputError(issues.issues)) }
        return .success(participant)
    }

    private func demand(_ row: CSVTable.Row, ciiu: [String], into issues: inout IssueCollector) -> Demand {
        func certifications(_ column: String) -> [String] {
            row[column].splitMultiValue().compactMap { value in
                issues.capture(column) { () throws(ReferenceError) in
                    try reference.certifications.certification(parsing: value).code
                }
            }
        }
        let departments = row["preferred_departments"].splitMultiValue().compactMap { value in
            issues.capture("preferred_departments") { () throws(ReferenceError) in
                try reference.departments.department(parsing: value).code
            }
        }
        let sizes = row["preferred_sizes"].splitMultiValue().compactMap { value in
            issues.capture("preferred_sizes") { () throws(FieldError) in try CompanySize(parsing: value) }
        }
        let departmentsRequired = Self.flag(row, "departments_required", into: &issues)
        if departmentsRequired && departments.isEmpty {
            issues.add("departments_required", "is set but preferred_departments is empty")
        }
        return Demand(
            ciiu: ciiu, keywords: row["products"], requiredCertifications: certifications("required_certifications"),
            preferredCertifications: certifications("preferred_certifications"), preferredDepartments: departments,
            departmentsRequired: departmentsRequired, preferredSizes: sizes,
            budget: Self.money(row, "budget_cop", into: &issues),
            quantity: Self.integer(row, "quantity", default: nil, in: Bounds.units, into: &issues),
            requiresExportExperience: Self.flag(row, "requires_export", into: &issues))
    }

    private func offer(
        _ row: CSVTable.Row, ciiu: [String], company: Company, into issues: inout IssueCollector
    ) -> Offer {
        let priceMin = Self.money(row, "price_min_cop", into: &issues)
        let priceMax = Self.money(row, "price_max_cop", into: &issues)
        if let priceMin, let priceMax, priceMin > priceMax {
            issues.add("price_max_cop", "\(priceMax) is below price_min_cop \(priceMin)")
        }
        let products = row["products"].isEmpty ? company.products.joined(separator: ", ") : row["products"]
        return Offer(
            ciiu: ciiu, products: products,
            capacity: Self.integer(row, "capacity", default: nil, in: Bounds.units, into: &issues),
            priceMin: priceMin, priceMax: priceMax,
            exportExperience: Self.flag(row, "export_experience", into: &issues))
    }

    /// A whole number in `range` (thousands separators allowed), the default when the cell is empty.
    static func integer(
        _ row: CSVTable.Row, _ column: String, default value: Int?, in range: ClosedRange<Int>,
        into issues: inout IssueCollector
    ) -> Int? {
        let text = row[column].filter { $0 != "." && $0 != "," }
        if text.isEmpty { return value }
        guard let number = Int(text), range.contains(number) else {
            issues.add(
                column,
                "'\(row[column])' must be a whole number between \(range.lowerBound) and \(range.upperBound)")
            return value
        }
        return number
    }

    static func money(_ row: CSVTable.Row, _ column: String, into issues: inout IssueCollector) -> COP? {
        let text = row[column]
        if text.isEmpty { return nil }
        return issues.capture(column) { () throws(MoneyError) in try COP(parsing: text) }
    }

    static func flag(_ row: CSVTable.Row, _ column: String, into issues: inout IssueCollector) -> Bool {
        switch row[column].normalizedKey() {
        case "", "no", "false", "0", "n": return false
        case "si", "yes", "true", "1", "s", "y", "x": return true
        default:
            issues.add(column, "'\(row[column])' must be yes or no (si/no)")
            return false
        }
    }
}

extension RowImport where Value == Participant {
    /// Validates an enrolment file and merges each company's rows (same NIT and role) into one participant.
    ///
    /// Later rows of a company add a demand or offer; their availability and limits must agree with the first row
    /// or be left empty.
    public static func enrolment(table: CSVTable, validator: EnrolmentValidator) -> RowImport<Participant> {
        var result = RowImport(table: table) { row in validator.validate(row: row) }
        let rowsByNumber = Dictionary(table.rows.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var merged: [Accepted] = []
        var position: [String: Int] = [:]
        var rejected: [(index: Int, issue: ValidationIssue)] = []
        for (index, accepted) in result.accepted.enumerated() {
            let key = "\(accepted.value.nit)/\(accepted.value.role.rawValue)"
            guard let at = position[key] else {
                position[key] = merged.count
                merged.append(accepted)
                continue
            }
            let first = merged[at]
            let row = rowsByNumber[accepted.row]
            let conflict = [
                ("availability", first.value.availableSlots != accepted.value.availableSlots),
                ("max_meetings", first.value.maxMeetings != accepted.value.maxMeetings),
                ("min_meetings", first.value.minMeetings != accepted.value.minMeetings),
                ("delegates", first.value.delegates != accepted.value.delegates),
            ].first { column, differs in differs && !(row?[column].isEmpty ?? true) }
            if let conflict {
                rejected.append(
                    (
                        index,
                        ValidationIssue(
                            row: accepted.row, field: conflict.0,
                            reason:
                                "differs from row \(first.row) for the same company; leave it empty or make it equal")
                    ))
                continue
            }
            var participant = first.value
            participant.demands += accepted.value.demands
            participant.offers += accepted.value.offers
            merged[at] = Accepted(row: first.row, value: participant)
        }
        for item in rejected.reversed() {
            result.reject(
                acceptedAt: item.index, fields: rowsByNumber[result.accepted[item.index].row]?.fields ?? [],
                issue: item.issue)
        }
        result.replaceAccepted(merged)
        return result
    }
}
