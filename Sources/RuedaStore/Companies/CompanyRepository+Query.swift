import PostgresNIO
import RuedaCore

/// A registered company with its database identity.
public struct StoredCompany: Sendable, Hashable {
    public let id: CompanyID
    public let company: Company
}

extension CompanyRepository {
    static let selectColumns = """
        c.nit, c.id, c.name, c.department_code, c.city, c.size, c.description, c.contact_name, c.email,
        c.phone, c.website, c.products,
        ARRAY(SELECT ciiu_code FROM company_activity WHERE company_id = c.id ORDER BY position),
        ARRAY(SELECT certification_code FROM company_certification WHERE company_id = c.id ORDER BY certification_code)
        """

    /// Companies matching every filter given, ordered by name and NIT; `filter.after` continues a listing after
    /// the company with that name and NIT (keyset paging).
    public func list(_ filter: CompanyFilter = CompanyFilter()) async throws -> [StoredCompany] {
        let prefix = filter.ciiuPrefix?.trimmingWhitespace().uppercased()
        let sectionFilter = prefix.flatMap { $0.count == 1 && ($0.first?.isLetter ?? false) ? $0 : nil }
        let codePrefix = prefix.flatMap { sectionFilter == nil ? $0 : nil }
        let text = filter.text.map { "%" + $0.foldedForComparison() + "%" }
        let department = filter.departmentCode, size = filter.size?.rawValue, certification = filter.certification
        let limit = filter.limit ?? Int(Int32.max)
        let afterName = filter.after?.name, afterNIT = filter.after?.nit.base
        let query: PostgresQuery = """
            SELECT \(unescaped: Self.selectColumns)
            FROM company c
            WHERE (\(department)::text IS NULL OR c.department_code = \(department))
              AND (\(size)::text IS NULL OR c.size = \(size))
              AND (\(certification)::text IS NULL OR EXISTS (
                    SELECT 1 FROM company_certification cc
                    WHERE cc.company_id = c.id AND cc.certification_code = \(certification)))
              AND (\(codePrefix)::text IS NULL OR EXISTS (
                    SELECT 1 FROM company_activity ca
                    WHERE ca.company_id = c.id AND ca.ciiu_code LIKE \(codePrefix) || '%'))
              AND (\(sectionFilter)::text IS NULL OR EXISTS (
                    SELECT 1 FROM company_activity ca JOIN ciiu_activity a ON a.code = ca.ciiu_code
                    WHERE ca.company_id = c.id AND a.section = \(sectionFilter)))
              AND (\(text)::text IS NULL
                   OR translate(lower(c.name || ' ' || c.description || ' ' || array_to_string(c.products, ' ')),
                                'áéíóúüñàèìòù', 'aeiouunaeiou') LIKE \(text))
              AND (\(afterName)::text IS NULL OR (c.name, c.nit) > (\(afterName)::text, \(afterNIT)::text))
            ORDER BY c.name, c.nit
            LIMIT \(limit)
            """
        return try await fetch(query, action: "listing companies")
    }

    /// The directory's version: it changes whenever a write to a company, its activities or its certifications
    /// commits, so a listing read after it is at least as new as the version says.
    public func directoryVersion() async throws -> Int64 {
        let logger = database.logger
        return try await database.connection("reading the directory's version") { connection in
            for try await version in try await connection.execute(DirectoryVersion(), logger: logger) {
                return version
            }
            throw StoreError(.database, "the directory's version is missing: run 'rueda db migrate'")
        }
    }

    /// The company with this NIT, or nil.
    public func find(_ nit: NIT) async throws -> StoredCompany? {
        let base = nit.base
        return try await fetch(
            "SELECT \(unescaped: Self.selectColumns) FROM company c WHERE c.nit = \(base)", action: "reading a company"
        ).first
    }

    /// The registered companies among these NITs, by NIT.
    public func find(_ nits: [NIT]) async throws -> [NIT: StoredCompany] {
        let bases = nits.map(\.base)
        let companies = try await fetch(
            "SELECT \(unescaped: Self.selectColumns) FROM company c WHERE c.nit = ANY(\(bases)::text[])",
            action: "reading companies")
        return Dictionary(companies.map { ($0.company.nit, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// How many companies are registered.
    public func count() async throws -> Int {
        let logger = database.logger
        return try await database.connection("counting companies") { connection in
            let rows = try await connection.query("SELECT count(*) FROM company", logger: logger)
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }

    func fetch(_ query: PostgresQuery, action: String) async throws -> [StoredCompany] {
        let logger = database.logger
        return try await database.connection(action) { connection in
            let rows = try await connection.query(query, logger: logger)
            var companies: [StoredCompany] = []
            for try await row in rows {
                companies.append(try Self.decode(row))
            }
            return companies
        }
    }

    static func decode(_ row: PostgresRow) throws -> StoredCompany {
        let columns = row.makeRandomAccess()
        let size = try StoredValue.known(CompanySize.self, try columns[5].decode(String.self), column: "company size")
        let company = Company(
            nit: try NIT(base: try columns[0].decode(String.self)), name: try columns[2].decode(String.self),
            departmentCode: try columns[3].decode(String.self), city: try columns[4].decode(String.self), size: size,
            description: try columns[6].decode(String.self), contactName: try columns[7].decode(String.self),
            email: try columns[8].decode(String.self), phone: try columns[9].decode(String.self),
            website: try columns[10].decode(String.self), activities: try columns[12].decode([String].self),
            certifications: try columns[13].decode([String].self), products: try columns[11].decode([String].self))
        return StoredCompany(id: try columns[1].decode(CompanyID.self), company: company)
    }
}

/// The directory's version, read before every company listing the service may keep.
struct DirectoryVersion: PostgresPreparedStatement {
    static let sql = "SELECT version FROM directory_version"

    func makeBindings() throws -> PostgresBindings { PostgresBindings() }

    func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
}
