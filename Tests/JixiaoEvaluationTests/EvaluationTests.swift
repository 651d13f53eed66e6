import Foundation
import JixiaoModel
import Testing

@testable import JixiaoEvaluation

/// Every formula against numbers worked out by hand (in the comments).
@Suite struct EvaluationTests {
    static func indicator(
        _ level1: String, _ level2: String, _ name: String, _ value: String, op: ComparisonOperator?, _ number: Decimal?, unit: String? = nil,
        weight: Decimal? = nil
    ) -> Indicator {
        Indicator(
            level1: level1, level2: level2, level3: name, value: value, target: Target(kind: .quantitative, op: op, number: number, unit: unit), weight: weight)
    }

    static func qualitative(_ name: String, _ text: String) -> Indicator {
        Indicator(level1: "效益指标", level2: "社会效益指标", level3: name, value: text, target: .qualitative(text))
    }

    /// 产出 3 rows, 效益 1, 满意度 1; budget 20 万元; plan 25/50/80/100.
    static let project = Project(
        name: "运维费", budget: Budget(total: 20), spendingPlan: SpendingPlan(mar: 25, jun: 50, oct: 80, dec: 100),
        indicators: [
            indicator("产出指标", "数量指标", "系统数", "≥6 个", op: .atLeast, 6, unit: "个"),
            indicator("产出指标", "质量指标", "正常运行率", "≥99%", op: .atLeast, 99, unit: "%"),
            indicator("产出指标", "成本指标", "运维费用", "≤20 万元", op: .atMost, 20, unit: "万元"),
            qualitative("服务水平", "明显提升"),
            indicator("满意度指标", "服务对象满意度指标", "满意度", "≥90%", op: .atLeast, 90, unit: "%"),
        ])

    @Test func directions() {
        #expect(Direction(Target(kind: .quantitative, op: .atLeast, number: 1)) == .positive)
        #expect(Direction(Target(kind: .quantitative, op: .greater, number: 1)) == .positive)
        #expect(Direction(Target(kind: .quantitative, op: .less, number: 1)) == .reverse)
        #expect(Direction(Target(kind: .quantitative, op: .equal, number: 0)) == .equal)
        #expect(Direction(.qualitative("提升")) == .qualitative)
        #expect(Direction(Target(kind: .quantitative, op: nil, number: 5)) == .undetermined)
        #expect(Direction(Target(kind: .quantitative, op: .atLeast, number: nil)) == .undetermined)
    }

    @Test func plannedSpendingIsInterpolated() {
        let plan = SpendingPlan(mar: 25, jun: 50, oct: 80, dec: 100)
        #expect(Monitoring.planned(plan, budget: 20, month: 3) == 25)
        // between 6 (50%) and 10 (80%): month 8 → 50 + 30 × 2/4 = 65
        #expect(Monitoring.planned(plan, budget: 20, month: 8) == 65)
        // before March: 0 → 25 over three months; month 1 → 8.33…
        #expect(Monitoring.planned(plan, budget: 20, month: 1)!.rounded(2) == Decimal(string: "8.33"))
        // written in money (6.00 of a 6.00 budget): 1.5/3/4.5/6 → 25/50/75/100%
        let money = SpendingPlan(mar: 1.5, jun: 3, oct: 4.5, dec: 6)
        #expect(Monitoring.planned(money, budget: 6, month: 6) == 50)
        #expect(Monitoring.planned(SpendingPlan(), budget: 6, month: 6) == nil)
        // only December given: a straight line from 0 → month 6 = 50
        #expect(Monitoring.planned(SpendingPlan(dec: 100), budget: 6, month: 6) == 50)
    }

