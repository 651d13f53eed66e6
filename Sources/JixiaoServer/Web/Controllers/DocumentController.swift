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

/// A unit's document: its page, the whole disclosure, a project's table, the downloads, the workflow's
/// steps and the document's history.
struct DocumentController: PageController {
    let documents: Documents
    let views: Views

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.document.routerPath, use: document)
        router.get(Paths.report.routerPath, use: report)
        router.get(Paths.documentCSV.routerPath, use: exportCSV)
        router.get(Paths.documentXLSX.routerPath, use: exportXLSX)
        router.get(Paths.project.routerPath, use: project)
        router.get(Paths.projectXLSX.routerPath) { request, context in try await self.exportProject(context, as: .xlsx) }
        router.get(Paths.projectCSV.routerPath) { request, context in try await self.exportProject(context, as: .csv) }
        router.post(Paths.workflow.routerPath, use: move)
        router.get(Paths.history.routerPath, use: history)
        router.get(Paths.historyCSV.routerPath, use: historyCSV)
    }

    static let importNotices = [
        "created": "已导入并保存。", "new-version": "已导入为新的一版，旧版仍可查看。", "unchanged": "这个文件已经导入过，没有变化。",
    ]

    @Sendable func document(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let s = try await stored(context)
        let notice =
            request.uri.queryParameters.get("imported").flatMap { Self.importNotices[$0] }
            ?? request.uri.queryParameters.get("moved").flatMap { WorkflowStatus(rawValue: $0) }.map { "已办理：文件现为“\($0.label)”。" }
        let events = Self.allowed(.read, s) ? try await store.workflowEvents(documentID: s.summary.id) : []
        let inCare = Self.allowed(.read, s)
        let forecast =
            inCare && s.summary.status != .published
            ? SelfEvaluation.forecasts(s.document, findings: s.findings, profile: documents.evaluation) : []
        // What changed since the unit's targets of the year before, when those are stored and the reader's to see.
        var lastYear: (id: Int, year: Int, lines: [String])?
        if let id = try await documents.yearBefore(s.document), let old = try? await documents.visible(id, as: Identity.current.actor) {
            lastYear = (id, old.document.fiscalYear ?? 0, YearOverYear(from: old.document, to: s.document).lines)
        }
        // The unit's 自评表 of the year, kept beside its targets (for those in charge).
        let selfEvaluation = inCare ? try await store.selfEvaluation(departmentID: s.summary.departmentID, year: s.summary.fiscalYear ?? 0) : nil
        return views.render(
            "document",
            DocumentPage(
                s, notice: notice, workflow: inCare ? WorkflowPanel(s, events: events) : nil, forecast: forecast, selfEvaluation: selfEvaluation,
                lastYear: lastYear))
    }

    /// The tables as CSV or Excel (what the person may see of the document: its working or its published version).
    @Sendable func exportCSV(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let s = try await stored(context)
        return try Download.table(s.document, as: .csv, name: "jixiao-\(s.summary.id)-v\(s.summary.version)")
    }

    @Sendable func exportXLSX(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let s = try await stored(context)
        return try Download.table(s.document, as: .xlsx, name: "jixiao-\(s.summary.id)-v\(s.summary.version)")
    }

    /// One project's table.
    func exportProject(_ context: BasicRequestContext, as format: Download) async throws -> Response {
        let (s, position) = try await storedProject(context)
        let name = "jixiao-\(s.summary.id)-v\(s.summary.version)-项目\(position)"
        switch format {
        case .csv: return Download.attachment(CSVExport.document(s.document, only: position), as: .csv, name: name)
        case .xlsx: return Download.attachment(try XLSXExport.project(s.document.projects[position - 1], year: s.document.fiscalYear), as: .xlsx, name: name)
        }
    }

    @Sendable func report(_ request: Request, context: BasicRequestContext) async throws -> Response {
        views.render("report", ReportPage(try await stored(context)))
    }

    @Sendable func project(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (s, position) = try await storedProject(context)
        var saved: ProjectPage.Saved?
        // After a save: what the edit changed, against the version it was made from.
        if let since = request.uri.queryParameters.get("since").flatMap({ Int($0) }), since < s.summary.version,
            let old = try await version(s.summary.id, since), old.document.projects.indices.contains(position - 1)
        {
            let changes = FieldChange.between(old.document.projects[position - 1], s.document.projects[position - 1])
            let before = old.findings.filter { $0.project == position }.map(\.message)
            let after = s.findings.filter { $0.project == position }.map(\.message)
            let (wasThere, isThere) = (Set(before), Set(after))
            let fixed = before.filter { !isThere.contains($0) }, added = after.filter { !wasThere.contains($0) }
            saved = .init(
                version: s.summary.version, changes: changes, fixed: fixed, added: added, nothingChanged: changes.isEmpty && fixed.isEmpty && added.isEmpty)
        }
        let history =
            Self.allowed(.read, s) ? try await store.auditLog(documentID: s.summary.id, project: position, visibility: Identity.current.visibility).items : []
        let notes = s.summary.status == .returned ? try await store.workflowEvents(documentID: s.summary.id).last?.notes ?? [] : []
        let library =
            Identity.current.actor == nil ? nil : try await store.library(names: s.document.projects[position - 1].indicators.map(\.level3))
        return views.render(
            "project",
            ProjectPage(
                s, position: position, saved: saved, history: history, returnNotes: notes.filter { $0.project == position }, canEdit: Self.allowed(.edit, s),
                library: library))
    }

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
        return try await auditLogCSV(documentID: s.summary.id, name: "history-\(s.summary.id).csv")
    }
}
