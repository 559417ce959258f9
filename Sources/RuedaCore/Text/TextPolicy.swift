/// What stored text may hold: no control characters (a terminal would run escape sequences, a CSV reader split
/// rows) and no invisible bidirectional overrides (which make text read differently from what it is), so that
/// names, notes and products are safe to print, export and show on a page.
public enum TextPolicy {
    /// Why `text` cannot be stored, or nil when it can. Multi-line fields (descriptions, notes) may hold line
    /// breaks and tabs; other fields may not.
    public static func problem(in text: String, multiline: Bool) -> String? {
        for scalar in text.unicodeScalars where isRefused(scalar, multiline: multiline) {
            return "holds the control character \(escaped(scalar)); remove it (and any escape sequence it starts)"
        }
        return nil
    }

    /// Whether a scalar is refused in stored text.
    static func isRefused(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return !multiline
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates, and the line and paragraph separators.
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func escaped(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension String {
    /// The text with every character a terminal could act on (control characters, escape sequences, bidirectional
    /// overrides) shown as `U+001B` instead, for echoing input and stored text to a terminal. Line breaks and tabs
    /// are kept.
    public var visibleForTerminal: String {
        guard unicodeScalars.contains(where: { TextPolicy.isRefused($0, multiline: true) }) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if TextPolicy.isRefused(scalar, multiline: true) {
                result.append(contentsOf: "<\(TextPolicy.escaped(scalar))>".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}

extension IssueCollector {
    /// Records a problem when `text` holds characters stored text may not hold, or is longer than `limit`.
    public mutating func checkText(_ field: String, _ text: String, multiline: Bool = false, limit: Int? = nil) {
        if let problem = TextPolicy.problem(in: text, multiline: multiline) {
            add(field, problem)
        } else if let limit, text.count > limit {
            add(field, "is longer than \(limit) characters")
        }
    }
}