    @Test func budgetLightAgainstThePlan() {
        // June, 20 万元 budget, 6 spent: 执行率 30%; plan 50% → 30 ÷ 50 = 60 → yellow (60 ≤ v < 80); by time 30 ÷ 50 = 60 too.
        let june = Monitoring.budget(Self.project, actuals: ProjectActuals(spending: [6: 6]), month: 6)
        #expect(june.rate == 30 && june.planned == 50 && june.againstPlan == 60 && june.againstTime == 60 && june.light == .yellow)
        // October, 10 spent: 50% against a plan of 80% → 62.5 yellow; 5 spent → 31.25 red; 18 → 112.5 green
        #expect(Monitoring.budget(Self.project, actuals: ProjectActuals(spending: [10: 10]), month: 10).light == .yellow)
        #expect(Monitoring.budget(Self.project, actuals: ProjectActuals(spending: [10: 5]), month: 10).light == .red)
        #expect(Monitoring.budget(Self.project, actuals: ProjectActuals(spending: [10: 18]), month: 10).light == .green)
        // The latest report at or before the month counts: March's 4 seen in June (20% of 50% → 40 red).
        #expect(Monitoring.budget(Self.project, actuals: ProjectActuals(spending: [3: 4]), month: 6).light == .red)
        #expect(Monitoring.budget(Self.project, actuals: ProjectActuals(), month: 6).light == .none)
        // No plan: against the time elapsed — June, 30% spent of 50% of the year → 60 yellow.
        var noPlan = Self.project
        noPlan.spendingPlan = SpendingPlan()
        let byTime = Monitoring.budget(noPlan, actuals: ProjectActuals(spending: [6: 6]), month: 6)
        #expect(byTime.againstPlan == nil && byTime.againstTime == 60 && byTime.light == .yellow)
    }

    @Test func indicatorLights() {
        let p = Self.project.indicators
        // ≥6 by June: due 3; 2 → 66.67 yellow; 1 → 33.33 red; 3 → 100 green; 4 → 133.33 blue
        #expect(Monitoring.indicator(p[0], row: 1, actual: IndicatorActual(value: 2), month: 6).light == .yellow)
        #expect(Monitoring.indicator(p[0], row: 1, actual: IndicatorActual(value: 1), month: 6).light == .red)
        #expect(Monitoring.indicator(p[0], row: 1, actual: IndicatorActual(value: 3), month: 6).percent == 100)
        #expect(Monitoring.indicator(p[0], row: 1, actual: IndicatorActual(value: 4), month: 6).light == .blue)
        // ≤20 万元: 12 green, 21 red
        #expect(Monitoring.indicator(p[2], row: 3, actual: IndicatorActual(value: 12), month: 6).light == .green)
        #expect(Monitoring.indicator(p[2], row: 3, actual: IndicatorActual(value: 21), month: 6).light == .red)
        // qualitative by grade; nothing reported: none
        #expect(Monitoring.indicator(p[3], row: 4, actual: IndicatorActual(grade: .partly), month: 6).light == .yellow)
        #expect(Monitoring.indicator(p[3], row: 4, actual: nil, month: 6).light == .none)
        // a target of 0 (≥0) is red (rules-digest H4)
        let zero = Self.indicator("产出指标", "数量指标", "事故数", "≥0", op: .atLeast, 0)
        #expect(Monitoring.indicator(zero, row: 1, actual: IndicatorActual(value: 0), month: 6).light == .red)
        // a red or yellow light needs a reason; with one it is complete
        #expect(Monitoring.indicator(p[0], row: 1, actual: IndicatorActual(value: 1), month: 6).needsReason)
        #expect(!Monitoring.indicator(p[0], row: 1, actual: IndicatorActual(value: 1, reason: .funding, likelihood: .possible), month: 6).needsReason)
    }

    @Test func theProjectLightIsItsWorstIndicator() {
        let actuals = ProjectActuals(
            spending: [6: 10],
            indicators: [
                1: IndicatorActual(value: 3), 2: IndicatorActual(value: 99), 3: IndicatorActual(value: 25, reason: .funding), 5: IndicatorActual(value: 95),
            ])
        let m = Monitoring.project(Self.project, position: 1, actuals: actuals, month: 6)
        // row 2, a rate: 99 of ≥99 (the target itself is due, not half of it) → 100 green; row 3: 25 > 20 →
        // red (reason given); row 4 not reported; row 5, satisfaction 95 of ≥90 → 105.56 green
        #expect(m.indicators.map(\.light) == [.green, .green, .red, .none, .green])
        #expect(m.light == .red)
        #expect(m.problems.contains { $0.contains("第 4 行") && $0.contains("未填报") })
        #expect(!m.problems.contains { $0.contains("须说明偏差原因") })
        #expect(Monitoring.tally(m.indicators.map(\.light)) == [.green: 3, .red: 1, .none: 1])
    }

