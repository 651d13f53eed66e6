import Foundation
import JixiaoModel

/// One indicator's self-evaluation score (rules-digest G).
public struct IndicatorScore: Sendable, Equatable {
    public var row: Int
    public var level1: String
    public var name: String
    public var direction: Direction
    public var target: Decimal?
    public var actual: IndicatorActual?
    public var weight: Decimal
    public var score: Decimal
    /// A positive target reached by the profile's factor or more: perhaps set too low.
    public var overAchieved: Bool
    /// Below its weight: 偏差原因分析及改进措施 is required.
    public var needsExplanation: Bool
    /// Why it could not be scored in full, for people.
    public var problem: String?
    /// The 得分 a 自评表 printed for the row, beside the one worked out here.
    public var printed: Decimal?
}

public struct ProjectScore: Sendable, Equatable {
    public var position: Int
    public var name: String
    public var budgetWeight: Decimal
    /// 预算执行率, percent.
    public var budgetRate: Decimal?
    public var budgetScore: Decimal
    public var indicators: [IndicatorScore]
    public var total: Decimal
    /// 优, 良, 中 or 差; 未填报 while nothing is reported for the project.
    public var grade: String
    /// Whether anything (spending or an indicator) is reported: until then there is no score to give.
    public var reported: Bool
    /// What the self-evaluation still lacks, for people.
    public var problems: [String]
    /// What a 自评表 printed (its budget score, total and grade), to set beside the scores worked out here.
    public var printed: PrintedEvaluation?

    /// Printed total − recomputed total: how far a unit's own scoring is from the rules.
    public var gap: Decimal? { printed?.totalScore.map { $0 - total } }
}

/// While targets are still drafts: what could never be scored as written, and the points at stake.
public struct ScoreForecast: Sendable, Equatable {
    public var position: Int
    public var name: String
    public var unscorable: [(row: Int, name: String, weight: Decimal, why: String)]
    public var pointsAtRisk: Decimal

    public static func == (a: Self, b: Self) -> Bool {
        a.position == b.position && a.name == b.name && a.pointsAtRisk == b.pointsAtRisk
            && a.unscorable.map { "\($0.row)\($0.weight)\($0.why)" } == b.unscorable.map { "\($0.row)\($0.weight)\($0.why)" }
    }
}

public enum SelfEvaluation {
    /// Each row's weight: the table's own 权重 when every row has one (scaled to the indicators'
    /// share of 100), else the profile's 一级 weights spread evenly over their rows. A 一级 the table
    /// lacks gives its weight to the others in proportion; a row outside the framework weighs 0.
    public static func weights(_ project: Project, profile: EvaluationProfile = .national) -> (budget: Decimal, rows: [Decimal]) {
        let rows = project.indicators
        // A 自评表 that prints each row's 分值 is scored on its own points (a breakdown row without any weighs 0).
        if let printed = project.printed, rows.contains(where: { $0.points != nil }) {
            return (printed.budgetPoints ?? 0, rows.map { $0.points ?? 0 })
        }
        let levels = rows.map { IndicatorFramework.level1(named: $0.level1) }
        let table = levels.contains(.cost) ? profile.weightsWithCost : profile.weights
        // A 自评表's printed budget points (a department's 20 of 100) stand; the rows share the rest.
        let budget = project.printed?.budgetPoints ?? table["budget"] ?? 0
        let forIndicators = 100 - budget
        if !rows.isEmpty, rows.allSatisfy({ ($0.weight ?? 0) > 0 }) {
            let given = rows.map { $0.weight! }
            let sum = given.reduce(0, +)
            return (budget, sum == forIndicators ? given : spread(forIndicators, over: given))
        }
        let present = Set(levels.compactMap { $0 })
        let presentWeight = present.map { table[$0.weightKey] ?? 0 }.reduce(0, +)
        var result = [Decimal](repeating: 0, count: rows.count)
        guard presentWeight > 0 else { return (budget, result) }
        for level in present {
            let share = (table[level.weightKey] ?? 0) / presentWeight * forIndicators
            let members = levels.indices.filter { levels[$0] == level }
            for (k, w) in zip(members, spread(share, over: members.map { _ in Decimal(1) })) { result[k] = w }
        }
        return (budget, result)
    }

