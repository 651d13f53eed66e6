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

/// The 自评表 units publish after the year, as a bureau re-checks them (复核): a region's list, the
/// largest gap between the printed and the recomputed total first; one 自评表 with both scores side by
/// side and what the review found.
extension WebController {
    func addSelfEvaluationRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.selfEvaluations.routerPath, use: selfEvaluationList)
        router.get(Paths.selfEvaluation.routerPath, use: selfEvaluationPage)
        router.get(Paths.selfEvaluationXLSX.routerPath, use: selfEvaluationWorkbook)
    }

    @Sendable func selfEvaluationList(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let actor = Identity.current.actor else { throw AccessDenied(decision: .signIn) }
        let year = request.uri.queryParameters.get("year").flatMap { Int($0) }.flatMap { (1990...2100).contains($0) ? $0 : nil }
        let rows = try await store.selfEvaluations(visibility: Visibility(actor), year: year)
        return views.render("self-evaluations", SelfEvaluationListPage(rows, year: year))
    }

    private func selfEvaluation(_ context: BasicRequestContext) async throws -> SelfEvaluationReview {
        guard let id = context.parameters.get("id", as: Int.self) else { throw Refused(.notFound, "没有这份绩效自评表。") }
        do { return try await documents.selfEvaluation(id, as: Identity.current.actor) } catch is AccessDenied {
            guard Identity.current.actor != nil else { throw AccessDenied(decision: .signIn) }
            throw Refused(.notFound, "没有这份绩效自评表。")
        }
    }

    @Sendable func selfEvaluationPage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let review = try await selfEvaluation(context)
        return views.render("self-evaluation", SelfEvaluationDetailPage(review, profile: documents.evaluation))
    }

    /// The 自评表 workbook: each project's sheet with the printed and the recomputed score side by side.
    @Sendable func selfEvaluationWorkbook(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let review = try await selfEvaluation(context)
        let d = review.stored.document
        let tables = SelfEvaluationTable.all(d, actuals: SelfEvaluation.reported(d), profile: documents.evaluation).map(\.table)
        return Self.attachment(
            try XLSXExport.selfEvaluation(tables, unitLine: SelfEvaluationTable.unitLine(d)), as: .xlsx, name: "jixiao-自评-\(review.stored.id)")
    }
}

extension StoredSelfEvaluation {
    /// The 自评等级 its tables print.
    var printedGrades: String { document.projects.compactMap { $0.printed?.grade }.joined(separator: "、") }
}

/// Printed − recomputed, signed, for people.
func signedGap(_ gap: Decimal?) -> String {
    guard let gap else { return "—" }
    return (gap > 0 ? "+" : "") + gap.rounded(2).money
}

struct SelfEvaluationListPage: PageModel {
    struct Row: PageModel {
        var href: String
        var unitName: String
        var year: Int
        var printed: String
        var computed: String
        var gap: String
        var over: Bool
        var grade: String
    }
    var title = "绩效自评复核"
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
    var year: String
    var rows: [Row]

    init(_ stored: [StoredSelfEvaluation], year: Int?) {
        self.year = year.map(String.init) ?? ""
        rows = stored.map { s in
            Row(
                href: Paths.selfEvaluation(s.id), unitName: s.departmentName, year: s.year, printed: s.printedTotal?.money ?? "—",
                computed: s.computedTotal?.money ?? "—", gap: signedGap(s.gap), over: (s.gap ?? 0) > 0, grade: s.printedGrades)
        }
    }
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
