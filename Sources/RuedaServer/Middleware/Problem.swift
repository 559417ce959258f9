import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIRuntime
import RuedaCore
import RuedaUseCases

/// An RFC 9457 problem document: the one shape every API error takes, with a code a client can act on.
struct Problem: Encodable, Sendable {
    struct Issue: Encodable, Sendable {
        var row: Int?
        var field: String
        var reason: String
    }

    var type: String
    var title: String
    var status: Int
    var detail: String
    var code: String
    var issues: [Issue]?

    /// A problem the service's own middleware answers, outside the use cases' errors.
    init(status: Int, code: String, title: String, detail: String) {
        (self.type, self.title, self.status) = ("urn:rueda:problem:\(code)", title, status)
        (self.detail, self.code, self.issues) = (detail, code, nil)
    }

    init(_ error: RuedaError) {
        let status = Self.status(for: error.code)
        type = "urn:rueda:problem:\(error.code.rawValue)"
        title = Self.title(for: error.code)
        self.status = Int(status.code)
        detail =
            error.detailsLogged
            ? error.message + " (details are in the server log under this request's id)" : error.message
        code = error.code.rawValue
        issues =
            error.issues.isEmpty ? nil : error.issues.map { Issue(row: $0.row, field: $0.field, reason: $0.reason) }
    }

    static func status(for code: RuedaError.Code) -> HTTPResponse.Status {
        switch code {
        case .notFound: .notFound
        case .invalidInput: .unprocessableContent
        case .conflict, .busy, .immutable: .conflict
        case .unavailable, .configuration: .serviceUnavailable
        case .failed: .internalServerError
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .tooManyRequests: .tooManyRequests
        }
    }

    static func title(for code: RuedaError.Code) -> String {
        switch code {
        case .notFound: "Not found"
        case .invalidInput: "Invalid input"
        case .conflict: "Conflict with the stored state"
        case .busy: "Another command is changing this round"
        case .unavailable: "The database is unavailable"
        case .immutable: "Kept unchanged by design"
        case .configuration: "The service is not set up"
        case .failed: "Unexpected failure"
        case .unauthorized: "Not authenticated"
        case .forbidden: "Not allowed"
        case .tooManyRequests: "Too many requests"
        }
    }

    /// The problem as a response.
    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data(#"{"code":"failed","status":500}"#.utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == 401 { headers[.wwwAuthenticate] = #"Bearer realm="rueda""# }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension RuedaError {
    /// Any error a request can end with, as a use-case error: the OpenAPI runtime's wrapping removed, its decoding
    /// errors and the router's own errors (no such route, bad method, too large) given their codes.
    init(request error: any Error) {
        switch error {
        case let error as RuedaError: self = error
        case let error as ServerError:
            if let decoding = error.underlyingError as? DecodingError {
                self = RuedaError(.invalidInput, "the request cannot be read: \(Self.describe(decoding))")
            } else if error.underlyingError is DecodingError || error.causeDescription.contains("decod")
                || error.causeDescription.contains("parse") || error.causeDescription.contains("Unexpected")
            {
                self = RuedaError(.invalidInput, "the request cannot be read: \(error.causeDescription)")
            } else {
                self = RuedaError(request: error.underlyingError)
            }
        case let error as HTTPError:
            switch error.status {
            case .notFound: self = RuedaError(.notFound, "no such resource")
            case .contentTooLarge: self = RuedaError(.invalidInput, "the request body is too large")
            case .methodNotAllowed: self = RuedaError(.notFound, "no such operation on this resource")
            default: self = RuedaError(.invalidInput, error.body ?? "the request cannot be served")
            }
        case let error as DecodingError:
            self = RuedaError(.invalidInput, "the request cannot be read: \(Self.describe(error))")
        default: self = RuedaError(error)
        }
    }

    /// A decoding error in words: which field, and what was wrong with it.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty
                ? "the body" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "the body is not valid JSON" : "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is required"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(type)"
        @unknown default:
            return "the body does not match the operation's schema"
        }
    }
}
