import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoEvaluation

/// Monitoring as the 运行监控 table asks (财预〔2019〕136号): only quantities that build up over the year
/// are compared with the time elapsed; the 全年预计完成值 and the 完成可能性 decide the light when given.
struct MonitoringTableTests {
    static func row(_ level2: String, _ name: String, _ op: ComparisonOperator, _ n: Decimal, _ unit: String) -> Indicator {
        Indicator(
            level1: "产出指标", level2: level2, level3: name, value: "\(op.rawValue)\(n)\(unit)",
            target: Target(kind: .quantitative, op: op, number: n, unit: unit))
    }

    @Test func whatBuildsUpOverTheYearAndWhatDoesNot() {
        #expect(Monitoring.accumulates(Self.row("数量指标", "培训人次", .atLeast, 1000, "人次")))
        #expect(Monitoring.accumulates(Self.row("数量指标", "改造面积", .atLeast, 30, "亩")))
        #expect(Monitoring.accumulates(Self.row("经济效益指标", "增加收入", .atLeast, 12, "万元")))
        #expect(!Monitoring.accumulates(Self.row("质量指标", "产品合格率", .atLeast, 98, "%")))
        #expect(!Monitoring.accumulates(Self.row("服务对象满意度指标", "服务对象满意度", .atLeast, 95, "百分比")))
        #expect(!Monitoring.accumulates(Self.row("时效指标", "办结时限", .atMost, 3, "个工作日")))
        #expect(!Monitoring.accumulates(Self.row("成本指标", "人均补助标准", .atMost, 500, "元/人")))
        #expect(!Monitoring.accumulates(Self.row("数量指标", "覆盖率", .atLeast, 100, "%")))
    }

    @Test func aRateAtJuneIsJudgedAgainstTheWholeTarget() {
        let rate = Self.row("质量指标", "产品合格率", .atLeast, 98, "%")
        // 49 of ≥98: half the target, not the June share of it → 50% red.
        let june = Monitoring.indicator(rate, row: 1, actual: IndicatorActual(value: 49), month: 6)
        #expect(june.percent == 50 && june.light == .red && !june.accumulates)
        // A count at June: 480 of 1000 is 96% of the 500 due.
        let count = Monitoring.indicator(Self.row("数量指标", "培训人次", .atLeast, 1000, "人次"), row: 1, actual: IndicatorActual(value: 480), month: 6)
        #expect(count.percent == 96 && count.light == .green)
    }

    @Test func theForecastDecidesTheLightWithTheLikelihood() {
        let count = Self.row("数量指标", "培训人次", .atLeast, 1000, "人次")
        // Behind at June (200 of 500 due: 40% red), but 950 expected by December: 95% green.
        let catching = Monitoring.indicator(count, row: 1, actual: IndicatorActual(value: 200, reason: .staff, forecast: 950), month: 6)
        #expect(catching.toDate == .red && catching.forecastPercent == 95 && catching.light == .green)
        // The same forecast only 有可能: at best yellow; 完全不可能: red whatever the figures.
        let maybe = Monitoring.indicator(count, row: 1, actual: IndicatorActual(value: 200, likelihood: .possible, forecast: 950), month: 6)
        #expect(maybe.light == .yellow && maybe.needsReason)
        let never = Monitoring.indicator(count, row: 1, actual: IndicatorActual(value: 500, likelihood: .impossible), month: 6)
        #expect(never.toDate == .green && never.light == .red)
        // On time to date, but the forecast falls short: 700 of 1000 → 70% yellow.
        let slipping = Monitoring.indicator(count, row: 1, actual: IndicatorActual(value: 500, forecast: 700), month: 6)
        #expect(slipping.toDate == .green && slipping.light == .yellow)
        // A cap: a cost forecast above it is red.
        let cost = Self.row("成本指标", "运维费用", .atMost, 20, "万元")
        #expect(Monitoring.indicator(cost, row: 1, actual: IndicatorActual(value: 8, forecast: 22), month: 6).light == .red)
    }

    /// Seed 000's first project (公共资源“双盲评审”工作资金, 29.25 万元, plan 25/50/75/100).
    static func seedProject() throws -> Project {
        let folder = Shared.folder.appendingPathComponent("gold")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("000") })
        return try #require(try DocumentJSON.decode(Data(contentsOf: folder.appendingPathComponent(name))).projects.first)
    }

    @Test(.needsShared) func seedZeroScoresAsBeforeAndItsRateIsRedAtJune() throws {
        let p = try Self.seedProject()
        // 26.325 of 29.25 spent: 90% × 10 = 9. Rows (产出 50 over four rows, 效益 30, 满意度 10): 30 of =30 → 12.5;
        // 49 of ≥98 → 6.25; 98 of ≥98 → 12.5; 35.1 of ≤29.25 → 12.5 × (1 − 5.85/29.25) = 10; 达成 at 90% → 27;
        // 88.2 of ≥98 → 9. Total 86.25, 良.
        let yearEnd = ProjectActuals(
            spending: [12: Decimal(string: "26.325")!],
            indicators: [
                1: IndicatorActual(value: 30), 2: IndicatorActual(value: 49), 3: IndicatorActual(value: 98),
                4: IndicatorActual(value: Decimal(string: "35.1")!),
                5: IndicatorActual(grade: .achieved, share: 90), 6: IndicatorActual(value: Decimal(string: "88.2")!),
            ])
        let s = SelfEvaluation.project(p, position: 1, actuals: yearEnd)
        #expect(s.total == Decimal(string: "86.25") && s.grade == "良")
        // At June, the 49% 合格率 row is red (49 of 98), not green (49 of a prorated 49).
        let june = Monitoring.project(
            p, position: 1, actuals: ProjectActuals(spending: [6: 12], indicators: [1: IndicatorActual(value: 15), 2: IndicatorActual(value: 49)]), month: 6)
        #expect(june.indicators[0].light == .green && june.indicators[0].accumulates)
        #expect(june.indicators[1].light == .red && june.indicators[1].percent == 50)
    }
}
