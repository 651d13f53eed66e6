import Foundation
import JixiaoModel
import JixiaoReview
import JixiaoStore

/// A finding as shown beside the table: numbered like the mark on its cell.
struct FindingView {
    var number: Int
    var anchor: String
    var severity: String
    var severityLabel: String
    var category: String
    var rule: String
    var place: String
    var message: String
    var basis: String

    /// `anchor` is unique on the page: several tables may be on one.
    init(_ f: Finding, number: Int, place: String) {
        self.number = number
        anchor = "finding-\(f.project ?? 0)-\(number)"
        severity = f.severity.rawValue
        severityLabel = f.severity.label
        category = f.category.label
        rule = f.rule
        self.place = place
        message = f.message
        basis = f.basis
    }
}

/// A finding's mark on the cell it concerns.
struct CellMark {
    var number: Int
    var anchor: String
    var severity: String
}

/// A reviewer's reason for returning the document, marked on its cell like a finding.
struct NoteView {
    var number: Int
    var anchor: String
    var place: String
    var note: String
}

/// A value's earlier changes, shown inline in its cell (from the audit log).
struct HistoryLine {
    var at: String
    var user: String
    var before: String
    var after: String
    var reason: String?
}

/// One cell of the official table. `key` names it (`data-cell`) for findings and for tests.
struct TableCell {
    var text: String
    var key: String
    var rowspan = 1
    var colspan = 1
    var marks: [CellMark] = []
    /// The worst severity marked on the cell, for its colour; nil when none.
    var flag: String?
    var history: [HistoryLine] = []
}

struct TableRow {
    var level1: TableCell?
    var level2: TableCell?
    var cells: [TableCell]
}

/// The official 预算项目绩效目标表 of one project, laid out as people know it (merged 一级/二级 cells,
/// the columns the document has), with each finding marked on the cell it concerns.
struct ProjectTable {
    var year: String?
    var moneyUnit: String
    var columns: Int
    var name: TableCell
    var code: TableCell
    var unit: TableCell
    var total: TableCell
    var fiscal: TableCell
    var other: TableCell
    var purpose: TableCell
    var planLabel: TableCell
    var planMonths: [TableCell]
    var plan: [TableCell]
    var goals: TableCell
    var period: TableCell?
    var periodGoals: TableCell?
    var header: [TableCell]
    var rows: [TableRow]
    /// Findings that concern the whole table, marked on its title.
    var titleMarks: [CellMark]
    var findings: [FindingView]
    var notes: [NoteView]

