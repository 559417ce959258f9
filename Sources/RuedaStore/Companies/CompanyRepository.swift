import Logging
import PostgresNIO
import RuedaCore

/// What an upsert of companies changed.
public struct UpsertSummary: Sendable, Equatable, CustomStringConvertible {
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public var description: String { "\(inserted) new, \(updated) updated, \(unchanged) unchanged" }
}

/// Filters for listing companies; nil means "any".
public struct CompanyFilter: Sendable {
    /// A CIIU prefix: a section letter (`C`), division (`10`), group (`101`) or class (`1011`).
    public var ciiuPrefix: String?
    public var departmentCode: String?
    public var size: CompanySize?
    public var certification: String?
    /// Words searched in name, description and products, accent-insensitively.
    public var text: String?
    public var limit: Int?
    /// Continue after this company (name and NIT), for paging.
    public var after: (name: String, nit: NIT)?

    public init(
        ciiuPrefix: String? = nil, departmentCode: String? = nil, size: CompanySize? = nil,
        certification: String? = nil, text: String? = nil, limit: Int? = nil, after: (name: String, nit: NIT)? = nil
    ) {
        self.ciiuPrefix = ciiuPrefix
        self.departmentCode = departmentCode
        self.size = size
        self.certification = certification
        self.text = text
        self.limit = limit
        self.after = after
    }
}

/// Reads and writes companies.
public struct CompanyRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Inserts or updates companies by NIT in one transaction; rows identical to the stored ones are left alone.
    public func upsert(_ companies: [Company]) async throws -> UpsertSummary {
        guard !companies.isEmpty else { return UpsertSummary() }
        let logger = database.logger
        return try await database.transaction("saving companies") { connection in
            _ = try await connection.query(
                """
                CREATE TEMP TABLE company_stage (
                    nit text, check_digit smallint, name text, department_code text, city text, size text,
                    description text, contact_name text, email text, phone text, website text, products text[],
                    activities text[], certifications text[]
                ) ON COMMIT DROP
                """, logger: logger
            ).collect()
            var rows = CopyRows()
            for company in companies {
                rows.text(company.nit.base)
                rows.integer(company.nit.checkDigit)
                rows.text(company.name)
                rows.text(company.departmentCode)
                rows.text(company.city)
                rows.text(company.size.rawValue)
                rows.text(company.description)
                rows.text(company.contactName)
                rows.text(company.email)
                rows.text(company.phone)
                rows.text(company.website)
                rows.array(company.products)
                rows.array(company.activities)
                rows.array(company.certifications)
                rows.endRow()
            }
            try await connection.copy(rows, into: "company_stage", columns: Self.stageColumns, logger: logger)
            // Temporary tables get no statistics from autovacuum; without them the joins below plan as nested loops.
            _ = try await connection.query("ANALYZE company_stage", logger: logger).collect()
            var inserted = Set<Int64>()
            var changed = Set<Int64>()
            let upserted = try await connection.query(
                """
                INSERT INTO company (nit, check_digit, name, department_code, city, size, description, contact_name,
                                     email, phone, website, products)
                SELECT nit, check_digit, name, department_code, city, size, description, contact_name, email, phone,
                       website, products
                FROM company_stage
                ON CONFLICT (nit) DO UPDATE
                SET check_digit = EXCLUDED.check_digit, name = EXCLUDED.name, department_code = EXCLUDED.department_code,
                    city = EXCLUDED.city, size = EXCLUDED.size, description = EXCLUDED.description,
                    contact_name = EXCLUDED.contact_name, email = EXCLUDED.email, phone = EXCLUDED.phone,
                    website = EXCLUDED.website, products = EXCLUDED.products, updated_at = now()
                WHERE (company.name, company.department_code, company.city, company.size, company.description,
                       company.contact_name, company.email, company.phone, company.website, company.products)
                  IS DISTINCT FROM
                      (EXCLUDED.name, EXCLUDED.department_code, EXCLUDED.city, EXCLUDED.size, EXCLUDED.description,
                       EXCLUDED.contact_name, EXCLUDED.email, EXCLUDED.phone, EXCLUDED.website, EXCLUDED.products)
                RETURNING id, (xmax = 0)
                """, logger: logger)
            for try await (id, isNew) in upserted.decode((Int64, Bool).self) {
                if isNew { inserted.insert(id) } else { changed.insert(id) }
            }
            for statement in Self.linkStatements {
                let touched = try await connection.query(statement, logger: logger)
                for try await id in touched.decode(Int64.self) where !inserted.contains(id) { changed.insert(id) }
            }
            if !changed.isEmpty {
                let ids = Array(changed)
                _ = try await connection.query(
                    "UPDATE company SET updated_at = now() WHERE id = ANY(\(ids)::bigint[])", logger: logger
                ).collect()
            }
            return UpsertSummary(
                inserted: inserted.count, updated: changed.count,
                unchanged: companies.count - inserted.count - changed.count)
        }
    }

    static let stageColumns = [
        "nit", "check_digit", "name", "department_code", "city", "size", "description", "contact_name", "email",
        "phone", "website", "products", "activities", "certifications",
    ]

    /// Set-based synchronisation of activities and certifications with the staged rows; each returns touched ids.
    static let linkStatements: [PostgresQuery] = [
        """
        DELETE FROM company_activity ca USING company c, company_stage s
        WHERE ca.company_id = c.id AND c.nit = s.nit AND NOT ca.ciiu_code = ANY(s.activities)
        RETURNING ca.company_id
        """,
        """
        INSERT INTO company_activity (company_id, ciiu_code, position)
        SELECT c.id, a.code, a.ord - 1
        FROM company_stage s JOIN company c ON c.nit = s.nit, unnest(s.activities) WITH ORDINALITY AS a(code, ord)
        ON CONFLICT (company_id, ciiu_code) DO UPDATE SET position = EXCLUDED.position
        WHERE company_activity.position <> EXCLUDED.position
        RETURNING company_id
        """,
        """
        DELETE FROM company_certification cc USING company c, company_stage s
        WHERE cc.company_id = c.id AND c.nit = s.nit AND NOT cc.certification_code = ANY(s.certifications)
        RETURNING cc.company_id
        """,
        """
        INSERT INTO company_certification (company_id, certification_code)
        SELECT c.id, code FROM company_stage s JOIN company c ON c.nit = s.nit, unnest(s.certifications) AS code
        ON CONFLICT DO NOTHING
        RETURNING company_id
        """,
    ]
}
