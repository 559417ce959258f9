import Hummingbird
import NIOCore
import RuedaUseCases

/// Authenticates organiser API requests (`/api/…`) by their bearer key, limits failed attempts per client address,
/// and makes the key's principal available to the generated handlers.
struct APIAuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let rueda: Rueda
    let configuration: ServerConfiguration

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else {
            return try await CurrentRequest.$context.withValue(context) { try await next(request, context) }
        }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw RuedaError(.unauthorized, "send an API key as 'Authorization: Bearer KEY' (rueda apikey create)")
        }
        var context = context
        do {
            context.principal = try await rueda.access.authenticate(bearer: String(header.dropFirst(7)))
        } catch let error as RuedaError where error.code == .unauthorized {
            let client = ClientAddress.of(request, context: context, trustProxy: configuration.trustProxy)
            if try await !rueda.access.allow("auth:\(client)", limit: configuration.authRateLimit) {
                throw RuedaError(.tooManyRequests, "too many failed authentications from this address; wait a minute")
            }
            throw error
        }
        try await authorize(request, principal: context.principal)
        let authenticated = context
        return try await CurrentRequest.$context.withValue(authenticated) { try await next(request, authenticated) }
    }
}

extension APIAuthMiddleware {
    /// Refuses a key outside its scope before the request's body is read or validated: a round the key is not for,
    /// or an operation on the whole programme or the company directory for a key scoped to some rounds. The handlers
    /// check again.
    func authorize(_ request: Request, principal: APIPrincipal?) async throws {
        guard let principal, !principal.allEvents else { return }
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[0] == "api", parts[1] == "v1" else { return }
        switch (parts[2], parts.count, request.method) {
        case ("events", 3, .get), ("companies", _, .get):
            return
        case ("events", 3, _), ("companies", _, _), ("report", _, _):
            throw RuedaError(.forbidden, "this operation needs an API key for all events")
        case ("events", _, _):
            let reference = String(parts[3]).removingPercentEncoding ?? String(parts[3])
            guard let event = try? await rueda.selection.event(reference) else { return }
            guard principal.may(event.id) else {
                throw RuedaError(.forbidden, "this API key may not work on \(event.spec.code)")
            }
        default:
            return
        }
    }
}

/// The client's address, for rate limits: the connection's, or the first `X-Forwarded-For` entry behind a proxy.
enum ClientAddress {
    static func of(_ request: Request, context: ServerContext, trustProxy: Bool) -> String {
        if trustProxy, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").first {
            return String(forwarded.trimmingCharacters(in: .whitespaces).prefix(64))
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}
