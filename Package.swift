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
    ],
    targets: [
        .target(name: "JixiaoModel"),
        .target(name: "JixiaoReader", dependencies: ["JixiaoModel"]),
        .target(name: "JixiaoReview", dependencies: ["JixiaoModel"]),
        .target(name: "JixiaoSynthetic", dependencies: ["JixiaoModel"]),
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoModel", "JixiaoReader", "JixiaoReview", "JixiaoSynthetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JixiaoModelTests", dependencies: ["JixiaoModel"]),
        .testTarget(name: "JixiaoReaderTests", dependencies: ["JixiaoReader", "JixiaoModel"]),
        .testTarget(name: "JixiaoReviewTests", dependencies: ["JixiaoReview", "JixiaoModel", "JixiaoReader"]),
        .testTarget(name: "JixiaoSyntheticTests", dependencies: ["JixiaoSynthetic", "JixiaoReader", "JixiaoModel"]),
        .testTarget(name: "JixiaoCLITests", dependencies: ["jixiao"]),
    ],
    swiftLanguageModes: [.v6]
)
