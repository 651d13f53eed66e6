import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoReader

/// The real tables from other provinces in ../shared/corpus/targets read to their answer keys, as
/// `../shared/tools/compare_gold.py` scores them: each at least 0.90 of the fields, 0.95 on average.
@Suite(.needsShared) struct CorpusTests {
    static let folder = Shared.folder.appendingPathComponent("corpus/targets")
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()

    /// compare_gold.py's accuracy for a reading of `name`.
    static func accuracy(_ name: String) throws -> Double {
        let data = try Data(contentsOf: folder.appendingPathComponent("\(name).txt"))
        let document = try DocumentReader.read(data, name: "\(name).txt").document
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-corpus-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        try Data(DocumentJSON.encode(document).utf8).write(to: out)
        let compare = Process()
        compare.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compare.arguments = [
            "python3", Shared.folder.appendingPathComponent("tools/compare_gold.py").path, folder.appendingPathComponent("\(name).gold.json").path, out.path,
        ]
        let pipe = Pipe()
        compare.standardOutput = pipe
        try compare.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        compare.waitUntilExit()
        let last = try #require(output.split(separator: "\n").last)
        let match = try #require(last.firstMatch(of: /accuracy ([0-9.]+)/))
        return Double(match.1)!
    }

    @Test func everyDocumentReadsToItsKey() throws {
        #expect(Self.names.count >= 7)
        var scores: [String: Double] = [:]
        for name in Self.names { scores[name] = try Self.accuracy(name) }
        for (name, score) in scores { #expect(score >= 0.90, "\(name): \(score)") }
        let mean = scores.values.reduce(0, +) / Double(max(scores.count, 1))
        #expect(mean >= 0.95, "mean \(mean): \(scores)")
    }
}
