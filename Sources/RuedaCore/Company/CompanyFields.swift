/// A company as typed by a user or read from a CSV row, before validation; nil means "not given".
public struct CompanyFields: Sendable, Equatable {
    public var nit: String?
    public var name: String?
    public var department: String?
    public var city: String?
    public var size: String?
    public var description: String?
    public var contactName: String?
    public var email: String?
    public var phone: String?
    public var website: String?
    /// CIIU classes separated by `|`, the main one first.
    public var activities: String?
    /// Certification codes or names separated by `|`.
    public var certifications: String?
    /// Products separated by `|`.
    public var products: String?

    public init() {}

    /// The columns of the company CSV, with the Spanish headers organisers also use.
    public static let columns: [CSVColumn] = [
        CSVColumn("nit", aliases: ["nit_empresa", "numero_nit", "tax_id"], required: true),
        CSVColumn("name", aliases: ["nombre", "razon_social", "empresa", "company"], required: true),
        CSVColumn("department", aliases: ["departamento", "depto", "dpto", "codigo_departamento"], required: true),
        CSVColumn("city", aliases: ["ciudad", "municipio"]),
        CSVColumn("size", aliases: ["tamano", "tamano_empresa", "tamaño"], required: true),
        CSVColumn(
            "ciiu", aliases: ["ciiu_codes", "actividades", "actividad_economica", "codigos_ciiu", "activities"],
            required: true),
        CSVColumn("certifications", aliases: ["certificaciones", "certificados"]),
        CSVColumn("products", aliases: ["productos", "productos_servicios", "servicios"]),
        CSVColumn("description", aliases: ["descripcion"]),
        CSVColumn("contact_name", aliases: ["contacto", "nombre_contacto", "contact"]),
        CSVColumn("email", aliases: ["correo", "correo_electronico", "e_mail"]),
        CSVColumn("phone", aliases: ["telefono", "celular", "tel"]),
        CSVColumn("website", aliases: ["sitio_web", "pagina_web", "web"]),
    ]

    /// Reads the fields of one CSV row.
    public init(row: CSVTable.Row) {
        func value(_ column: String) -> String? { row.has(column) ? row[column] : nil }
        nit = value("nit")
        name = value("name")
        department = value("department")
        city = value("city")
        size = value("size")
        activities = value("ciiu")
        certifications = value("certifications")
        products = value("products")
        description = value("description")
        contactName = value("contact_name")
        email = value("email")
        phone = value("phone")
        website = value("website")
    }

    /// The fields as one CSV row in `columns` order, for writing import files.
    public static func csvRow(_ company: Company) -> [String] {
        [
            company.nit.description, company.name, company.departmentCode, company.city, company.size.rawValue,
            company.activities.joined(separator: "|"), company.certifications.joined(separator: "|"),
            company.products.joined(separator: "|"), company.description, company.contactName, company.email,
            company.phone, company.website,
        ]
    }
}

/// Turns raw company fields into a valid `Company`, collecting every problem.
public struct CompanyValidator: Sendable {
    public let reference: ReferenceData

    public init(reference: ReferenceData) {
        self.reference = reference
    }

    /// Validates the fields; values not given are taken from `existing` (for updates) or left empty.
    public func validate(
        _ fields: CompanyFields,
        row: Int? = nil,
        existing: Company? = nil
    ) -> Result<Company, InputError> {
        var issues = IssueCollector(row: row)
        let nit: NIT? =
            if let text = fields.nit {
                issues.capture("nit") { () throws(NITError) in try NIT(parsing: text) }
            } else if let existing { existing.nit } else { nil }
        if fields.nit == nil && existing == nil { issues.add("nit", "is required") }

        let name = (fields.name ?? existing?.name ?? "").trimmingWhitespace()
        if name.isEmpty {
            issues.add("name", "is required")
        } else {
            issues.checkText("name", name, limit: Bounds.nameLength)
        }
        let texts: [(String, String?, Bool, Int)] = [
            ("city", fields.city, false, Bounds.nameLength),
            ("description", fields.description, true, Bounds.textLength),
            ("contact_name", fields.contactName, false, Bounds.nameLength),
            ("email", fields.email, false, Bounds.nameLength), ("phone", fields.phone, false, 50),
            ("website", fields.website, false, 500), ("products", fields.products, false, Bounds.textLength),
            ("ciiu", fields.activities, false, Bounds.textLength),
            ("certifications", fields.certifications, false, Bounds.textLength),
            ("department", fields.department, false, Bounds.nameLength),
            ("size", fields.size, false, Bounds.nameLength),
        ]
        for (field, value, multiline, limit) in texts {
            if let value { issues.checkText(field, value, multiline: multiline, limit: limit) }
        }

        var departmentCode = existing?.departmentCode
        if let text = fields.department {
            departmentCode = issues.capture("department") { () throws(ReferenceError) in
                try reference.departments.department(parsing: text).code
            }
        } else if existing == nil {
            issues.add("department", "is required (DANE code or name)")
        }

        var size = existing?.size
        if let text = fields.size {
            size = issues.capture("size") { () throws(FieldError) in try CompanySize(parsing: text) }
        } else if existing == nil {
            issues.add("size", "is required: micro, pequena, mediana or grande")
        }

        var activities = existing?.activities ?? []
        if let text = fields.activities {
            activities = []
            for code in text.splitMultiValue() {
                if let activity = issues.capture(
                    "ciiu",
                    { () throws(ReferenceError) in
                        try reference.ciiu.activityClass(parsing: code)
                    }), !activities.contains(activity.code)
                {
                    activities.append(activity.code)
                }
            }
        }
        if activities.isEmpty && (fields.activities != nil || existing == nil)
            && issues.issues.allSatisfy({ $0.field != "ciiu" })
        {
            issues.add("ciiu", "at least one CIIU class is required (for example 1011)")
        }

        var certifications = existing?.certifications ?? []
        if let text = fields.certifications {
            certifications = []
            for value in text.splitMultiValue() {
                if let certification = issues.capture(
                    "certifications",
                    { () throws(ReferenceError) in
                        try reference.certifications.certification(parsing: value)
                    }), !certifications.contains(certification.code)
                {
                    certifications.append(certification.code)
                }
            }
        }

        let email = (fields.email ?? existing?.email ?? "").trimmingWhitespace()
        if !email.isEmpty && !Self.isPlausibleEmail(email) {
            issues.add("email", "'\(email)' is not an email address")
        }
        let phone = (fields.phone ?? existing?.phone ?? "").trimmingWhitespace()
        if !phone.isEmpty && !phone.allSatisfy({ $0.isASCIIDigit || " +-()ext.".contains($0) }) {
            issues.add("phone", "'\(phone)' has characters a phone number cannot have")
        }

        guard issues.issues.isEmpty, let nit, let departmentCode, let size else {
            return .failure(InputError(issues.issues))
        }
        var products = existing?.products ?? []
        if let text = fields.products { products = Self.unique(text.splitMultiValue()) }
        return .success(
            Company(
                nit: nit, name: name, departmentCode: departmentCode,
                city: (fields.city ?? existing?.city ?? "").trimmingWhitespace(), size: size,
                description: (fields.description ?? existing?.description ?? "").trimmingWhitespace(),
                contactName: (fields.contactName ?? existing?.contactName ?? "").trimmingWhitespace(),
                email: email, phone: phone,
                website: (fields.website ?? existing?.website ?? "").trimmingWhitespace(),
                activities: activities, certifications: certifications, products: products
            )
        )
    }

    /// A deliberately simple check: one `@`, something before it, a dotted domain after it, no spaces.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0.foldedForComparison()).inserted }
    }
}
