import Foundation
import JixiaoModel
import JixiaoStore
import Testing

/// What several test targets share: where ../shared is, and comparing a document with its answer key.
public enum Shared {
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared").standardized
    /// Whether ../shared is beside this clone (users' clones and a fresh one have no such folder).
    public static let isAvailable = FileManager.default.fileExists(atPath: folder.appendingPathComponent("seeds").path)
    public static let seedNames = ["000_a8ba5af9fb959666", "001_6e0cedb09d562f9a", "002_a1f1e70e06024129", "003_c1477b994350d6f3", "004_6d8e129d0ef6b336"]

    public static func seed(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent("seeds/\(name).txt")) }
    public static func gold(_ name: String) throws -> JSONValue { try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent("gold/\(name).json"))) }
    /// The answer key as a document.
    public static func goldDocument(_ name: String) throws -> TargetDocument { try DocumentJSON.decode(Data(try gold(name).serialized().utf8)) }

    /// Fields of the answer key that differ in `got` (texts compared without white space, numbers
    /// exactly). Keys that `got` has and the key lacks are not differences.
    public static func mismatches(_ gold: JSONValue, _ got: JSONValue, path: String = "") -> [String] {
        switch (gold, got) {
        case let (.object(g), _):
            return g.flatMap { key, value in mismatches(value, got[key] ?? .null, path: path + "." + key) }
        case let (.array(g), .array(e)):
            var out = g.count == e.count ? [] : ["\(path): \(g.count) entries, read \(e.count)"]
            for (k, item) in zip(g, e).enumerated() { out += mismatches(item.0, item.1, path: "\(path)[\(k)]") }
            return out
        case let (.string(a), .string(b)):
            return a.filter { !$0.isWhitespace } == b.filter { !$0.isWhitespace } ? [] : ["\(path): want \(a) got \(b)"]
        case let (.number(a), .number(b)):
            return a == b ? [] : ["\(path): want \(a) got \(b)"]
        default:
            return gold == got ? [] : ["\(path): want \(gold) got \(got)"]
        }
    }
}

/// A fresh, empty database of each kind. PostgreSQL runs when JIXIAO_TEST_POSTGRES_URL names a
/// server (`scripts/test.sh` starts a throwaway cluster and sets it; under CI it must be set).
public enum TestDatabase: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres

    public static var available: [TestDatabase] {
        ProcessInfo.processInfo.environment["JIXIAO_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public var description: String { rawValue }

    public func fresh() async throws -> StoreLocation {
        switch self {
        case .sqlite:
            return .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-\(UUID().uuidString).sqlite").path)
        case .postgres:
            let base = ProcessInfo.processInfo.environment["JIXIAO_TEST_POSTGRES_URL"]!
            let name = "jixiao_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await Store.open(.postgres(url: base))
            try await admin.createDatabase(String(name))
            try await admin.close()
            var c = URLComponents(string: base)!
            c.path = "/" + name
            return .postgres(url: c.string!)
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// For tests that read ../shared (the seeds, their answer keys, the corpus): where it is absent,
    /// they are skipped, and the test run says why.
    public static var needsShared: Self {
        .enabled(if: Shared.isAvailable, "needs ../shared (the seeds, their answer keys and the corpus), which is not beside this clone")
    }
}
