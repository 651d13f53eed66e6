import Foundation
import JixiaoModel
import Testing

/// The indicator library on a hand-built set of units, every figure worked out by hand.
@Suite struct IndicatorLibraryTests {
    static func document(
        _ unit: String, year: Int, _ rows: [(level2: String, name: String, op: ComparisonOperator?, number: Decimal?, unit: String?, basis: String?)]
    )
        -> TargetDocument
    {
        let indicators = rows.map { r in
            Indicator(
                level1: r.level2.hasPrefix("服务对象") ? "满意度指标" : "产出指标", level2: r.level2, level3: r.name,
                value: "\(r.op?.rawValue ?? "")\(r.number.map { "\($0)" } ?? "")\(r.unit ?? "")", basis: r.basis,
                target: r.number == nil ? .qualitative("较好") : Target(kind: .quantitative, op: r.op, number: r.number, unit: r.unit))
        }
        return TargetDocument(
            fiscalYear: year, department: Department(code: unit, name: "单位\(unit)"), projects: [Project(name: "\(unit)项目", indicators: indicators)])
    }

    @Test func spellingsMeetOnOneKey() {
        #expect(IndicatorLibrary.key("1.服务对象满意度（%）") == "服务对象满意度")
        #expect(IndicatorLibrary.key("★服务对象满意率") == "服务对象满意度")
        #expect(IndicatorLibrary.key("指标1：服务对象 满意度") == "服务对象满意度")
        #expect(IndicatorLibrary.key("（2）培训人次") == "培训人次")
        #expect(IndicatorLibrary.key("③ 设备采购数量(台)") == "设备采购数量")
        #expect(IndicatorLibrary.key("二、资金拨付及时率") == "资金拨付及时率")
        #expect(IndicatorLibrary.key("ＰＭ２.５浓度") == "pm25浓度")
        #expect(IndicatorLibrary.key("游客满意度(≥**%)") == "游客满意度")
        #expect(IndicatorLibrary.key("活动参与者的满意率") == "活动参与者满意度")
        #expect(IndicatorLibrary.key("政务网络信息运行满意程度") == "政务网络信息运行满意度")
        #expect(IndicatorLibrary.key("保险缴纳及时性") == "保险缴纳及时")
        // A number that is part of the name stays.
        #expect(IndicatorLibrary.key("12345热线接通率") == "12345热线接通率")
    }

    @Test func percentilesInterpolateBetweenRanks() {
        #expect(IndicatorLibrary.percentile([80, 90, 95], 50) == 90)
        #expect(IndicatorLibrary.percentile([80, 90, 95], 10) == 82)  // 80 + 10 × 0.2
        #expect(IndicatorLibrary.percentile([80, 90, 95], 90) == 94)  // 90 + 5 × 0.8
        #expect(IndicatorLibrary.percentile([7], 90) == 7)
        #expect(IndicatorLibrary.percentile([], 50) == 0)
        // Numbers with how often each is written: 80, 90, 90, 95, 95, 95.
        let histogram: [(Decimal, Int)] = [(80, 1), (90, 2), (95, 3)]
        #expect(IndicatorLibrary.percentile(histogram: histogram, 50) == 92.5)
        #expect(IndicatorLibrary.percentile(histogram: histogram, 10) == 85)
        #expect(IndicatorLibrary.TargetSpread(op: .atLeast, unit: "%", histogram: histogram).count == 6)
    }

    @Test func groupsUnitsYearsTargetsAndBases() {
        let library = IndicatorLibrary([
            Self.document(
                "101", year: 2024,
                [("服务对象满意度指标", "1.服务对象满意度（%）", .atLeast, 90, "%", "上年度调查"), ("数量指标", "培训人次", .atLeast, 200, "人次", nil)]),
            Self.document("102", year: 2025, [("服务对象满意度指标", "★服务对象满意率", .atLeast, 95, "%", "上年度调查")]),
            Self.document("103", year: 2025, [("服务对象满意度指标", "服务对象 满意度", .atLeast, 80, "%", "行业标准"), ("数量指标", "培训人次", nil, nil, nil, nil)]),
        ])
        #expect(library.groups.map(\.key) == ["服务对象满意度", "培训人次"])
        let satisfaction = library.groups[0]
        #expect(satisfaction.units == 3 && satisfaction.years == [2024, 2025] && satisfaction.uses == 3)
        #expect(satisfaction.level1 == "满意度指标" && satisfaction.level2 == "服务对象满意度指标")
        #expect(satisfaction.targets == [.init(op: .atLeast, unit: "%", count: 3, median: 90, p10: 82, p90: 94)])
        #expect(satisfaction.bases == ["上年度调查", "行业标准"])
        #expect(satisfaction.examples.map(\.unit) == ["101", "102", "103"])
        // A qualitative target counts as a use but not in the figures.
        let training = library.groups[1]
        #expect(training.units == 2 && training.targets.count == 1 && training.targets[0].count == 1)
        #expect(library.search("满意率").map(\.key) == ["服务对象满意度"])
        #expect(library.search(level2: "数量指标").map(\.key) == ["培训人次"])
    }
}
