import Foundation

extension String {
    /// Lower-cases and strips accents and other diacritics, so that `Bogotá` and `BOGOTA` compare equal.
    public func foldedForComparison() -> String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }
        var scalars = String.UnicodeScalarView()
        for scalar in lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// A key for matching headers and enumerated values: folded, with runs of anything that is not a letter or
    /// digit turned into a single underscore (`"Razón Social "` becomes `razon_social`).
    public func normalizedKey() -> String {
        var result = ""
        var pendingSeparator = false
        for character in foldedForComparison() {
            if character.isLetter || character.isNumber {
                if pendingSeparator && !result.isEmpty { result.append("_") }
                pendingSeparator = false
                result.append(character)
            } else {
                pendingSeparator = true
            }
        }
        return result
    }

    /// The string without leading and trailing white space (including non-breaking spaces from spreadsheets).
    public func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// Splits a multi-valued cell (`1011|1020`) into trimmed, non-empty values.
    public func splitMultiValue(separator: Character = "|") -> [String] {
        split(separator: separator).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
