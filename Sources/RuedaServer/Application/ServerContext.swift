import Hummingbird
import NIOCore
import RuedaUseCases

/// The request context of the service: the client's address, and the API key once authenticated.
public struct ServerContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The organiser key that authenticated this request (API routes only).
    public var principal: APIPrincipal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        principal = nil
    }

    /// Uploads up to 64 MiB (the middleware refuses larger bodies with a problem document first).
    public var maxUploadSize: Int { 64 * 1_048_576 }
}

/// The context of the request being handled, for handlers the OpenAPI generator calls without it.
enum CurrentRequest {
    @TaskLocal static var context: ServerContext?
}
