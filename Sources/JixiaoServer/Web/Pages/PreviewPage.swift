import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReview
import JixiaoStore
import Mustache

struct ImportPreviewPage: PageModel {
    var title = "核对导入内容"
    var crumbs = [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.importForm(), label: "导入")]
    var action: String
    var sourceName: String
    var unitName: String
    var year: String
    var overallGoals: [String]
    var tables: [ReportPage.Table]
    var counts: SeverityCounts
    var departmentFindings: [FindingView]
    var warnings: [String]
    var lines: [ImportPage.SourceLine]
    /// A 自评表: each project's table with the printed and the recomputed score.
    var selfEvaluation: [EvaluationPage.Table]

    init(_ pending: PendingImport, findings: [Finding], profile: EvaluationProfile) {
        let d = pending.document
        selfEvaluation =
            d.kind != .selfEvaluation
            ? []
            : SelfEvaluationTable.all(d, actuals: SelfEvaluation.reported(d), profile: profile).map {
                EvaluationPage.Table($0.table, problems: $0.score.problems)
            }
        action = Paths.pendingImport(pending.token)
        sourceName = pending.sourceName ?? ""
        unitName = d.department.name
        year = d.fiscalYear.map(String.init) ?? "未注明"
        overallGoals = d.overview.overallGoals
        tables = d.projects.enumerated().map { k, p in
            ReportPage.Table(position: k + 1, name: p.name, table: ProjectTable(p, position: k + 1, year: d.fiscalYear, findings: findings))
        }
        counts = SeverityCounts(findings)
        departmentFindings = findings.filter { $0.project == nil }.enumerated().map { k, f in FindingView(f, number: k + 1, place: "部门整体") }
        warnings = pending.warnings
        lines = pending.sourceText.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { k, l in
            ImportPage.SourceLine(number: k + 1, text: String(l.hasSuffix("\r") ? l.dropLast() : l))
        }
    }
}

// MARK: Keys the templates read, answered by hand (see `present`)