    /// `total` in cents divided in proportion to `parts`, the odd cents to the first rows, so the parts add up exactly.
    static func spread(_ total: Decimal, over parts: [Decimal]) -> [Decimal] {
        let sum = parts.reduce(0, +)
        guard sum > 0 else { return parts.map { _ in 0 } }
        let cents = NSDecimalNumber(decimal: (total * 100).rounded(0)).intValue
        let shares = parts.map { NSDecimalNumber(decimal: ($0 / sum * Decimal(cents)).rounded(6)).doubleValue }
        var whole = shares.map { Int($0.rounded(.down)) }
        var left = cents - whole.reduce(0, +)
        for k in whole.indices.sorted(by: { shares[$0] - Double(whole[$0]) > shares[$1] - Double(whole[$1]) }) where left > 0 {
            whole[k] += 1
            left -= 1
        }
        return whole.map { Decimal($0) / 100 }
    }

    /// The score of one indicator of weight `w` (rules-digest G3–G7).
    public static func score(
        _ indicator: Indicator, row: Int, weight w: Decimal, actual: IndicatorActual?, profile: EvaluationProfile = .national
    ) -> IndicatorScore {
        let direction = Direction(indicator.target)
        let target = indicator.target.number
        var result = IndicatorScore(
            row: row, level1: indicator.level1, name: indicator.level3, direction: direction, target: target, actual: actual, weight: w,
            score: 0, overAchieved: false, needsExplanation: false, problem: nil)
        switch direction {
        case .undetermined:
            result.problem = "指标值“\(indicator.value)”没有可比较的符号和数值，无法评分"
        case .qualitative:
            guard let grade = actual?.grade else {
                result.problem = "未评定完成等级（达成 / 部分达成 / 未达成）"
                break
            }
            let band = EvaluationProfile.band(grade)
            var share = actual?.share ?? profile.gradeShares[grade] ?? band.low
            let inside = share >= band.low && (band.highIncluded ? share <= band.high : share < band.high)
            if !inside {
                result.problem = "“\(grade.rawValue)”的得分应在权重的 \(band.low)%–\(band.high)% 之间，已按 \(band.low)% 计"
                share = band.low
            }
            result.score = (w * share / 100).rounded(2)
        case .positive, .equal, .reverse:
            guard let target, let value = actual?.value else {
                result.problem = "未填报完成值"
                break
            }
            result.score = Scoring.quantitative(direction, target: target, actual: value, weight: w)
            if direction == .positive, target > 0, value >= target * profile.overAchievementFactor { result.overAchieved = true }
        }
        result.needsExplanation = result.score < w && (actual?.explanation ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        return result
    }

    /// What a 自评表 reports, as the actuals its scores rest on: the year's spending, each row's actual
    /// in its target's unit and its 偏差原因. A qualitative row's grade is the band its printed share of
    /// the points falls in (the grade is the unit's judgement; the score must lie in its band).
    /// A 自评表's total as printed and as worked out again, over its projects that print one (nil
    /// when none does).
    public static func scores(_ document: TargetDocument, profile: EvaluationProfile = .national) -> (printed: Decimal?, computed: Decimal?) {
        let printed = document.projects.enumerated().filter { $0.element.printed?.totalScore != nil }
        guard !printed.isEmpty else { return (nil, nil) }
        let computed = printed.map { k, p in project(p, position: k + 1, actuals: reported(p), profile: profile).total }
        return (printed.map { $0.element.printed!.totalScore! }.reduce(0, +), computed.reduce(0, +))
    }

    public static func reported(_ document: TargetDocument) -> [Int: ProjectActuals] {
        Dictionary(uniqueKeysWithValues: document.projects.enumerated().map { ($0 + 1, reported($1)) })
    }

    public static func reported(_ project: Project) -> ProjectActuals {
        var actuals = ProjectActuals()
        if let executed = project.printed?.executed {
            actuals.spending[12] = executed
        } else if let planned = project.printed?.planned, let rate = project.printed?.rate {
            actuals.spending[12] = planned * rate / 100  // only the rate printed (a department's one-amount row)
        }
        for (k, i) in project.indicators.enumerated() {
            var a = IndicatorActual(explanation: i.deviation)
            switch Direction(i.target) {
            case .qualitative:
                guard let points = i.points, points > 0, let score = i.score else {
                    // No points printed: an actual written as the target was is the target achieved.
                    if let actual = i.actual, actual.filter({ !$0.isWhitespace }) == i.value.filter({ !$0.isWhitespace }) {
                        a.grade = .achieved
                        actuals.indicators[k + 1] = a
                    }
                    continue
                }
                let share = min(max(score / points * 100, 0), 100)
                a.grade = Grade.allCases.first { g in
                    let band = EvaluationProfile.band(g)
                    return share >= band.low && (band.highIncluded ? share <= band.high : share < band.high)
                }
                a.share = share
            default:
                guard let value = MeasuredValue(i.actual)?.inUnit(of: i.target) else { continue }
                a.value = value
            }
            actuals.indicators[k + 1] = a
        }
        return actuals
    }

    /// The self-evaluation of a project: budget execution and every indicator, the total and its grade.
    public static func project(_ project: Project, position: Int, actuals: ProjectActuals, profile: EvaluationProfile = .national) -> ProjectScore {
        let (budgetWeight, weights) = weights(project, profile: profile)
        var problems: [String] = []
        var budgetRate: Decimal?
        var budgetScore: Decimal = 0
        if let budget = project.budget.total, budget > 0, let spent = actuals.spent(by: 12) {
            let rate = spent / budget
            budgetRate = (rate * 100).rounded(2)
            budgetScore = (min(rate, 1) * budgetWeight).rounded(2)
        } else {
            problems.append(project.budget.total == nil ? "表中没有预算数，预算执行不能评分" : "未填报全年支出")
        }
        let indicators = project.indicators.enumerated().map { k, i in
            var s = score(i, row: k + 1, weight: weights[k], actual: actuals.indicators[k + 1], profile: profile)
            s.printed = i.score
            return s
        }
        for i in indicators {
            if let problem = i.problem { problems.append("第 \(i.row) 行“\(i.name)”：\(problem)") }
            if i.needsExplanation { problems.append("第 \(i.row) 行“\(i.name)”得分低于权重，须写明偏差原因分析及改进措施") }
            if i.overAchieved { problems.append("第 \(i.row) 行“\(i.name)”超额完成较多，请说明目标是否偏低") }
        }
        let ownPoints = project.printed != nil && project.indicators.contains { $0.points != nil }
        if !ownPoints,
            IndicatorFramework.Level1.allCases.filter({ $0 != .cost }).contains(where: { level in
                !project.indicators.contains { IndicatorFramework.level1(named: $0.level1) == level }
            }), !project.indicators.isEmpty
        {
            problems.append("表中缺少部分一级指标，其权重已按比例分给其他一级指标")
        }
        let total = budgetScore + indicators.map(\.score).reduce(0, +)
        // Nothing reported is 未填报, not 差: no grade, and one thing to say instead of a warning per row.
        let reported = !actuals.spending.isEmpty || !actuals.indicators.isEmpty
        return ProjectScore(
            position: position, name: project.name, budgetWeight: budgetWeight, budgetRate: budgetRate, budgetScore: budgetScore,
            indicators: indicators, total: total, grade: reported ? profile.grade(of: total) : "未填报", reported: reported,
            problems: reported ? problems : ["尚未填报完成情况：填报支出和指标完成值后才评分"], printed: project.printed)
    }

    /// Which indicators of a draft could never be scored as written, and how many points that puts at risk.
    /// `uncheckable`: the rows the review judged 不可考核 (by row, the review's reason): what cannot be
    /// checked at the year's end cannot be scored either — one judgement, the review's, for both.
    public static func forecast(
        _ project: Project, position: Int, profile: EvaluationProfile = .national, uncheckable: [Int: String] = [:]
    ) -> ScoreForecast {
        let (budgetWeight, weights) = weights(project, profile: profile)
        var unscorable: [(row: Int, name: String, weight: Decimal, why: String)] = []
        if project.budget.total == nil { unscorable.append((0, "预算执行率", budgetWeight, "没有预算数")) }
        for (k, i) in project.indicators.enumerated() {
            if IndicatorFramework.level1(named: i.level1) == nil {
                unscorable.append((k + 1, i.level3, 0, "一级指标“\(i.level1)”不在指标体系内，不计权重"))
            } else if let why = uncheckable[k + 1] {
                unscorable.append((k + 1, i.level3, weights[k], "审核认定不可考核：\(why)"))
            } else if Direction(i.target) == .undetermined {
                unscorable.append((k + 1, i.level3, weights[k], "指标值“\(i.value)”没有可比较的符号和数值"))
            }
        }
        return ScoreForecast(position: position, name: project.name, unscorable: unscorable, pointsAtRisk: unscorable.map(\.weight).reduce(0, +))
    }
}
