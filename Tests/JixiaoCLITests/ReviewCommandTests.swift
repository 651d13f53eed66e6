import Foundation
import JixiaoTestSupport
import Testing

@Suite(.needsShared) struct ReviewCommandTests {
    typealias CLI = ReadCommandTests
    static func seed(_ k: Int) -> String { CLI.shared.appendingPathComponent("seeds/\(CLI.seeds[k])").path }

    @Test func textOutputIsReadableChineseAndExitsOneOnErrors() throws {
        let run = try CLI.jixiao(["review", Self.seed(2)])
        #expect(run.status == 1)  // 002 has error findings (≥ on costs)
        let text = String(decoding: run.stdout, as: UTF8.self)
        #expect(text.contains("[错误] 项目2 第4行 成本指标“软件设备使用成本”的指标值写作“≥10 万元”"))
        #expect(text.contains("（cost-operator）"))
        #expect(text.contains("共 "))
    }

    @Test func noErrorFindingExitsZero() throws {
        // 000 has warnings and notes only.
        #expect(try CLI.jixiao(["review", Self.seed(0)]).status == 0)
    }

    @Test func jsonForOneFileAndForSeveral() throws {
        let one = try CLI.jixiao(["review", Self.seed(2), "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: one.stdout) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let cost = try #require(findings.first { $0["rule"] as? String == "cost-operator" })
        #expect(cost["category"] as? String == "direction")
        #expect(cost["severity"] as? String == "error")
        #expect(cost["project"] as? Int == 2)
        #expect(cost["indicator"] as? Int == 4)
        #expect(cost["projectCode"] as? String == "13052922P005840107255")
        #expect((cost["basis"] as? String)?.isEmpty == false)

        let several = try CLI.jixiao(["review", Self.seed(0), Self.seed(1), "--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: several.stdout) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["source"] as? String == CLI.seeds[0])
    }

    @Test func readsJixiaoJSONAsWell() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.jixiao(["read", Self.seed(2), "--out", dir.path]).status == 0)
        let json = dir.appendingPathComponent(CLI.seeds[2].replacingOccurrences(of: ".txt", with: ".json")).path
        let fromJSON = try CLI.jixiao(["review", json, "--format", "json"])
        let fromText = try CLI.jixiao(["review", Self.seed(2), "--format", "json"])
        #expect(fromJSON.stdout == fromText.stdout)
    }

    @Test func unreadableFileExitsTwo() throws {
        #expect(try CLI.jixiao(["review", "/nonexistent/file.txt"]).status == 2)
    }

    @Test func profileTunesAndABadProfileIsRefused() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lenient = dir.appendingPathComponent("lenient.json")
        try Data(
            #"{"rules": {"cost-operator": {"severity": "info"}, "reverse-rate-operator": {"enabled": false}, "positive-rate-operator": {"enabled": false}, "rate-at-most-100": {"enabled": false}, "template-goal": {"enabled": false}, "cost-above-budget": {"enabled": false}}}"#
                .utf8
        ).write(to: lenient)
        let run = try CLI.jixiao(["review", Self.seed(2), "--profile", lenient.path])
        #expect(run.status == 0)
        #expect(String(decoding: run.stdout, as: UTF8.self).contains("[提示] 项目2 第4行"))
        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"rules": {"no-such-rule": {}}}"#.utf8).write(to: bad)
        let refused = try CLI.jixiao(["review", Self.seed(2), "--profile", bad.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("no-such-rule"))
    }

    @Test func rulesListsTheCatalog() throws {
        let text = try CLI.jixiao(["rules"])
        #expect(text.status == 0)
        let out = String(decoding: text.stdout, as: UTF8.self)
        #expect(out.contains("cost-operator") && out.contains("依据："))
        let json = try CLI.jixiao(["rules", "--format", "json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        #expect(rules.count > 40)
        // The categories of review.md, `score` for self-evaluations among them.
        let categories: Set<String> = ["missing", "direction", "unit", "range", "budget", "plan", "vague", "consistency", "format", "incomplete", "score"]
        #expect(Set(rules.compactMap { $0["category"] as? String }) == categories)
    }

    @Test func generateWritesAReadableCounty() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.jixiao(["generate", "--out", dir.path, "--units", "3", "--projects", "2"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["unit-0001.txt", "unit-0002.txt", "unit-0003.txt"])
        let read = try CLI.jixiao(["read", dir.appendingPathComponent(files[0]).path])
        #expect(read.status == 0)
        #expect(try CLI.jixiao(["generate", "--out", dir.path, "--defects", "2"]).status == 2)
    }
}
