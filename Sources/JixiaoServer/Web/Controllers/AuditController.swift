import Foundation
import JixiaoApp
import Hummingbird
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore

/// The audit log of one's region, as a page and as CSV.
struct AuditController: PageController {
    let documents: Documents
    let views: Views

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.audit.routerPath, use: auditLog)
        router.get(Paths.auditCSV.routerPath, use: auditCSV)
    }

    /// The whole audit log (administrators and reviewers).
    @Sendable func auditLog(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Policy.require(.readAuditLog)
        let offset = min(max(0, request.uri.queryParameters.get("offset").flatMap { Int($0) } ?? 0), Paging.maxOffset)
        let records = try await store.auditLog(visibility: Identity.current.visibility, page: Page(offset: offset, limit: 500))
        return views.render(
            "history",
            HistoryPage(
                title: "审计日志", records: records.items, total: records.total, csvHref: Paths.auditCSV(),
                crumbs: [Crumb(href: Paths.home(), label: "首页")]))
    }

    @Sendable func auditCSV(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Policy.require(.readAuditLog)
        return try await auditLogCSV(documentID: nil, name: "audit.csv")
    }
}
