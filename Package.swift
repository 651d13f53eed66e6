// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Jixiao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jixiao", targets: ["jixiao"]),
        .library(name: "JixiaoModel", targets: ["JixiaoModel"]),
        .library(name: "JixiaoReader", targets: ["JixiaoReader"]),
        .library(name: "JixiaoReview", targets: ["JixiaoReview"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
    ],
    targets: [
        .target(name: "JixiaoModel"),
        .target(name: "JixiaoReader", dependencies: ["JixiaoModel"]),
        .target(name: "JixiaoReview", dependencies: ["JixiaoModel"]),
        .target(name: "JixiaoSynthetic", dependencies: ["JixiaoModel"]),
        .target(
            name: "JixiaoStore",
            dependencies: [
                "JixiaoModel", "JixiaoReview",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ]
        ),
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoModel", "JixiaoReader", "JixiaoReview", "JixiaoSynthetic", "JixiaoStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JixiaoModelTests", dependencies: ["JixiaoModel"]),
        .testTarget(name: "JixiaoReaderTests", dependencies: ["JixiaoReader", "JixiaoModel"]),
        .testTarget(name: "JixiaoReviewTests", dependencies: ["JixiaoReview", "JixiaoModel", "JixiaoReader"]),
        .testTarget(name: "JixiaoSyntheticTests", dependencies: ["JixiaoSynthetic", "JixiaoReader", "JixiaoModel"]),
        .testTarget(name: "JixiaoStoreTests", dependencies: ["JixiaoStore", "JixiaoReader", "JixiaoReview", "JixiaoModel", "JixiaoSynthetic"]),
        .testTarget(name: "JixiaoCLITests", dependencies: ["jixiao"]),
    ],
    swiftLanguageModes: [.v6]
)
