// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "duban",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "duban", targets: ["duban"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .target(name: "DubanCore"),
        .target(
            name: "DubanPlans",
            dependencies: ["DubanCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "DubanStore",
            dependencies: [
                "DubanCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(name: "DubanStoreTesting", dependencies: ["DubanStore"]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "DubanNotify",
            dependencies: [
                "DubanCore", "DubanStore", "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "DubanDocs",
            dependencies: [
                "DubanCore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "DubanImport",
            dependencies: [
                "DubanCore", "DubanPlans",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "DubanServer",
            dependencies: [
                "DubanCore", "DubanStore", "DubanNotify", "DubanDocs",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("openapi.yaml")]
        ),
        .executableTarget(
            name: "duban",
            dependencies: [
                "DubanCore", "DubanPlans", "DubanStore", "DubanNotify", "DubanDocs", "DubanServer", "DubanImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DubanCoreTests", dependencies: ["DubanCore"]),
        .testTarget(name: "DubanPlansTests", dependencies: ["DubanPlans"]),
        .testTarget(name: "DubanStoreTests", dependencies: ["DubanStore", "DubanStoreTesting", "DubanPlans"]),
        .testTarget(name: "DubanNotifyTests", dependencies: ["DubanNotify", "DubanStoreTesting"]),
        .testTarget(name: "DubanImportTests", dependencies: ["DubanImport", "DubanPlans", "ZIPFoundation"]),
        .testTarget(name: "DubanDocsTests", dependencies: ["DubanDocs", "ZIPFoundation"], exclude: ["Snapshots"]),
        .testTarget(
            name: "DubanServerTests",
            dependencies: [
                "DubanServer", "DubanPlans", "DubanStore", "DubanStoreTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "DubanCLITests", dependencies: ["duban", "DubanStoreTesting", "ZIPFoundation"],
            exclude: ["Snapshots", "check_ics.py"]),
    ],
    swiftLanguageModes: [.v6]
)
