// swift-tools-version: 6.0
import PackageDescription

/// Matching, scheduling and bulk encoding for COPY run millions of inner-loop steps: they are optimised even in debug
/// builds, so that the CLI, the demo and the tests run them at full speed without a release build of every dependency.
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Rueda",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rueda", targets: ["rueda"]),
        .executable(name: "rueda-bench", targets: ["rueda-bench"]),
        .library(name: "RuedaCore", targets: ["RuedaCore"]),
        .library(name: "RuedaMatching", targets: ["RuedaMatching"]),
        .library(name: "RuedaSolver", targets: ["RuedaSolver"]),
        .library(name: "RuedaExport", targets: ["RuedaExport"]),
        .library(name: "RuedaStore", targets: ["RuedaStore"]),
        .library(name: "RuedaUseCases", targets: ["RuedaUseCases"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.7.0"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Engines: pure, no I/O.
        .target(
            name: "RuedaCore",
            resources: [.copy("Resources")]
        ),
        .target(
            name: "RuedaMatching",
            dependencies: ["RuedaCore"],
            swiftSettings: hotPathSettings
        ),
        // CaDiCaL, the SAT solver under the solver's exact engine: a static C++ library from Debian's
        // libcadical-dev, so the rueda binary needs nothing extra at run time.
        .systemLibrary(name: "CCaDiCaL", path: "Sources/CCaDiCaL", providers: [.apt(["libcadical-dev"])]),
        .target(
            name: "RuedaSolver",
            dependencies: ["CCaDiCaL"],
            swiftSettings: hotPathSettings,
            linkerSettings: [.linkedLibrary("stdc++"), .linkedLibrary("m")]
        ),
        .target(
            name: "RuedaExport",
            dependencies: ["RuedaCore"]
        ),
        // Persistence: PostgreSQL through PostgresNIO; it persists and queries, it does not decide.
        .target(
            name: "RuedaStore",
            dependencies: [
                "RuedaCore", "RuedaMatching", "RuedaSolver",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.process("Resources/Migrations")],
            swiftSettings: hotPathSettings
        ),
        // The use cases, called by every entry point.
        .target(
            name: "RuedaUseCases",
            dependencies: [
                "RuedaCore", "RuedaMatching", "RuedaSolver", "RuedaExport", "RuedaStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The HTTP service: the organiser API (generated from openapi.yaml) and the participants' pages.
        .target(
            name: "RuedaServer",
            dependencies: [
                "RuedaCore", "RuedaMatching", "RuedaSolver", "RuedaExport", "RuedaStore", "RuedaUseCases",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static"), .copy("Resources/openapi")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // Entry points, and the flags they share.
        .target(
            name: "RuedaCommandLine",
            dependencies: [
                "RuedaCore", "RuedaSolver", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "rueda",
            dependencies: [
                "RuedaCore", "RuedaMatching", "RuedaSolver", "RuedaExport", "RuedaStore", "RuedaUseCases",
                "RuedaCommandLine", "RuedaServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.process("Resources/scripts")]
        ),
        .executableTarget(
            name: "rueda-bench",
            dependencies: [
                "RuedaCore", "RuedaMatching", "RuedaSolver", "RuedaStore", "RuedaUseCases", "RuedaTestSupport",
                "RuedaCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Scratch databases and seeded rounds for tests and benchmarks.
        .target(
            name: "RuedaTestSupport",
            dependencies: [
                "RuedaCore", "RuedaStore", "RuedaUseCases",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "RuedaCoreTests", dependencies: ["RuedaCore"]),
        .testTarget(name: "RuedaMatchingTests", dependencies: ["RuedaCore", "RuedaMatching"]),
        .testTarget(name: "RuedaSolverTests", dependencies: ["RuedaSolver"]),
        .testTarget(name: "RuedaExportTests", dependencies: ["RuedaCore", "RuedaExport"], exclude: ["Golden"]),
        .testTarget(
            name: "RuedaUseCasesTests",
            dependencies: ["RuedaCore", "RuedaMatching", "RuedaSolver", "RuedaUseCases"]
        ),
        .testTarget(
            name: "RuedaServerTests",
            dependencies: [
                "RuedaCore", "RuedaStore", "RuedaUseCases", "RuedaServer", "RuedaTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "RuedaStoreTests",
            dependencies: [
                "RuedaCore", "RuedaMatching", "RuedaSolver", "RuedaExport", "RuedaStore", "RuedaUseCases",
                "RuedaTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
