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
        .library(name: "RuedaCore", targets: ["RuedaCore"]),
        .library(name: "RuedaMatching", targets: ["RuedaMatching"]),
        .library(name: "RuedaSolver", targets: ["RuedaSolver"]),
        .library(name: "RuedaExport", targets: ["RuedaExport"]),
        .library(name: "RuedaStore", targets: ["RuedaStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
    ],
    targets: [
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
        .target(
            name: "RuedaStore",
            dependencies: [
                "RuedaCore", "RuedaMatching", "RuedaSolver", "RuedaExport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.process("Resources/Migrations")],
            swiftSettings: hotPathSettings
        ),
        .executableTarget(
            name: "rueda",
            dependencies: [
                "RuedaCore", "RuedaMatching", "RuedaSolver", "RuedaExport", "RuedaStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.process("Resources/scripts")]
        ),
        .testTarget(name: "RuedaCoreTests", dependencies: ["RuedaCore"]),
        .testTarget(name: "RuedaMatchingTests", dependencies: ["RuedaCore", "RuedaMatching", "RuedaSolver"]),
        .testTarget(name: "RuedaSolverTests", dependencies: ["RuedaSolver"]),
        .testTarget(name: "RuedaExportTests", dependencies: ["RuedaCore", "RuedaExport"], exclude: ["Golden"]),
        .testTarget(
            name: "RuedaStoreTests",
            dependencies: [
                "RuedaCore", "RuedaMatching", "RuedaSolver", "RuedaStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
