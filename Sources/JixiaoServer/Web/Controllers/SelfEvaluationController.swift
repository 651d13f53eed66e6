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
struct SelfEvaluationController: PageController {
    let documents: Documents
    let views: Views

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.selfEvaluations.routerPath, use: selfEvaluationList)
        router.get(Paths.selfEvaluation.routerPath, use: selfEvaluationPage)
        router.get(Paths.selfEvaluationXLSX.routerPath, use: selfEvaluationWorkbook)
    }

    @Sendable func selfEvaluationList(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let actor = Identity.current.actor else { throw AccessDenied(decision: .signIn) }
        let year = request.uri.queryParameters.get("year").flatMap { Int($0) }.flatMap { (1990...2100).contains($0) ? $0 : nil }
        let offset = min(max(0, request.uri.queryParameters.get("offset").flatMap { Int($0) } ?? 0), Paging.maxOffset)
        let rows = try await store.selfEvaluations(visibility: Visibility(actor), year: year, page: Page(offset: offset, limit: Paging.size))
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
        return Download.attachment(
            try XLSXExport.selfEvaluation(tables, unitLine: SelfEvaluationTable.unitLine(d)), as: .xlsx, name: "jixiao-自评-\(review.stored.id)")
    }
}
