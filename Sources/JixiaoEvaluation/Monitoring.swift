import Foundation
import JixiaoModel

/// 运行监控 lights, from best to worst; `none` when nothing has been reported.
public enum Light: String, Sendable, CaseIterable, Comparable {
    case none, green, blue, yellow, red

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    public var label: String {
        switch self {
        case .none: "未填报"
        case .green: "绿灯"
        case .blue: "蓝灯"
        case .yellow: "黄灯"
        case .red: "红灯"
        }
    }
}

/// Spending against the plan and against the time elapsed, at a month.
public struct BudgetProgress: Sendable, Equatable {
    public var month: Int
    public var budget: Decimal?
    public var spent: Decimal?
    /// 执行率: spent ÷ budget, percent.
    public var rate: Decimal?
    /// The plan's cumulative percent at the month, interpolated between the 3/6/10/12月 checkpoints.
    public var planned: Decimal?
    /// The time elapsed, percent (month ÷ 12).
    public var elapsed: Decimal
    /// rate ÷ planned × 100, and rate ÷ elapsed × 100.
    public var againstPlan: Decimal?
    public var againstTime: Decimal?
    /// From the plan when there is one, else from the time elapsed.
    public var light: Light
}

/// One indicator's progress at a month.
public struct IndicatorProgress: Sendable, Equatable {
    public var row: Int
    public var name: String
    public var direction: Direction
    public var target: Decimal?
    public var actual: IndicatorActual?
    /// Whether the quantity builds up over the year (counts, amounts, areas): then only the share of
    /// the year elapsed is due by the month; else the target itself is (rates, levels, time limits, costs).
    public var accumulates: Bool
    /// For positive targets: actual ÷ what is due (target × month ÷ 12, or the target) × 100.
    public var percent: Decimal?
    /// The light of the actual to date.
    public var toDate: Light
    /// For positive targets: 全年预计完成值 ÷ target × 100.
    public var forecastPercent: Decimal?
    /// The light the report shows: the forecast's against the target (and the 完成可能性) when one is
    /// given, else the actual's to date.
    public var light: Light
    /// Red or yellow without a reason given: the report is not complete.
    public var needsReason: Bool
}

public struct ProjectMonitor: Sendable, Equatable {
    public var position: Int
    public var name: String
    public var budget: BudgetProgress
    public var indicators: [IndicatorProgress]
    /// The worst indicator light.
    public var light: Light
    /// What the report still lacks, for people.
    public var problems: [String]
}

public enum Monitoring {
    /// The plan's cumulative percent at `month`, interpolating between the checkpoints (and 0 at the
    /// start of the year). A plan written in money (as some tables do) is read as shares of the budget.
    public static func planned(_ plan: SpendingPlan, budget: Decimal?, month: Int) -> Decimal? {
        var points: [(month: Decimal, percent: Decimal)] = [(0, 0)]
        let asAmounts = plan.checkpoints.contains { ($0 ?? 0) > 100 } || (budget.map { plan.dec == $0 && $0 != 100 } ?? false)
        for (m, value) in zip([Decimal(3), 6, 10, 12], plan.checkpoints) {
            guard let value else { continue }
            if asAmounts {
                guard let budget, budget > 0 else { return nil }
                points.append((m, value / budget * 100))
            } else {
                points.append((m, value))
            }
        }
        guard points.count > 1 else { return nil }
        let m = Decimal(min(max(month, 0), 12))
        for (a, b) in zip(points, points.dropFirst()) where m <= b.month {
            return a.percent + (b.percent - a.percent) * (m - a.month) / (b.month - a.month)
        }
        return points.last!.percent  // past the last checkpoint given
    }

    static func light(_ v: Decimal, red: Decimal, yellow: Decimal, blue: Decimal? = nil) -> Light {
        if v < red { return .red }
        if v < yellow { return .yellow }
        if let blue, v >= blue { return .blue }
        return .green
    }

    public static func budget(_ project: Project, actuals: ProjectActuals, month: Int, profile: EvaluationProfile = .national) -> BudgetProgress {
        let budget = project.budget.total
        let spent = actuals.spent(by: month)
        let elapsed = Decimal(month) / 12 * 100
        var progress = BudgetProgress(
            month: month, budget: budget, spent: spent, rate: nil, planned: planned(project.spendingPlan, budget: budget, month: month),
            elapsed: elapsed, againstPlan: nil, againstTime: nil, light: .none)
        guard let budget, budget > 0, let spent else { return progress }
        let rate = spent / budget * 100
        progress.rate = rate.rounded(2)
        if elapsed > 0 { progress.againstTime = (rate / elapsed * 100).rounded(2) }
        if let planned = progress.planned, planned > 0 { progress.againstPlan = (rate / planned * 100).rounded(2) }
        if let v = progress.againstPlan ?? progress.againstTime {
            progress.light = light(v, red: profile.budgetRedBelow, yellow: profile.budgetYellowBelow)
        } else {
            progress.light = .green  // nothing was due yet
        }
        return progress
    }

