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
        let doc = try Self.read(
            Self.head + """

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
        let doc = try Self.read(
            Self.head + """

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
        let doc = try Self.read(
            Self.head + """

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
        #expect(throws: ReadError.binary) { try DocumentReader.read(Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00])) }
        // The start of a zip archive and no more.
        #expect(throws: ReadError.damaged("not a readable zip archive")) { try DocumentReader.read(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01])) }
        #expect(throws: ReadError.noTargetTable) { try DocumentReader.read(text: "这是一份会议通知。\n请各单位按时报送材料。") }
    }
}

@Suite struct MoreLayoutTests {
    static func read(_ text: String) throws -> TargetDocument { try DocumentReader.read(text: text).document }

    /// A merged 一级 cell printed after the rows it covers, and a header repeated after a page
    /// break that cuts a 二级 and a 三级 cell in two.
    @Test func mergedCellAfterRowsAndPageBreakInsideARow() throws {
        let doc = try Self.read(
            LayoutTests.head + """

                一级指标 二级指标 三级指标 绩效指标描述 指标值 指标值确定依据
                数量指标
                设备数量 设备数量 ≥30 个 工作计划
                质量指标
                设备故障率 设备故障率 ≤10% 工作计划
                产出指标
                成本指标
                设备费用 设备费用 ≤10 万元 预算
                社会效益指
                标
                办事便利度 办事便利度 ≥90% 调查问卷
                效益指标
                可持续影响 持续提高网 网络运行稳定率 ≥95% 调查问卷
                一级指标 二级指标 三级指标 绩效指标描述 指标值 指标值确定依据
                指标 络稳定性
                满意度指标
                服务对象满
                意度指标
                满意度 满意度 ≥95% 调查问卷
                """)
        let rows = try #require(doc.projects.first).indicators
        #expect(rows.map(\.level1) == ["产出指标", "产出指标", "产出指标", "效益指标", "效益指标", "满意度指标"])
        #expect(rows.map(\.level2) == ["数量指标", "质量指标", "成本指标", "社会效益指标", "可持续影响指标", "服务对象满意度指标"])
        #expect(rows[4].level3 == "持续提高网络稳定性")
        #expect(rows[4].description == "网络运行稳定率")
    }

    /// Labels other provinces use: 项目支出名称, 预算部门, 金额单位, 年度目标, 实施期目标, 绩效标准.
    @Test func otherProvincesLabels() throws {
        let doc = try Self.read(
            """
            项目支出绩效目标申报表
            金额单位：元
            项目支出名称 乡村道路养护 预算部门 某县交通运输局
            项目编码 13999925P000000000009 实施期 2025.01-2026.12
            年度预算数 500000 其中：财政资金 400000 其他资金 100000
            资金支出计划（%） 3 月底 6 月底 10 月底 12 月底
            20% 50% 80% 100%
            实施期目标 1.完成 120 公里道路养护
            年度目标 1.完成 60 公里道路养护 2.路况优良率提高
            一级指标 二级指标 三级指标 指标值 绩效标准 权重
            产出指标 数量指标 养护里程 ≥60 公里 年度计划 20
            满意度指标 服务对象满意度指标 群众满意度 ≥90% 问卷调查 10
            """)
        let p = try #require(doc.projects.first)
        #expect(p.name == "乡村道路养护")
        #expect(p.unit.name == "某县交通运输局")
        #expect(p.moneyUnit == .yuan)
        #expect(p.budget == Budget(total: 500000, fiscal: 400000, other: 100000))
        #expect(p.period == "2025.01-2026.12")
        #expect(p.periodGoals == ["完成 120 公里道路养护"])
        #expect(p.goals == ["完成 60 公里道路养护", "路况优良率提高"])
        #expect(p.spendingPlan == SpendingPlan(mar: 20, jun: 50, oct: 80, dec: 100, raw: "20% 50% 80% 100%"))
        #expect(p.indicators.count == 2)
        #expect(p.indicators[0].target.unit == "公里")
        #expect(p.indicators[0].weight == 20)
        #expect(p.indicators[1].basis == "问卷调查")
    }
}
