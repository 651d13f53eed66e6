import Foundation

/// One value that differs between two versions of a project, named as the official table names it
/// (`place`) and by the key of its cell on the project page (`cell`: `name`, `budget`, `i5.value` …).
public struct FieldChange: Sendable, Equatable {
    public var cell: String
    public var place: String
    public var before: String
    public var after: String

    public init(cell: String, place: String, before: String, after: String) {
        self.cell = cell
        self.place = place
        self.before = before
        self.after = after
    }

    /// What differs from `old` to `new`, field by field; indicator rows are compared by position.
    public static func between(_ old: Project?, _ new: Project) -> [FieldChange] {
        let old = old ?? Project(name: "")
        var changes: [FieldChange] = []
        func compare(_ cell: String, _ place: String, _ a: String?, _ b: String?) {
            if (a ?? "") != (b ?? "") { changes.append(FieldChange(cell: cell, place: place, before: a ?? "", after: b ?? "")) }
        }
        func text(_ d: Decimal?) -> String? { d.map { "\($0)" } }
        compare("name", "项目名称", old.name, new.name)
        compare("code", "项目编码", old.code, new.code)
        compare("moneyUnit", "金额单位", old.moneyUnit.rawValue, new.moneyUnit.rawValue)
        compare("budget", "预算数", text(old.budget.total), text(new.budget.total))
        compare("budgetFiscal", "其中：财政资金", text(old.budget.fiscal), text(new.budget.fiscal))
        compare("budgetOther", "其他资金", text(old.budget.other), text(new.budget.other))
        compare("purpose", "预算规模及资金用途", old.purpose, new.purpose)
        for (k, name) in ["3月底", "6月底", "10月底", "12月底"].enumerated() {
            compare("spendingPlan.\(k)", "资金支出计划 \(name)（%）", text(old.spendingPlan.checkpoints[k]), text(new.spendingPlan.checkpoints[k]))
        }
        compare("goals", "年度绩效目标", old.goals.joined(separator: "\n"), new.goals.joined(separator: "\n"))
        for row in 0..<max(old.indicators.count, new.indicators.count) {
            let a = old.indicators.indices.contains(row) ? old.indicators[row] : nil
            let b = new.indicators.indices.contains(row) ? new.indicators[row] : nil
            let n = row + 1, place = "第 \(n) 行"
            guard let a, let b else {
                changes.append(
                    FieldChange(
                        cell: "i\(n).level3", place: place + (a == nil ? "（新增）" : "（删除）"), before: a.map(summary) ?? "", after: b.map(summary) ?? ""))
                continue
            }
            compare("i\(n).level1", place + " 一级指标", a.level1, b.level1)
            compare("i\(n).level2", place + " 二级指标", a.level2, b.level2)
            compare("i\(n).level3", place + " 三级指标", a.level3, b.level3)
            compare("i\(n).description", place + " 绩效指标描述", a.description, b.description)
            compare("i\(n).value", place + " 指标值", a.value, b.value)
            compare("i\(n).basis", place + " 指标值确定依据", a.basis, b.basis)
            compare("i\(n).weight", place + " 权重", text(a.weight), text(b.weight))
        }
        return changes
    }

    private static func summary(_ i: Indicator) -> String { "\(i.level1) / \(i.level2) / \(i.level3)：\(i.value)" }
}
