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
