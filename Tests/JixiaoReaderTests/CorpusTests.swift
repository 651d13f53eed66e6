import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoReader

/// The real documents from other provinces in ../shared/corpus read to their answer keys, as the
/// shared tools score them: target tables (`compare_gold.py`) each at least 0.90 of the fields and
/// 0.95 on average; self-evaluations (`compare_selfeval.py`) 0.90 on average.
@Suite(.needsShared) struct CorpusTests {
    struct Sample {
        var folder: URL
        var keySuffix: String
        var tool: String

        static let targets = Sample(folder: Shared.folder.appendingPathComponent("corpus/targets"), keySuffix: ".gold.json", tool: "compare_gold.py")
        static let selfEvaluations = Sample(
            folder: Shared.folder.appendingPathComponent("corpus/self-evaluations"), keySuffix: ".key.json", tool: "compare_selfeval.py")

        var names: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }
                .sorted()
        }

        /// The tool's accuracy for a reading of `name`.
        func accuracy(_ name: String) throws -> Double {
            let data = try Data(contentsOf: folder.appendingPathComponent("\(name).txt"))
            let document = try DocumentReader.read(data, name: "\(name).txt").document
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-corpus-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: out) }
            try Data(DocumentJSON.encode(document).utf8).write(to: out)
            let compare = Process()
            compare.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            compare.arguments = [
                "python3", Shared.folder.appendingPathComponent("tools/\(tool)").path, folder.appendingPathComponent("\(name)\(keySuffix)").path, out.path,
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

        func scores() throws -> [String: Double] {
            var scores: [String: Double] = [:]
            for name in names { scores[name] = try accuracy(name) }
            return scores
        }
    }

    static func mean(_ scores: [String: Double]) -> Double { scores.values.reduce(0, +) / Double(max(scores.count, 1)) }

    @Test func everyTargetDocumentReadsToItsKey() throws {
        let scores = try Sample.targets.scores()
        #expect(scores.count >= 7)
        for (name, score) in scores { #expect(score >= 0.90, "\(name): \(score)") }
        #expect(Self.mean(scores) >= 0.95, "mean \(Self.mean(scores)): \(scores)")
    }

    @Test func everySelfEvaluationReadsToItsKey() throws {
        let scores = try Sample.selfEvaluations.scores()
        #expect(scores.count >= 4)
        #expect(Self.mean(scores) >= 0.90, "mean \(Self.mean(scores)): \(scores)")
        for (name, score) in scores { #expect(score >= 0.85, "\(name): \(score)") }
    }
}
