// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Jixiao",
    platforms: [.macOS(.v15)],
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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        .target(name: "JixiaoModel"),
        // .docx and .xlsx are zip archives of XML: ZIPFoundation opens them, FoundationXML parses the parts.
        .target(name: "JixiaoReader", dependencies: ["JixiaoModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "JixiaoReview", dependencies: ["JixiaoModel"]),
        .target(name: "JixiaoEvaluation", dependencies: ["JixiaoModel"]),
        // libxlsxwriter from Debian (libxlsxwriter-dev): a maintained writer of the .xlsx format.
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "JixiaoExport", dependencies: ["JixiaoModel", "JixiaoEvaluation", "CXlsxWriter"]),
        .target(name: "JixiaoSynthetic", dependencies: ["JixiaoModel"]),
        .target(
            name: "JixiaoAccess",
            dependencies: [
                "JixiaoModel", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "JixiaoStore",
            dependencies: [
                "JixiaoModel", "JixiaoReview", "JixiaoAccess",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ]
        ),
        // The application: each use case once (import, edit, report, workflow), taking the acting person
        // explicitly; the command line, the API and the pages all call it.
        .target(
            name: "JixiaoApp",
            dependencies: ["JixiaoModel", "JixiaoReader", "JixiaoReview", "JixiaoStore", "JixiaoAccess", "JixiaoEvaluation", "JixiaoExport"]
        ),
        // The HTML the pages and the printed files share: the page frame, the official tables, the whole
        // disclosure and the 自评表, with the stylesheet; links through `Paths`. No HTTP here.
        .target(
            name: "JixiaoHTML",
            dependencies: [
                "JixiaoModel", "JixiaoReview", "JixiaoStore", "JixiaoAccess", "JixiaoEvaluation", "JixiaoExport",
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static")]
        ),
        .target(
            name: "JixiaoServer",
            dependencies: [
                "JixiaoApp", "JixiaoHTML", "JixiaoModel", "JixiaoReader", "JixiaoReview", "JixiaoStore", "JixiaoAccess", "JixiaoEvaluation",
                "JixiaoExport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("openapi.yaml"), .copy("Resources/sample"), .copy("Resources/templates")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoApp", "JixiaoHTML", "JixiaoModel", "JixiaoReader", "JixiaoReview", "JixiaoSynthetic", "JixiaoStore", "JixiaoServer", "JixiaoAccess",
                "JixiaoEvaluation",
                "JixiaoExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "JixiaoTestSupport", dependencies: ["JixiaoModel", "JixiaoStore", "JixiaoExport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/JixiaoTestSupport"),
        .testTarget(name: "JixiaoModelTests", dependencies: ["JixiaoModel"]),
        .testTarget(name: "JixiaoHTMLTests", dependencies: ["JixiaoHTML", "JixiaoModel"]),
        .testTarget(name: "JixiaoAccessTests", dependencies: ["JixiaoAccess", "JixiaoModel"]),
        .testTarget(name: "JixiaoEvaluationTests", dependencies: ["JixiaoEvaluation", "JixiaoModel", "JixiaoTestSupport"]),
        .testTarget(name: "JixiaoExportTests", dependencies: ["JixiaoExport", "JixiaoModel", "JixiaoReader", "JixiaoTestSupport"]),
        .testTarget(name: "JixiaoReaderTests", dependencies: ["JixiaoReader", "JixiaoModel", "JixiaoTestSupport"]),
        .testTarget(name: "JixiaoReviewTests", dependencies: ["JixiaoReview", "JixiaoModel", "JixiaoReader", "JixiaoTestSupport"]),
        .testTarget(name: "JixiaoSyntheticTests", dependencies: ["JixiaoSynthetic", "JixiaoReader", "JixiaoModel"]),
        .testTarget(
            name: "JixiaoStoreTests", dependencies: ["JixiaoStore", "JixiaoReader", "JixiaoReview", "JixiaoModel", "JixiaoSynthetic", "JixiaoTestSupport"]),
        .testTarget(
            name: "JixiaoServerTests",
            dependencies: [
                "JixiaoServer", "JixiaoHTML", "JixiaoStore", "JixiaoModel", "JixiaoReader", "JixiaoTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "JixiaoCLITests", dependencies: ["jixiao", "JixiaoModel", "JixiaoTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
