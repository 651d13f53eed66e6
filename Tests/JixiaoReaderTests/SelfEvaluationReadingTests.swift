import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoReader

/// 自评表 in the forms units publish them, hand-made, each read into the self-evaluation form: the
/// row's target, actual, points, score and deviation, the budget's execution, the total and the grade.
struct SelfEvaluationReadingTests {
    /// An exact decimal (a float literal goes through Double).
    static func d(_ s: String) -> Decimal { Decimal(string: s)! }

    static func read(_ data: Data, name: String? = nil) throws -> TargetDocument { try DocumentReader.read(data, name: name).document }

    /// `level1/level2/level3=value→actual points/score (deviation)`.
    static func rows(_ p: Project) -> [String] {
        p.indicators.map { i in
            let figures = [i.points, i.score].map { $0.map { "\($0)" } ?? "-" }.joined(separator: "/")
            return "\(i.level1)/\(i.level2)/\(i.level3)=\(i.value)→\(i.actual ?? "-") \(figures)" + (i.deviation.map { " (\($0))" } ?? "")
        }
    }

    static let nationalForm = """
        <html><head><meta charset="utf-8"></head><body>
        <p>项目支出绩效自评表</p><p>（2023年度）</p>
        <table border="1">
        <tr><td colspan="2">项目名称</td><td colspan="8">社区养老服务补助</td></tr>
        <tr><td colspan="2">主管部门</td><td colspan="3">某县民政局</td><td colspan="2">实施单位</td><td colspan="3">某县民政局本级</td></tr>
        <tr><td colspan="2" rowspan="4">项目资金（万元）</td><td></td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td colspan="2">得分</td></tr>
        <tr><td>年度资金总额</td><td>120</td><td>120</td><td>108</td><td>10</td><td>90%</td><td colspan="2">9</td></tr>
        <tr><td>其中：当年财政拨款</td><td>120</td><td>120</td><td>108</td><td>—</td><td>90%</td><td colspan="2">—</td></tr>
        <tr><td>其他资金</td><td></td><td></td><td></td><td>—</td><td></td><td colspan="2">—</td></tr>
        <tr><td rowspan="2">年度总体目标</td><td colspan="5">预期目标</td><td colspan="4">实际完成情况</td></tr>
        <tr><td colspan="5">为全县80周岁以上老人提供居家养老服务</td><td colspan="4">全年服务老人4604人次</td></tr>
        <tr><td rowspan="6">绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td colspan="2">偏差原因分析及改进措施</td></tr>
        <tr><td rowspan="3">产出指标</td><td>数量指标</td><td>服务老人人次</td><td>≥4754人次</td><td>4604人次</td><td>20</td><td>20</td><td colspan="2"></td></tr>
        <tr><td>质量指标</td><td>服务合格率</td><td>≥95%</td><td>96%</td><td>20</td><td>20</td><td colspan="2">无</td></tr>
        <tr><td>成本指标</td><td>人均服务成本</td><td>≤250元</td><td>240元</td><td>10</td><td>10</td><td colspan="2"></td></tr>
        <tr><td>效益指标</td><td>社会效益指标</td><td>老人生活质量</td><td>明显改善</td><td>有所改善</td><td>30</td><td>25</td><td colspan="2">部分老人服务频次不足</td></tr>
        <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>老人满意度</td><td>≥90%</td><td>93%</td><td>10</td><td>10</td><td colspan="2"></td></tr>
        <tr><td colspan="6">总分</td><td>100</td><td>94</td><td colspan="2">优</td></tr>
        </table></body></html>
        """

