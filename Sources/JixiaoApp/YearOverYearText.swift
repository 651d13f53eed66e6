import Foundation
import JixiaoModel

extension YearOverYear {
    /// The changes as people read them, a line each (the command line and the unit's page).
    public var lines: [String] {
        changes.flatMap { change -> [String] in
            switch change {
            case let .added(p): return ["新增项目 \(p.name)" + (p.budget.total.map { "（预算 \($0) \(p.moneyUnit.rawValue)）" } ?? "")]
            case let .dropped(p): return ["不再有的项目 \(p.name)"]
            case let .changed(d):
                var head = "项目 \(d.after.name)"
                if let change = d.budgetChange, let x = d.before.budget.total, let y = d.after.budget.total {
                    head += "：预算 \(x) \(d.before.moneyUnit.rawValue) → \(y) \(d.after.moneyUnit.rawValue)（\(change > 0 ? "+" : "")\(change)%）"
                }
                if d.moreMoneyForTheSameOutput { head += "，数量目标没有提高" }
                return [head] + d.indicators.map { i in "　\(Self.label(i.kind)) \(i.level2) \(i.name)：\(i.before ?? "—") → \(i.after ?? "—")" }
            }
        }
    }

    static func label(_ kind: IndicatorChange.Kind) -> String {
        switch kind {
        case .added: "新增指标"
        case .dropped: "删除指标"
        case .stricter: "要求提高"
        case .looser: "要求降低"
        case .changed: "指标值改动"
        }
    }
}
