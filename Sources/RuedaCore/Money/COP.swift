/// An amount of Colombian pesos, always whole pesos.
public struct COP: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var pesos: Int64

    public init(_ pesos: Int64) {
        self.pesos = pesos
    }

    /// Parses an amount as people write it: `1500000`, `1.500.000`, `$ 1.500.000`, `1,500,000 COP`.
    ///
    /// Dots and commas are read as thousands separators; decimals are refused (pesos are whole).
    public init(parsing input: String) throws(MoneyError) {
        var text = input.trimmingWhitespace().uppercased()
        for token in ["COP", "$"] { text = text.replacingAll(token, with: "") }
        text = text.filter { !$0.isWhitespace }
        guard !text.isEmpty else { throw MoneyError(.empty, input: input) }
        if text.hasPrefix("-") { throw MoneyError(.negative, input: input) }
        let groups = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            throw MoneyError(.notANumber, input: input)
        }
        if groups.count > 1 && !groups.dropFirst().allSatisfy({ $0.count == 3 }) {
            throw MoneyError(.fractional, input: input)
        }
        guard let value = Int64(groups.joined()), Bounds.pesos.contains(value) else {
            throw MoneyError(.tooLarge, input: input)
        }
        self.pesos = value
    }

    /// Thousands grouped with dots, as written in Colombia: `$1.500.000`.
    public var description: String { "$" + Self.grouped(pesos) }

    /// Groups digits in threes with a separator.
    public static func grouped(_ value: Int64, separator: String = ".") -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += separator }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    public static func < (lhs: COP, rhs: COP) -> Bool { lhs.pesos < rhs.pesos }

    public init(from decoder: any Decoder) throws {
        pesos = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(pesos)
    }
}

/// An amount of money that could not be read.
public struct MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case empty, notANumber, negative, fractional, tooLarge
    }

    public let code: Code
    public let input: String

    init(_ code: Code, input: String) {
        self.code = code
        self.input = input
    }

    public var description: String {
        switch code {
        case .empty: "amount is empty"
        case .notANumber: "'\(input)' is not an amount in pesos; write it as 1500000 or 1.500.000"
        case .negative: "'\(input)' is negative; amounts must be zero or more"
        case .fractional: "'\(input)' has decimals or misplaced separators; amounts are whole pesos (1.500.000)"
        case .tooLarge:
            "'\(input)' is more than the \(COP.grouped(Bounds.pesos.upperBound)) pesos Rueda accepts for one amount"
        }
    }
}