    @Test func theNationalFormAsAWebPage() throws {
        let doc = try Self.read(Data(Self.nationalForm.utf8), name: "自评.html")
        #expect(doc.kind == .selfEvaluation)
        #expect(doc.fiscalYear == 2023)
        let p = try #require(doc.projects.first)
        #expect(p.name == "社区养老服务补助")
        #expect(p.budget == Budget(total: 120, fiscal: 120))
        #expect(p.goals == ["为全县80周岁以上老人提供居家养老服务"])
        #expect(
            p.printed
                == PrintedEvaluation(
                    planned: 120, executed: 108, rate: 90, budgetPoints: 10, budgetScore: 9, totalPoints: 100, totalScore: 94, grade: "优",
                    achieved: ["全年服务老人4604人次"]))
        #expect(
            Self.rows(p) == [
                "产出指标/数量指标/服务老人人次=≥4754人次→4604人次 20/20", "产出指标/质量指标/服务合格率=≥95%→96% 20/20",
                "产出指标/成本指标/人均服务成本=≤250元→240元 10/10", "效益指标/社会效益指标/老人生活质量=明显改善→有所改善 30/25 (部分老人服务频次不足)",
                "满意度指标/服务对象满意度指标/老人满意度=≥90%→93% 10/10",
            ])
        #expect(p.complete)
    }

    @Test func aWebPageWithTheTargetSplitUnderATwoRowHead() throws {
        let html = """
            <table><tr><td>项目名称</td><td colspan="9">营养改善计划</td></tr>
            <tr><td rowspan="2">一级指标</td><td rowspan="2">二级指标</td><td rowspan="2">三级指标</td><td colspan="3">年度指标值</td><td rowspan="2">实际完成值</td><td rowspan="2">分值</td><td rowspan="2">得分</td><td rowspan="2">偏差原因分析及改进措施</td></tr>
            <tr><td>指标性质</td><td>指标值</td><td>度量单位</td></tr>
            <tr><td rowspan="2">产出指标</td><td>数量指标</td><td>受资助人数</td><td>≧</td><td>735</td><td>人次</td><td>735</td><td>50</td><td>50</td><td></td></tr>
            <tr><td>质量指标</td><td>覆盖率</td><td>═</td><td>100</td><td>%</td><td>98%</td><td>20</td><td>19</td><td>个别学生转学</td></tr>
            <tr><td colspan="7">总分</td><td>70</td><td>69</td><td></td></tr></table>
            """
        let p = try #require(try Self.read(Data(html.utf8), name: "a.html").projects.first)
        #expect(Self.rows(p) == ["产出指标/数量指标/受资助人数=≧ 735 人次→735 50/50", "产出指标/质量指标/覆盖率=═ 100 %→98% 20/19 (个别学生转学)"])
        #expect(p.indicators[1].target == Target(kind: .quantitative, op: .equal, number: 100, unit: "%"))
        #expect(p.printed?.totalPoints == 70 && p.printed?.totalScore == 69 && p.printed?.grade == nil)
    }

    @Test func pointsBeforeTheTargetWithBreakdownRowsAndACutOffText() throws {
        // Anhui's form: 分值 before the target, `其中…` rows without points, levels spaced out with
        // their points, `……` rows, and the text ending inside the satisfaction part.
        let text = """
            绩效目标自评表 | ||||
            (2023年度) | ||||
            项目名称 | 测试种养补贴项目 | 主管部门 | 县农业农村局 |
            资金情况 (万元) |
            全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 | ||
            年度资金总额: | 9.48 | 9.00 | 10 | 94.94% | 9.49 | ||
            其中:本年财政拨款 | 9.48 | 9.00 | 10 | 94.94% | 9.49 | ||
            绩效指标 | 一级 指标 |
            二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因及拟采取的改进措施 | ||
            产 出 指 标 (50分) |
            数量指标 | ★补助种植面积 | 20 | 29.5亩 | 29.5亩 | 20 | ||||
            其中桃树种植面积 | 1.5亩 | 1.5亩 | ||||
            其中露天蔬菜 | 28亩 | 28亩 | ||||
            …… | ||||
            效 益 指 标 (30分) |
            经济效益 指标 |
            增加受益农户收入 | 30 | ≥11.376万元 | 10万元 | 26.37 | 价格下跌 |
            满意
            """
        let doc = try Self.read(Data(text.utf8))
        let p = try #require(doc.projects.first)
        #expect(doc.kind == .selfEvaluation)
        #expect(
            Self.rows(p) == [
                "产出指标/数量指标/★补助种植面积=29.5亩→29.5亩 20/20", "产出指标/数量指标/其中桃树种植面积=1.5亩→1.5亩 -/-",
                "产出指标/数量指标/其中露天蔬菜=28亩→28亩 -/-", "效益指标/经济效益指标/增加受益农户收入=≥11.376万元→10万元 30/26.37 (价格下跌)",
            ])
        #expect(
            p.printed?.planned == Self.d("9.48") && p.printed?.executed == 9 && p.printed?.rate == Self.d("94.94") && p.printed?.budgetScore == Self.d("9.49"))
        #expect(!p.complete)
        #expect(p.printed?.totalScore == nil)
    }

    @Test func hebeisFormWithSymbolValueUnitAndFoldedScores() throws {
        // Space-separated rows; a head over two lines; points from 权重占比, the score from 折算得分; the
        // indicator's explanation where the head names no column for it.
        let text = """
            某县民政局2020年度预算项目绩效自评表
            一、基本情况 项目名称: 高龄津贴 实施(主管)单位 314002-某县民政局机关 金额单位: 万元
            二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)
            预算数 6.84 到位数 6.84 执行数 6.50 95.03
            四、年度绩效指标完成情况 一级指标 二级指标 三级指标 指标分值 预期指标值 单项指标实际完成值 单项指标完成情况 自评得分
            符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分
            产出指标 质量指标 覆盖率 享受补贴人数占符合条件对象总数的比例 >= 98 %(百分比) 100% 完成 100.00 50.00 50.00
            满意度指标 服务对象满意度指标 服务对象满意度 享受津贴的对象的满意程度 >= 95 %(百分比) 90% 未完成 94.74 40.00 37.90
            """
        let doc = try Self.read(Data(text.utf8))
        let p = try #require(doc.projects.first)
        #expect(p.name == "高龄津贴")
        #expect(p.unit == BudgetUnit(code: "314002", name: "某县民政局机关"))
        #expect(p.printed?.planned == Self.d("6.84") && p.printed?.executed == Self.d("6.5") && p.printed?.rate == Self.d("95.03"))
        #expect(
            Self.rows(p) == [
                "产出指标/质量指标/覆盖率=>= 98 %(百分比)→100% 50/50", "满意度指标/服务对象满意度指标/服务对象满意度=>= 95 %(百分比)→90% 40/37.9",
            ])
        #expect(p.indicators[0].description == "享受补贴人数占符合条件对象总数的比例")
    }

    @Test func aDepartmentWideSelfEvaluationWithoutPointsPerRow() throws {
        // 部门整体: 20 points for the budget, 80 for the targets, no 分值 column; an unknown 二级
        // (`日效性指标`) placed by the row's cell count; the total printed once.
        let text = """
            单位名称 | 测试镇人民政府 |
            预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |
            部门整体支出总额 | 864.2 | 100% | 20 |
            年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |
            产出指标 | 数量指标 | 办结信访案件 | 168起 | 168起 | 40 |
            日效性指标 | 解决群众问题时间 | 2天以内 | 2天以内 | 20 |
            满意度指标 | 群众满意度 指标 | 群众满意度 | ≧90% | 95% | 20 |
            总分 | 100分 |
            """
        let doc = try Self.read(Data(text.utf8))
        let p = try #require(doc.projects.first)
        #expect(p.kind == .department)
        #expect(p.printed?.planned == Self.d("864.2") && p.printed?.executed == nil && p.printed?.rate == 100)
        #expect(p.printed?.budgetPoints == 20 && p.printed?.budgetScore == 20)
        #expect(p.printed?.totalPoints == 100 && p.printed?.totalScore == 100)
        #expect(
            Self.rows(p) == [
                "产出指标/数量指标/办结信访案件=168起→168起 -/40", "产出指标/日效性指标/解决群众问题时间=2天以内→2天以内 -/20",
                "满意度指标/群众满意度指标/群众满意度=≧90%→95% -/20",
            ])
    }

    @Test func aWorkbookAndAWordTableReadLikeThePage() throws {
        let rows: [[String]] = [
            ["项目名称", "测试项目"], ["全年预算数", "全年执行数", "分值", "执行率", "得分"], ["年度资金总额", "50", "40", "10", "80%", "8"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "培训人次", "≥100人次", "90人次", "50", "45", "疫情停训"], ["总分", "100", "91", "优"],
        ]
        let xlsx = try OfficeFiles.xlsx(rows: rows.map { $0.map { OfficeFiles.Cell.text($0) } })
        let table =
            "<w:tbl>"
            + rows.map { "<w:tr>" + $0.map { "<w:tc>\(OfficeFiles.paragraph($0))</w:tc>" }.joined() + "</w:tr>" }.joined() + "</w:tbl>"
        let docx = try OfficeFiles.wordPackage(
            #"<w:document xmlns:w="\#(OfficeFiles.wordNamespace)"><w:body>\#(OfficeFiles.paragraph("2024年度项目支出绩效自评表"))\#(table)</w:body></w:document>"#
        )
        for (data, name) in [(xlsx, "a.xlsx"), (docx, "a.docx")] {
            let p = try #require(try Self.read(data, name: name).projects.first, "\(name)")
            #expect(Self.rows(p) == ["产出指标/数量指标/培训人次=≥100人次→90人次 50/45 (疫情停训)"], "\(name)")
            #expect(p.printed?.planned == 50 && p.printed?.executed == 40 && p.printed?.budgetScore == 8, "\(name)")
            #expect(p.printed?.totalScore == 91 && p.printed?.grade == "优", "\(name)")
        }
    }

    @Test func aTargetDocumentStaysOne() throws {
        // 分值 beside a target is its weight in a 目标表: no actual, no score, not a self-evaluation.
        let text = """
            项目名称 | 测试项目 |
            一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 |
            产出指标 | 数量指标 | 培训人次 | 50 | ≥100人次 |
            """
        let doc = try Self.read(Data(text.utf8))
        #expect(doc.kind == .targets)
        #expect(doc.projects.first?.printed == nil)
        #expect(!DocumentJSON.encode(doc).contains("\"actual\""))
        #expect(doc.projects.first?.indicators.first?.weight == 50)
    }
}