    @Test func weightsFollowTheFrameworkOrTheTable() {
        // 产出 50 over 3 rows: 16.67 + 16.67 + 16.66; 效益 30; 满意度 10; budget 10
        let w = SelfEvaluation.weights(Self.project)
        #expect(w.budget == 10 && w.rows == [Decimal(string: "16.67")!, Decimal(string: "16.67")!, Decimal(string: "16.66")!, 30, 10])
        #expect(w.rows.reduce(0, +) + w.budget == 100)
        // No 满意度: its 10 goes to 产出 and 效益 in proportion 50:30 → 56.25 and 33.75
        var noSatisfaction = Self.project
        noSatisfaction.indicators.removeLast()
        let ns = SelfEvaluation.weights(noSatisfaction)
        #expect(ns.rows == [Decimal(string: "18.75")!, Decimal(string: "18.75")!, Decimal(string: "18.75")!, Decimal(string: "33.75")!])
        // The table's own 权重 (30, 30, 30 → already 90) are used as they are; 20/20/20 are scaled to 90 → 30 each
        var weighted = Self.project
        weighted.indicators = Array(Self.project.indicators.prefix(3)).map {
            var i = $0; i.weight = 30; return i
        }
        #expect(SelfEvaluation.weights(weighted).rows == [30, 30, 30])
        weighted.indicators = weighted.indicators.map {
            var i = $0; i.weight = 20; return i
        }
        #expect(SelfEvaluation.weights(weighted).rows == [30, 30, 30])
        // 成本指标 as a 一级: the post-101 weights (成本 20, 产出 40, 效益 20, 满意度 10, budget 10)
        var withCost = Self.project
        withCost.indicators[2].level1 = "成本指标"
        let wc = SelfEvaluation.weights(withCost)
        #expect(wc.rows == [20, 20, 20, 20, 10] && wc.budget == 10)
    }

    @Test func positiveReverseEqualAndQualitativeScores() {
        let p = Self.project.indicators
        // ≥6, weight 16.67: 6 → full; 3 → 16.67 × 3/6 = 8.335 → 8.34; 8 (≥ 7.2 = 1.2 × 6) → full and flagged
        #expect(SelfEvaluation.score(p[0], row: 1, weight: Decimal(string: "16.67")!, actual: IndicatorActual(value: 6)).score == Decimal(string: "16.67"))
        #expect(SelfEvaluation.score(p[0], row: 1, weight: Decimal(string: "16.67")!, actual: IndicatorActual(value: 3)).score == Decimal(string: "8.34"))
        let over = SelfEvaluation.score(p[0], row: 1, weight: 10, actual: IndicatorActual(value: 8))
        #expect(over.score == 10 && over.overAchieved)
        // ≤20, weight 10: 15 → 10; 25 → 10 × (1 − 5/20) = 7.5; 40 (2×) → 0; 45 → 0
        #expect(SelfEvaluation.score(p[2], row: 3, weight: 10, actual: IndicatorActual(value: 15)).score == 10)
        #expect(SelfEvaluation.score(p[2], row: 3, weight: 10, actual: IndicatorActual(value: 25)).score == Decimal(string: "7.5"))
        #expect(SelfEvaluation.score(p[2], row: 3, weight: 10, actual: IndicatorActual(value: 40)).score == 0)
        #expect(SelfEvaluation.score(p[2], row: 3, weight: 10, actual: IndicatorActual(value: 45)).score == 0)
        // = 0 (no accidents): 0 → full, 1 → 0; = 4: 3 → 7.5 of 10
        let none = Self.indicator("产出指标", "质量指标", "安全事故", "=0", op: .equal, 0)
        #expect(SelfEvaluation.score(none, row: 1, weight: 10, actual: IndicatorActual(value: 0)).score == 10)
        #expect(SelfEvaluation.score(none, row: 1, weight: 10, actual: IndicatorActual(value: 1)).score == 0)
        let four = Self.indicator("产出指标", "数量指标", "培训", "=4 次", op: .equal, 4)
        #expect(SelfEvaluation.score(four, row: 1, weight: 10, actual: IndicatorActual(value: 3)).score == Decimal(string: "7.5"))
        // ≤0 (reverse with target 0): 0 → full, 2 → 0
        let noComplaint = Self.indicator("效益指标", "社会效益指标", "投诉", "≤0 起", op: .atMost, 0)
        #expect(SelfEvaluation.score(noComplaint, row: 1, weight: 10, actual: IndicatorActual(value: 2)).score == 0)
        // qualitative, weight 30: 达成 → 90% default = 27; 部分达成 at 75% → 22.5; 部分达成 at 85% (outside) → 60% = 18 and a problem
        #expect(SelfEvaluation.score(p[3], row: 4, weight: 30, actual: IndicatorActual(grade: .achieved)).score == 27)
        #expect(SelfEvaluation.score(p[3], row: 4, weight: 30, actual: IndicatorActual(grade: .partly, share: 75)).score == Decimal(string: "22.5"))
        let outside = SelfEvaluation.score(p[3], row: 4, weight: 30, actual: IndicatorActual(grade: .partly, share: 85))
        #expect(outside.score == 18 && outside.problem != nil)
        // nothing reported: 0, explained; an explanation clears the requirement
        let missing = SelfEvaluation.score(p[0], row: 1, weight: 10, actual: nil)
        #expect(missing.score == 0 && missing.problem == "未填报完成值" && missing.needsExplanation)
        #expect(!SelfEvaluation.score(p[0], row: 1, weight: 10, actual: IndicatorActual(value: 3, explanation: "设备延期到货")).needsExplanation)
    }

