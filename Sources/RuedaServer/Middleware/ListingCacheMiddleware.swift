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
            case let query = request.uri.query ?? "", query.utf8.count <= ListingCache.longestQuery
        else { return try await next(request, context) }
        let version = try await rueda.companies.directoryVersion()
        if let kept = cache.listing(query: query, version: version) {
            return Response(status: .ok, headers: kept.headers, body: .init(byteBuffer: kept.body))
        }
        let response = try await next(request, context)
        guard response.status == .ok, let length = response.body.contentLength, length <= ListingCache.largestBody
        else { return response }
        let body = try await Self.collect(response.body)
        cache.keep(ListingCache.Listing(headers: response.headers, body: body), query: query, version: version)
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

/// Company listings kept by query string with the directory version they were read at: at most `capacity` of them,
/// each at most ``largestBody`` bytes; the oldest half goes when it is full.
final class ListingCache: Sendable {
    struct Listing: Sendable {
        let headers: HTTPFields
        let body: ByteBuffer
    }

    struct Entry {
        let version: Int64
        let listing: Listing
        let stored: ContinuousClock.Instant
    }

    /// The longest query string kept (longer ones are answered, not kept).
    static let longestQuery = 1_024
    /// The largest listing kept, in bytes (a page of 200 companies is about 75 KB).
    static let largestBody = 262_144

    let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    /// A cache of at most `capacity` listings (default 512: at most 128 MiB, about 10 MB for pages of 50).
    init(capacity: Int = 512) {
        self.capacity = max(1, capacity)
    }

    /// The listing kept for this query, if it was read at this directory version.
    func listing(query: String, version: Int64) -> Listing? {
        entries.withLock { entries in
            guard let entry = entries[query] else { return nil }
            guard entry.version == version else {
                entries[query] = nil
                return nil
            }
            return entry.listing
        }
    }

    /// Keeps a listing read after the directory was at `version`.
    func keep(_ listing: Listing, query: String, version: Int64) {
        let entry = Entry(version: version, listing: listing, stored: ContinuousClock.now)
        entries.withLock { entries in
            if entries.count >= capacity, entries[query] == nil {
                let oldest = entries.sorted { $0.value.stored < $1.value.stored }.prefix(max(1, entries.count / 2))
                for (key, _) in oldest { entries[key] = nil }
            }
            entries[query] = entry
        }
    }

    /// How many listings are held now.
    var count: Int { entries.withLock { $0.count } }
}
