import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RuedaCore
import RuedaUseCases

/// Holds requests to the contract before any handler runs: a method a path does not declare is answered
/// `405 Method Not Allowed` with `Allow`; parameters and JSON bodies outside the document's bounds are refused with
/// 422 naming each field; a body-less POST, PUT or PATCH is read as `{}`, so `curl -X POST …/match-runs` takes the
/// defaults.
struct ContractMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let contract: Contract
    /// Largest JSON body read for checking (CSV uploads are not JSON and are streamed to their handler).
    static let maxJSONBytes = 1_048_576

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    ) async throws -> Response {
        guard let (route, pathValues) = contract.route(for: request.uri.path) else {
            return try await next(request, context)
        }
        guard let operation = route.operations[request.method] else {
            let allowed = route.operations.keys.map(\.rawValue).sorted().joined(separator: ", ")
            var response = Problem(
                status: 405, code: "methodNotAllowed", title: "Method not allowed",
                detail: "\(request.uri.path) takes \(allowed)"
            ).response()
            response.headers[.allow] = allowed
            return response
        }
        var issues: [ValidationIssue] = []
        let query = request.uri.queryParameters
        for parameter in operation.parameters {
            let value: String? =
                switch parameter.location {
                case "path": pathValues[parameter.name]
                case "query": query[parameter.name[...]].map(String.init)
                default: nil
                }
            guard let value else {
                if parameter.required { issues.append(.init(field: parameter.name, reason: "is required")) }
                continue
            }
            // No parameter may carry control characters: PostgreSQL text cannot hold NUL, and none belongs in a
            // name, a code or a search.
            if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                issues.append(.init(field: parameter.name, reason: "must not contain control characters"))
                continue
            }
            issues += parameter.schema.problems(parameter: value, at: parameter.name).map {
                ValidationIssue(field: $0.0, reason: $0.1)
            }
        }
        var request = request
        if [.post, .put, .patch].contains(request.method) {
            request = try await checkedBody(request, operation: operation, issues: &issues)
        }
        guard issues.isEmpty else {
            throw RuedaError(
                .invalidInput,
                issues.map { "\($0.field) \($0.reason)" }.joined(separator: "; "), issues: issues)
        }
        return try await next(request, context)
    }

    /// The request with its JSON body read and checked (or `{}` when it has none); other bodies pass untouched.
    func checkedBody(
        _ request: Request, operation: Contract.Operation, issues: inout [ValidationIssue]
    ) async throws -> Request {
        let type = request.headers[.contentType]
        let empty =
            type == nil && request.headers[.transferEncoding] == nil && (request.headers[.contentLength] ?? "0") == "0"
        guard let schema = operation.jsonBody else { return request }
        var head = request.head
        let bytes: ByteBuffer
        if empty {
            bytes = ByteBuffer(string: "{}")
            head.headerFields[.contentType] = "application/json"
            head.headerFields[.contentLength] = "2"
        } else if type?.lowercased().hasPrefix("application/json") == true {
            var request = request
            do {
                bytes = try await request.collectBody(upTo: Self.maxJSONBytes)
            } catch {
                throw RuedaError(.invalidInput, "the JSON body is larger than \(Self.maxJSONBytes / 1_048_576) MiB")
            }
        } else {
            return request
        }
        guard let value = try? JSONSerialization.jsonObject(with: Data(buffer: bytes), options: [.fragmentsAllowed])
        else {
            issues.append(.init(field: "body", reason: "is not valid JSON"))
            return request
        }
        issues += schema.problems(value, at: "body").map { ValidationIssue(field: $0.0, reason: $0.1) }
        return Request(head: head, body: .init(buffer: bytes))
    }
}
