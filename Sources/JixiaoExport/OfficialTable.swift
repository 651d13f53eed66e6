import Foundation
import JixiaoModel

/// The official 预算项目绩效目标表 of one project as a grid, laid out as people know it: head rows,
/// the spending plan, the indicator columns the document has, 一级/二级 cells merged over their runs.
/// The web page and the workbook both draw this one layout. A cell's `key` names it (`name`, `budget`,
/// `i5.value` …) so that findings, notes and history can be put on it.
public struct OfficialTable: Sendable {
    public struct Cell: Sendable {
        public var text: String
        public var key: String
        public var rowspan = 1
        public var colspan = 1
        /// A label of the form (th), not a value.
        public var label = false
        /// The value as a number, for a workbook.
        public var number: Decimal?
        /// A figure to be noticed: a score below its weight.
        public var short = false
    }

    public var year: Int?
    public var moneyUnit: String
    /// `3. 政务外网费用` above the table, when the document numbers its tables.
    public var heading: String?
    /// The line above the table naming the unit, as printed: `316001 秦皇岛市抚宁区行政审批局本级`.
    public var unitLine: String
    public var columns: Int
    /// Rows of cells in HTML order: a cell covered by a rowspan from above is not repeated.
    public var rows: [[Cell]]
    /// Each column's share of the width, in percent, by what the column holds (the workbook's widths).
    public var columnWidths: [Int]
    /// Whether the indicator part has these columns.
    public var showDescription: Bool
    public var showBasis: Bool

