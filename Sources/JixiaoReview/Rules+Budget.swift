import Foundation
import JixiaoModel

extension RuleCatalog {
    static func yuanPerUnit(_ unit: String?) -> Decimal? { MoneyUnit.yuan(per: unit) }

    /// Cost lines with a total amount, converted to the table's money unit.
    static func costAmounts(_ input: RuleInput) -> [(IndicatorFacts, Decimal)] {
        guard let project = input.project else { return [] }
        return input.indicators.compactMap { f in
            guard f.level2 == .cost || f.level2 == .economicCost || f.nature == .cost, let n = f.target.number,
                let perUnit = yuanPerUnit(f.target.unit)
            else { return nil }
            // Decimal division is slow: convert only when the units differ.
            return (f, perUnit == project.moneyUnit.yuanPerUnit ? n : n * perUnit / project.moneyUnit.yuanPerUnit)
        }
    }

    static let budget: [Rule] = [
        Rule(
            "cost-above-budget", .budget, .error,
            summary: "单条成本指标超过预算数",
            basis: "成本控制不得突破项目预算（项目支出绩效目标设置惯例；财预〔2021〕101号成本控制要求）"
        ) { input in
            guard let project = input.project, let total = project.budget.total else { return [] }
            return costAmounts(input).filter { $0.1 > total }.map { f, _ in
                input.at(f, "成本指标“\(f.name)”为“\(f.indicator.value)”，超过预算数 \(total.plain) \(project.moneyUnit.rawValue)：成本上限不应高于预算，请核对金额和单位。")
            }
        },
        Rule(
            "costs-sum-above-budget", .budget, .error,
            summary: "各成本指标之和超过预算数",
            basis: "分项成本合计不得突破项目预算（项目支出绩效目标设置惯例）"
        ) { input in
            guard let project = input.project, let total = project.budget.total else { return [] }
            let lines = costAmounts(input)
            guard lines.count > 1, !lines.contains(where: { $0.1 > total }) else { return [] }
            let sum = lines.reduce(Decimal(0)) { $0 + $1.1 }
            guard sum > total else { return [] }
            let names = lines.map { "“\($0.0.name)”" }.joined(separator: "、")
            return [
                input.onProject(
                    field: "value",
                    "成本指标\(names)合计 \(sum.plain) \(project.moneyUnit.rawValue)，超过预算数 \(total.plain) \(project.moneyUnit.rawValue)：请核对各项成本，使合计不超过预算。")
            ]
        },
        Rule(
            "fiscal-plus-other", .budget, .error,
            summary: "财政资金与其他资金之和应等于预算数",
            basis: "预算数由财政资金和其他资金构成（项目支出绩效目标表模板）"
        ) { input in
            guard let project = input.project, let total = project.budget.total, let fiscal = project.budget.fiscal else { return [] }
            let sum = fiscal + (project.budget.other ?? 0)
            guard sum != total else { return [] }
            return [
                input.onProject(
                    field: "budget",
                    "项目“\(project.name)”财政资金 \(fiscal.plain) 与其他资金 \((project.budget.other ?? 0).plain) 之和为 \(sum.plain)，不等于预算数 \(total.plain)：请核对。")
            ]
        },
        Rule(
            "cost-unit-mismatch", .budget, .info,
            summary: "成本金额的单位与表格金额单位不同",
            basis: "同一张表金额单位应一致，便于核对成本与预算（项目支出绩效目标表模板）"
        ) { input in
            guard let project = input.project else { return [] }
            return input.indicators.compactMap { f in
                guard f.level2 == .cost || f.nature == .cost, let unit = f.target.unit, let per = yuanPerUnit(unit),
                    per != project.moneyUnit.yuanPerUnit
                else { return nil }
                return input.at(f, "成本指标“\(f.name)”以“\(unit)”计，而表格金额单位为“\(project.moneyUnit.rawValue)”：建议统一为\(project.moneyUnit.rawValue)，便于与预算数核对。")
            }
        },
    ]

    static let plan: [Rule] = [
        Rule(
            "plan-missing", .plan, .warning,
            summary: "须填写资金支出计划",
            basis: "资金支出计划是运行监控的依据（财预〔2019〕136号）"
        ) { input in
            // A department-wide table has no spending plan of its own.
            guard let project = input.project, project.kind == .project, project.spendingPlan.checkpoints.allSatisfy({ $0 == nil }) else { return [] }
            return [input.onProject(field: "spendingPlan", "项目“\(project.name)”未填写资金支出计划：请填写 3月底、6月底、10月底、12月底的累计支出进度（%）。")]
        },
        Rule(
            "plan-blank-checkpoint", .plan, .warning,
            summary: "资金支出计划有空白时间点",
            basis: "四个时间点均应填写，作为运行监控的比较基准（财预〔2019〕136号）"
        ) { input in
            guard let project = input.project else { return [] }
            let names = ["3月底", "6月底", "10月底", "12月底"]
            let plan = project.spendingPlan.checkpoints
            guard plan.contains(where: { $0 != nil }) else { return [] }
            let blank = zip(names, plan).filter { $0.1 == nil }.map(\.0)
            guard !blank.isEmpty else { return [] }
            return [input.onProject(field: "spendingPlan", "项目“\(project.name)”资金支出计划中\(blank.joined(separator: "、"))为空：请填写累计支出进度（%），用于运行监控。")]
        },
        Rule(
            "plan-decreasing", .plan, .error,
            summary: "累计支出进度不能下降",
            basis: "资金支出计划为累计数，应逐期不减（项目支出绩效目标表模板）"
        ) { input in
            guard let project = input.project else { return [] }
            let values = project.spendingPlan.checkpoints.compactMap { $0 }
            guard zip(values, values.dropFirst()).contains(where: { $0 > $1 }) else { return [] }
            return [input.onProject(field: "spendingPlan", "项目“\(project.name)”的累计支出进度“\(project.spendingPlan.raw ?? "")”前高后低：累计数应逐期不减，请核对。")]
        },
        Rule(
            "plan-not-complete", .plan, .warning,
            summary: "年底累计支出应达到 100%",
            basis: "一年期项目年底应支出完毕（项目支出绩效目标表模板）"
        ) { input in
            guard let project = input.project else { return [] }
            let values = project.spendingPlan.checkpoints.compactMap { $0 }
            guard let top = values.max(), top < 100 else { return [] }
            return [input.onProject(field: "spendingPlan", "项目“\(project.name)”的支出计划最高只到 \(top.plain)%：一年期项目 12月底累计应为 100%；跨年项目请注明实施期。")]
        },
        Rule(
            "plan-as-amounts", .plan, .warning,
            summary: "资金支出计划应填百分比而不是金额",
            basis: "资金支出计划（%）填累计支出进度百分比（项目支出绩效目标表模板）"
        ) { input in
            guard let project = input.project, let raw = project.spendingPlan.raw, !raw.includes("%"), !raw.includes("％"),
                let dec = project.spendingPlan.checkpoints.compactMap({ $0 }).last, let total = project.budget.total, total != 100
            else { return [] }
            let written = raw.split(separator: " ").compactMap { Decimal(string: String($0)) }
            guard written.last != dec else { return [] }
            return [input.onProject(field: "spendingPlan", "项目“\(project.name)”的资金支出计划写作金额“\(raw)”：表头要求百分比，应写作累计进度（%）。")]
        },
    ]
}
