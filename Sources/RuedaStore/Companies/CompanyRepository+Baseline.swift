import PostgresNIO
import RuedaCore

extension CompanyRepository {
    /// The naive way: one INSERT round trip per company and per activity, in one transaction.
    ///
    /// Kept only as the benchmark's baseline, so the batched `upsert` is measured against it in the same run.
    public func insertRowByRow(_ companies: [Company]) async throws {
        let logger = database.logger
        try await database.transaction("inserting companies one by one") { connection in
            for company in companies {
                let rows = try await connection.query(
                    """
                    INSERT INTO company (nit, check_digit, name, department_code, city, size, description, contact_name,
                                         email, phone, website, products)
                    VALUES (\(company.nit.base), \(company.nit.checkDigit), \(company.name), \(company.departmentCode),
                            \(company.city), \(company.size.rawValue), \(company.description), \(company.contactName),
                            \(company.email), \(company.phone), \(company.website), \(company.products))
                    RETURNING id
                    """, logger: logger)
                var id: Int64 = 0
                for try await value in rows.decode(Int64.self) { id = value }
                for (position, code) in company.activities.enumerated() {
                    _ = try await connection.query(
                        "INSERT INTO company_activity (company_id, ciiu_code, position) VALUES (\(id), \(code), \(position))",
                        logger: logger
                    ).collect()
                }
            }
        }
    }
}
