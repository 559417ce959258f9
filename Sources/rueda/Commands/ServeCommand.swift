import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import RuedaCore
import RuedaServer
import RuedaStore
import RuedaUseCases

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service: the organiser API and the participants' pages.",
        discussion: """
            Flags override the environment: RUEDA_HOST, RUEDA_PORT, RUEDA_PUBLIC_URL (the address participants \
            reach, for invite links and calendar feeds; https:// makes cookies Secure), RUEDA_TRUST_PROXY=1 (take \
            client addresses from X-Forwarded-For), RUEDA_MAX_SOLVE_SECONDS. SIGTERM or SIGINT stop it gracefully. The OpenAPI document is \
            served at /openapi.yaml; /healthz, /readyz and /metrics are for operators.
            """)

    @Option(help: "Address to listen on (default: $RUEDA_HOST, else 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: $RUEDA_PORT, else 8080).") var port: Int?
    @Option(name: .customLong("public-url"), help: "Public address for links (default: $RUEDA_PUBLIC_URL).")
    var publicURL: String?
    @Flag(name: .customLong("trust-proxy"), help: "Take client addresses from X-Forwarded-For.") var trustProxy = false
    @Option(
        name: .customLong("max-solve-seconds"),
        help:
            "Longest solver run an API request gets; longer asks are cut to it (default: $RUEDA_MAX_SOLVE_SECONDS, else 60)."
    )
    var maxSolveSeconds: Double?
    @Option(name: .customLong("link-rate-limit"), help: "Invite links one address may open per minute (default 20).")
    var linkRateLimit: Int?
    @Option(name: .customLong("form-rate-limit"), help: "Forms one session may send per minute (default 60).")
    var formRateLimit: Int?
    @Option(
        name: .customLong("auth-rate-limit"),
        help: "Failed API authentications one address may make per minute (default 30).")
    var authRateLimit: Int?
    @Option(
        name: .customLong("agenda-cache-seconds"),
        help: "Seconds a published agenda is kept in memory (default: $RUEDA_AGENDA_CACHE_SECONDS, else 30; 0: off)."
    )
    var agendaCacheSeconds: Int?
    @Option(help: "Job workers to run in this process (default: $RUEDA_WORKERS, else 0: run 'rueda worker' apart).")
    var workers: Int?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let port, !(1...65_535).contains(port) { throw ValidationError("--port must be 1 to 65535") }
        for (name, value) in [
            ("--link-rate-limit", linkRateLimit), ("--form-rate-limit", formRateLimit),
            ("--auth-rate-limit", authRateLimit),
        ] {
            if let value, !(1...1_000_000).contains(value) { throw ValidationError("\(name) must be 1 to 1000000") }
        }
        if let agendaCacheSeconds, !(0...3_600).contains(agendaCacheSeconds) {
            throw ValidationError("--agenda-cache-seconds must be 0 to 3600")
        }
        if let maxSolveSeconds, !(maxSolveSeconds >= 0.1 && maxSolveSeconds <= 3_600) {
            throw ValidationError("--max-solve-seconds must be 0.1 to 3600")
        }
    }

    /// The configuration from flags, then environment, then defaults.
    func serverConfiguration(_ environment: [String: String]) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = host ?? environment["RUEDA_HOST"] ?? configuration.host
        if let port = port ?? environment["RUEDA_PORT"].flatMap(Int.init) { configuration.port = port }
        guard (1...65_535).contains(configuration.port) else { throw CLIError("RUEDA_PORT must be 1 to 65535") }
        configuration.publicURL =
            publicURL ?? environment["RUEDA_PUBLIC_URL"] ?? "http://\(configuration.host):\(configuration.port)"
        guard configuration.publicURL.hasPrefix("http://") || configuration.publicURL.hasPrefix("https://") else {
            throw CLIError("the public URL must start with http:// or https://")
        }
        configuration.trustProxy = trustProxy || environment["RUEDA_TRUST_PROXY"] == "1"
        if let seconds = maxSolveSeconds ?? environment["RUEDA_MAX_SOLVE_SECONDS"].flatMap(Double.init) {
            guard seconds >= 0.1 && seconds <= 3_600 else {
                throw CLIError("RUEDA_MAX_SOLVE_SECONDS must be 0.1 to 3600")
            }
            configuration.maxSolveSeconds = seconds
        }
        if let seconds = agendaCacheSeconds ?? environment["RUEDA_AGENDA_CACHE_SECONDS"].flatMap(Int.init) {
            guard (0...3_600).contains(seconds) else { throw CLIError("RUEDA_AGENDA_CACHE_SECONDS must be 0 to 3600") }
            configuration.agendaCacheSeconds = seconds
        }
        configuration.linkRateLimit = linkRateLimit ?? configuration.linkRateLimit
        configuration.formRateLimit = formRateLimit ?? configuration.formRateLimit
        configuration.authRateLimit = authRateLimit ?? configuration.authRateLimit
        return configuration
    }

    func run() async throws {
        let configuration = try serverConfiguration(ProcessInfo.processInfo.environment)
        var logger = Logger(label: "rueda.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = database.verbose ? .debug : .info
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        // Migrate first when it is the local default database, as every command does.
        try await database.withRueda { _ in }
        let (databaseConfiguration, _) = try database.resolve()
        let app = try await RuedaServer.application(
            database: databaseConfiguration, reference: try ReferenceData.bundled(), configuration: configuration,
            metrics: registry, logger: logger)
        logger.info(
            "serving",
            metadata: [
                "address": "\(configuration.host):\(configuration.port)", "public": "\(configuration.publicURL)",
            ])
        let workerCount = workers ?? ProcessInfo.processInfo.environment["RUEDA_WORKERS"].flatMap(Int.init) ?? 0
        guard (0...64).contains(workerCount) else { throw CLIError("--workers must be 0 to 64") }
        guard workerCount > 0 else { return try await app.runService() }
        var workerConfiguration = WorkerConfiguration()
        workerConfiguration.concurrency = workerCount
        let options = database
        let workers = Task {
            try await options.withRueda { rueda in
                try await JobWorker(rueda: rueda, configuration: workerConfiguration).run()
            }
        }
        logger.info("running job workers in process", metadata: ["workers": "\(workerCount)"])
        defer { workers.cancel() }
        try await app.runService()
    }
}
