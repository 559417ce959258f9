/// A Colombian department (or Bogotá D.C.) with its DANE DIVIPOLA code and natural region.
public struct Department: Sendable, Hashable, Codable {
    public let code: String
    public let name: String
    public let capital: String
    public let region: String

    public init(code: String, name: String, capital: String, region: String) {
        self.code = code
        self.name = name
        self.capital = capital
        self.region = region
    }
}

/// The departments, looked up by DANE code or by name, accent- and case-insensitively.
public struct DepartmentCatalog: Sendable {
    public let ordered: [Department]
    public let byCode: [String: Department]
    let byName: [String: Department]

    public init(_ departments: [Department]) {
        self.ordered = departments
        self.byCode = Dictionary(departments.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var names: [String: Department] = [:]
        for department in departments {
            names[department.name.normalizedKey()] = department
            let short = department.name.split(separator: ",").first.map(String.init) ?? department.name
            names[short.normalizedKey()] = department
        }
        names["bogota"] = byCode["11"]
        names["bogota_dc"] = byCode["11"]
        names["san_andres"] = byCode["88"]
        self.byName = names
    }

    /// The department for a code (`05`, `5`) or a name (`Antioquia`, `BOGOTA D.C.`).
    public func department(parsing input: String) throws(ReferenceError) -> Department {
        let text = input.trimmingWhitespace()
        if text.allSatisfy(\.isASCIIDigit), !text.isEmpty {
            let code = text.count == 1 ? "0" + text : text
            if let department = byCode[code] { return department }
        } else if let department = byName[text.normalizedKey()] {
            return department
        }
        throw ReferenceError(.unknownDepartment, value: input)
    }
}
