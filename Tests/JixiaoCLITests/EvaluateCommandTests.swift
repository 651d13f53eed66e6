import Foundation
import JixiaoTestSupport
import Testing

/// `jixiao monitor` and `jixiao score` through the real binary, on seed 002 with actuals in CSV and JSON.
@Suite(.needsShared) struct EvaluateCommandTests {
    typealias CLI = ReadCommandTests

    static var seed: String { CLI.shared.appendingPathComponent("seeds/\(CLI.seeds[2])").path }

    /// Seed 002, project 1 (光纤租赁和短信机费用, 6.00 万元, plan 1.50/3.00/4.50/6.00 read as 25/50/75/100%):
    /// rows 1 ≥30 个, 2 ≤10%, 3 ≥90%, 4 ≤6 万元, 5 ≤100% (满意率 written as a cap), 6 ≤95%, 7 ≥90%.
    static let csv = """
        project,row,month,value,grade,share,date,reason,likelihood,note,explanation
        1,,6,3,,,,,,,
        1,,12,5.4,,,,,,,
        1,1,,30,,,,,,,
        1,2,,8,,,,,,,
        1,3,,81,,,,经费保障,有可能,,"缴费延迟, 已催办"
        1,4,,6,,,,,,,
        1,5,,96,,,,,,,
        1,6,,90,,,,,,,
        1,7,,95,,,,,,,

        """

    /// A report the row cannot use (a grade on a row judged by its number, a row the table does not
    /// have) is refused with its line, exit 2 — never shown as 未填报 and scored 0.
    @Test func aReportTheRowCannotUseIsRefusedWithItsLine() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (csv, expected) in [
            ("project,row,month,value,grade\n1,,6,3,\n1,1,,,达成\n", ["line 3", "按数值评价"]),
            ("project,row,month,value,grade\n1,99,,5,\n", ["line 2", "没有第 99 行"]),
            ("project,row,month,value,grade\n9,1,,5,\n", ["line 2", "没有第 9 个项目"]),
        ] {
            let file = dir.appendingPathComponent("a.csv")
            try Data(csv.utf8).write(to: file)
            for command in ["monitor", "score"] {
                let run = try CLI.jixiao([command, Self.seed, "--actuals", file.path])
                #expect(run.status == 2, "\(command): \(run.stderr)")
                #expect(expected.allSatisfy(run.stderr.contains), "\(command): \(run.stderr)")
            }
        }
    }

    @Test func aRefusalNamesItsOwnCommand() throws {
        let run = try CLI.jixiao(["score", CLI.shared.appendingPathComponent("seeds/\(CLI.seeds[0])").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--actuals") && run.stderr.contains("jixiao score --help") && !run.stderr.contains("jixiao <subcommand>"), "\(run.stderr)")
    }

    @Test func monitorAndScoreFromCSV() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let actuals = dir.appendingPathComponent("actuals.csv")
        try Data(Self.csv.utf8).write(to: actuals)
        // June: 3 of 6 spent = 50% against a plan of 50% → 100 green; row 3, a rate: 81 of ≥90 (the whole target
        // is due at any month, not its June share) → 90% green.
        let monitor = try CLI.jixiao(["monitor", Self.seed, "--actuals", actuals.path, "--month", "6", "--format", "json"])
        #expect(monitor.status == 0 || monitor.status == 1)
        let json = try JSONSerialization.jsonObject(with: monitor.stdout) as! [String: Any]
        let first = (json["projects"] as! [[String: Any]])[0]
        let budget = first["budget"] as! [String: Any]
        #expect(budget["light"] as? String == "green" && (budget["againstPlan"] as? NSNumber)?.doubleValue == 100)
        let rows = first["indicators"] as! [[String: Any]]
        #expect(rows[2]["light"] as? String == "green" && rows[2]["percent"] as? NSNumber == 90 && rows[2]["reason"] as? String == "经费保障")
        #expect(rows[2]["accumulates"] as? Bool == false && rows[0]["accumulates"] as? Bool == true)
        // Projects without actuals are “none”, not green.
        #expect((json["projects"] as! [[String: Any]])[1]["light"] as? String == "none")

        // The year: 5.4 of 6 = 90% → 9 of 10; indicators over 90 points, 7 rows (产出 4 rows 12.5 each,
        // 效益 2 rows 15 each, 满意度 10): row 3 81 of ≥90 → 12.5 × 0.9 = 11.25; row 5 96 of “≤100%” → full;
        // row 6 90 of ≤95 → full; the rest full. Total 9 + 12.5 + 12.5 + 11.25 + 12.5 + 15 + 15 + 10 = 97.75 → 优.
        let score = try CLI.jixiao(["score", Self.seed, "--actuals", actuals.path, "--format", "json"])
        #expect(score.status == 0, "\(score.stderr)")
        let projects = try JSONSerialization.jsonObject(with: score.stdout) as! [[String: Any]]
        #expect((projects[0]["total"] as? NSNumber)?.doubleValue == 97.75 && projects[0]["grade"] as? String == "优")
        let text = try CLI.jixiao(["score", Self.seed, "--actuals", actuals.path])
        #expect(String(decoding: text.stdout, as: UTF8.self).contains("项目1 光纤租赁和短信机费用：97.75 分，优"))

        // The 自评表 exported three ways.
        let csv = try CLI.jixiao(["score", Self.seed, "--actuals", actuals.path, "--export", "csv"])
        #expect(csv.status == 0 && csv.stdout.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: csv.stdout.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("单位,年度,项目序号,项目名称") == true)
        // Project 1's seven rows, each with the project's total and grade; row 3 scored 11.25 with its reason.
        let project1 = lines.dropFirst().filter { $0.contains(",1,光纤租赁和短信机费用,") }
        #expect(project1.count == 7 && project1.allSatisfy { $0.hasSuffix(",97.75,优") })
        #expect(project1.count == 7 && project1[2].contains(#",11.25,"缴费延迟, 已催办""#))
        let workbook = dir.appendingPathComponent("自评.xlsx"), html = dir.appendingPathComponent("自评.html")
        #expect(try CLI.jixiao(["score", Self.seed, "--actuals", actuals.path, "--export", "xlsx", "--out", workbook.path]).status == 0)
        #expect(try Data(contentsOf: workbook).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(try CLI.jixiao(["score", Self.seed, "--actuals", actuals.path, "--export", "html", "--out", html.path]).status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("项目支出绩效自评表（2022年度）") && page.contains("自评等级：优") && !page.contains("<script") && !page.contains("evaluation.xlsx"))
        #expect(try CLI.jixiao(["score", Self.seed, "--forecast", "--export", "csv"]).status == 2)
    }

    @Test func badActualsAreRefusedWithWhereTheyAre() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.csv")
        try Data("project,row,month,value,reason\n1,1,,abc,\n".utf8).write(to: bad)
        let run = try CLI.jixiao(["score", Self.seed, "--actuals", bad.path])
        #expect(run.status == 2 && run.stderr.contains("line 2") && run.stderr.contains("abc"))
        try Data("project,row,month,value,reason\n1,1,,3,天气\n".utf8).write(to: bad)
        #expect(try CLI.jixiao(["score", Self.seed, "--actuals", bad.path]).stderr.contains("经费保障"))
        let json = dir.appendingPathComponent("a.json")
        try Data(#"{"month": 13, "projects": []}"#.utf8).write(to: json)
        #expect(try CLI.jixiao(["monitor", Self.seed, "--actuals", json.path]).status == 2)
        try Data(#"{"month": 6, "projects": [{"project": 9, "spending": {"6": 1}}]}"#.utf8).write(to: json)
        #expect(try CLI.jixiao(["monitor", Self.seed, "--actuals", json.path]).stderr.contains("第 9 个项目"))
        #expect(try CLI.jixiao(["score", Self.seed]).status == 2)  // neither actuals nor --forecast
    }

    @Test func aStoredDocument() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("t.sqlite").path
        let actuals = dir.appendingPathComponent("actuals.csv")
        try Data(Self.csv.utf8).write(to: actuals)
        #expect(try CLI.jixiao(["import", Self.seed, "--db", db]).status == 0)
        let score = try CLI.jixiao(["score", "--document", "1", "--db", db, "--actuals", actuals.path])
        #expect(score.status == 0 && String(decoding: score.stdout, as: UTF8.self).contains("97.75 分，优"))
        // Nothing reported yet for the stored document: every light is “none”.
        let monitor = try CLI.jixiao(["monitor", "--document", "1", "--db", db, "--month", "6", "--format", "json"])
        #expect(monitor.status == 0 && String(decoding: monitor.stdout, as: UTF8.self).contains(#""light": "none""#))
        #expect(try CLI.jixiao(["monitor", "--document", "99", "--db", db, "--month", "6"]).status == 2)
        #expect(try CLI.jixiao(["monitor", Self.seed, "--document", "1", "--db", db, "--month", "6"]).status == 2)
    }

    @Test func aDraftsPointsAtRisk() throws {
        let run = try CLI.jixiao(["score", Self.seed, "--forecast", "--format", "json"])
        #expect(run.status == 0)
        let forecasts = try JSONSerialization.jsonObject(with: run.stdout) as! [[String: Any]]
        #expect(forecasts.count == 6 && forecasts.allSatisfy { $0["pointsAtRisk"] != nil })
    }
}

