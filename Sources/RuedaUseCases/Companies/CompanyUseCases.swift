import RuedaCore
import RuedaStore

/// Registering, importing, updating and finding companies.
public struct CompanyUseCases: Sendable {
    let rueda: Rueda

    var repository: CompanyRepository { CompanyRepository(database: rueda.database) }

    /// Registers one company; refuses a NIT that is already registered.
    public func register(_ fields: CompanyFields) async throws -> Company {
        let company = try CompanyValidator(reference: rueda.reference).validate(fields).get()
        if try await repository.find(company.nit) != nil {
            throw RuedaError(.conflict, "company \(company.nit) is already registered; use `rueda company update`")
        }
        _ = try await repository.upsert([company])
        try await rueda.audit("company.register", subject: company.nit.description)
        return company
    }

    /// Changes the given fields of a registered company, re-validating them.
    public func update(_ nit: NIT, _ fields: CompanyFields) async throws -> Company {
        guard fields != CompanyFields() else {
            throw RuedaError(.invalidInput, "nothing to update: give at least one field")
        }
        guard let existing = try await repository.find(nit) else {
            throw RuedaError(.notFound, "company \(nit) is not registered")
        }
        let updated = try CompanyValidator(reference: rueda.reference).validate(fields, existing: existing.company)
            .get()
        _ = try await repository.upsert([updated])
        try await rueda.audit("company.update", subject: updated.nit.description)
        return updated
    }

    /// Registers or updates the companies of a CSV file (upsert by NIT, one transaction).
    public func importFile(
        _ file: ImportFile, mode: ImportMode = ImportMode()
    ) async throws
        -> ImportReport<UpsertSummary>
    {
        let table = try CSVImport.table(file, columns: CompanyFields.columns)
        let result = RowImport.companies(table: table, reference: rueda.reference)
        return try await CSVImport.settle(result, table: table, file: file, mode: mode) { companies in
            let summary = try await repository.upsert(companies)
            try await rueda.audit("company.import", subject: "\(file.name): \(summary)")
            return summary
        }
    }

    /// Companies matching every filter, by name.
    public func list(_ filter: CompanyQuery) async throws -> [StoredCompany] {
        let reference = rueda.reference
        var stored = CompanyFilter(ciiuPrefix: filter.ciiu, text: filter.text, limit: filter.limit, after: filter.after)
        stored.departmentCode = try filter.department.map { try reference.departments.department(parsing: $0).code }
        stored.size = try filter.size.map { try CompanySize(parsing: $0) }
        stored.certification = try filter.certification.map {
            try reference.certifications.certification(parsing: $0).code
        }
        return try await repository.list(stored)
    }

    /// The directory's version: equal versions mean no company was written in between, so a listing read after
    /// the first may be kept until the version changes.
    public func directoryVersion() async throws -> Int64 {
        try await repository.directoryVersion()
    }

    /// One registered company.
    public func show(_ nit: NIT) async throws -> StoredCompany {
        guard let company = try await repository.find(nit) else {
            throw RuedaError(.notFound, "company \(nit) is not registered")
        }
        return company
    }
}

/// Filters for listing companies as a user gives them (names or codes); nil means any.
public struct CompanyQuery: Sendable {
    /// A CIIU prefix: a section (C), division (10), group (101) or class (1011).
    public var ciiu: String?
    /// A department's DANE code or name.
    public var department: String?
    public var size: String?
    /// A certification's code or name.
    public var certification: String?
    /// Words in the name, description or products.
    public var text: String?
    public var limit: Int?
    /// Continue after this company (keyset paging).
    public var after: (name: String, nit: NIT)?

    public init(
        ciiu: String? = nil, department: String? = nil, size: String? = nil, certification: String? = nil,
        text: String? = nil, limit: Int? = nil, after: (name: String, nit: NIT)? = nil
    ) {
        self.ciiu = ciiu
        self.department = department
        self.size = size
        self.certification = certification
        self.text = text
        self.limit = limit
        self.after = after
    }
}