    public init(_ project: Project, year: Int?, showDescription forceDescription: Bool = false, showBasis forceBasis: Bool = false) {
        let indicators = project.indicators
        showDescription = forceDescription || indicators.contains { $0.description != nil }
        showBasis = forceBasis || indicators.contains { $0.basis != nil }
        let showWeight = indicators.contains { $0.weight != nil }
        let indicatorColumns = 4 + (showDescription ? 1 : 0) + (showBasis ? 1 : 0) + (showWeight ? 1 : 0)
        let columns = max(indicatorColumns, 6)
        // 一级, 二级, 三级, description, value, basis, weight as printed; a table of few columns pads with even ones.
        var widths = [10, 11, 17] + (showDescription ? [20] : []) + [14] + (showBasis ? [19] : []) + (showWeight ? [7] : [])
        widths += Array(repeating: 14, count: columns - widths.count)
        let total = widths.reduce(0, +)
        columnWidths = widths.map { $0 * 100 / total }
        self.columns = columns
        self.year = year
        moneyUnit = project.moneyUnit.rawValue
        heading = project.seq.map { "\($0). \(project.name)" }
        unitLine = [project.unit.code, project.unit.name].compactMap { $0 }.joined(separator: " ")
        func label(_ text: String, _ key: String = "", colspan: Int = 1, rowspan: Int = 1) -> Cell {
            Cell(text: text, key: key, rowspan: rowspan, colspan: colspan, label: true)
        }
        func value(_ text: String?, _ key: String, colspan: Int = 1, rowspan: Int = 1, number: Decimal? = nil) -> Cell {
            Cell(text: text ?? "", key: key, rowspan: rowspan, colspan: colspan, number: number)
        }
        func money(_ d: Decimal?, _ key: String, colspan: Int = 1) -> Cell { value(d.map(Self.money), key, colspan: colspan, number: d) }

        let codeSpan = (columns - 2) / 2
        var rows: [[Cell]] = [
            [label("项目名称"), value(project.name, "name", colspan: columns - 1)],
            [label("项目编码"), value(project.code, "code", colspan: codeSpan), label("实施单位"), value(project.unit.name, "unit", colspan: columns - 2 - codeSpan)],
            [
                label("预算数"), money(project.budget.total, "budget"), label("其中：财政资金"), money(project.budget.fiscal, "budgetFiscal"), label("其他资金"),
                money(project.budget.other, "budgetOther", colspan: columns - 5),
            ],
            [label("预算规模及资金用途"), value(project.purpose, "purpose", colspan: columns - 1)],
            [label("资金支出计划（%）", "spendingPlan", rowspan: 2)]
                + ["3月底", "6月底", "10月底", "12月底"].enumerated().map { k, m in label(m, "plan-month-\(k)", colspan: k == 3 ? columns - 4 : 1) },
            project.spendingPlan.checkpoints.enumerated().map { k, v in
                value(v.map { "\($0)" }, "spendingPlan.\(k)", colspan: k == 3 ? columns - 4 : 1, number: v)
            },
        ]
        if let period = project.period { rows.append([label("实施期"), value(period, "period", colspan: columns - 1)]) }
        if !project.periodGoals.isEmpty {
            rows.append([label("实施期目标"), value(Self.numbered(project.periodGoals), "periodGoals", colspan: columns - 1)])
        }
        rows.append([label("年度绩效目标"), value(Self.numbered(project.goals), "goals", colspan: columns - 1)])

        let extra = columns - indicatorColumns  // the last column takes what the head rows need beyond the indicator columns
        var titles = ["一级指标", "二级指标", "三级指标"] + (showDescription ? ["绩效指标描述"] : []) + ["指标值"]
        titles += (showBasis ? ["指标值确定依据"] : []) + (showWeight ? ["权重"] : [])
        rows.append(titles.enumerated().map { k, t in label(t, k == 0 ? "indicators" : "header-\(k)", colspan: k == titles.count - 1 ? 1 + extra : 1) })

        // 一级 and 二级 cells merge over the rows that follow with the same name, as printed.
        var k = 0
        while k < indicators.count {
            var end1 = k + 1
            while end1 < indicators.count, indicators[end1].level1 == indicators[k].level1 { end1 += 1 }
            var j = k
            while j < end1 {
                var end2 = j + 1
                while end2 < end1, indicators[end2].level2 == indicators[j].level2 { end2 += 1 }
                for r in j..<end2 {
                    let i = indicators[r], n = r + 1
                    var row: [Cell] = []
                    if r == k { row.append(value(i.level1, "i\(n).level1", rowspan: end1 - k)) }
                    if r == j { row.append(value(i.level2, "i\(n).level2", rowspan: end2 - j)) }
                    row.append(value(i.level3, "i\(n).level3"))
                    if showDescription { row.append(value(i.description, "i\(n).description")) }
                    row.append(value(i.value, "i\(n).value"))
                    if showBasis { row.append(value(i.basis, "i\(n).basis")) }
                    if showWeight { row.append(value(i.weight.map { "\($0)" }, "i\(n).weight", number: i.weight)) }
                    row[row.count - 1].colspan += extra
                    rows.append(row)
                }
                j = end2
            }
            k = end1
        }
        self.rows = rows
    }

    /// Goals one per line, numbered as printed when there are several: `1.…` `2.…`.
    static func numbered(_ goals: [String]) -> String {
        goals.count < 2 ? goals.joined() : goals.enumerated().map { k, g in "\(k + 1).\(g)" }.joined(separator: "\n")
    }

    /// As a table prints money: at least two decimals (6 → 6.00, 29.255 stays).
    public static func money(_ d: Decimal) -> String { d.written(decimals: 2) }

    /// Each cell with its grid position (row, column), resolving the rowspans from above as a browser does.
    public func placed() -> [(row: Int, column: Int, cell: Cell)] { Self.placed(rows, columns: columns) }

    public static func placed(_ rows: [[Cell]], columns: Int) -> [(row: Int, column: Int, cell: Cell)] {
        var taken: [[Bool]] = Array(repeating: Array(repeating: false, count: columns), count: rows.count)
        var out: [(row: Int, column: Int, cell: Cell)] = []
        for (r, row) in rows.enumerated() {
            var c = 0
            for cell in row {
                while c < columns, taken[r][c] { c += 1 }
                guard c < columns else { break }
                for dr in 0..<cell.rowspan where r + dr < rows.count {
                    for dc in 0..<cell.colspan where c + dc < columns { taken[r + dr][c + dc] = true }
                }
                out.append((r, c, cell))
                c += cell.colspan
            }
        }
        return out
    }
}
