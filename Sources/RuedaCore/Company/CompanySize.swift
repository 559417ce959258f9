/// A company's size under Colombian law (Decreto 957 de 2019): micro, pequeña, mediana or grande.
public enum CompanySize: String, Sendable, Codable, CaseIterable, Comparable {
    case micro
    case pequena
    case mediana
    case grande

    /// Reads a size in Spanish or English, with or without accents (`Pequeña`, `small`, `PYME` is refused).
    public init(parsing input: String) throws(FieldError) {
        switch input.normalizedKey() {
        case "micro", "microempresa", "micro_empresa": self = .micro
        case "pequena", "pequeno", "pequena_empresa", "small", "pequenna": self = .pequena
        case "mediana", "mediano", "mediana_empresa", "medium": self = .mediana
        case "grande", "gran_empresa", "large", "big": self = .grande
        default:
            throw FieldError("'\(input)' is not a company size; use micro, pequena, mediana or grande")
        }
    }

    /// The Spanish label.
    public var label: String {
        switch self {
        case .micro: "Micro"
        case .pequena: "Pequeña"
        case .mediana: "Mediana"
        case .grande: "Grande"
        }
    }

    public static func < (lhs: CompanySize, rhs: CompanySize) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// A field value that could not be read; the message says why and what is expected.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
