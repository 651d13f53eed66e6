import Foundation
import JixiaoExport
import JixiaoModel
import Mustache
import JixiaoReview
import JixiaoStore

/// A finding as shown beside the table: numbered like the mark on its cell.
package struct FindingView {
    package var number: Int
    package var anchor: String
    package var severity: String
    package var severityLabel: String
    package var category: String
    package var rule: String
    package var place: String
    package var message: String
    package var basis: String

    /// `anchor` is unique on the page: several tables may be on one.
    package init(_ f: Finding, number: Int, place: String) {
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
package struct CellMark {
    package var number: Int
    package var anchor: String
    package var severity: String
}

/// A reviewer's reason for returning the document, marked on its cell like a finding.
package struct NoteView: PageModel {
    package var number: Int
    package var anchor: String
    package var place: String
    package var note: String
}

/// A value's earlier changes, shown inline in its cell (from the audit log).
package struct HistoryLine: PageModel {
    package var at: String
    package var user: String
    package var before: String
    package var after: String
    package var reason: String?
}

/// One cell of the official table (`OfficialTable`'s cell with what the page puts on it).
package struct TableCell {
    package var text: String
    package var key: String
    package var rowspan = 1
    package var colspan = 1
    /// A label of the form (th), not a value.
    package var label = false
    package var marks: [CellMark] = []
    /// The worst severity marked on the cell, for its colour; nil when none.
    package var flag: String?
    package var history: [HistoryLine] = []
}

package struct TableRow {
    package var cells: [TableCell]
    package var rowClass: String?
}

/// The official 预算项目绩效目标表 of one project as the page shows it: `OfficialTable`'s layout (shared
/// with the workbook export) with each finding and return note marked on the cell it concerns, and each
/// value's history.
package struct ProjectTable {
    package var year: String?
    package var moneyUnit: String
    package var unitLine: String
    package var rows: [TableRow]
    /// Findings that concern the whole table, marked on its title.
    package var titleMarks: [CellMark]
    package var findings: [FindingView]
    package var notes: [NoteView]
    /// The source ended inside this table.
    package var incomplete: Bool

    package init(_ project: Project, position: Int, year: Int?, findings all: [Finding], notes: [ReturnNote] = [], history: [AuditRecord] = []) {
        let findings = all.filter { $0.project == position }
        let layout = OfficialTable(
            project, year: year, showDescription: findings.contains { $0.indicator != nil && $0.field == "description" },
            showBasis: findings.contains { $0.indicator != nil && $0.field == "basis" })
        self.year = year.map(String.init)
        incomplete = !project.complete
        moneyUnit = layout.moneyUnit
        unitLine = layout.unitLine

        // Where each finding and note is marked, and how it is numbered.
        var marks: [String: [CellMark]] = [:]
        var views: [FindingView] = []
        for (k, f) in findings.enumerated() {
            let (key, place) = Self.cell(for: f, showDescription: layout.showDescription, showBasis: layout.showBasis)
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
            histories[r.cell!, default: []].append(
                HistoryLine(
                    at: LocalTime.text(r.at), user: LocalTime.person(r.username), before: r.before ?? "", after: r.after ?? "",
                    reason: r.reason.flatMap { $0.isEmpty ? nil : $0 }))
        }
        // A merged 一级/二级 cell carries the marks of every row it spans.
        func keys(_ cell: OfficialTable.Cell) -> [String] {
            let parts = cell.key.split(separator: ".")
            guard cell.rowspan > 1, parts.count == 2, let row = Int(parts[0].dropFirst()) else { return [cell.key] }
            return (row..<row + cell.rowspan).map { "i\($0).\(parts[1])" }
        }
        titleMarks = marks["table"] ?? []
        rows = layout.rows.map { row in
            TableRow(
                cells: row.map { c in
                    let m = keys(c).flatMap { marks[$0] ?? [] }.sorted { $0.number < $1.number }
                    let worst = m.map(\.severity).compactMap(Severity.init(rawValue:)).min()?.rawValue ?? (m.isEmpty ? nil : "note")
                    return TableCell(
                        text: c.text, key: c.key, rowspan: c.rowspan, colspan: c.colspan, label: c.label, marks: m, flag: worst,
                        history: c.key.isEmpty ? [] : histories[c.key] ?? [])
                }, rowClass: row.first?.key == "indicators" ? "indicator-head" : nil)
        }
    }

    /// The names of the table's cells, as people say them.
    package static let cellNames = [
        "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述", "value": "指标值", "basis": "指标值确定依据",
        "weight": "权重", "name": "项目名称", "code": "项目编码", "budget": "预算数", "spendingPlan": "资金支出计划", "goals": "绩效目标",
        "purpose": "预算规模及资金用途", "indicators": "绩效指标", "table": "整张表",
    ]

    /// How to say where a cell is (`i5.value` → 第 5 行 指标值).
    package static func place(ofCell key: String) -> String {
        let parts = key.split(separator: ".")
        if parts.count == 2, parts[0].hasPrefix("i"), let row = Int(parts[0].dropFirst()) { return "第 \(row) 行 \(cellNames[String(parts[1])] ?? "")" }
        return cellNames[key] ?? key
    }

    /// The cell a finding concerns and how to say where it is.
    package static func cell(for f: Finding, showDescription: Bool, showBasis: Bool) -> (key: String, place: String) {
        let rowFields: Set = ["level1", "level2", "level3", "description", "value", "basis", "weight"]
        let key: String
        if let row = f.indicator {
            var field = f.field ?? "level3"
            if !rowFields.contains(field) || (field == "description" && !showDescription) || (field == "basis" && !showBasis) { field = "level3" }
            key = "i\(row).\(field)"
        } else {
            switch f.field {
            case "code", "name", "budget", "spendingPlan", "goals", "purpose": key = f.field!
            case "level1", "level2", "level3", "value", "indicators": key = "indicators"
            default: key = "table"
            }
        }
        return (key, place(ofCell: key))
    }
}

// MARK: Keys the templates read, answered by hand (see `present`)

extension TableCell: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "key": key
        case "rowspan": rowspan
        case "colspan": colspan
        case "marks": marks
        case "flag": present(flag)
        case "history": history
        case "label": label
        default: nil
        }
    }
}

extension CellMark: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "anchor": anchor
        case "severity": severity
        default: nil
        }
    }
}

extension TableRow: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "cells": cells
        case "rowClass": present(rowClass)
        default: nil
        }
    }
}

extension ProjectTable: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "year": present(year)
        case "moneyUnit": moneyUnit
        case "unitLine": unitLine
        case "rows": rows
        case "titleMarks": titleMarks
        case "findings": findings
        case "notes": notes
        case "incompleteNote": present(incomplete ? Project.incompleteNote : nil)
        default: nil
        }
    }
}

extension FindingView: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "anchor": anchor
        case "severity": severity
        case "severityLabel": severityLabel
        case "category": category
        case "rule": rule
        case "place": place
        case "message": message
        case "basis": basis
        default: nil
        }
    }
}
