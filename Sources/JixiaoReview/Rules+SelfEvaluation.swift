import Foundation
import JixiaoModel

/// What the review works out once about a self-evaluation's row: its points, score and actual.
struct ScoredRow: Sendable {
    let facts: IndicatorFacts
    var points: Decimal? { facts.indicator.points }
    var score: Decimal? { facts.indicator.score }
    var direction: Direction { Direction(facts.target) }
    /// The actual as a number in the target's unit, when both are numbers.
    var actual: Decimal? { MeasuredValue(facts.indicator.actual)?.inUnit(of: facts.target) }
    /// Whether the actual reaches the target; nil when it cannot be told.
    var reaches: Bool? {
        guard let t = facts.target.number, let a = actual else { return nil }
        return Scoring.reaches(direction, target: t, actual: a)
    }
    /// What the scoring formula gives the row, out of its points.
    var formulaScore: Decimal? {
        guard let points, let t = facts.target.number, let a = actual, reaches != nil else { return nil }
        return Scoring.quantitative(direction, target: t, actual: a, weight: points)
    }
}

extension RuleInput {
    /// The rows of a self-evaluation project, with the printed figures.
    var scoredRows: [ScoredRow] { indicators.map(ScoredRow.init) }
    var printed: PrintedEvaluation? { project?.printed }

    /// `第 3 行“资金到位及时率”`.
    func place(_ row: ScoredRow) -> String { "第 \(row.facts.row) 行“\(row.facts.name)”" }
}

extension RuleCatalog {
    static let selfEvaluationBasis = "项目支出绩效自评：分值、得分与总分（财预〔2020〕10号《项目支出绩效评价管理办法》附件自评表及评分规则）"

    static func figure(_ d: Decimal) -> String { d.rounded(2).plain }

