import Foundation
import JixiaoModel

/// The 项目支出绩效自评表 of one project as a grid, the way it is filed: the budget's execution and its
/// score, then each indicator with its target, what was achieved, its weight and score, and the
/// reason for any shortfall; the total and the grade. The evaluation page, the workbook and the CSV
/// all draw this one layout. It holds finished figures: the scoring itself is not done here.
public struct SelfEvaluationTable: Sendable {
    public struct Row: Sendable {
        public var level1, level2, name, target, actual: String
        public var weight, score: Decimal
        public var explanation: String
        /// The 得分 the unit's own 自评表 printed, beside the one worked out.
        public var printed: Decimal?
        public init(
            level1: String, level2: String, name: String, target: String, actual: String, weight: Decimal, score: Decimal, explanation: String,
            printed: Decimal? = nil
        ) {
            (self.level1, self.level2, self.name, self.target, self.actual) = (level1, level2, name, target, actual)
            (self.weight, self.score, self.explanation, self.printed) = (weight, score, explanation, printed)
        }
    }

    public var position: Int
    public var name: String
    public var year: Int?
    public var moneyUnit: String
    public var budget: Decimal?
    public var spent: Decimal?
    /// `95.50%`, or `—` without a budget or a report.
    public var rate: String
    public var budgetWeight: Decimal
    public var budgetScore: Decimal
    public var rows: [Row]
    public var total: Decimal
    public var grade: String
    /// Nothing reported yet: the scores are shown as — and the grade as 未填报.
    public var reported: Bool
    /// A 自评表 read from the unit: its own scores in a column beside the ones worked out.
    public var printed: PrintedEvaluation?

    public init(
        position: Int, name: String, year: Int?, moneyUnit: String, budget: Decimal?, spent: Decimal?, rate: String, budgetWeight: Decimal,
        budgetScore: Decimal, rows: [Row], total: Decimal, grade: String, reported: Bool = true, printed: PrintedEvaluation? = nil
    ) {
        (self.position, self.name, self.year, self.moneyUnit, self.budget, self.spent, self.rate) = (position, name, year, moneyUnit, budget, spent, rate)
        (self.budgetWeight, self.budgetScore, self.rows, self.total, self.grade, self.reported) = (budgetWeight, budgetScore, rows, total, grade, reported)
        self.printed = printed
    }

    /// Eight columns; nine with the printed scores beside the worked-out ones.
    public var columns: Int { printed == nil ? 8 : 9 }

    /// Rows of cells in HTML order, eight columns.
    public var grid: [[OfficialTable.Cell]] {
        typealias Cell = OfficialTable.Cell
        func label(_ t: String, colspan: Int = 1) -> Cell { Cell(text: t, key: "", colspan: colspan, label: true) }
        func text(_ t: String, _ key: String, colspan: Int = 1) -> Cell { Cell(text: t, key: key, colspan: colspan) }
        func figure(_ d: Decimal?, _ key: String, colspan: Int = 1, short: Bool = false) -> Cell {
            Cell(text: d.map(OfficialTable.money) ?? "—", key: key, colspan: colspan, number: d, short: short)
        }
        /// A score, which an unreported project does not have.
        func score(_ d: Decimal, _ key: String, colspan: Int = 1, short: Bool = false) -> Cell {
            reported ? figure(d, key, colspan: colspan, short: short) : text("—", key, colspan: colspan)
        }
        let shown = printed != nil
        let scoreHead = shown ? [label("表中得分"), label("重算得分", colspan: 3)] : [label("得分", colspan: 3)]
        var grid: [[Cell]] = [
            [label("项目名称"), text("\(position). \(name)", "name", colspan: columns - 1)],
            [label("项目资金（\(moneyUnit)）"), label("年初预算数"), label("全年执行数"), label("分值"), label("执行率")] + scoreHead,
            [label("年度资金总额"), figure(budget, "budget"), figure(spent, "spent"), figure(budgetWeight, "budgetWeight"), text(rate, "rate")]
                + (shown ? [figure(printed?.budgetScore, "printedBudgetScore")] : []) + [score(budgetScore, "budgetScore", colspan: 3)],
            (["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"] + (shown ? ["表中得分", "重算得分"] : ["得分"]) + ["偏差原因分析及改进措施"])
                .map { label($0) },
        ]
        for (k, r) in rows.enumerated() {
            let n = k + 1
            grid.append(
                [
                    text(r.level1, "i\(n).level1"), text(r.level2, "i\(n).level2"), text(r.name, "i\(n).level3"), text(r.target, "i\(n).value"),
                    text(r.actual, "i\(n).actual"), figure(r.weight, "i\(n).weight"),
                ] + (shown ? [figure(r.printed, "i\(n).printed", short: r.printed.map { $0 != r.score } ?? false)] : [])
                    + [score(r.score, "i\(n).score", short: r.score < r.weight), text(r.explanation, "i\(n).explanation")])
        }
        let grades = shown ? "自评等级：表中 \(printed?.grade ?? "—")，重算 \(grade)" : "自评等级：\(grade)"
        grid.append(
            [label("总分", colspan: 5), figure(100, "weightTotal")] + (shown ? [figure(printed?.totalScore, "printedTotal")] : [])
                + [score(total, "total"), text(grades, "grade")])
        return grid
    }
}
