import Foundation
import JixiaoModel
import JixiaoReader
import Testing

@testable import JixiaoReview

/// A well-formed document to start from; each case breaks it in one way.
struct DocumentBuilder {
    var rows: [(String, String, String, String)] = [
        ("产出指标", "数量指标", "办理审批件数", "≥100 件"),
        ("产出指标", "质量指标", "审批办结率", "≥98%"),
        ("产出指标", "时效指标", "按时办结率", "≥95%"),
        ("产出指标", "成本指标", "项目成本", "≤29.25 万元"),
        ("效益指标", "社会效益指标", "企业开办时间", "≤1 天"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥98 百分比"),
    ]
    var descriptions: [Int: String] = [:]
    var basis: String? = "年度工作计划"
    var budget = Budget(total: 29.25, fiscal: 29.25)
    var moneyUnit = MoneyUnit.tenThousandYuan
    var plan = SpendingPlan(mar: 25, jun: 50, oct: 75, dec: 100, raw: "25% 50% 75% 100%")
    var goals = ["全年办结审批事项不少于 100 件"]
    var code: String? = "13022525P004RE210050L"
    var purpose: String? = "审批业务运行"
    var complete = true
    var kind = Project.Kind.project
    var extraProjects: [Project] = []
    var fiscalYear: Int? = 2025
    /// A 自评表 of the same table: each row's actual, points, score and deviation, and the printed
    /// execution and total; nil for a target document.
    var achieved: [(actual: String, points: Decimal?, score: Decimal?, deviation: String?)]?
    var printed = PrintedEvaluation(
        planned: 29.25, executed: 28, rate: Decimal(string: "95.73"), budgetPoints: 10, budgetScore: Decimal(string: "9.57"), totalPoints: 100,
        totalScore: Decimal(string: "99.57"), grade: "优")

    /// The clean document as a self-evaluation: every target met, every row full marks, 28 of 29.25 万元 spent.
    static var selfEvaluation: DocumentBuilder {
        var b = DocumentBuilder()
        b.achieved = [("120件", 20, 20, nil), ("99%", 10, 10, nil), ("96%", 10, 10, nil), ("28万元", 10, 10, nil), ("1天", 30, 30, nil), ("99%", 10, 10, nil)]
        return b
    }

    var project: Project {
        Project(
            seq: 1, code: code, name: "测试项目", moneyUnit: moneyUnit, budget: budget, purpose: purpose, spendingPlan: plan,
            goals: goals,
            indicators: rows.enumerated().map { k, r in
                let a = achieved.flatMap { $0.indices.contains(k) ? $0[k] : nil }
                return Indicator(
                    level1: r.0, level2: r.1, level3: r.2, description: descriptions[k + 1] ?? r.2, value: r.3, basis: basis,
                    target: ValueReader.read(r.3), actual: a?.actual, points: a?.points, score: a?.score, deviation: a?.deviation)
            }, complete: complete, kind: kind, printed: achieved == nil ? nil : printed)
    }

    var document: TargetDocument {
        TargetDocument(
            fiscalYear: fiscalYear, department: Department(code: "483001", name: "测试局", regionCode: "130225"),
            projects: [project] + extraProjects, kind: achieved == nil ? .targets : .selfEvaluation)
    }

    /// Sets row `k` (1-based) of a self-evaluation.
    mutating func achieved(_ k: Int, actual: String? = nil, points: Decimal? = nil, score: Decimal? = nil, deviation: String? = nil) {
        let r = achieved![k - 1]
        achieved![k - 1] = (actual ?? r.actual, points ?? r.points, score ?? r.score, deviation ?? r.deviation)
    }

    /// The unit's targets the self-evaluation is compared with; its targets of the year before.
    var targets: TargetDocument?
    var lastYear: TargetDocument?
    /// What other units write for these indicators.
    var peers: IndicatorLibrary?

    func findings(_ profile: ReviewProfile = .national) -> [Finding] {
        ReviewEngine(profile: profile).review(document, targets: targets, lastYear: lastYear, peers: peers)
    }

    /// A library of units that each wrote `name` once, with the values given (one unit a value).
    static func peers(_ name: String, level2: String, _ values: [String]) -> IndicatorLibrary {
        IndicatorLibrary(
            values.enumerated().map { k, v in
                TargetDocument(
                    fiscalYear: 2025, department: Department(code: "9\(k)", name: "同类单位\(k)"),
                    projects: [
                        Project(name: "项目", indicators: [Indicator(level1: "产出指标", level2: level2, level3: name, value: v, target: ValueReader.read(v))])
                    ])
            })
    }

    /// The clean document as it was a year before, with row `k`'s value as given.
    static func lastYear(row k: Int, value: String) -> TargetDocument {
        var b = DocumentBuilder()
        b.fiscalYear = 2024
        RuleTests.row(&b, k, value: value)
        return b.document
    }
}

@Suite struct RuleTests {
    struct Case: Sendable, CustomStringConvertible {
        var rule: String
        /// Breaks the clean document so that the rule must fire.
        var failing: @Sendable (inout DocumentBuilder) -> Void
        /// A near miss the rule must let pass (the clean document when nil).
        var passing: (@Sendable (inout DocumentBuilder) -> Void)?
        /// The clean document it starts from: a target table, or its self-evaluation.
        var start: @Sendable () -> DocumentBuilder = { DocumentBuilder() }
        var description: String { rule }
    }

