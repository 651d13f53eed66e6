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

/// The web pages: server-rendered HTML over the same `Documents` the JSON API uses.
struct WebController: Sendable {
    let documents: Documents
    let views: Views
    let maxUploadBytes: Int
    let secureCookies: Bool

    var store: Store { documents.store }
    private var visibility: Visibility { Visibility(Identity.current.actor) }

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.home.routerPath, use: home)
        // Browsers ask for /favicon.ico whatever the page names.
        router.get(Paths.favicon.routerPath) { _, _ in Response.redirect(to: Paths.icon(), type: .permanent) }
        router.get(Paths.document.routerPath, use: document)
        router.get(Paths.report.routerPath, use: report)
        router.get(Paths.documentCSV.routerPath, use: exportCSV)
        router.get(Paths.documentXLSX.routerPath, use: exportXLSX)
        router.get(Paths.project.routerPath, use: project)
        router.get(Paths.projectXLSX.routerPath) { request, context in try await self.exportProject(context, as: .xlsx) }
        router.get(Paths.projectCSV.routerPath) { request, context in try await self.exportProject(context, as: .csv) }
        router.get(Paths.edit.routerPath, use: editForm)
        router.post(Paths.edit.routerPath, use: submitEdit)
        router.get(Paths.importForm.routerPath, use: importForm)
        router.post(Paths.importForm.routerPath, use: upload)
        router.get(Paths.pendingImport.routerPath, use: preview)
        router.get(Paths.pendingCSV.routerPath) { request, context in try await self.exportPending(context, as: .csv) }
        router.get(Paths.pendingXLSX.routerPath) { request, context in try await self.exportPending(context, as: .xlsx) }
        router.post(Paths.pendingImport.routerPath, use: confirm)
        router.post(Paths.workflow.routerPath, use: move)
        router.get(Paths.history.routerPath, use: history)
        router.get(Paths.historyCSV.routerPath, use: historyCSV)
        router.get(Paths.audit.routerPath, use: auditLog)
        router.get(Paths.auditCSV.routerPath, use: auditCSV)
        addEvaluationRoutes(to: router)
        addSelfEvaluationRoutes(to: router)
        AccountPages(store: store, views: views, secureCookies: secureCookies).addRoutes(to: router)
    }

    // MARK: Home

    static let pageSize = 100
    /// The farthest a list is paged (as the API bounds `offset`): no page arithmetic can overflow.
    static let maxOffset = 1_000_000

    @Sendable func home(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let q = (query.get("q") ?? "").trimmingCharacters(in: .whitespaces)
        let region = query.get("region").flatMap { $0.count == 6 && $0.allSatisfy(\.isNumber) ? $0 : nil }
        let year = query.get("year").flatMap { Int($0) }.flatMap { (1990...2100).contains($0) ? $0 : nil }
        let offset = min(max(0, query.get("offset").flatMap { Int($0) } ?? 0), Self.maxOffset)
        guard q.count <= 100 else { throw Refused(.badRequest, "搜索词不能超过 100 个字。") }

        let search = q.isEmpty ? nil : q
        var units = try await store.documents(
            region: region, year: year, search: search, page: Page(offset: offset, limit: Self.pageSize), visibility: visibility)
        var projects: [ProjectSummary] = [], projectTotal = 0
        if let search {
            let found = try await store.projects(year: year, search: search, page: Page(limit: 200), visibility: visibility)
            (projects, projectTotal) = (found.items, found.total)
            if units.total == 0, !projects.isEmpty {
                // Searching a project name or code finds the units that have it too.
                let ids = Set(projects.map(\.documentID))
                let all = try await store.documents(region: region, year: year, page: Page(limit: 500), visibility: visibility).items
                units.items = all.filter { ids.contains($0.id) }
                units.total = units.items.count
            }
        }
        let budgets = try await store.budgetTotals(documentIDs: units.items.map(\.id), visibility: visibility)
        let facets = try await store.facets(visibility: visibility)
        func link(_ offset: Int) -> String {
            Paths.home(query: ["offset": "\(offset)", "q": search, "region": region, "year": year.map(String.init)])
        }
        let page = HomePage(
            q: q,
            regionOptions: [Option(value: "", label: "全部行政区划", selected: region == nil)]
                + facets.regions.map { Option(value: $0, label: Divisions.label(of: $0), selected: $0 == region) },
            yearOptions: [Option(value: "", label: "全部年度", selected: year == nil)]
                + facets.years.map { Option(value: "\($0)", label: "\($0) 年度", selected: $0 == year) },
            years: HomePage.years(units.items, budgets: budgets), total: units.total, searched: search != nil,
            projects: projects.map { p in
                HomePage.ProjectHit(
                    href: Paths.project(p.documentID, p.position), name: p.name, code: p.code ?? "", unitName: p.departmentName,
                    year: p.fiscalYear.map(String.init) ?? "", budget: p.budgetTotal.map { "\($0.money) \(p.moneyUnit)" } ?? "")
            },
            projectTotal: projectTotal,
            previous: offset > 0 ? link(max(0, offset - Self.pageSize)) : nil,
            next: offset + Self.pageSize < units.total ? link(offset + Self.pageSize) : nil,
            range: units.total == 0 ? "" : "第 \(offset + 1)–\(min(offset + Self.pageSize, units.total)) 个，共 \(units.total) 个")
        return views.render("home", page)
    }

    // MARK: Documents and projects

    /// The document a path names, as the person acting may see it.
    func stored(_ context: BasicRequestContext) async throws -> StoredDocument {
        guard let id = context.parameters.get("id", as: Int.self) else { throw Refused(.notFound, "没有这份绩效目标文件。") }
        do { return try await documents.visible(id, as: Identity.current.actor) } catch let denied as AccessDenied where denied.decision == .hide {
            throw Refused(.notFound, "没有这份绩效目标文件。")
        }
    }

    /// A version's document when the person acting may see it, else nil.
    private func version(_ id: Int, _ version: Int) async throws -> StoredDocument? {
        do { return try await documents.visible(id, version: version, as: Identity.current.actor) } catch is AccessDenied { return nil }
    }

    /// What the person acting may do with a document, for the buttons a page offers.
    static func allowed(_ action: Action, _ s: StoredDocument) -> Bool {
        Policy.decide(Identity.current.actor, action, on: s.summary.access) == .allow
    }

    /// The document and the position of the project a path names.
    func storedProject(_ context: BasicRequestContext) async throws -> (StoredDocument, Int) {
        let s = try await stored(context)
        guard let position = context.parameters.get("position", as: Int.self), s.document.projects.indices.contains(position - 1) else {
            throw Refused(.notFound, "这份文件没有这个项目。")
        }
        return (s, position)
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
        return try Self.download(s.document, as: .csv, name: "jixiao-\(s.summary.id)-v\(s.summary.version)")
    }

    @Sendable func exportXLSX(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let s = try await stored(context)
        return try Self.download(s.document, as: .xlsx, name: "jixiao-\(s.summary.id)-v\(s.summary.version)")
    }

    /// One project's table.
    func exportProject(_ context: BasicRequestContext, as format: Download) async throws -> Response {
        let (s, position) = try await storedProject(context)
        let name = "jixiao-\(s.summary.id)-v\(s.summary.version)-项目\(position)"
        switch format {
        case .csv: return Self.attachment(CSVExport.document(s.document, only: position), as: .csv, name: name)
        case .xlsx: return Self.attachment(try XLSXExport.project(s.document.projects[position - 1], year: s.document.fiscalYear), as: .xlsx, name: name)
        }
    }

    enum Download: String { case csv, xlsx }

    static func download(_ document: TargetDocument, as format: Download, name: String) throws -> Response {
        switch format {
        case .csv: attachment(CSVExport.document(document), as: format, name: name)
        case .xlsx: attachment(try XLSXExport.document(document), as: format, name: name)
        }
    }

    static func attachment(_ data: Data, as format: Download, name: String) -> Response {
        let type =
            switch format {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        // A Chinese file name travels percent-encoded (RFC 6266), with a plain one for old clients.
        let file = "\(name).\(format.rawValue)"
        let plain = file.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } ? file : "jixiao.\(format.rawValue)"
        let encoded = file.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? plain
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(encoded)",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")

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
        return views.render(
            "project",
            ProjectPage(
                s, position: position, saved: saved, history: history, returnNotes: notes.filter { $0.project == position }, canEdit: Self.allowed(.edit, s)))
    }

    // MARK: Editing

    @Sendable func editForm(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (s, position) = try await storedProject(context)
        try Policy.require(.edit, on: s.summary.access)
        let project = s.document.projects[position - 1]
        return views.render(
            "edit",
            EditPage(
                ProjectForm(project, version: s.summary.version), documentID: s.summary.id, position: position, unitName: s.document.department.name,
                projectName: project.name, status: s.summary.status))
    }

    static let maxFormBytes = 4 << 20

    @Sendable func submitEdit(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (s, position) = try await storedProject(context)
        try Policy.require(.edit, on: s.summary.access)
        let body = try await request.body.collect(upTo: Self.maxFormBytes)
        guard let fields = FormFields(body), var form = ProjectForm(fields) else {
            throw Refused(.badRequest, "提交的表单不完整，请从项目页重新打开修改。")
        }
        let id = s.summary.id, unitName = s.document.department.name, projectName = s.document.projects[position - 1].name
        func page(
            _ form: ProjectForm, status: HTTPResponse.Status = .ok, error: InvalidInput? = nil, notice: String? = nil, conflict: EditPage.Conflict? = nil
        ) -> Response {
            views.render(
                "edit",
                EditPage(
                    form, documentID: id, position: position, unitName: unitName, projectName: projectName, status: s.summary.status, error: error,
                    notice: notice, conflict: conflict),
                status: status)
        }
        let action = fields["action"] ?? "save"
        if action != "save" {
            guard let rowAction = ProjectForm.RowAction(action) else { throw Refused(.badRequest, "不认识的操作。") }
            form.apply(rowAction)
            return page(form, notice: "行已调整，尚未保存：检查无误后请点“保存”。")
        }
        form.dropBlankRows()
        let input: Components.Schemas.ProjectInput
        do { input = try form.input() } catch let e as InvalidInput { return page(form, status: .unprocessableContent, error: e) }
        let outcome = try await documents.edit(id, version: form.version, position: position, why: form.reason, by: Identity.current.actor) { d in
            d.projects[position - 1] = try Input.project(input, keeping: d.projects[position - 1])
            return position
        }
        switch outcome {
        case let .saved(_, position, previousVersion):
            return .redirect(to: Paths.project(id, position, query: ["since": "\(previousVersion)"]), type: .normal)
        case .notFound:
            throw Refused(.notFound, "这个项目已不存在。")
        case let .invalid(e):
            return page(form, status: .unprocessableContent, error: e)
        case let .conflict(expected, current):
            // Someone saved first: show what they changed, keep what this person typed, and let
            // them save again over the current version once they have looked.
            let now = try await documents.visible(id, as: Identity.current.actor)
            guard now.document.projects.indices.contains(position - 1) else { throw Refused(.conflict, "这个项目已被他人删除。") }
            let before = try await version(id, expected)
            let theirs = before.flatMap { b in b.document.projects.indices.contains(position - 1) ? b.document.projects[position - 1] : nil }
            let changes = theirs.map { FieldChange.between($0, now.document.projects[position - 1]) } ?? []
            var kept = form
            kept.version = current
            return page(kept, status: .conflict, conflict: .init(yourVersion: expected, currentVersion: current, changes: changes))
        }
    }

    // MARK: Import

    @Sendable func importForm(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Policy.require(.importFile)
        return views.render("import", ImportPage(maxMegabytes: maxUploadBytes >> 20))
    }

    @Sendable func upload(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Policy.require(.importFile)
        func refuse(_ status: HTTPResponse.Status, _ message: String) -> Response {
            views.render("import", ImportPage(error: message, maxMegabytes: maxUploadBytes >> 20), status: status)
        }
        guard request.headers[.contentType].flatMap(MediaType.init(from:))?.isType(.multipartForm) == true else {
            return refuse(.badRequest, "请用页面上的表单选择文件后上传。")
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maxUploadBytes + 64 * 1024) } catch let e as HTTPResponseError where e.status == .contentTooLarge {
            return refuse(.contentTooLarge, "文件不能超过 \(maxUploadBytes >> 20) MB。")
        }
        guard let file = UploadForm.decode(body, contentType: request.headers[.contentType])?.file, !file.data.isEmpty else {
            return refuse(.badRequest, "没有收到文件：请选择一个文件再上传。")
        }
        guard file.data.count <= maxUploadBytes else { return refuse(.contentTooLarge, "文件不能超过 \(maxUploadBytes >> 20) MB。") }
        let reading: Documents.Reading
        do {
            reading = try documents.read(file.data, name: file.name)
        } catch {
            return refuse(.unprocessableContent, "无法读取“\(file.name ?? "文件")”：\(error)")
        }
        let token = try await store.holdImport(
            reading.document, sourceName: file.name, sourceText: reading.text, warnings: reading.warnings, by: Identity.current.actor!.userID)
        return .redirect(to: Paths.pendingImport(token), type: .normal)
    }

    private func pending(_ context: BasicRequestContext) async throws -> PendingImport? {
        guard let token = context.parameters.get("token"), token.count <= 80, token.allSatisfy(\.isHexDigit), let actor = Identity.current.actor else {
            return nil
        }
        return try await store.pendingImport(token: token, uploader: actor.userID)
    }

    @Sendable func preview(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Policy.require(.importFile)
        guard let pending = try await pending(context) else { throw Refused(.notFound, "这次上传已过期或不存在，请重新上传。") }
        return views.render("preview", ImportPreviewPage(pending, findings: try await documents.review(pending.document), profile: documents.evaluation))
    }

    /// What an upload was read as, in the official tables, before it is saved.
    func exportPending(_ context: BasicRequestContext, as format: Download) async throws -> Response {
        try Policy.require(.importFile)
        guard let pending = try await pending(context) else { throw Refused(.notFound, "这次上传已过期或不存在，请重新上传。") }
        let name = pending.sourceName.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? ""
        return try Self.download(pending.document, as: format, name: name.isEmpty ? "import" : name)
    }

    @Sendable func confirm(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Policy.require(.importFile)
        guard let pending = try await pending(context) else { throw Refused(.notFound, "这次上传已过期或不存在，请重新上传。") }
        let fields = FormFields(try await request.body.collect(upTo: 64 * 1024))
        if fields?["action"] == "discard" {
            try await store.discardImport(token: pending.token, uploader: Identity.current.actor!.userID)
            return .redirect(to: Paths.importForm(), type: .normal)
        }
        if pending.document.kind == .selfEvaluation {
            // A 自评表 goes beside the unit's targets of its year.
            let id = try await documents.saveSelfEvaluation(pending.document, by: .person(Identity.current.actor))
            try await store.discardImport(token: pending.token, uploader: Identity.current.actor!.userID)
            return .redirect(to: Paths.selfEvaluation(id), type: .normal)
        }
        let outcome = try await documents.save(pending.document, by: .person(Identity.current.actor))
        try await store.discardImport(token: pending.token, uploader: Identity.current.actor!.userID)
        return .redirect(to: Paths.document(outcome.documentID, query: ["imported": "\(outcome.kind.rawValue)"]), type: .normal)
    }
}