    @Test func aWholeProjectScoredByHand() {
        // budget: 18 of 20 spent → 90% × 10 = 9
        // row 1 (16.67): 6 of ≥6 → 16.67; row 2 (16.67): 95 of ≥99 → 16.67 × 95/99 = 15.996… → 16.00
        // row 3 (16.66): 21 of ≤20 → 16.66 × (1 − 1/20) = 15.827 → 15.83; row 4 (30): 部分达成 default 70% → 21
        // row 5 (10): 92 of ≥90 → 10. Total 9 + 16.67 + 16.00 + 15.83 + 21 + 10 = 88.50 → 良
        let actuals = ProjectActuals(
            spending: [12: 18],
            indicators: [
                1: IndicatorActual(value: 6), 2: IndicatorActual(value: 95), 3: IndicatorActual(value: 21), 4: IndicatorActual(grade: .partly),
                5: IndicatorActual(value: 92),
            ])
        let s = SelfEvaluation.project(Self.project, position: 1, actuals: actuals)
        #expect(s.budgetScore == 9 && s.budgetRate == 90)
        #expect(s.indicators.map(\.score) == [Decimal(string: "16.67")!, 16, Decimal(string: "15.83")!, 21, 10])
        #expect(s.total == Decimal(string: "88.5") && s.grade == "良")
        #expect(s.problems.filter { $0.contains("须写明偏差原因") }.count == 3)  // rows 2, 3 and 4 are below their weights
        // Over-spending is capped at the full budget weight.
        #expect(SelfEvaluation.project(Self.project, position: 1, actuals: ProjectActuals(spending: [12: 25])).budgetScore == 10)
        // Grade bands, and a province's own.
        #expect(EvaluationProfile.national.grade(of: 90) == "优" && EvaluationProfile.national.grade(of: Decimal(string: "59.99")!) == "差")
        var province = EvaluationProfile()
        province.excellentFrom = 80
        province.goodFrom = 70
        #expect(province.grade(of: Decimal(string: "88.5")!) == "优")
    }

    @Test func aRowTheReviewCallsUncheckableIsAtRisk() {
        // Row 4 (qualitative, 30 points) can be scored by grade, but the review says 明显提升 cannot be checked.
        let f = SelfEvaluation.forecast(Self.project, position: 1, uncheckable: [4: "指标值过于笼统"])
        #expect(f.unscorable.map(\.row) == [4] && f.pointsAtRisk == 30 && f.unscorable[0].why.contains("审核认定不可考核"))
    }

    @Test func aDraftsPointsAtRisk() {
        var draft = Self.project
        draft.indicators[1] = Self.indicator("产出指标", "质量指标", "正常运行率", "99", op: nil, 99)
        draft.indicators[4].target = Target(kind: .quantitative, op: .atLeast, number: nil)
        let f = SelfEvaluation.forecast(draft, position: 1)
        #expect(f.unscorable.map(\.row) == [2, 5] && f.pointsAtRisk == Decimal(string: "26.67"))
        draft.budget.total = nil
        #expect(SelfEvaluation.forecast(draft, position: 1).pointsAtRisk == Decimal(string: "36.67"))
    }

