import Hummingbird
import Logging
import RuedaUseCases

/// Turns every error into a response a client can act on: a problem document for the API and the service's own
/// routes, an HTML page for participants. Never an empty 500, never a database's own message.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let pages: PageRenderer

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = RuedaError(request: error)
            if problem.code == .failed {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            var response: Response
            if ParticipantPages.owns(request.uri.path) {
                response = pages.errorPage(problem, language: ParticipantPages.language(request))
            } else {
                response = Problem(problem).response()
            }
            return response
        }
    }
}

/// Gives every request an id, in its log lines (`hb.request.id`) and its response's `X-Request-Id`, so that an
/// error a user reports can be found in the log. A client's own `X-Request-Id` is not trusted.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let id: String
        if let existing = context.logger[metadataKey: "hb.request.id"] {
            id = existing.description
        } else {
            id = Self.random()
            context.logger[metadataKey: "hb.request.id"] = .string(id)
        }
        var response = try await next(request, context)
        response.headers[.xRequestID] = id
        return response
    }

    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16)
    }
}

/// Security headers on every response: no script, no framing, no sniffing, no referrer (links carry tokens).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'"
    }

    /// For agendas and reports exported as HTML documents: their own inline styles, still no script.
    static var documentPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'"
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        let exported =
            request.uri.path.hasPrefix("/api/") && response.headers[.contentType]?.hasPrefix("text/html") == true
        response.headers[.contentSecurityPolicy] = exported ? Self.documentPolicy : Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