    static let selfEvaluation: [Rule] = [
        Rule(
            "self-score-above-points", .score, .error, appliesTo: .selfEvaluation,
            summary: "单项得分不得超过其分值",
            basis: selfEvaluationBasis
        ) { input in
            var hits = input.scoredRows.compactMap { r -> Hit? in
                guard let points = r.points, let score = r.score, score > points else { return nil }
                return input.at(r.facts, field: "score", "\(input.place(r))得分 \(figure(score)) 超过其分值 \(figure(points))：得分应在 0 至 \(figure(points)) 之间。")
            }
            if let p = input.printed, let points = p.budgetPoints, let score = p.budgetScore, score > points {
                hits.append(input.onProject(field: "budget", "预算执行率得分 \(figure(score)) 超过其分值 \(figure(points))。"))
            }
            return hits
        },
        Rule(
            "self-points-sum", .score, .error, appliesTo: .selfEvaluation,
            summary: "各项分值之和应等于总分的分值",
            basis: selfEvaluationBasis
        ) { input in
            sumCheck(input, field: "points", rows: \.points, budget: \.budgetPoints, total: \.totalPoints) { sum, parts, total in
                "各项分值合计 \(figure(sum))（\(parts)），与总分的分值 \(figure(total)) 不符：请核对各行分值。"
            }
        },
        Rule(
            "self-scores-sum", .score, .error, appliesTo: .selfEvaluation,
            summary: "各项得分之和应等于总分",
            basis: selfEvaluationBasis
        ) { input in
            sumCheck(input, field: "score", rows: \.score, budget: \.budgetScore, total: \.totalScore) { sum, parts, total in
                "各项得分合计 \(figure(sum))（\(parts)），而总分填写为 \(figure(total))：总分应为 \(figure(sum))。"
            }
        },
        Rule(
            "self-grade", .score, .warning, appliesTo: .selfEvaluation,
            summary: "自评等级应与总分相符",
            basis: "自评结果分优（90分及以上）、良（80–90分）、中（60–80分）、差（60分以下）（财预〔2020〕10号第二十四条）",
            parameters: [
                "excellentFrom": .number(Scoring.excellentFrom), "goodFrom": .number(Scoring.goodFrom), "fairFrom": .number(Scoring.fairFrom),
            ]
        ) { input in
            guard let p = input.printed, let total = p.totalScore, let grade = p.grade, let first = grade.unicodeScalars.first else { return [] }
            let expected = Scoring.grade(
                of: total, excellentFrom: input.number("excellentFrom"), goodFrom: input.number("goodFrom"), fairFrom: input.number("fairFrom"))
            // 优秀 is 优, 良好 is 良; other words (合格) are not the 100-point bands.
            guard ["优", "良", "中", "差"].contains(String(first)), String(first) != expected else { return [] }
            return [input.onProject(field: "grade", "总分 \(figure(total)) 对应等级“\(expected)”，表中填写为“\(grade)”。")]
        },
        Rule(
            "self-score-formula", .score, .warning, appliesTo: .selfEvaluation,
            summary: "得分与评分公式的结果相差较大",
            basis: "定量指标得分：正向指标 得分=分值×实际值/目标值，反向指标 得分=分值×目标值/实际值（不超过分值）；全部完成得满分（财预〔2020〕10号评分规则）",
            parameters: ["tolerance": .number(5)]
        ) { input in
            input.scoredRows.compactMap { r -> Hit? in
                guard let points = r.points, points > 0, let score = r.score, let formula = r.formulaScore else { return nil }
                guard abs(score - formula) > points * input.number("tolerance") / 100 else { return nil }
                let target = r.facts.indicator.value, actual = r.facts.indicator.actual ?? ""
                return input.at(
                    r.facts, field: "score",
                    "\(input.place(r))目标“\(target)”、实际完成“\(actual)”，按评分公式应得 \(figure(formula)) 分（满分 \(figure(points))），表中为 \(figure(score)) 分：请核对得分或说明扣分理由。"
                )
            }
        },
        Rule(
            "self-rate", .budget, .error, appliesTo: .selfEvaluation,
            summary: "执行率应等于执行数除以预算数",
            basis: "预算执行率=全年执行数/全年预算数（项目支出绩效自评表）"
        ) { input in
            guard let p = input.printed, let planned = p.planned, planned > 0, let executed = p.executed, let rate = p.rate else { return [] }
            let computed = executed / planned * 100
            // As precise as the rate is printed: `100%` is within half a point, `99.95%` within 0.005.
            let tolerance = max(Decimal(string: "0.005")!, Self.halfLastPlace(rate))
            guard abs(rate - computed) > tolerance else { return [] }
            return [
                input.onProject(
                    field: "rate", "执行率填写为 \(figure(rate))%，而执行数 \(figure(executed)) ÷ 预算数 \(figure(planned)) = \(figure(computed))%：请更正执行率。")
            ]
        },
        Rule(
            "self-budget-score", .budget, .warning, appliesTo: .selfEvaluation,
            summary: "预算执行得分应为分值乘以执行率",
            basis: "预算执行率得分=分值×执行率，不超过分值（项目支出绩效自评表评分规则）"
        ) { input in
            guard let p = input.printed, let points = p.budgetPoints, let score = p.budgetScore else { return [] }
            let rate: Decimal
            if let planned = p.planned, planned > 0, let executed = p.executed {
                rate = executed / planned * 100
            } else if let printed = p.rate {
                rate = printed
            } else {
                return []
            }
            let expected = (points * min(rate, 100) / 100).rounded(2)
            guard abs(expected - score) > Decimal(string: "0.01")! else { return [] }
            return [
                input.onProject(field: "budget", "执行率 \(figure(rate))%、分值 \(figure(points))，预算执行得分应为 \(figure(expected))，表中为 \(figure(score))。")
            ]
        },
        Rule(
            "self-spending-above-budget", .budget, .error, appliesTo: .selfEvaluation,
            summary: "执行数超过预算数",
            basis: "支出不得超出预算（《预算法》第十三条）"
        ) { input in
            guard let p = input.printed, let planned = p.planned, let executed = p.executed, executed > planned, let project = input.project else { return [] }
            let unit = project.moneyUnit.rawValue
            return [
                input.onProject(
                    field: "budget",
                    "全年执行数 \(figure(executed)) \(unit) 超过全年预算数 \(figure(planned)) \(unit)\(p.budgetScore == nil ? "，且预算执行未评分" : "")：请核对执行数或说明超支原因。")
            ]
        },
        Rule(
            "self-full-marks-missed", .consistency, .error, appliesTo: .selfEvaluation,
            summary: "未达到目标的指标得了满分",
            basis: selfEvaluationBasis
        ) { input in
            input.scoredRows.compactMap { r -> Hit? in
                guard let points = r.points, points > 0, let score = r.score, score >= points, r.reaches == false else { return nil }
                return input.at(
                    r.facts, field: "score",
                    "\(input.place(r))实际完成“\(r.facts.indicator.actual ?? "")”未达到目标“\(r.facts.indicator.value)”，却得满分 \(figure(score))：请按完成程度扣分\(r.formulaScore.map { "（按公式为 \(figure($0))）" } ?? "")。"
                )
            }
        },
        Rule(
            "self-cost-above-spent", .consistency, .error, appliesTo: .selfEvaluation,
            summary: "成本指标的实际值超过实际支出",
            basis: "成本指标反映实际发生的支出，不能超过全年执行数（项目支出绩效自评表）"
        ) { input in
            guard let project = input.project, let executed = input.printed?.executed else { return [] }
            return input.scoredRows.compactMap { r -> Hit? in
                guard r.facts.level2 == .cost || r.facts.level2 == .economicCost || r.facts.nature == .cost,
                    let figure = MeasuredValue(r.facts.indicator.actual), let perUnit = yuanPerUnit(figure.unit)
                else { return nil }
                let amount = figure.number * perUnit / project.moneyUnit.yuanPerUnit
                guard amount > executed else { return nil }
                let unit = project.moneyUnit.rawValue
                return input.at(
                    r.facts, field: "actual",
                    "\(input.place(r))实际完成“\(r.facts.indicator.actual!)”，即 \(Self.figure(amount)) \(unit)，超过全年执行数 \(Self.figure(executed)) \(unit)：成本不能高于实际支出。")
            }
        },
        Rule(
            "self-shortfall-reason", .missing, .warning, appliesTo: .selfEvaluation,
            summary: "未完成目标或扣分的指标须写明偏差原因",
            basis: "未完成绩效目标的，应分析偏差原因并提出改进措施（项目支出绩效自评表“偏差原因分析及改进措施”）"
        ) { input in
            input.scoredRows.compactMap { r -> Hit? in
                guard r.facts.indicator.deviation == nil else { return nil }
                // A row that reached its target but lost points is the scoring's question (self-score-formula).
                let lost = r.points.flatMap { p in r.score.map { $0 < p } } ?? false
                guard r.reaches == false || (r.reaches == nil && lost) else { return nil }
                let what = r.reaches == false ? "未达到目标“\(r.facts.indicator.value)”" : "得分 \(figure(r.score!)) 低于分值 \(figure(r.points!))"
                return input.at(r.facts, field: "deviation", "\(input.place(r))\(what)，但未写明偏差原因分析及改进措施。")
            }
        },
        Rule(
            "self-target-lowered", .consistency, .warning, appliesTo: .selfEvaluation,
            summary: "自评表中的年度指标值低于绩效目标表",
            basis: "自评以批复的绩效目标为依据，不得自行调低目标（财预〔2020〕10号第十二条）"
        ) { input in
            guard let targets = input.targets else { return [] }
            let set = Dictionary(targets.indicators.map { (squeezed($0.level3), $0) }, uniquingKeysWith: { a, _ in a })
            return input.indicators.compactMap { f -> Hit? in
                guard let before = set[f.squeezedName], let was = before.target.number, let now = f.target.number,
                    Direction(before.target) == Direction(f.target), (before.target.unit ?? "") == (f.target.unit ?? "")
                else { return nil }
                let lowered =
                    switch Direction(f.target) {
                    case .positive, .equal: now < was
                    case .reverse: now > was
                    case .qualitative, .undetermined: false
                    }
                guard lowered else { return nil }
                return input.at(f, "第 \(f.row) 行“\(f.name)”的年度指标值在绩效目标表中为“\(before.value)”，自评表中为“\(f.indicator.value)”：目标被调低，请按批复的目标自评。")
            }
        },
        Rule(
            "self-indicator-dropped", .consistency, .warning, appliesTo: .selfEvaluation,
            summary: "绩效目标表中的指标在自评表中缺失",
            basis: "自评应覆盖批复的全部绩效指标（财预〔2020〕10号第十二条）"
        ) { input in
            guard let targets = input.targets, let project = input.project, project.complete else { return [] }
            let present = Set(input.indicators.map(\.squeezedName))
            return targets.indicators.filter { !present.contains(squeezed($0.level3)) }.map { i in
                input.onProject(field: "level3", "绩效目标表中的指标“\(i.level3)”（\(i.value)）在自评表中没有：请补充其完成情况和得分。")
            }
        },
    ]

