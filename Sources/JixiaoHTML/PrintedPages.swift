import Foundation
import JixiaoEvaluation
import JixiaoExport
import JixiaoModel
import JixiaoStore

/// A link on the way to the page (首页 › unit › project).
package struct Crumb: PageModel {
    package var href: String
    package var label: String
    package init(href: String, label: String) {
        self.href = href
        self.label = label
    }
}

/// The whole disclosure as published (overview, chart and every official table), or one table alone:
/// a page of the site and a file printed on its own.
package struct ReportPage: PageModel {
    package struct Table: PageModel {
        var position: Int
        var name: String
        var table: ProjectTable
        package init(position: Int, name: String, table: ProjectTable) {
            (self.position, self.name, self.table) = (position, name, table)
        }
    }
    /// A line of the overall part, printed as disclosures print it (and as `OverviewText` gives it to
    /// the workbook), so that a PDF of this page reads back to the same overview.
    struct OverviewLine: PageModel {
        var tag: String
        var text: String
    }
    var title: String
    var crumbs: [Crumb]
    var unitCode: String
    var version: Int
    var budgetChart: String
    var heading: String
    /// The overall part and the chart too, not only tables.
    var whole: Bool
    var overview: [OverviewLine]
    var tables: [Table]

    /// The whole disclosure, or one project's table alone (`only`, 1-based).
    package init(_ s: StoredDocument, only: Int? = nil) {
        title = Self.title(s.document)
        unitCode = s.document.department.code ?? ""
        version = s.summary.version
        budgetChart = Chart.projectBudgets(s.document)
        whole = only == nil
        var lines = OverviewText.lines(s.document)
        heading = lines.removeFirst().text
        overview = lines.map { line in
            switch line.style {
            case .title, .heading: OverviewLine(tag: "h3", text: line.text)
            case .itemTitle: OverviewLine(tag: "h4", text: line.text)
            case .text: OverviewLine(tag: "p", text: line.text)
            }
        }
        crumbs = [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.document(s.summary.id), label: s.document.department.name)]
        tables = s.document.projects.enumerated().filter { only == nil || only == $0.offset + 1 }.map { k, p in
            Table(position: k + 1, name: p.name, table: ProjectTable(p, position: k + 1, year: s.document.fiscalYear, findings: []))
        }
    }

    /// `某单位 2025 年度绩效目标`: the unit's page and its disclosure are titled alike.
    package static func title(_ d: TargetDocument) -> String { "\(d.department.name) \(d.fiscalYear.map { "\($0) 年度" } ?? "")绩效目标" }
}

/// The 自评表 of every project of a unit, and the unit's summary.
package struct EvaluationPage: PageModel {
    package struct Table: PageModel {
        var position: Int
        var name: String
        var total: String
        var rate: String
        var grade: String
        var rows: [GridRow]
        var problems: [String]

        /// A 自评表 as the pages draw it (no total before anything is reported).
        package init(_ t: SelfEvaluationTable, problems: [String]) {
            (position, name, total, rate, grade) = (t.position, t.name, t.reported ? t.total.money : "—", t.rate, t.grade)
            rows = t.grid.map { GridRow(cells: $0.map(GridCell.init)) }
            self.problems = problems
        }
    }
    var title: String
    var crumbs: [Crumb]
    var unitName: String
    var year: String
    var tables: [Table]
    var average: String
    var xlsxHref: String
    var csvHref: String
    /// The download links (not in a file printed on its own).
    package var downloads = true

    package init(_ s: StoredDocument, actuals: [Int: ProjectActuals], profile: EvaluationProfile) {
        title = "\(s.document.department.name) 绩效自评"
        crumbs = [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.document(s.summary.id), label: s.document.department.name)]
        unitName = s.document.department.name
        year = s.document.fiscalYear.map(String.init) ?? ""
        let scored = SelfEvaluationTable.all(s.document, actuals: actuals, profile: profile)
        tables = scored.map { Table($0.table, problems: $0.score.problems) }
        let totals = scored.map(\.score.total)
        average = totals.isEmpty ? "—" : (totals.reduce(0, +) / Decimal(totals.count)).rounded(2).money
        xlsxHref = Paths.evaluationXLSX(s.summary.id)
        csvHref = Paths.evaluationCSV(s.summary.id)
    }
}

/// A table drawn from a grid of the export module (the 自评表): its cells as th/td with their spans.
package struct GridRow: PageModel {
    var cells: [GridCell]
    package init(cells: [GridCell]) { self.cells = cells }
}

package struct GridCell: PageModel {
    var text: String
    var rowspan: Int
    var colspan: Int
    var label: Bool
    var numeric: Bool
    var short: Bool

    package init(_ c: OfficialTable.Cell) {
        (text, rowspan, colspan, label, numeric, short) = (c.text, c.rowspan, c.colspan, c.label, c.number != nil, c.short)
    }
}
