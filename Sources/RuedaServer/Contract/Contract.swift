import Foundation
import HTTPTypes
import Yams

/// The organiser API's contract, read from the OpenAPI document the code is generated from: its paths, each
/// operation's parameters and JSON body schema. The generated code decodes types; this checks the rest of what the
/// document promises (lengths, ranges, enumerations, required fields), so that the document stays the whole truth.
struct Contract: Sendable {
    struct Parameter: Sendable {
        let name: String
        let location: String
        let required: Bool
        let schema: Schema
    }

    struct Operation: Sendable {
        let parameters: [Parameter]
        /// The schema of an `application/json` body, when the operation takes one.
        let jsonBody: Schema?
        let bodyRequired: Bool
    }

    struct Route: Sendable {
        /// The path's segments; nil for a `{parameter}`.
        let segments: [String?]
        let names: [String?]
        let operations: [HTTPRequest.Method: Operation]
    }

    let routes: [Route]

    init(document text: String) throws {
        guard let document = try Yams.load(yaml: text) as? [String: Any] else {
            throw SchemaError("the OpenAPI document is not a mapping")
        }
        let resolver = Resolver(document: document)
        var routes: [Route] = []
        for (path, item) in (document["paths"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let item = item as? [String: Any] else { continue }
            let shared = try (item["parameters"] as? [Any] ?? []).map { try resolver.parameter($0) }
            var operations: [HTTPRequest.Method: Operation] = [:]
            for (key, value) in item {
                guard let method = HTTPRequest.Method(key.uppercased()), let operation = value as? [String: Any],
                    ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method.rawValue)
                else { continue }
                let own = try (operation["parameters"] as? [Any] ?? []).map { try resolver.parameter($0) }
                let body = operation["requestBody"] as? [String: Any]
                let json = ((body?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                operations[method] = Operation(
                    parameters: shared + own, jsonBody: try json.map { try resolver.schema($0) },
                    bodyRequired: body?["required"] as? Bool ?? false)
            }
            let parts = path.split(separator: "/").map(String.init)
            routes.append(
                Route(
                    segments: parts.map { $0.hasPrefix("{") ? nil : $0 },
                    names: parts.map { $0.hasPrefix("{") ? String($0.dropFirst().dropLast()) : nil },
                    operations: operations))
        }
        self.routes = routes
    }

    /// The route a request path falls on, with its path parameters (percent-decoded), or nil.
    func route(for path: String) -> (Route, [String: String])? {
        let parts = path.split(separator: "/").map(String.init)
        for route in routes where route.segments.count == parts.count {
            var values: [String: String] = [:]
            var matches = true
            for (index, part) in parts.enumerated() {
                if let segment = route.segments[index] {
                    if segment != part { matches = false }
                } else if let name = route.names[index] {
                    values[name] = part.removingPercentEncoding ?? part
                }
            }
            if matches { return (route, values) }
        }
        return nil
    }
}

/// Resolves the document's `$ref`s into schemas and parameters.
struct Resolver {
    let document: [String: Any]

    func target(_ value: Any) throws -> Any {
        guard let map = value as? [String: Any], let ref = map["$ref"] as? String else { return value }
        var node: Any = document
        for key in ref.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(key)] else {
                throw SchemaError("no \(ref) in the document")
            }
            node = next
        }
        return try target(node)
    }

    func parameter(_ value: Any) throws -> Contract.Parameter {
        guard let map = try target(value) as? [String: Any], let name = map["name"] as? String,
            let location = map["in"] as? String
        else { throw SchemaError("a parameter without name or location") }
        return Contract.Parameter(
            name: name, location: location, required: map["required"] as? Bool ?? false,
            schema: try schema(map["schema"] ?? [:]))
    }

    func schema(_ value: Any, depth: Int = 0) throws -> Schema {
        guard depth < 32 else { throw SchemaError("schema references nest too deeply") }
        guard let map = try target(value) as? [String: Any] else { return Schema() }
        var schema = Schema()
        schema.type = map["type"] as? String
        schema.maxLength = map["maxLength"] as? Int
        schema.minLength = map["minLength"] as? Int
        schema.minimum = Self.number(map["minimum"])
        schema.maximum = Self.number(map["maximum"])
        schema.maxItems = map["maxItems"] as? Int
        schema.minItems = map["minItems"] as? Int
        schema.values = (map["enum"] as? [Any])?.map { "\($0)" }
        schema.required = map["required"] as? [String] ?? []
        if let properties = map["properties"] as? [String: Any] {
            schema.properties = try properties.mapValues { try self.schema($0, depth: depth + 1) }
        }
        if let items = map["items"] { schema.items = [try self.schema(items, depth: depth + 1)] }
        if let additional = map["additionalProperties"] as? Bool { schema.closed = !additional }
        return schema
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let value as Int: Double(value)
        case let value as Double: value
        default: nil
        }
    }
}

struct SchemaError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
