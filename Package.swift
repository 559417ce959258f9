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
        .target(
            name: "RuedaSolver",
            swiftSettings: hotPathSettings
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
                .product(name: "Logging", package: "swift-log"),
            ]
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
                "RuedaCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
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