/// `score --forecast` and `review` judge a draft's targets once: every row the review calls 不可考核 is one the
/// forecast cannot score.
@Suite struct ForecastAgreesWithReviewTests {
    typealias CLI = ReadCommandTests

    @Test func theForecastCountsWhatTheReviewCallsUncheckable() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/JixiaoServer/Resources/sample/unit-0001.txt").standardized.path
        let review = try CLI.jixiao(["review", sample, "--format", "json"])
        let findings = try #require((try JSONSerialization.jsonObject(with: review.stdout) as? [String: Any])?["findings"] as? [[String: Any]])
        let vague = Set(
            findings.filter { $0["category"] as? String == "vague" }.compactMap { f -> String? in
                guard let p = f["project"] as? Int, let i = f["indicator"] as? Int else { return nil }
                return "\(p)/\(i)"
            })
        #expect(!vague.isEmpty)
        let forecast = try CLI.jixiao(["score", sample, "--forecast", "--format", "json"])
        let projects = try #require(try JSONSerialization.jsonObject(with: forecast.stdout) as? [[String: Any]])
        let unscorable = Set(
            projects.flatMap { p in
                ((p["unscorable"] as? [[String: Any]]) ?? []).compactMap { u in (u["row"] as? Int).map { "\(p["project"] as! Int)/\($0)" } }
            })
        #expect(vague.isSubset(of: unscorable), "review: \(vague.sorted()), forecast: \(unscorable.sorted())")
    }
}
