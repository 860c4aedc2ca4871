// swift-tools-version:6.0
import Foundation
import PackageDescription

// Module arrows: docs/ARCHITECTURE.md lists the allowed ones, and scripts/check-deps (run by scripts/test)
// fails on a new arrow, on an import not declared here, and on `@_exported import`.
let package = Package(
    name: "Socle",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "socle", targets: ["SocleCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0"),
    ],
    targets: [
        .target(name: "SocleCore", resources: [.copy("Resources/strings")]),
        .target(name: "SocleIngest", dependencies: [
            "SocleCore",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Resources/strings"), .copy("Resources/data"), .copy("Resources/schemas")]),
        .target(name: "SocleQuery", dependencies: ["SocleCore"], resources: [.copy("Resources/strings")]),
        .target(name: "SoclePrivacy", dependencies: [
            "SocleCore",
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Resources/strings")]),
        .target(name: "SocleExport", dependencies: ["SocleCore"], resources: [.copy("Resources/strings")]),
        .target(name: "SocleDCAT", dependencies: ["SocleCore"]),
        .target(name: "SocleStore", dependencies: [
            "SocleCore", "SocleQuery",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "SocleStoreSQLite", dependencies: [
            "SocleCore", "SocleStore", "SocleQuery",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "SocleStorePostgres", dependencies: [
            "SocleCore", "SocleStore", "SocleQuery",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .target(name: "SocleActions", dependencies: [
            "SocleCore", "SocleIngest", "SocleQuery", "SocleStore", "SoclePrivacy", "SocleExport", "SocleDCAT",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ], resources: [.copy("Resources/strings")]),
        .target(name: "SocleWeb", dependencies: [
            "SocleCore",
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.copy("Resources/templates"), .copy("Resources/static"), .copy("Resources/strings")]),
        .target(name: "CSocleMalloc"),
        .target(name: "SocleServer", dependencies: [
            "SocleActions", "SocleWeb", "SocleCore", "CSocleMalloc",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "OpenAPIKit", package: "OpenAPIKit"),
        ], resources: [.copy("Resources/strings")]),
        .executableTarget(name: "SocleCLI", dependencies: [
            "SocleActions", "SocleServer", "SocleStoreSQLite", "SocleStorePostgres",
            "SocleCore", "SocleStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], resources: [.copy("Resources/strings")]),
        .target(name: "SocleTestSupport", dependencies: [
            "SocleActions", "SocleStoreSQLite", "SocleStorePostgres",
        ], path: "Tests/SocleTestSupport"),
        .testTarget(name: "SocleWebTests", dependencies: ["SocleWeb"]),
        .testTarget(name: "SocleQueryTests", dependencies: ["SocleQuery"]),
        .testTarget(name: "SoclePrivacyTests", dependencies: ["SoclePrivacy"]),
        .testTarget(name: "SocleExportTests", dependencies: ["SocleExport"]),
        .testTarget(name: "SocleDCATTests", dependencies: ["SocleDCAT"]),
        .testTarget(name: "SocleServerTests", dependencies: [
            "SocleServer", "SocleTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "OpenAPIKit", package: "OpenAPIKit"),
        ]),
        .testTarget(name: "SocleActionsTests", dependencies: ["SocleTestSupport"]),
        .testTarget(name: "SocleCoreTests", dependencies: ["SocleCore", "SocleQuery"]),
        .testTarget(name: "SocleIngestTests", dependencies: ["SocleIngest"],
                    exclude: [], resources: []),
        .testTarget(name: "SocleStoreTests", dependencies: [
            "SocleTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "SocleCLITests", dependencies: ["SocleTestSupport"]),
    ]
)

// libFuzzer harnesses (`scripts/fuzz`, see bench/README.md): declared only when SOCLE_FUZZ is set while
// the manifest is evaluated, so the ordinary build and test runs never see them. Each harness depends
// only on the module it fuzzes; `FuzzDriver` hands libFuzzer's command line to the harness's callback.
if ProcessInfo.processInfo.environment["SOCLE_FUZZ"] != nil {
    package.targets += [
        .target(name: "FuzzDriver", path: "Fuzz/FuzzDriver"),
        .target(name: "FuzzIngestSupport", dependencies: ["SocleCore", "SocleIngest"], path: "Fuzz/FuzzIngestSupport"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzDriver", "FuzzIngestSupport"], path: "Fuzz/FuzzCSV"),
        .executableTarget(name: "FuzzSpreadsheet", dependencies: ["FuzzDriver", "FuzzIngestSupport"], path: "Fuzz/FuzzSpreadsheet"),
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzDriver", "FuzzIngestSupport", "SocleIngest"], path: "Fuzz/FuzzJSON"),
        .executableTarget(name: "FuzzWhere", dependencies: ["FuzzDriver", "SocleCore", "SocleQuery"], path: "Fuzz/FuzzWhere"),
        .executableTarget(name: "FuzzSQLGuard", dependencies: ["FuzzDriver", "SocleCore", "SocleQuery"], path: "Fuzz/FuzzSQLGuard"),
    ]
}

// Hand-written pieces measured against the library that could replace them (issue 11; `bench/libraries`,
// see bench/README.md): declared only when SOCLE_LIBRARY_BENCH is set, so that the product's build never
// fetches or compiles a library it does not use.
if ProcessInfo.processInfo.environment["SOCLE_LIBRARY_BENCH"] != nil {
    package.dependencies += [
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ]
    package.targets += [
        .executableTarget(name: "SocleLibraryBench", dependencies: [
            "SocleServer", "SocleExport",
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], path: "bench/libraries", exclude: ["run.sh"]),
    ]
}