    @Test func aProvincesOwnWeightsAndThresholds() throws {
        // budget 20, 产出 40 (3 rows: 13.34 + 13.33 + 13.33), 效益 30, 满意度 10
        let p = try EvaluationProfile.load(
            Data(#"{"evaluation": {"weights": {"budget": 20, "output": 40, "effect": 30, "satisfaction": 10}, "positiveYellowBelow": 90}}"#.utf8))
        let w = SelfEvaluation.weights(Self.project, profile: p)
        #expect(w.budget == 20 && w.rows == [Decimal(string: "13.34")!, Decimal(string: "13.33")!, Decimal(string: "13.33")!, 30, 10])
        // 18 of 20 spent → 90% × 20 = 18
        #expect(SelfEvaluation.project(Self.project, position: 1, actuals: ProjectActuals(spending: [12: 18]), profile: p).budgetScore == 18)
        // 2.5 of 3 due by June = 83.3%: green nationally, yellow where yellow reaches 90
        #expect(Monitoring.indicator(Self.project.indicators[0], row: 1, actual: IndicatorActual(value: 2.5), month: 6).light == .green)
        #expect(Monitoring.indicator(Self.project.indicators[0], row: 1, actual: IndicatorActual(value: 2.5), month: 6, profile: p).light == .yellow)
    }

    @Test func profilesLoadAndRefuseTypos() throws {
        let p = try EvaluationProfile.load(
            Data(
                #"{"evaluation": {"excellentFrom": 85, "weights": {"budget": 20, "output": 40, "effect": 30, "satisfaction": 10}, "gradeShares": {"达成": 100}}}"#
                    .utf8))
        #expect(p.excellentFrom == 85 && p.weights["budget"] == 20 && p.gradeShares[.achieved] == 100)
        #expect(throws: EvaluationProfile.LoadError.self) { try EvaluationProfile.load(Data(#"{"excellentfrom": 85}"#.utf8)) }
        #expect(throws: EvaluationProfile.LoadError.self) {
            try EvaluationProfile.load(Data(#"{"weights": {"budget": 20, "output": 50, "effect": 30, "satisfaction": 10}}"#.utf8))
        }
        #expect(throws: EvaluationProfile.LoadError.self) { try EvaluationProfile.load(Data(#"{"gradeShares": {"部分达成": 80}}"#.utf8)) }
        // A review profile without an evaluation part loads the defaults.
        #expect(try EvaluationProfile.load(Data(#"{"name": "河北", "rules": {}}"#.utf8)) == .national)
    }
}

/// Actuals files are read strictly: a share is a percentage, and a row is reported once.
@Suite struct ActualsFileTests {
    @Test func aShareBeyond100IsRefused() throws {
        #expect(throws: ActualsFile.ReadError.self) { try ActualsFile.read(Data("project,row,value,share\n1,1,10,1000000\n".utf8)) }
        #expect(throws: ActualsFile.ReadError.self) {
            try ActualsFile.read(Data(#"{"projects": [{"project": 1, "indicators": [{"row": 1, "share": -1}]}]}"#.utf8))
        }
        let read = try ActualsFile.read(Data("project,row,value,share\n1,1,10,80\n".utf8))
        #expect(read.projects[1]?.indicators[1]?.share == 80)
    }

    @Test func aRowReportedTwiceIsRefusedWithItsLine() throws {
        #expect {
            try ActualsFile.read(Data("project,row,value\n1,1,10\n1,2,5\n1,1,20\n".utf8))
        } throws: { error in
            (error as? ActualsFile.ReadError)?.description.contains("line 4") == true
        }
        #expect(throws: ActualsFile.ReadError.self) {
            try ActualsFile.read(Data(#"{"projects": [{"project": 1, "indicators": [{"row": 1, "value": 1}, {"row": 1, "value": 2}]}]}"#.utf8))
        }
        // The same row in two projects is two reports.
        #expect(try ActualsFile.read(Data("project,row,value\n1,1,10\n2,1,20\n".utf8)).projects.count == 2)
    }
}

/// A project with nothing reported is 未填报: no score, no grade, one thing to say.
@Suite struct UnreportedTests {
    @Test func nothingReportedIsUnreportedNotPoor() {
        let score = SelfEvaluation.project(EvaluationTests.project, position: 1, actuals: ProjectActuals())
        #expect(!score.reported && score.grade == "未填报" && score.problems.count == 1)
        var some = ProjectActuals()
        some.spending[12] = 20
        let spent = SelfEvaluation.project(EvaluationTests.project, position: 1, actuals: some)
        #expect(spent.reported && spent.grade != "未填报")
    }
}
