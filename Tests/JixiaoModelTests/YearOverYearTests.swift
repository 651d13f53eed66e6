import Foundation
import Testing

@testable import JixiaoModel

/// Two years of one unit, the changes worked out by hand.
struct YearOverYearTests {
    static func row(_ level2: String, _ name: String, _ value: String, _ op: ComparisonOperator?, _ n: Decimal?, _ unit: String?) -> Indicator {
        Indicator(
            level1: "产出指标", level2: level2, level3: name, value: value,
            target: n == nil ? .qualitative(value) : Target(kind: .quantitative, op: op, number: n, unit: unit))
    }

    static let lastYear = TargetDocument(
        fiscalYear: 2024, department: Department(name: "测试局"),
        projects: [
            Project(
                code: "13022524P0000000000A1", name: "2024年网络运行维护费", budget: Budget(total: 10),
                indicators: [
                    row("数量指标", "维护系统数", "≥6 个", .atLeast, 6, "个"), row("质量指标", "正常运行率", "≥99%", .atLeast, 99, "%"),
                    row("成本指标", "运维费用", "≤10 万元", .atMost, 10, "万元"), row("满意度指标", "用户满意度", "≥95%", .atLeast, 95, "%"),
                ]),
            Project(name: "2024年培训经费", budget: Budget(total: 5), indicators: [row("数量指标", "培训人次", "≥100 人次", .atLeast, 100, "人次")]),
        ])

    static let thisYear = TargetDocument(
        fiscalYear: 2025, department: Department(name: "测试局"),
        projects: [
            // Another code (a new year's), the same name but for its year: the same project.
            Project(
                code: "13022525P0000000000B2", name: "2025年网络运行维护费", budget: Budget(total: 13),
                indicators: [
                    row("数量指标", "维护系统数", "≥6 个", .atLeast, 6, "个"), row("质量指标", "正常运行率", "≥98%", .atLeast, 98, "%"),
                    row("成本指标", "运维费用", "≤9 万元", .atMost, 9, "万元"), row("时效指标", "故障响应时间", "≤2 小时", .atMost, 2, "小时"),
                ]),
            Project(name: "2025年档案数字化", budget: Budget(total: 20), indicators: []),
        ])

    @Test func projectsBudgetsAndTargetsByTheirDirection() throws {
        let diff = YearOverYear(from: Self.lastYear, to: Self.thisYear)
        #expect(diff.changes.count == 3)
        guard case let .changed(network) = diff.changes[0] else { Issue.record("the network project should be matched"); return }
        // 10 → 13 万元: +30%, and the one 数量 target (≥6 个) is unchanged.
        #expect(network.budgetChange == 30 && network.moreMoneyForTheSameOutput)
        #expect(network.indicators.map { "\($0.kind.rawValue) \($0.name)" } == ["looser 正常运行率", "stricter 运维费用", "added 故障响应时间", "dropped 用户满意度"])
        guard case let .added(archive) = diff.changes[1], case let .dropped(training) = diff.changes[2] else {
            Issue.record("a project added and one dropped")
            return
        }
        #expect(archive.name == "2025年档案数字化" && training.name == "2024年培训经费")
    }

    @Test func theSameDocumentHasNoChangesAndWordsHaveNoDirection() {
        #expect(YearOverYear(from: Self.lastYear, to: Self.lastYear).changes.isEmpty)
        #expect(YearOverYear.direction(from: .qualitative("明显提升"), to: .qualitative("有效提升")) == .changed)
        #expect(
            YearOverYear.direction(
                from: Target(kind: .quantitative, op: .atLeast, number: 95, unit: "%"), to: Target(kind: .quantitative, op: .atLeast, number: 95, unit: "分"))
                == .changed)
    }
}
