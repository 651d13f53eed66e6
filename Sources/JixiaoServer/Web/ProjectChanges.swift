import Foundation
import JixiaoModel
import JixiaoReview

/// What differs between two versions of a project, said the way the table names things; and
/// which findings an edit fixed or brought.
struct ProjectChanges {
    struct Change {
        var place: String
        var before: String
        var after: String
    }

    var changes: [Change]
    var fixed: [String]
    var added: [String]

    var isEmpty: Bool { changes.isEmpty && fixed.isEmpty && added.isEmpty }

    init(from old: Project, to new: Project, oldFindings: [Finding] = [], newFindings: [Finding] = []) {
        var changes: [Change] = []
        func compare(_ place: String, _ a: String?, _ b: String?) {
            if (a ?? "") != (b ?? "") { changes.append(Change(place: place, before: a ?? "", after: b ?? "")) }
        }
        compare("项目名称", old.name, new.name)
        compare("项目编码", old.code, new.code)
        compare("金额单位", old.moneyUnit.rawValue, new.moneyUnit.rawValue)
        compare("预算数", old.budget.total?.money, new.budget.total?.money)
        compare("其中：财政资金", old.budget.fiscal?.money, new.budget.fiscal?.money)
        compare("其他资金", old.budget.other?.money, new.budget.other?.money)
        compare("预算规模及资金用途", old.purpose, new.purpose)
        for (name, a, b) in zip3(["3月底", "6月底", "10月底", "12月底"], old.spendingPlan.checkpoints, new.spendingPlan.checkpoints) {
            compare("资金支出计划 \(name)（%）", a.map { "\($0)" }, b.map { "\($0)" })
        }
        compare("绩效目标", old.goals.joined(separator: "；"), new.goals.joined(separator: "；"))
        for row in 0..<max(old.indicators.count, new.indicators.count) {
            let a = old.indicators.indices.contains(row) ? old.indicators[row] : nil
            let b = new.indicators.indices.contains(row) ? new.indicators[row] : nil
            let place = "第 \(row + 1) 行"
            guard let a, let b else {
                let i = (a ?? b)!
                changes.append(Change(
                    place: place + (a == nil ? "（新增）" : "（删除）"), before: a == nil ? "" : Self.summary(i), after: b == nil ? "" : Self.summary(i)))
                continue
            }
            compare(place + " 一级指标", a.level1, b.level1)
            compare(place + " 二级指标", a.level2, b.level2)
            compare(place + " 三级指标", a.level3, b.level3)
            compare(place + " 绩效指标描述", a.description, b.description)
            compare(place + " 指标值", a.value, b.value)
            compare(place + " 指标值确定依据", a.basis, b.basis)
            compare(place + " 权重", a.weight.map { "\($0)" }, b.weight.map { "\($0)" })
        }
        self.changes = changes
        let before = Set(oldFindings.map(\.message)), after = Set(newFindings.map(\.message))
        fixed = oldFindings.map(\.message).filter { !after.contains($0) }
        added = newFindings.map(\.message).filter { !before.contains($0) }
    }

    private static func summary(_ i: Indicator) -> String { "\(i.level1) / \(i.level2) / \(i.level3)：\(i.value)" }
}

private func zip3<A, B, C>(_ a: [A], _ b: [B], _ c: [C]) -> [(A, B, C)] {
    zip(a, zip(b, c)).map { ($0, $1.0, $1.1) }
}
