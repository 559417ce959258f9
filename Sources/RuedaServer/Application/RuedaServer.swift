import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
import PostgresNIO
import Prometheus
import RuedaCore
import RuedaStore
import RuedaUseCases
import ServiceLifecycle

/// The HTTP service: the organiser API generated from `openapi.yaml`, the participants' pages, and the service's
/// own routes (`/healthz`, `/readyz`, `/metrics`, `/openapi.yaml`, `/static/`).
public enum RuedaServer {
    /// The router with every route and middleware, for an application or a test.
    public static func router(
        rueda: Rueda, configuration: ServerConfiguration, metrics: PrometheusCollectorRegistry
    ) async throws -> Router<ServerContext> {
        let renderer = try await PageRenderer()
        let router = Router(context: ServerContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware(pages: renderer))
        let document = try Self.resource("openapi/openapi.yaml")
        let contract = try Contract(document: String(decoding: document, as: UTF8.self))
        router.add(middleware: APIAuthMiddleware(rueda: rueda, configuration: configuration))
        router.add(middleware: ContractMiddleware(contract: contract))
        router.add(
            middleware: ListingCacheMiddleware(
                rueda: rueda, cache: ListingCache(capacity: ListingCacheMiddleware.capacity)))
        // Compact JSON (the runtime pretty-prints by default, a third of a list's CPU); keys stay sorted, so the same
        // answer is the same bytes.
        try APIHandler(rueda: rueda, configuration: configuration).registerHandlers(
            on: router, configuration: OpenAPIRuntime.Configuration(jsonEncodingOptions: [.sortedKeys]))
        ParticipantPages(rueda: rueda, configuration: configuration, renderer: renderer).register(on: router)
        router.get("/metrics") { _, _ in
            // Jobs by state, read at scrape time: the queue is shared by every process, so no process counts it.
            if let counts = try? await JobRepository(database: rueda.database).counts() {
                for state in JobState.allCases {
                    Gauge(label: "rueda_jobs", dimensions: [("state", state.rawValue)]).record(counts[state] ?? 0)
                }
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
        router.get("/openapi.yaml") { _, _ in Self.file(document, type: "application/yaml") }
        let stylesheet = try Self.resource("static/rueda.css")
        router.get("/static/rueda.css") { _, _ in
            var response = Self.file(stylesheet, type: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "public, max-age=3600"
            return response
        }
        return router
    }

    /// The application: the router served on the configured address, with the database's connection pool run
    /// beside it in the service group, both shut down gracefully on SIGTERM or SIGINT.
    public static func application(
        database: DatabaseConfiguration, reference: ReferenceData, configuration: ServerConfiguration,
        metrics: PrometheusCollectorRegistry, logger: Logger
    ) async throws -> some ApplicationProtocol {
        var poolConfiguration = try database.clientConfiguration()
        poolConfiguration.options.maximumConnections = configuration.databaseConnections
        let client = PostgresClient(configuration: poolConfiguration, backgroundLogger: logger)
        let rueda = Rueda(
            database: Database(client: client, logger: logger, endpoint: database.endpoint), reference: reference,
            agendaCache: configuration.agendaCacheSeconds > 0
                ? AgendaCache(lifetime: .seconds(configuration.agendaCacheSeconds)) : nil,
            secretCache: SecretCache(), participantCache: ParticipantCache())
        var app = Application(
            router: try await router(rueda: rueda, configuration: configuration, metrics: metrics),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "rueda"),
            logger: logger)
        app.addServices(client)
        return app
    }

    static func resource(_ path: String) throws -> [UInt8] {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent(path),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw RuedaError(.configuration, "the service's file \(path) is missing beside the rueda binary") }
        return [UInt8](data)
    }

    static func file(_ bytes: [UInt8], type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
