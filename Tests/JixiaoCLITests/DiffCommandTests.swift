import Foundation
import JixiaoTestSupport
import Testing

/// `jixiao diff` on a seed and the same unit's next year, made from it by hand.
@Suite(.needsShared) struct DiffCommandTests {
    typealias CLI = ReadCommandTests

    @Test func aSeedAndItsNextYear() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = CLI.shared.appendingPathComponent("seeds/\(CLI.seeds[0])").path
        let read = try CLI.jixiao(["read", seed])
        var next = try #require(try JSONSerialization.jsonObject(with: read.stdout) as? [String: Any])
        var projects = try #require(next["projects"] as? [[String: Any]])
        // The next year: the first project's 合格率 floor lowered from ≥98 to ≥95, the last project gone.
        var first = projects[0]
        var rows = try #require(first["indicators"] as? [[String: Any]])
        rows[1]["value"] = "≥95 百分比"
        rows[1]["target"] = ["kind": "quantitative", "op": "≥", "number": 95, "unit": "%", "text": NSNull(), "ambiguous": false]
        first["indicators"] = rows
        projects[0] = first
        let dropped = try #require(projects.removeLast()["name"] as? String)
        next["projects"] = projects
        next["fiscalYear"] = 2026
        let later = dir.appendingPathComponent("next.json")
        try JSONSerialization.data(withJSONObject: next).write(to: later)

        let text = try CLI.jixiao(["diff", seed, later.path])
        let out = String(decoding: text.stdout, as: UTF8.self)
        #expect(text.status == 0 && out.contains("2025 → 2026") && out.contains("不再有的项目 \(dropped)"))
        #expect(out.contains("　要求降低 质量指标 购买各种管理机、终端机产品合格率：≥98 百分比 → ≥95 百分比"), "\(out)")
        let json = try CLI.jixiao(["diff", seed, later.path, "--format", "json"])
        let changes = try #require((try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])?["changes"] as? [[String: Any]])
        #expect(changes.map { $0["change"] as? String } == ["changed", "dropped"])
        #expect(try CLI.jixiao(["diff", seed, dir.appendingPathComponent("missing.txt").path]).status == 2)
        // The review of the next year against this one: the lowered floor has its basis written, so no finding;
        // without the basis, one.
        rows[1]["basis"] = NSNull()
        first["indicators"] = rows
        projects[0] = first
        next["projects"] = projects
        try JSONSerialization.data(withJSONObject: next).write(to: later)
        let review = try CLI.jixiao(["review", later.path, "--last-year", seed, "--format", "json"])
        let findings = try #require((try JSONSerialization.jsonObject(with: review.stdout) as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["rule"] as? String == "target-looser-than-last-year" }.map { $0["indicator"] as? Int } == [2])
    }
}
