import Hummingbird
import NIOCore
import RuedaUseCases
import Synchronization

/// Serves a company listing (`GET /api/v1/companies`) that was answered before from memory while the directory's
/// version is the one it was read at. The version changes whenever a write to a company commits, from any process,
/// so a kept listing is never stale; reading the version costs one small query instead of reading, decoding and
/// encoding fifty companies.
struct ListingCacheMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    static let path = "/api/v1/companies"
    let rueda: Rueda
    let cache: ListingCache

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get, request.uri.path == Self.path, context.principal != nil,
            case let query = request.uri.query ?? "", query.utf8.count <= Self.longestQuery
        else { return try await next(request, context) }
        let version = try await rueda.companies.directoryVersion()
        if let kept = cache.value(for: query, stamp: version) {
            return Response(status: .ok, headers: kept.headers, body: .init(byteBuffer: kept.body))
        }
        let response = try await next(request, context)
        guard response.status == .ok, let length = response.body.contentLength, length <= Self.largestBody
        else { return response }
        let body = try await Self.collect(response.body)
        cache.keep(Listing(headers: response.headers, body: body), for: query, stamp: version)
        return Response(status: response.status, headers: response.headers, body: .init(byteBuffer: body))
    }

    /// The bytes of a response body, written into memory.
    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = Collector()
        try await body.write(collector)
        return collector.buffer.withLock { $0 }
    }

    /// A body writer that keeps what is written.
    final class Collector: ResponseBodyWriter, Sendable {
        let buffer = Mutex(ByteBuffer())

        func write(_ part: ByteBuffer) async throws {
            buffer.withLock { buffer in
                var part = part
                buffer.writeBuffer(&part)
            }
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}

/// Company listings kept by query string under the directory version they were read at.
typealias ListingCache = StampedCache<String, Int64, ListingCacheMiddleware.Listing>

extension ListingCacheMiddleware {
    /// A kept listing: the handler's headers and body.
    struct Listing: Sendable {
        let headers: HTTPFields
        let body: ByteBuffer
    }

    /// The longest query string kept (longer ones are answered, not kept).
    static let longestQuery = 1_024
    /// The largest listing kept, in bytes (a page of 200 companies is about 75 KB).
    static let largestBody = 262_144
    /// The most listings kept: at most 128 MiB, about 10 MB for pages of 50.
    static let capacity = 512
}