    init(_ project: Project, position: Int, year: Int?, findings all: [Finding], notes: [ReturnNote] = [], history: [AuditRecord] = []) {
        let findings = all.filter { $0.project == position }
        let indicators = project.indicators
        let showDescription = indicators.contains { $0.description != nil } || findings.contains { $0.indicator != nil && $0.field == "description" }
        let showBasis = indicators.contains { $0.basis != nil } || findings.contains { $0.indicator != nil && $0.field == "basis" }
        let showWeight = indicators.contains { $0.weight != nil }
        let indicatorColumns = 4 + (showDescription ? 1 : 0) + (showBasis ? 1 : 0) + (showWeight ? 1 : 0)
        let columns = max(indicatorColumns, 6)
        self.columns = columns
        self.year = year.map(String.init)
        moneyUnit = project.moneyUnit.rawValue

        // Where each finding is marked, and how it is numbered.
        var marks: [String: [CellMark]] = [:]
        var views: [FindingView] = []
        for (k, f) in findings.enumerated() {
            let (key, place) = Self.cell(for: f, showDescription: showDescription, showBasis: showBasis)
            let view = FindingView(f, number: k + 1, place: place)
            marks[key, default: []].append(CellMark(number: k + 1, anchor: view.anchor, severity: f.severity.rawValue))
            views.append(view)
        }
        self.findings = views
        self.notes = notes.enumerated().map { k, n in
            let key = n.cell ?? "table"
            marks[key, default: []].append(CellMark(number: k + 1, anchor: "note-\(k + 1)", severity: "note"))
            return NoteView(number: k + 1, anchor: "note-\(k + 1)", place: n.cell.map { Self.place(ofCell: $0) } ?? "整张表", note: n.note)
        }
        var histories: [String: [HistoryLine]] = [:]
        for r in history where r.cell != nil && r.action == "edit" {
            // A new or removed row is recorded on its 三级 cell; other cells show their own values.
            histories[r.cell!, default: []].append(HistoryLine(at: r.at, user: r.username, before: r.before ?? "", after: r.after ?? "", reason: r.reason?.nilIfEmpty))
        }
        func cell(_ text: String?, _ key: String, colspan: Int = 1, rowspan: Int = 1, also: [String] = []) -> TableCell {
            let m = ([key] + also).flatMap { marks[$0] ?? [] }.sorted { $0.number < $1.number }
            let worst = m.map(\.severity).compactMap(Severity.init(rawValue:)).min()?.rawValue ?? (m.isEmpty ? nil : "note")
            return TableCell(text: text ?? "", key: key, rowspan: rowspan, colspan: colspan, marks: m, flag: worst, history: histories[key] ?? [])
        }
        titleMarks = marks["table"] ?? []

        name = cell(project.name, "name", colspan: columns - 1)
        let codeSpan = (columns - 2) / 2
        code = cell(project.code, "code", colspan: codeSpan)
        unit = cell(project.unit.name, "unit", colspan: columns - 2 - codeSpan)
        total = cell(project.budget.total?.money, "budget")
        fiscal = cell(project.budget.fiscal?.money, "budgetFiscal")
        other = cell(project.budget.other?.money, "budgetOther", colspan: columns - 5)
        purpose = cell(project.purpose, "purpose", colspan: columns - 1)
        planLabel = cell("资金支出计划（%）", "spendingPlan", rowspan: 2)
        let months = ["3月底", "6月底", "10月底", "12月底"]
        planMonths = months.enumerated().map { k, m in TableCell(text: m, key: "plan-month-\(k)", colspan: k == 3 ? columns - 4 : 1) }
        plan = project.spendingPlan.checkpoints.enumerated().map { k, v in
            cell(v.map { "\($0)" }, "spendingPlan.\(k)", colspan: k == 3 ? columns - 4 : 1)
        }
        goals = cell(project.goals.joined(separator: "\n"), "goals", colspan: columns - 1)
        period = project.period.map { cell($0, "period", colspan: columns - 1) }
        periodGoals = project.periodGoals.isEmpty ? nil : cell(project.periodGoals.joined(separator: "\n"), "periodGoals", colspan: columns - 1)

        let extra = columns - indicatorColumns  // the last column takes what the head rows need beyond the indicator columns
        var titles = ["一级指标", "二级指标", "三级指标"] + (showDescription ? ["绩效指标描述"] : []) + ["指标值"]
        titles += (showBasis ? ["指标值确定依据"] : []) + (showWeight ? ["权重"] : [])
        header = titles.enumerated().map { k, t in
            k == 0 ? cell(t, "indicators") : TableCell(text: t, key: "header-\(k)", colspan: k == titles.count - 1 ? 1 + extra : 1)
        }

        // 一级 and 二级 cells merge over the rows that follow with the same name, as printed.
        var rows: [TableRow] = []
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
                    var cells = [cell(i.level3, "i\(n).level3")]
                    if showDescription { cells.append(cell(i.description, "i\(n).description")) }
                    cells.append(cell(i.value, "i\(n).value"))
                    if showBasis { cells.append(cell(i.basis, "i\(n).basis")) }
                    if showWeight { cells.append(cell(i.weight.map { "\($0)" }, "i\(n).weight")) }
                    cells[cells.count - 1].colspan += extra
                    rows.append(TableRow(
                        level1: r == k ? cell(i.level1, "i\(n).level1", rowspan: end1 - k, also: (k + 1..<end1).map { "i\($0 + 1).level1" }) : nil,
                        level2: r == j ? cell(i.level2, "i\(n).level2", rowspan: end2 - j, also: (j + 1..<end2).map { "i\($0 + 1).level2" }) : nil,
                        cells: cells))
                }
                j = end2
            }
            k = end1
        }
        self.rows = rows
    }

    /// How to say where a cell is (`i5.value` → 第 5 行 指标值).
    static func place(ofCell key: String) -> String {
        let names = [
            "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述", "value": "指标值", "basis": "指标值确定依据",
            "weight": "权重", "name": "项目名称", "code": "项目编码", "budget": "预算数", "spendingPlan": "资金支出计划", "goals": "绩效目标",
            "purpose": "预算规模及资金用途", "indicators": "绩效指标",
        ]
        let parts = key.split(separator: ".")
        if parts.count == 2, parts[0].hasPrefix("i"), let row = Int(parts[0].dropFirst()) { return "第 \(row) 行 \(names[String(parts[1])] ?? "")" }
        return names[key] ?? key
    }

    /// The cell a finding concerns and how to say where it is.
    static func cell(for f: Finding, showDescription: Bool, showBasis: Bool) -> (key: String, place: String) {
        let fieldNames = [
            "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述", "value": "指标值",
            "basis": "指标值确定依据", "weight": "权重",
        ]
        if let row = f.indicator {
            var field = f.field ?? "level3"
            if fieldNames[field] == nil || (field == "description" && !showDescription) || (field == "basis" && !showBasis) { field = "level3" }
            return ("i\(row).\(field)", "第 \(row) 行 \(fieldNames[field]!)")
        }
        switch f.field {
        case "code": return ("code", "项目编码")
        case "name": return ("name", "项目名称")
        case "budget": return ("budget", "预算数")
        case "spendingPlan": return ("spendingPlan", "资金支出计划")
        case "goals": return ("goals", "绩效目标")
        case "purpose": return ("purpose", "预算规模及资金用途")
        case "level1", "level2", "level3", "value", "indicators": return ("indicators", "绩效指标")
        default: return ("table", "整张表")
        }
    }
}