    /// Whether an indicator's quantity builds up over the year — a count, an amount, an area — so
    /// that by a month only its share of the year is due. A rate, a level, satisfaction, a time limit
    /// or a cost is judged against the target itself at any month.
    public static func accumulates(_ indicator: Indicator) -> Bool {
        guard let unit = indicator.target.unit, !unit.isEmpty, !["%", "‰", "百分比", "％"].contains(unit) else { return false }
        if durationUnits.contains(unit) || unit.hasPrefix("元/") || unit.contains("/") { return false }
        let words = indicator.level2 + indicator.level3
        return !["率", "满意", "质量", "时效", "成本", "时限", "及时", "时间", "周期", "标准", "单价", "均"].contains { words.contains($0) }
    }

    static let durationUnits: Set<String> = ["天", "日", "工作日", "个工作日", "小时", "分钟", "秒", "周", "个月", "月", "年"]

    /// The light of a figure against a positive target, or a reverse one.
    static func light(of value: Decimal, against due: Decimal, _ direction: Direction, profile: EvaluationProfile) -> (Light, percent: Decimal?) {
        if direction == .reverse { return (value > due ? .red : .green, nil) }
        guard due > 0 else { return (due == 0 ? .red : .green, nil) }  // rules-digest H4: a target of 0 is red
        let v = (value / due * 100).rounded(2)
        return (light(v, red: profile.positiveRedBelow, yellow: profile.positiveYellowBelow, blue: profile.positiveBlueFrom), v)
    }

    public static func indicator(
        _ indicator: Indicator, row: Int, actual: IndicatorActual?, month: Int, profile: EvaluationProfile = .national
    ) -> IndicatorProgress {
        let direction = Direction(indicator.target)
        let target = indicator.target.number
        let accumulates = Self.accumulates(indicator)
        var progress = IndicatorProgress(
            row: row, name: indicator.level3, direction: direction, target: target, actual: actual, accumulates: accumulates, percent: nil,
            toDate: .none, forecastPercent: nil, light: .none, needsReason: false)
        switch direction {
        case .qualitative:
            switch actual?.grade {
            case .achieved?: progress.toDate = .green
            case .partly?: progress.toDate = .yellow
            case .missed?: progress.toDate = .red
            case nil: progress.toDate = .none
            }
        case .positive, .equal, .reverse:
            guard let target else { break }
            if let value = actual?.value {
                let due = accumulates && direction != .reverse ? target * Decimal(month) / 12 : target
                (progress.toDate, progress.percent) = light(of: value, against: due, direction, profile: profile)
            }
            if let forecast = actual?.forecast {
                var forecastLight: Light
                (forecastLight, progress.forecastPercent) = light(of: forecast, against: target, direction, profile: profile)
                // What the unit says of its chances caps the forecast: 有可能 is at best yellow.
                if actual?.likelihood == .possible { forecastLight = max(forecastLight, .yellow) }
                progress.light = forecastLight
            }
        case .undetermined:
            break
        }
        if actual?.likelihood == .impossible, progress.toDate != .none || actual?.forecast != nil { progress.light = .red }
        if progress.light == .none { progress.light = progress.toDate }
        progress.needsReason = (progress.light == .red || progress.light == .yellow) && actual?.reason == nil
        return progress
    }

    public static func project(
        _ project: Project, position: Int, actuals: ProjectActuals, month: Int, profile: EvaluationProfile = .national
    ) -> ProjectMonitor {
        let budget = budget(project, actuals: actuals, month: month, profile: profile)
        let indicators = project.indicators.enumerated().map { k, i in
            indicator(i, row: k + 1, actual: actuals.indicators[k + 1], month: month, profile: profile)
        }
        var problems: [String] = []
        if budget.spent == nil { problems.append("未填报截至 \(month) 月底的支出") }
        for i in indicators {
            if i.light == .none, i.direction != .undetermined { problems.append("第 \(i.row) 行“\(i.name)”未填报完成情况") }
            if i.direction == .undetermined { problems.append("第 \(i.row) 行“\(i.name)”的指标值无法比较（没有符号或数值）") }
            if i.needsReason { problems.append("第 \(i.row) 行“\(i.name)”为\(i.light.label)，须说明偏差原因") }
        }
        return ProjectMonitor(
            position: position, name: project.name, budget: budget, indicators: indicators,
            light: indicators.map(\.light).max() ?? .none, problems: problems)
    }

    /// How many of each light, for a unit's or a region's overview.
    public static func tally(_ lights: [Light]) -> [Light: Int] {
        Dictionary(lights.map { ($0, 1) }, uniquingKeysWith: +)
    }
}