    /// A case on the clean self-evaluation.
    static func scored(
        _ rule: String, failing: @escaping @Sendable (inout DocumentBuilder) -> Void, passing: (@Sendable (inout DocumentBuilder) -> Void)? = nil
    )
        -> Case
    {
        Case(rule: rule, failing: failing, passing: passing, start: { DocumentBuilder.selfEvaluation })
    }

    static func row(_ b: inout DocumentBuilder, _ k: Int, value: String? = nil, name: String? = nil, level2: String? = nil, level1: String? = nil) {
        let r = b.rows[k - 1]
        b.rows[k - 1] = (level1 ?? r.0, level2 ?? r.1, name ?? r.2, value ?? r.3)
    }

    static let cases: [Case] = [
        Case(rule: "missing-output-level2", failing: { $0.rows.remove(at: 2) }),
        Case(rule: "missing-effect", failing: { $0.rows.remove(at: 4) }),
        Case(rule: "missing-satisfaction", failing: { $0.rows.remove(at: 5) }),
        Case(rule: "missing-budget", failing: { $0.budget = Budget() }),
        Case(rule: "missing-goals", failing: { $0.goals = [] }),
        Case(rule: "value-uncertain", failing: { row(&$0, 3, value: "7 月底", name: "完成时间") }, passing: { row(&$0, 3, value: "≤7 天", name: "完成时间") }),
        // A department-wide table's goals are the overview's; it has no plan or project code of its own.
        Case(
            rule: "missing-goals", failing: { $0.goals = [] },
            passing: {
                $0.goals = []; $0.kind = .department
            }),
        Case(
            rule: "plan-missing", failing: { $0.plan = SpendingPlan() },
            passing: {
                $0.plan = SpendingPlan(); $0.kind = .department
            }),
        // Level names as other templates write them; rows lost where a table was cut off.
        Case(rule: "missing-output-level2", failing: { row(&$0, 2, level2: "效益值") }, passing: { row(&$0, 2, level2: "质量值", level1: "产出值") }),
        Case(
            rule: "missing-effect", failing: { $0.rows.remove(at: 4) },
            passing: {
                $0.rows.remove(at: 4); $0.complete = false
            }),
        Case(rule: "missing-basis", failing: { $0.basis = nil }),
        Case(rule: "basis-restates-indicator", failing: { $0.basis = "办理审批件数≥100 件" }, passing: { $0.basis = "2024 年办件量 96 件" }),
        Case(rule: "missing-value", failing: { row(&$0, 1, value: "") }),
        Case(rule: "cost-operator", failing: { row(&$0, 4, value: "≥9 万元") }, passing: { row(&$0, 4, value: "≤9 万元") }),
        Case(rule: "cost-operator", failing: { row(&$0, 4, value: "≥9 万元") }, passing: { row(&$0, 5, value: "≥6 万元", name: "增加村集体收入", level2: "经济效益指标") }),
        Case(
            rule: "reverse-rate-operator", failing: { row(&$0, 2, value: "≥5%", name: "设备故障率") },
            passing: { row(&$0, 5, value: "≥10%", name: "减少投诉率") }),
        Case(rule: "positive-rate-operator", failing: { row(&$0, 2, value: "≤98%") }, passing: { row(&$0, 2, value: "≥90%") }),
        Case(rule: "count-capped", failing: { row(&$0, 1, value: "≤100 件") }, passing: { row(&$0, 1, value: "100 件") }),
        Case(rule: "duration-operator", failing: { row(&$0, 5, value: "≥1 天") }, passing: { row(&$0, 5, value: "≤2 天") }),
        Case(
            rule: "duration-operator", failing: { row(&$0, 3, value: "≥10 月底", name: "完成时间") },
            passing: { row(&$0, 3, value: "10 月底", name: "完成时间") }),
        Case(rule: "cost-unit", failing: { row(&$0, 4, value: "100%") }, passing: { row(&$0, 4, value: "≤1000 元/人") }),
        Case(rule: "count-in-percent", failing: { row(&$0, 1, value: "≥60%") }, passing: { row(&$0, 1, value: "≥60 台") }),
        Case(rule: "missing-unit", failing: { row(&$0, 1, value: "10000 以上") }, passing: { row(&$0, 1, value: "10000 件以上") }),
        Case(rule: "rate-not-percent", failing: { row(&$0, 2, value: "≥98 件") }),
        Case(
            rule: "unit-contradicts-name", failing: { row(&$0, 1, value: "9 人", name: "服务楼层数") },
            passing: { row(&$0, 1, value: "9 层", name: "服务楼层数") }),
        Case(rule: "rate-over-100", failing: { row(&$0, 2, value: "≥120%") }),
        Case(rule: "rate-at-least-100", failing: { row(&$0, 2, value: "≥100%") }, passing: { row(&$0, 2, value: "=100%") }),
        Case(rule: "rate-at-most-100", failing: { row(&$0, 6, value: "≤100%") }, passing: { row(&$0, 2, value: "100%") }),
        Case(rule: "negative-amount", failing: { row(&$0, 4, value: "≤-5 万元") }),
        Case(rule: "satisfaction-target-credible", failing: { row(&$0, 6, value: "≥80%") }, passing: { row(&$0, 6, value: "≥85%") }),
        Case(rule: "cost-above-budget", failing: { row(&$0, 4, value: "≤30 万元") }, passing: { row(&$0, 4, value: "≤292500 元") }),
        Case(
            rule: "costs-sum-above-budget",
            failing: {
                row(&$0, 4, value: "≤20 万元")
                $0.rows.insert(("产出指标", "成本指标", "设备费用", "≤10 万元"), at: 4)
            },
            passing: {
                row(&$0, 4, value: "≤20 万元")
                $0.rows.insert(("产出指标", "成本指标", "设备费用", "≤9.25 万元"), at: 4)
            }),
        Case(
            rule: "fiscal-plus-other", failing: { $0.budget = Budget(total: 29.25, fiscal: 20, other: 5) },
            passing: { $0.budget = Budget(total: 29.25, fiscal: 20, other: 9.25) }),
        Case(rule: "cost-unit-mismatch", failing: { row(&$0, 4, value: "≤2000 元") }),
        Case(rule: "plan-missing", failing: { $0.plan = SpendingPlan() }),
        Case(rule: "plan-blank-checkpoint", failing: { $0.plan = SpendingPlan(dec: 100, raw: "100%") }),
        Case(rule: "plan-decreasing", failing: { $0.plan = SpendingPlan(mar: 50, jun: 40, oct: 75, dec: 100, raw: "50% 40% 75% 100%") }),
        Case(rule: "plan-not-complete", failing: { $0.plan = SpendingPlan(mar: 25, jun: 50, oct: 75, dec: 90, raw: "25% 50% 75% 90%") }),
        Case(
            rule: "plan-as-amounts",
            failing: {
                $0.budget = Budget(total: 6, fiscal: 6)
                row(&$0, 4, value: "≤6 万元")
                $0.plan = SpendingPlan(mar: 25, jun: 50, oct: 75, dec: 100, raw: "1.50 3.00 4.50 6.00")
            }),
        Case(rule: "value-repeats-name", failing: { row(&$0, 5, value: "企业开办时间") }),
        Case(rule: "value-is-basis", failing: { row(&$0, 5, value: "三定方案") }, passing: { row(&$0, 5, value: "全部完成 3 项改革") }),
        Case(rule: "vague-grade-word", failing: { row(&$0, 5, value: "良好") }, passing: { row(&$0, 5, value: "企业开办全程网办") }),
        Case(rule: "placeholder-one", failing: { row(&$0, 5, value: "1 有效改善") }, passing: { row(&$0, 5, value: "1 天") }),
        Case(rule: "value-number-with-words", failing: { row(&$0, 2, value: "100100%全部完成") }),
        Case(rule: "template-goal", failing: { $0.goals = ["目标内容 1"] }),
        Case(
            rule: "number-words-disagree", failing: { row(&$0, 6, value: "≥99回访好评率不低于95%") },
            passing: { row(&$0, 6, value: "≥99满意度不低于99%") }),
        Case(rule: "wrong-level2", failing: { row(&$0, 2, name: "业务处理及时率") }, passing: { row(&$0, 3, name: "业务处理及时率") }),
        Case(
            rule: "level2-under-wrong-level1", failing: { row(&$0, 5, level2: "数量指标") },
            passing: { row(&$0, 6, level2: "社会公众或服务对象满意度指标", level1: "效益指标") }),
        Case(
            rule: "wrong-level2", failing: { row(&$0, 2, value: "≤30 天", name: "服务周期") },
            passing: { row(&$0, 2, value: "优良", name: "服务周期内空气质量") }),
        Case(rule: "duplicate-indicator", failing: { $0.rows.append(("产出指标", "数量指标", "办理审批件数", "≥90 件")) }),
        Case(rule: "description-mismatch", failing: { $0.descriptions[4] = "检查指导次数" }, passing: { $0.descriptions[4] = "项目全年支出费用" }),
        Case(rule: "satisfaction-of-own-staff", failing: { row(&$0, 6, name: "办公人员满意度") }, passing: { row(&$0, 6, name: "办事群众满意度") }),
        Case(
            rule: "duplicate-purpose",
            failing: { b in
                var other = b.project
                other.name = "另一个项目"
                b.extraProjects = [other]
            },
            passing: { b in
                var other = b.project
                other.name = "另一个项目"
                other.purpose = "设备购置"
                b.extraProjects = [other]
            }),
        Case(rule: "project-code-format", failing: { $0.code = "131003001" }),
        Case(rule: "region-code-mismatch", failing: { $0.code = "13022625P004RE210050L" }),
        Case(rule: "code-year-after-budget", failing: { $0.code = "13022526P004RE210050L" }, passing: { $0.code = "13022523P004RE210050L" }),
        Case(rule: "nonstandard-level-name", failing: { row(&$0, 5, level1: "效果指标") }),
        Case(rule: "table-cut-off", failing: { $0.complete = false }),
        Case(rule: "no-indicators", failing: { $0.rows = [] }),
        // ≥99% last year, ≥98% now: looser, and the row says nothing of why; with its basis written, it passes.
        Case(
            rule: "target-looser-than-last-year",
            failing: {
                $0.lastYear = DocumentBuilder.lastYear(row: 2, value: "≥99%")
                $0.basis = nil
            }, passing: { $0.lastYear = DocumentBuilder.lastYear(row: 2, value: "≥99%") }),
        Case(
            rule: "target-looser-than-last-year",
            failing: {
                $0.lastYear = DocumentBuilder.lastYear(row: 4, value: "≤25 万元"); $0.basis = " "
            },
            passing: {
                $0.lastYear = DocumentBuilder.lastYear(row: 4, value: "≤35 万元"); $0.basis = " "
            }),
        // Six units write 审批办结率 ≥98–100% (10% 分位 98): ≥90% is below them, ≥98% is not.
        Case(
            rule: "peer-range",
            failing: {
                $0.peers = DocumentBuilder.peers("审批办结率", level2: "质量指标", ["≥98%", "≥98%", "≥99%", "≥99%", "≥99%", "≥100%"])
                row(&$0, 2, value: "≥90%")
            }, passing: { $0.peers = DocumentBuilder.peers("审批办结率", level2: "质量指标", ["≥98%", "≥98%", "≥99%", "≥99%", "≥99%", "≥100%"]) }),
        // A cost per item far above what six units allow (90% 分位 140 元); a total cost is no such comparison.
        Case(
            rule: "peer-range",
            failing: {
                $0.peers = DocumentBuilder.peers("每件审批成本", level2: "成本指标", ["≤100 元", "≤100 元", "≤120 元", "≤120 元", "≤130 元", "≤150 元"])
                row(&$0, 4, value: "≤500 元", name: "每件审批成本")
            },
            passing: {
                $0.peers = DocumentBuilder.peers("项目成本", level2: "成本指标", ["≤1 万元", "≤2 万元", "≤2 万元", "≤3 万元", "≤3 万元", "≤5 万元"])
            }),
        scored("self-score-above-points", failing: { $0.achieved(1, score: 21) }, passing: { $0.achieved(1, score: 20) }),
        scored(
            "self-points-sum", failing: { $0.achieved(1, points: 30) },
            passing: {
                $0.complete = false; $0.achieved(1, points: 30)
            }),
        scored(
            "self-scores-sum", failing: { $0.printed.totalScore = 98 },
            passing: {
                $0.achieved(1, score: 18); $0.printed.totalScore = Decimal(string: "97.57")
            }),
        scored("self-grade", failing: { $0.printed.grade = "良" }, passing: { $0.printed.grade = "优秀" }),
        // Met, yet scored half; a near miss scored in proportion (10 × 97 ÷ 98 = 9.90) passes.
        scored(
            "self-score-formula", failing: { $0.achieved(2, score: 5) },
            passing: { $0.achieved(2, actual: "97%", score: Decimal(string: "9.9"), deviation: "个别超时") }),
        // An execution rate printed 0 while 28 of 29.25 were spent.
        scored("self-rate", failing: { $0.printed.rate = 0 }, passing: { $0.printed.rate = 96 }),
        scored("self-budget-score", failing: { $0.printed.budgetScore = 10 }, passing: { $0.printed.budgetScore = Decimal(string: "9.57") }),
        scored(
            "self-spending-above-budget",
            failing: {
                $0.printed.executed = 30; $0.printed.rate = Decimal(string: "102.56"); $0.printed.budgetScore = nil
            },
            passing: {
                $0.printed.executed = Decimal(string: "29.25"); $0.printed.rate = 100; $0.printed.budgetScore = 10
            }),
        // Full marks for 95 against ≥100, and for 2 days against a cap of ≤1.
        scored("self-full-marks-missed", failing: { $0.achieved(1, actual: "95件") }, passing: { $0.achieved(1, actual: "100件") }),
        scored("self-full-marks-missed", failing: { $0.achieved(5, actual: "2天") }, passing: { $0.achieved(5, actual: "2天", score: 0, deviation: "系统升级") }),
        // A cost indicator claiming 150万 when 28万 was spent.
        scored("self-cost-above-spent", failing: { $0.achieved(4, actual: "150万元") }, passing: { $0.achieved(4, actual: "280000元") }),
        // The target table said ≥100 件; the self-evaluation says ≥90 件. The same target, or a higher one, passes.
        scored(
            "self-target-lowered",
            failing: {
                $0.targets = DocumentBuilder().document; row(&$0, 1, value: "≥90 件")
            },
            passing: {
                $0.targets = DocumentBuilder().document; row(&$0, 1, value: "≥120 件")
            }),
        scored(
            "self-indicator-dropped",
            failing: {
                $0.targets = DocumentBuilder().document; $0.rows.removeLast(); $0.achieved!.removeLast()
            },
            passing: { $0.targets = DocumentBuilder().document }),
        scored(
            "self-shortfall-reason", failing: { $0.achieved(1, actual: "95件", score: 19) },
            passing: { $0.achieved(1, actual: "95件", score: 19, deviation: "申请量下降") }),
    ]

