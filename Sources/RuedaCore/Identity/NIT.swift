/// A Colombian tax identification number (NIT) with its DIAN check digit.
///
/// The check digit is computed with DIAN's modulo-11 algorithm. Input is accepted with or without the
/// check digit and with the usual punctuation (`900.123.456-7`, `900123456-7`, `9001234567`, `900123456`);
/// the normalised form is `900123456-7`.
public struct NIT: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The digits before the check digit, without punctuation or leading zeros.
    public let base: String
    /// The DIAN check digit (0–9).
    public let checkDigit: Int

    /// DIAN's prime weights, applied from the rightmost digit of the base leftwards.
    static let weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]

    /// Creates a NIT from its base digits, computing the check digit.
    public init(base: String) throws(NITError) {
        let digits = String(base.drop(while: { $0 == "0" }))
        guard digits.allSatisfy(\.isASCIIDigit) else { throw NITError(.notNumeric, input: base) }
        guard !digits.isEmpty else { throw NITError(.zero, input: base) }
        guard digits.count >= 5 else { throw NITError(.tooShort, input: base) }
        guard digits.count <= Self.weights.count else { throw NITError(.tooLong, input: base) }
        self.base = digits
        self.checkDigit = Self.checkDigit(forBase: digits)
    }

    /// Parses a NIT as people write it, validating the check digit when one is given.
    ///
    /// A check digit is recognised after a hyphen (`900123456-7`), or as the tenth digit of a ten-digit
    /// number (company NITs have nine-digit bases). Shorter numbers without a hyphen are taken as a base.
    public init(parsing input: String) throws(NITError) {
        let trimmed = input.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw NITError(.empty, input: input) }
        var parts = trimmed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else { throw NITError(.malformed, input: input) }
        let cleaned = parts.map { $0.filter { $0 != "." && $0 != " " && $0 != "," } }
        guard cleaned.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            throw NITError(.notNumeric, input: input)
        }
        parts = cleaned
        var given: Int?
        var base = parts[0]
        if parts.count == 2 {
            guard parts[1].count == 1, let digit = Int(parts[1]) else { throw NITError(.malformed, input: input) }
            given = digit
        } else if base.count == 10 {
            given = Int(String(base.removeLast()))
        }
        try self.init(base: base)
        if let given, given != checkDigit {
            throw NITError(.wrongCheckDigit(expected: checkDigit, given: given), input: input)
        }
    }

    /// Computes DIAN's check digit for a string of base digits.
    public static func checkDigit(forBase digits: String) -> Int {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            sum += (character.wholeNumberValue ?? 0) * weights[index]
        }
        let remainder = sum % 11
        return remainder > 1 ? 11 - remainder : remainder
    }

    /// The normalised form, `base-checkDigit`.
    public var description: String { "\(base)-\(checkDigit)" }

    public static func < (lhs: NIT, rhs: NIT) -> Bool {
        lhs.base.count != rhs.base.count ? lhs.base.count < rhs.base.count : lhs.base < rhs.base
    }
}

/// Why a NIT was rejected.
public struct NITError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: Sendable, Equatable {
        case empty
        case zero
        case notNumeric
        case malformed
        case tooShort
        case tooLong
        case wrongCheckDigit(expected: Int, given: Int)
    }

    public let code: Code
    public let input: String

    init(_ code: Code, input: String) {
        self.code = code
        self.input = input
    }

    public var description: String {
        switch code {
        case .empty: "NIT is empty"
        case .zero: "NIT '\(input)' is zero; a NIT has at least 5 significant digits"
        case .notNumeric: "NIT '\(input)' must contain only digits, dots and one hyphen before the check digit"
        case .malformed: "NIT '\(input)' is malformed; write it as 900123456-7 or 900123456"
        case .tooShort: "NIT '\(input)' is too short (at least 5 digits)"
        case .tooLong: "NIT '\(input)' is too long (at most 15 digits before the check digit)"
        case .wrongCheckDigit(let expected, let given):
            "NIT '\(input)' has check digit \(given) but DIAN's algorithm gives \(expected)"
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension NIT: Codable {
    /// Decodes the normalised text form, `900123456-7`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try NIT(parsing: text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the normalised text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
