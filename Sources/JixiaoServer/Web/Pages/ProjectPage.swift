import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReview
import JixiaoStore
import Mustache

struct ProjectPage: PageModel {
    struct Saved: PageModel {
        var version: Int
        var changes: [FieldChange]
        var fixed: [String]
        var added: [String]
        var nothingChanged: Bool
    }

    var title: String
    var crumbs: [Crumb]
    var unitName: String
    var position: Int
    var projectCount: Int
    var version: Int
    var table: ProjectTable
    var counts: SeverityCounts
    var hasFindings: Bool
    var planChart: String
    var editHref: String
    /// This table alone as a workbook; the same as CSV.
    var xlsxHref: String
    var csvHref: String
    var previous: String?
    var next: String?
    var saved: Saved?
    var canEdit: Bool
    var statusLabel: String
    /// Monitoring is for those in whose care the document is.
    var actualsHref: String?
    /// Each row's indicator in the library, with what other units write for it (signed in only).
    var library: [LibraryLink]

    struct LibraryLink: PageModel {
        var row: Int
        var name: String
        var href: String
        var common: String
    }

    init(
        _ s: StoredDocument, position: Int, saved: Saved? = nil, history: [AuditRecord] = [], returnNotes: [ReturnNote] = [], canEdit: Bool = false,
        library: IndicatorLibrary? = nil
    ) {
        let project = s.document.projects[position - 1]
        title = project.name
        unitName = s.document.department.name
        crumbs = [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.document(s.summary.id), label: unitName)]
        self.position = position
        projectCount = s.document.projects.count
        version = s.summary.version
        table = ProjectTable(project, position: position, year: s.document.fiscalYear, findings: s.findings, notes: returnNotes, history: history)
        counts = SeverityCounts(s.findings.filter { $0.project == position })
        hasFindings = !table.findings.isEmpty
        planChart = Chart.planCurve(title: "资金支出计划（累计 %）", checkpoints: project.spendingPlan.checkpoints.map { $0?.double })
        editHref = Paths.edit(s.summary.id, position)
        xlsxHref = Paths.projectXLSX(s.summary.id, position)
        csvHref = Paths.projectCSV(s.summary.id, position)
        previous = position > 1 ? Paths.project(s.summary.id, position - 1) : nil
        next = position < projectCount ? Paths.project(s.summary.id, position + 1) : nil
        self.saved = saved
        self.canEdit = canEdit
        statusLabel = s.summary.status.label
        actualsHref =
            Policy.decide(Identity.current.actor, .read, on: s.summary.access) == .allow ? Paths.actuals(s.summary.id, position) : nil
        self.library = project.indicators.enumerated().compactMap { k, i in
            library?.group(of: i.level3).map { g in
                LibraryLink(
                    row: k + 1, name: i.level3, href: Paths.libraryEntry(g.key),
                    common: "\(g.units) 个单位用过" + (g.spread(i.target.op, unit: i.target.unit).map { "，常见 " + spreadText($0) } ?? ""))
            }
        }
    }
}

// MARK: Workflow
