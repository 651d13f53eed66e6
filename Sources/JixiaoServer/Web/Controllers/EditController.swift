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

/// Editing a project in the official table's form.
struct EditController: PageController {
    let documents: Documents
    let views: Views

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.edit.routerPath, use: editForm)
        router.post(Paths.edit.routerPath, use: submitEdit)
    }

    @Sendable func editForm(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (s, position) = try await storedProject(context)
        try Policy.require(.edit, on: s.summary.access)
        let project = s.document.projects[position - 1]
        let form = ProjectForm(project, version: s.summary.version)
        return views.render(
            "edit",
            EditPage(
                form, documentID: s.summary.id, position: position, unitName: s.document.department.name, projectName: project.name,
                status: s.summary.status, suggestions: try await suggestions(form)))
    }

    /// What projects of the same kind write under the usual 二级 the form lacks (three each).
    func suggestions(_ form: ProjectForm) async throws -> [EditPage.SuggestionGroup] {
        try await EditPage.suggestions(form) { try await store.suggestions(projectName: form.name, level2: $0.rawValue, limit: 3) }
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
        ) async throws -> Response {
            views.render(
                "edit",
                EditPage(
                    form, documentID: id, position: position, unitName: unitName, projectName: projectName, status: s.summary.status, error: error,
                    notice: notice, conflict: conflict, suggestions: try await suggestions(form)),
                status: status)
        }
        let action = fields["action"] ?? "save"
        if action != "save" {
            guard let rowAction = ProjectForm.RowAction(action) else { throw Refused(.badRequest, "不认识的操作。") }
            form.apply(rowAction)
            return try await page(form, notice: "行已调整，尚未保存：检查无误后请点“保存”。")
        }
        form.dropBlankRows()
        let input: Components.Schemas.ProjectInput
        do { input = try form.input() } catch let e as InvalidInput { return try await page(form, status: .unprocessableContent, error: e) }
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
            return try await page(form, status: .unprocessableContent, error: e)
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
            return try await page(kept, status: .conflict, conflict: .init(yourVersion: expected, currentVersion: current, changes: changes))
        }
    }
}
