import Foundation
import OpenAPIRuntime
import RuedaCore
import RuedaUseCases

extension APIHandler {
    func listCompanies(_ input: Operations.ListCompanies.Input) async throws -> Operations.ListCompanies.Output {
        _ = try principal()
        let query = input.query
        let limit = query.limit ?? 50
        let companies = try await rueda.companies.list(
            CompanyQuery(
                ciiu: query.ciiu, department: query.department, size: query.size, certification: query.certification,
                text: query.text, limit: limit, after: try query.after.map(Self.cursor)))
        let next = companies.count == limit ? companies.last.map { Self.cursor(for: $0.company) } : nil
        return .ok(.init(body: .json(.init(items: companies.map { .init($0.company) }, next: next))))
    }

    /// A listing cursor: the last company's name and NIT, base64url-encoded.
    static func cursor(for company: Company) -> String {
        Data((company.name + "\u{1F}" + company.nit.base).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func cursor(_ text: String) throws -> (name: String, nit: NIT) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8),
            case let parts = decoded.split(separator: "\u{1F}", omittingEmptySubsequences: false), parts.count == 2,
            let nit = try? NIT(base: String(parts[1]))
        else { throw RuedaError(.invalidInput, "'after' is not a cursor this service gave") }
        return (String(parts[0]), nit)
    }

    func getCompany(_ input: Operations.GetCompany.Input) async throws -> Operations.GetCompany.Output {
        _ = try principal()
        let company = try await rueda.companies.show(try NIT(parsing: input.path.nit))
        return .ok(.init(body: .json(.init(company.company))))
    }

    func putCompany(_ input: Operations.PutCompany.Input) async throws -> Operations.PutCompany.Output {
        try requireAllEvents("changing companies")
        let nit = try NIT(parsing: input.path.nit)
        guard case .json(let body) = input.body else { throw RuedaError(.invalidInput, "send the company as JSON") }
        var fields = CompanyFields()
        (fields.name, fields.department, fields.city, fields.size) = (body.name, body.department, body.city, body.size)
        (fields.activities, fields.certifications, fields.products) = (body.ciiu, body.certifications, body.products)
        (fields.description, fields.contactName, fields.email) = (body.description, body.contactName, body.email)
        (fields.phone, fields.website) = (body.phone, body.website)
        let use = try acting().companies
        let company: Company
        if (try? await rueda.companies.show(nit)) != nil {
            company = try await use.update(nit, fields)
        } else {
            fields.nit = nit.description
            company = try await use.register(fields)
        }
        return .ok(.init(body: .json(.init(company))))
    }

    func importCompanies(_ input: Operations.ImportCompanies.Input) async throws -> Operations.ImportCompanies.Output {
        try requireAllEvents("importing companies")
        guard case .csv(let body) = input.body else { throw RuedaError(.invalidInput, "send the file as text/csv") }
        let mode = ImportMode(dryRun: input.query.dryRun ?? false, skipInvalid: input.query.skipInvalid ?? false)
        let report = try await acting().companies.importFile(try await file(body, name: "companies.csv"), mode: mode)
        return .ok(.init(body: .json(.init(report, dryRun: mode.dryRun) { "\($0)" })))
    }
}
