import Foundation
import JixiaoModel
import Testing

@testable import JixiaoReader

/// Small hand-written tables, one layout feature each.
@Suite struct LayoutTests {
    static func read(_ text: String) throws -> TargetDocument { try DocumentReader.read(text: text).document }

    static let head = """
        1.测试项目绩效目标表
        100001 测试县测试局本级 单位：万元
        项目编码 13999924P000000000001 项目名称 测试项目
        预算数 10.00 其中：财政资金 10.00 其他资金
        资金支出计划（%） 3 月底 6 月底 10 月底 12 月底
        25% 50% 75% 100%
        绩效目标 1.完成测试
        """

    @Test func pipeSeparatedCells() throws {
        let doc = try Self.read(Self.head + """

            | 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据 |
            |---|---|---|---|---|---|
            | 产出指标 | 数量指标 | 测试次数 | 完成测试次数 | ≥10 次 | 工作计划 |
            | | 成本指标 | 测试成本 | 测试成本 | ≤10 万元 | 预算 |
            | 满意度指标 | 服务对象满意度指标 | 满意度 | 满意度 | ≥95% | 问卷调查 |
            """)
        let p = try #require(doc.projects.first)
        #expect(p.code == "13999924P000000000001")
        #expect(doc.department.regionCode == "139999")
        #expect(doc.fiscalYear == 2024)
        #expect(p.indicators.count == 3)
        #expect(p.indicators[1].level1 == "产出指标")
        #expect(p.indicators[1].target.op == .atMost)
        #expect(p.indicators[2].basis == "问卷调查")
    }

    @Test func tabSeparatedRowsWithSplitValueColumns() throws {
        let doc = try Self.read(Self.head + """

            一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重
            产出指标\t数量指标\t测试次数\t≥\t10\t次\t20
            满意度指标\t服务对象满意度指标\t满意度\t≥\t95\t%\t10
            """)
        let p = try #require(doc.projects.first)
        #expect(p.indicators.count == 2)
        #expect(p.indicators[0].value == "≥10 次")
        #expect(p.indicators[0].target.number == 10)
        #expect(p.indicators[0].weight == 20)
        #expect(p.indicators[1].target.unit == "%")
    }

    @Test func spaceSeparatedRowsWithWrappedCells() throws {
        let doc = try Self.read(Self.head + """

            一级指标 二级指标 三级指标 绩效指标描述 指标值 指标值确定依据
            产出指标
            数量指标 测试次数 完成测试次数 ≥10 次 工作计划
            质量指标
            测试合格
            率
            测试合格率 ≥98 百分
            比
            工作计划
            满意度指标
            服务对象满
            意度指标
            满意度 满意度 大幅提升 问卷调查
            """)
        let p = try #require(doc.projects.first)
        #expect(p.indicators.map(\.level3) == ["测试次数", "测试合格率", "满意度"])
        #expect(p.indicators[1].value == "≥98 百分比")
        #expect(p.indicators[2].level2 == "服务对象满意度指标")
        #expect(p.indicators[2].target.kind == .qualitative)
        #expect(p.spendingPlan.dec == 100)
        #expect(p.goals == ["完成测试"])
    }

    @Test func emptyAndBinaryAndTablelessInputsFailClearly() {
        #expect(throws: ReadError.empty) { try DocumentReader.read(Data()) }
        #expect(throws: ReadError.binary) { try DocumentReader.read(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01])) }
        #expect(throws: ReadError.noTargetTable) { try DocumentReader.read(text: "这是一份会议通知。\n请各单位按时报送材料。") }
    }
}
