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
    ],
    targets: [
        .target(name: "DubanCore"),
        .target(
            name: "DubanPlans",
            dependencies: ["DubanCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "DubanStore",
            dependencies: ["DubanCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "duban",
            dependencies: [
                "DubanCore", "DubanPlans", "DubanStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DubanCoreTests", dependencies: ["DubanCore"]),
        .testTarget(name: "DubanPlansTests", dependencies: ["DubanPlans"]),
        .testTarget(name: "DubanStoreTests", dependencies: ["DubanStore", "DubanPlans"]),
        .testTarget(name: "DubanCLITests", dependencies: ["duban"]),
    ],
    swiftLanguageModes: [.v6]
)
