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

/// Importing a file: the upload, the preview in the official tables, and saving it.
struct ImportController: PageController {
    let documents: Documents
    let views: Views
    let maxUploadBytes: Int

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.importForm.routerPath, use: importForm)
        router.post(Paths.importForm.routerPath, use: upload)
        router.get(Paths.pendingImport.routerPath, use: preview)
        router.get(Paths.pendingCSV.routerPath) { request, context in try await self.exportPending(context, as: .csv) }
        router.get(Paths.pendingXLSX.routerPath) { request, context in try await self.exportPending(context, as: .xlsx) }
        router.post(Paths.pendingImport.routerPath, use: confirm)
    }

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
        return try Download.table(pending.document, as: format, name: name.isEmpty ? "import" : name)
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
