import Foundation
import JixiaoTestSupport
import Testing

/// A 自评表 through the command line as a bureau uses it: read, re-checked (against the unit's targets),
/// scored again beside the printed scores, and imported beside the targets.
@Suite(.needsShared) struct SelfEvaluationCommandTests {
    typealias CLI = ReadCommandTests

    static let yunnan = CLI.shared.appendingPathComponent("corpus/self-evaluations/01_yongde-minglang-zhongxue-2022-yingyang-gaishan.txt").path

    @Test func readReviewAndScoreAUnitsSelfEvaluation() throws {
        let read = try CLI.jixiao(["read", Self.yunnan])
        #expect(read.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: read.stdout) as? [String: Any])
        #expect(json["kind"] as? String == "self-evaluation")
        let project = try #require((json["projects"] as? [[String: Any]])?.first)
        let printed = try #require(project["selfEvaluation"] as? [String: Any])
        #expect((printed["total"] as? [String: Any])?["score"] as? Int == 96 && printed["grade"] as? String == "优")

        // Met, yet scored 7 of 10: warnings only, so exit 0.
        let review = try CLI.jixiao(["review", Self.yunnan])
        let text = String(decoding: review.stdout, as: UTF8.self)
        #expect(review.status == 0 && text.contains("self-score-formula") && text.contains("表中为 7 分"))

        // Worked out again beside the printed figures: 96 printed, 99.80 recomputed.
        let score = try CLI.jixiao(["score", Self.yunnan])
        let scored = String(decoding: score.stdout, as: UTF8.self)
        #expect(score.status == 0 && scored.contains("表中 96.00 分（优），重算 99.80 分") && scored.contains("相差 -3.80"))
        let scoreJSON = try CLI.jixiao(["score", Self.yunnan, "--format", "json"])
        let first = try #require((try JSONSerialization.jsonObject(with: scoreJSON.stdout) as? [[String: Any]])?.first)
        #expect(((first["printed"] as? [String: Any])?["gap"] as? NSNumber)?.doubleValue == -3.8)
    }

    /// A 自评表 published as a web page, as its table is printed to PDF.
    static func page(border: Bool) -> String {
        """
        <html><head><meta charset="utf-8"></head><body><p>项目支出绩效自评表</p><p>（2023年度）</p><table\(border ? " border=\"1\"" : "")>
        <tr><td colspan="2">项目名称</td><td colspan="6">社区养老服务补助</td></tr>
        <tr><td colspan="2">项目资金（万元）</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td colspan="2">得分</td></tr>
        <tr><td colspan="2">年度资金总额</td><td>120</td><td>108</td><td>10</td><td>90%</td><td colspan="2">9</td></tr>
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>
        <tr><td rowspan="2">产出指标</td><td>数量指标</td><td>服务老人人次</td><td>≥4754人次</td><td>4604人次</td><td>50</td><td>50</td><td></td></tr>
        <tr><td>质量指标</td><td>服务合格率</td><td>≥95%</td><td>96%</td><td>20</td><td>20</td><td></td></tr>
        <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>老人满意度</td><td>≥90%</td><td>93%</td><td>20</td><td>18</td><td>个别投诉</td></tr>
        <tr><td colspan="5">总分</td><td>100</td><td>97</td><td>优</td></tr>
        </table></body></html>
        """
    }

    /// A 自评表 published as a PDF: the web page's table with `border="1"` (each cell's borders drawn apart)
    /// printed by Chromium, read by its ruled cells; the same table without borders printed by LibreOffice,
    /// which draws no rules, read by its words' positions.
    @Test(arguments: [true, false])
    func aPDFPrintedFromAWebPage(ruled: Bool) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("自评.html"), pdf = dir.appendingPathComponent("自评.pdf")
        try Data(Self.page(border: ruled).utf8).write(to: html)
        if ruled {
            try CLI.printToPDF(html, pdf, in: dir)
        } else {
            try OfficeFileCommandTests.office("pdf", [html.path], in: dir)
        }
        let read = try CLI.jixiao(["read", pdf.path])
        let json = try #require(try JSONSerialization.jsonObject(with: read.stdout) as? [String: Any])
        #expect(json["kind"] as? String == "self-evaluation" && json["fiscalYear"] as? Int == 2023)
        let project = try #require((json["projects"] as? [[String: Any]])?.first)
        let rows = try #require(project["indicators"] as? [[String: Any]])
        // Words a PDF sets apart (`4604` `人次`) may come back with a space between them: compared without it.
        #expect(
            rows.map { "\($0["level3"] ?? "")=\($0["actual"] ?? "")/\($0["points"] ?? "")/\($0["score"] ?? "")".filter { !$0.isWhitespace } } == [
                "服务老人人次=4604人次/50/50", "服务合格率=96%/20/20", "老人满意度=93%/20/18",
            ])
        let budget = (project["selfEvaluation"] as? [String: Any])?["budget"] as? [String: Any]
        #expect(budget?["executed"] as? Int == 108 && budget?["score"] as? Int == 9)
    }

    @Test func aSelfEvaluationComparedWithItsTargetsAndImportedBesideThem() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Seed 002's first project with a row's target lowered (≥85% for ≥90%) and one row left out.
        let targets = CLI.shared.appendingPathComponent("seeds/\(CLI.seeds[2])").path
        let selfEvaluation = dir.appendingPathComponent("自评.txt")
        try Data(
            """
            2022年度项目支出绩效自评表
            单位名称 | 巨鹿县行政审批局本级 |
            项目名称 | 光纤租赁和短信机费用 |
            项目资金(万元) | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            年度资金总额 | 6 | 5.4 | 10 | 90% | 9 |
            一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            产出指标 | 数量指标 | 固定电话使用数量及光纤数量 | ≥30 个 | 30个 | 20 | 20 |
            质量指标 | 电话及网络故障率 | ≤10% | 8% | 20 | 20 |
            时效指标 | 电话及网络缴费效率 | ≥90% | 95% | 10 | 10 |
            成本指标 | 电话及光纤支出费用 | ≤6 万元 | 5.4万元 | 10 | 10 |
            效益指标 | 社会效益指标 | 电话及网络运行的满意率 | ≤100% | 96% | 15 | 15 |
            可持续影响指标 | 持续提高电话及网络的稳定性 | ≤95% | 90% | 15 | 15 |
            总分 | 100 | 99 | 优 |
            """.utf8
        ).write(to: selfEvaluation)
        let review = try CLI.jixiao(["review", selfEvaluation.path, "--targets", targets, "--format", "json"])
        let findings = try #require((try JSONSerialization.jsonObject(with: review.stdout) as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "self-indicator-dropped" && ($0["message"] as? String)?.contains("活动参与者满意率") == true })
        // The points add up to 100 (10 + 90), but the scores 9 + 90 = 99 do too: nothing else to say of the sums.
        #expect(!findings.contains { ($0["rule"] as? String)?.hasSuffix("-sum") == true })

        let db = dir.appendingPathComponent("j.sqlite").path
        let imported = try CLI.jixiao(["import", targets, selfEvaluation.path, "--db", db])
        #expect(imported.status == 0 && imported.stderr.contains("stored as self-evaluation 1") && imported.stderr.contains("1 self-evaluations"))
    }
}
