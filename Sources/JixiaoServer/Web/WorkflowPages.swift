import Foundation
import JixiaoApp
import Hummingbird
import JixiaoAccess
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// Workflow steps from the document page, and the history (audit log) pages and exports.
extension WebController {
    @Sendable func move(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let s = try await stored(context)
        guard let fields = FormFields(try await request.body.collect(upTo: 1 << 20)), let step = fields["step"].flatMap(Workflow.Step.init) else {
            throw Refused(.badRequest, "不认识的操作。")
        }
        // Reasons a reviewer attached to findings: the finding's project and cell go with the note.
        let notes: [ReturnNote] = fields.pairs.filter { $0.name == "attach" }.compactMap { Int($0.value) }.compactMap { k in
            guard s.findings.indices.contains(k), let project = s.findings[k].project else { return nil }
            let f = s.findings[k]
            return ReturnNote(project: project, cell: ProjectTable.cell(for: f, showDescription: true, showBasis: true).key, rule: f.rule, note: f.message)
        }
        do {
            let status = try await documents.move(s.summary.id, step: step, reason: fields["reason"], notes: notes, by: Identity.current.actor)
            return .redirect(to: Paths.document(s.summary.id, query: ["moved": "\(status.rawValue)"]), type: .normal)
        } catch let e as InvalidInput {
            throw Refused(.invalid, "\(e.reason)。请返回填写后再\(step.label)。")
        } catch let denied as AccessDenied {
            if case let .wrongStep(why) = denied.decision { throw Refused(.conflict, why) }
            throw denied
        }
    }

    /// The history of a document: who did what, when and why (the audit log and the workflow steps).
    @Sendable func history(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let s = try await stored(context)
        try Policy.require(.read, on: s.summary.access)
        let records = try await store.auditLog(documentID: s.summary.id, visibility: Identity.current.visibility, page: Page(limit: 500))
        return views.render(
            "history",
            HistoryPage(
                title: "\(s.document.department.name) 修改记录", records: records.items, total: records.total,
                csvHref: Paths.historyCSV(s.summary.id),
                crumbs: [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.document(s.summary.id), label: s.document.department.name)]))
    }

    @Sendable func historyCSV(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let s = try await stored(context)
        try Policy.require(.read, on: s.summary.access)
        return try await csv(documentID: s.summary.id, name: "history-\(s.summary.id).csv")
    }

    /// The whole audit log (administrators and reviewers).
    @Sendable func auditLog(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Policy.require(.readAuditLog)
        let offset = min(max(0, request.uri.queryParameters.get("offset").flatMap { Int($0) } ?? 0), WebController.maxOffset)
        let records = try await store.auditLog(visibility: Identity.current.visibility, page: Page(offset: offset, limit: 500))
        return views.render(
            "history",
            HistoryPage(
                title: "审计日志", records: records.items, total: records.total, csvHref: Paths.auditCSV(),
                crumbs: [Crumb(href: Paths.home(), label: "首页")]))
    }

    @Sendable func auditCSV(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Policy.require(.readAuditLog)
        return try await csv(documentID: nil, name: "audit.csv")
    }

    /// The audit log as CSV (UTF-8 with a BOM, so that Excel opens it in Chinese).
    private func csv(documentID: Int?, name: String) async throws -> Response {
        var text = "\u{FEFF}序号,时间,用户,文件,版本,操作,项目,单元格,位置,原值,新值,原因\r\n"
        var offset = 0
        while true {
            let page = try await store.auditLog(documentID: documentID, visibility: Identity.current.visibility, page: Page(offset: offset, limit: 500))
            for r in page.items {
                let fields: [String?] = [
                    "\(r.id)", r.at, r.username, r.documentID.map(String.init), r.version.map(String.init), r.action, r.projectPosition.map(String.init),
                    r.cell, r.place, r.before, r.after, r.reason,
                ]
                text += fields.map { CSVExport.field($0 ?? "") }.joined(separator: ",") + "\r\n"
            }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

struct HistoryPage: PageModel {
    struct Line: PageModel {
        var at: String
        var user: String
        var action: String
        var place: String
        var before: String
        var after: String
        var reason: String
        var version: String
    }
    var title: String
    var crumbs: [Crumb]
    var lines: [Line]
    var total: Int
    var csvHref: String

    init(title: String, records: [AuditRecord], total: Int, csvHref: String, crumbs: [Crumb]) {
        self.title = title
        self.crumbs = crumbs
        self.total = total
        self.csvHref = csvHref
        let actions = ["import": "导入", "edit": "修改"].merging(Workflow.Step.allCases.map { ($0.rawValue, $0.label) }) { a, _ in a }
        lines = records.reversed().map { r in
            Line(
                at: LocalTime.text(r.at), user: LocalTime.person(r.username), action: actions[r.action] ?? r.action,
                place: (r.projectPosition.map { "项目\($0) " } ?? "") + (r.place ?? ""), before: r.before ?? "", after: r.after ?? "",
                reason: r.reason ?? "", version: r.version.map { "第 \($0) 版" } ?? "")
        }
    }
}
