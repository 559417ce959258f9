import Foundation

/// The part of a JSON Schema the contract checks: types, lengths, ranges, sizes, enumerations and required
/// properties. What it does not know it lets through; the generated code still decodes every value's type.
struct Schema: Sendable {
    var type: String?
    var maxLength: Int?
    var minLength: Int?
    var minimum: Double?
    var maximum: Double?
    var maxItems: Int?
    var minItems: Int?
    var values: [String]?
    var required: [String] = []
    var properties: [String: Schema] = [:]
    /// One element: the schema of an array's items (an array, as a value type cannot hold itself).
    var items: [Schema] = []
    /// Whether properties other than those listed are refused (`additionalProperties: false`).
    var closed = false

    /// The problems of a JSON value (from `JSONSerialization`), each as the path and the reason.
    func problems(_ value: Any, at path: String) -> [(String, String)] {
        if value is NSNull { return [(path, "must not be null")] }
        switch type {
        case "object":
            guard let object = value as? [String: Any] else { return [(path, "must be an object")] }
            var found = required.filter { object[$0] == nil }.map { ("\(path).\($0)", "is required") }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let schema = properties[key] {
                    found += schema.problems(item, at: "\(path).\(key)")
                } else if closed {
                    found.append(("\(path).\(key)", "is not a field of this operation"))
                }
            }
            return found
        case "array":
            guard let array = value as? [Any] else { return [(path, "must be an array")] }
            if let maxItems, array.count > maxItems { return [(path, "has more than \(maxItems) items")] }
            if let minItems, array.count < minItems { return [(path, "needs at least \(minItems) items")] }
            guard let schema = items.first else { return [] }
            return array.enumerated().flatMap { schema.problems($1, at: "\(path)[\($0)]") }
        case "string":
            guard let text = value as? String else { return [(path, "must be a string")] }
            return self.text(text, at: path)
        case "integer", "number":
            guard !Self.isBoolean(value), let number = value as? NSNumber else {
                return [(path, "must be a number")]
            }
            if type == "integer", number.doubleValue.rounded() != number.doubleValue {
                return [(path, "must be a whole number")]
            }
            return range(number.doubleValue, at: path)
        case "boolean":
            return Self.isBoolean(value) ? [] : [(path, "must be true or false")]
        default:
            return []
        }
    }

    /// The problems of a parameter's text (query or path), read as this schema's type.
    func problems(parameter text: String, at path: String) -> [(String, String)] {
        switch type {
        case "integer", "number":
            guard let number = Double(text), number.isFinite else { return [(path, "must be a number")] }
            if type == "integer", number.rounded() != number { return [(path, "must be a whole number")] }
            return range(number, at: path)
        case "boolean":
            return ["true", "false"].contains(text) ? [] : [(path, "must be true or false")]
        default:
            return self.text(text, at: path)
        }
    }

    func text(_ text: String, at path: String) -> [(String, String)] {
        // JSON Schema counts code points, not grapheme clusters: "o͞" is one character to Swift and two to the contract.
        let length = text.unicodeScalars.count
        if let maxLength, length > maxLength { return [(path, "is longer than \(maxLength) characters")] }
        if let minLength, length < minLength { return [(path, "is shorter than \(minLength) characters")] }
        if let values, !values.contains(text) { return [(path, "must be one of \(values.joined(separator: ", "))")] }
        return []
    }

    func range(_ number: Double, at path: String) -> [(String, String)] {
        if let minimum, number < minimum { return [(path, "must be at least \(Self.show(minimum))")] }
        if let maximum, number > maximum { return [(path, "must be at most \(Self.show(maximum))")] }
        if let values, !values.contains(Self.show(number)) {
            return [(path, "must be one of \(values.joined(separator: ", "))")]
        }
        return []
    }

    static func show(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    /// Whether a value from `JSONSerialization` was a JSON `true` or `false` (not the numbers 1 or 0, which also
    /// cast to `Bool`): Foundation keeps booleans as numbers of Objective-C type `c`.
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }
}