    /// A table with no basis in any row lacks the column: one finding for the table, none where the
    /// profile says the province's template has no such column; a row missing it among others, one for the row.
    @Test func aMissingBasisColumnIsReportedOnceOrNotAtAll() throws {
        var b = DocumentBuilder()
        b.basis = nil
        let whole = b.findings().filter { $0.rule == "missing-basis" }
        #expect(whole.count == 1 && whole[0].indicator == nil && whole[0].message.contains("没有“指标值确定依据”一栏"))
        let profile = try ReviewProfile.load(Data(#"{"rules": {"missing-basis": {"parameters": {"templateHasColumn": 0}}}}"#.utf8))
        #expect(b.findings(profile).filter { $0.rule == "missing-basis" }.isEmpty)
        var one = DocumentBuilder()
        one.descriptions = [:]
        var document = one.document
        document.projects[0].indicators[1].basis = nil
        let rows = ReviewEngine().review(document).filter { $0.rule == "missing-basis" }
        #expect(rows.map(\.indicator) == [2])
    }

    @Test func everyRuleHasACase() {
        #expect(Set(Self.cases.map(\.rule)) == Set(RuleCatalog.all.map(\.id)))
        #expect(Set(Self.cases.map(\.rule)).count == RuleCatalog.all.count)
    }

    @Test func aCleanSelfEvaluationPassesAndTargetRulesLeaveItAlone() {
        let findings = DocumentBuilder.selfEvaluation.findings()
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        var bare = DocumentBuilder.selfEvaluation
        bare.basis = nil
        bare.goals = []
        #expect(bare.findings().isEmpty)
    }

    @Test func cleanTargetsPass() {
        // ≥98 百分比 satisfaction, ≤29.25 万元 cost under a 29.25 万元 budget, a 25/50/75/100 plan.
        #expect(DocumentBuilder().findings().isEmpty, "\(DocumentBuilder().findings().map(\.message))")
    }

    @Test(arguments: cases)
    func ruleFiresOnItsFailingExampleAndNotOnItsPassingOne(_ c: Case) throws {
        var bad = c.start()
        c.failing(&bad)
        let fired = bad.findings().filter { $0.rule == c.rule }
        #expect(!fired.isEmpty, "\(c.rule) did not fire; got \(bad.findings().map(\.rule))")
        for f in fired {
            #expect(!f.message.isEmpty && !f.basis.isEmpty)
            #expect(f.category == RuleCatalog.all.first { $0.id == c.rule }!.category)
        }
        var good = c.start()
        c.passing?(&good)
        #expect(!good.findings().contains { $0.rule == c.rule }, "\(c.rule) fired on its passing example")
    }

    @Test func classifierDecidesNatureFromLevel2NameAndUnit() {
        func nature(_ l2: String, _ name: String, _ value: String) -> IndicatorNature {
            IndicatorNature.of(Indicator(level1: "", level2: l2, level3: name, value: value, target: ValueReader.read(value)))
        }
        #expect(nature("成本指标", "预算经费控制数", "≤12 万元") == .cost)
        #expect(nature("质量指标", "电话及网络故障率", "≤10%") == .reverseRate)
        #expect(nature("社会效益指标", "减少投诉率", "≥10%") != .reverseRate)
        #expect(nature("服务对象满意度指标", "活动参与者满意率", "≥90%") == .satisfaction)
        #expect(nature("质量指标", "审批办结率", "≥98%") == .positiveRate)
        #expect(nature("时效指标", "提供刻章时限", "≤2小时") == .duration)
        #expect(nature("时效指标", "续费时间", "7 月底") == .deadline)
        #expect(nature("数量指标", "免费刻章数量", "≤600 户") == .count)
        #expect(nature("质量指标", "服务质量", "良好") == .other)
    }
}

@Suite struct ProfileTests {
    @Test func aProfileDisablesRetunesAndReweighsRules() throws {
        var b = DocumentBuilder()
        RuleTests.row(&b, 6, value: "≥88%")
        #expect(!b.findings().contains { $0.rule == "satisfaction-target-credible" })
        let strict = try ReviewProfile.load(
            Data(
                """
                {"name": "严格", "rules": {"satisfaction-target-credible": {"severity": "error", "parameters": {"minimum": 90}},
                 "missing-basis": {"enabled": false}}}
                """.utf8))
        let tuned = b.findings(strict).filter { $0.rule == "satisfaction-target-credible" }
        #expect(tuned.count == 1 && tuned[0].severity == .error)
        b.basis = nil
        #expect(!b.findings(strict).contains { $0.rule == "missing-basis" })
    }

    @Test func wordListsAreTunable() throws {
        var b = DocumentBuilder()
        RuleTests.row(&b, 5, value: "显著")
        #expect(b.findings().contains { $0.rule == "vague-grade-word" })
        let lenient = try ReviewProfile.load(Data(#"{"rules": {"vague-grade-word": {"parameters": {"words": ["良好"], "maximumLength": 1}}}}"#.utf8))
        #expect(!b.findings(lenient).contains { $0.rule == "vague-grade-word" })
    }

    @Test func mistakesInAProfileAreRefusedWithTheReason() {
        #expect(throws: ReviewProfile.LoadError.self) { try ReviewProfile.load(Data(#"{"rules": {"no-such-rule": {}}}"#.utf8)) }
        #expect(throws: ReviewProfile.LoadError.self) {
            try ReviewProfile.load(Data(#"{"rules": {"missing-basis": {"severity": "fatal"}}}"#.utf8))
        }
        #expect(throws: ReviewProfile.LoadError.self) {
            try ReviewProfile.load(Data(#"{"rules": {"satisfaction-target-credible": {"parameters": {"minimum": "high"}}}}"#.utf8))
        }
        #expect(throws: ReviewProfile.LoadError.self) { try ReviewProfile.load(Data("[]".utf8)) }
    }
}
