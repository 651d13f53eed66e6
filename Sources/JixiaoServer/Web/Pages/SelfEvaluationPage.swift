import Foundation
import Hummingbird
import JixiaoAccess
import JixiaoApp
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReview
import JixiaoStore

extension StoredSelfEvaluation {
    /// The 自评等级 its tables print.
}

/// Printed − recomputed, signed, for people.
func signedGap(_ gap: Decimal?) -> String {
    guard let gap else { return "—" }
    return (gap > 0 ? "+" : "") + gap.rounded(2).money
}

struct SelfEvaluationDetailPage: PageModel {
    var title: String
    var crumbs: [Crumb]
    var unitName: String
    var year: String
    var sourceName: String
    var targetsHref: String?
    var xlsxHref: String
    var tables: [EvaluationPage.Table]
    var printed: String
    var computed: String
    var gap: String
    var counts: SeverityCounts
    var findings: [FindingView]

    init(_ review: SelfEvaluationReview, profile: EvaluationProfile) {
        let s = review.stored, d = s.document
        unitName = s.departmentName
        year = s.year == 0 ? "未注明" : String(s.year)
        title = "\(unitName) \(year) 年度绩效自评表"
        crumbs = [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.selfEvaluations(), label: "绩效自评复核")]
        sourceName = d.source?.name ?? ""
        targetsHref = review.targetsID.map { Paths.document($0) }
        xlsxHref = Paths.selfEvaluationXLSX(s.id)
        let scored = SelfEvaluationTable.all(d, actuals: SelfEvaluation.reported(d), profile: profile)
        tables = scored.map { EvaluationPage.Table($0.table, problems: $0.score.problems) }
        printed = s.printedTotal?.money ?? "—"
        computed = s.computedTotal?.money ?? "—"
        gap = signedGap(s.gap)
        counts = SeverityCounts(review.findings)
        findings = review.findings.enumerated().map { k, f in
            // The message names the row itself.
            FindingView(f, number: k + 1, place: f.project.flatMap { d.projects.indices.contains($0 - 1) ? d.projects[$0 - 1].name : nil } ?? "整表")
        }
    }
}