    /// Whether the rows' figures (`rows`) and the budget item's (`budget`) add up to the printed total
    /// (`total`), to the cent; a table cut off before its 总分 is not judged.
    static func sumCheck(
        _ input: RuleInput, field: String, rows: KeyPath<ScoredRow, Decimal?>, budget: KeyPath<PrintedEvaluation, Decimal?>,
        total: KeyPath<PrintedEvaluation, Decimal?>, message: (_ sum: Decimal, _ parts: String, _ total: Decimal) -> String
    ) -> [Hit] {
        guard let project = input.project, project.complete, let p = input.printed, let total = p[keyPath: total] else { return [] }
        let figures = input.scoredRows.compactMap { $0[keyPath: rows] }
        guard !figures.isEmpty else { return [] }
        let indicators = figures.reduce(0, +)
        let sum = indicators + (p[keyPath: budget] ?? 0)
        guard abs(sum - total) > Decimal(string: "0.005")! else { return [] }
        let parts = "指标 \(figure(indicators))" + (p[keyPath: budget].map { " + 预算执行 \(figure($0))" } ?? "")
        return [input.onProject(field: field, message(sum, parts, total))]
    }

    /// Half the last printed place of a number: 100 → 0.5, 99.9 → 0.05.
    static func halfLastPlace(_ d: Decimal) -> Decimal {
        let text = d.plain
        guard let dot = text.firstIndex(of: ".") else { return Decimal(string: "0.5")! }
        let places = text.distance(from: dot, to: text.endIndex) - 1
        return Decimal(sign: .plus, exponent: -places, significand: 5) / 10
    }
}
