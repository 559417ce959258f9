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
            response.headers[.init("X-Request-Id")!] = context.id
            return response
        }
    }
}

/// Security headers on every response: no script, no framing, no sniffing, no referrer (links carry tokens).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'"
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("X-Request-Id")!] = context.id
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
