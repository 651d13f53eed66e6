import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoAccess
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore
import OpenAPIRuntime

/// A document, its findings and review, and writes to its projects.
extension JixiaoAPI {

    /// What the person acting sees of a document; nil when there is no such version for them.
    func stored(_ id: Int, version: Int? = nil) async throws -> StoredDocument? {
        do { return try await documents.visible(id, version: version, as: Identity.current.actor) } catch let denied as AccessDenied
            where denied.decision == .hide
        { return nil }
    }

    var visibility: Visibility { Visibility(Identity.current.actor) }

    func getDocument(_ input: Operations.GetDocument.Input) async throws -> Operations.GetDocument.Output {
        guard let s = try await stored(input.path.documentId, version: input.query.version) else {
            return .notFound(Self.notFound("document \(input.path.documentId)" + (input.query.version.map { " version \($0)" } ?? "")))
        }
        return .ok(.init(headers: .init(jixiaoVersion: s.summary.version), body: .json(.init(s.document, id: s.summary.id, version: s.summary.version))))
    }

    func listFindings(_ input: Operations.ListFindings.Input) async throws -> Operations.ListFindings.Output {
        guard let s = try await stored(input.path.documentId) else { return .notFound(Self.notFound("document \(input.path.documentId)")) }
        return .ok(.init(body: .json(.init(findings: s.findings.map(Components.Schemas.Finding.init)))))
    }

    func reviewDocument(_ input: Operations.ReviewDocument.Input) async throws -> Operations.ReviewDocument.Output {
        guard let s = try await stored(input.path.documentId) else { return .notFound(Self.notFound("document \(input.path.documentId)")) }
        return .ok(.init(body: .json(.init(findings: try await documents.review(s.document).map(Components.Schemas.Finding.init)))))
    }

    // MARK: Projects

    func detail(_ s: StoredDocument, position: Int) -> Components.Schemas.ProjectDetail {
        .init(
            documentId: s.summary.id, version: s.summary.version, position: position, project: .init(s.document.projects[position - 1]),
            findings: s.findings.filter { $0.project == position }.map(Components.Schemas.Finding.init))
    }

    func getProject(_ input: Operations.GetProject.Input) async throws -> Operations.GetProject.Output {
        let (id, position) = (input.path.documentId, input.path.position)
        guard let s = try await stored(id), s.document.projects.indices.contains(position - 1) else {
            return .notFound(Self.notFound("project \(position) of document \(id)"))
        }
        return .ok(.init(body: .json(detail(s, position: position))))
    }

    /// An edit's outcome as the operation's response: every write answers the same way.
    func respond<Output: EditOutput>(_ outcome: Documents.EditOutcome) -> Output {
        switch outcome {
        case let .saved(saved, position, _): .saved(detail(saved, position: position))
        case let .notFound(what): .notFound(Self.notFound(what))
        case let .conflict(expected, current): .conflict(Self.conflict(expected: expected, current: current))
        case let .invalid(e): .unprocessableContent(Self.invalid(e))
        }
    }

    func updateProject(_ input: Operations.UpdateProject.Input) async throws -> Operations.UpdateProject.Output {
        guard case let .json(body) = input.body else { throw InvalidInput(field: "body", reason: "expected JSON") }
        let position = input.path.position
        return respond(
            try await documents.edit(
                input.path.documentId, version: body.version, position: position, why: body.reason, by: Identity.current.actor,
                change: { d in
                    d.projects[position - 1] = try Input.project(body.project, keeping: d.projects[position - 1])
                    return position
                }))
    }

    func addProject(_ input: Operations.AddProject.Input) async throws -> Operations.AddProject.Output {
        guard case let .json(body) = input.body else { throw InvalidInput(field: "body", reason: "expected JSON") }
        return respond(
            try await documents.edit(
                input.path.documentId, version: body.version, why: body.reason, by: Identity.current.actor,
                change: { d in
                    var project = try Input.project(body.project, keeping: nil)
                    project.seq = d.projects.count + 1
                    d.projects.append(project)
                    return d.projects.count
                }))
    }

    func updateSpendingPlan(_ input: Operations.UpdateSpendingPlan.Input) async throws -> Operations.UpdateSpendingPlan.Output {
        guard case let .json(body) = input.body else { throw InvalidInput(field: "body", reason: "expected JSON") }
        let position = input.path.position
        return respond(
            try await documents.edit(
                input.path.documentId, version: body.version, position: position, why: body.reason, by: Identity.current.actor,
                change: { d in
                    d.projects[position - 1].spendingPlan = try Input.plan(body.plan, field: "plan")
                    return position
                }))
    }

    func addIndicator(_ input: Operations.AddIndicator.Input) async throws -> Operations.AddIndicator.Output {
        guard case let .json(body) = input.body else { throw InvalidInput(field: "body", reason: "expected JSON") }
        let position = input.path.position
        return respond(
            try await documents.edit(
                input.path.documentId, version: body.version, position: position, why: body.reason, by: Identity.current.actor,
                change: { d in
                    guard d.projects[position - 1].indicators.count < 200 else {
                        throw InvalidInput(field: "indicator", reason: "一个项目最多 200 行指标 (at most 200 rows)")
                    }
                    d.projects[position - 1].indicators.append(try Input.indicator(body.indicator, field: "indicator"))
                    return position
                }))
    }
}

/// The responses every write operation shares; the generated enum cases satisfy all but `saved`.
protocol EditOutput {
    static func saved(_ detail: Components.Schemas.ProjectDetail) -> Self
    static func notFound(_ response: Components.Responses.NotFound) -> Self
    static func conflict(_ response: Components.Responses.Conflict) -> Self
    static func unprocessableContent(_ response: Components.Responses.Unprocessable) -> Self
}

extension Operations.UpdateProject.Output: EditOutput {
    static func saved(_ detail: Components.Schemas.ProjectDetail) -> Self { .ok(.init(body: .json(detail))) }
}
extension Operations.UpdateSpendingPlan.Output: EditOutput {
    static func saved(_ detail: Components.Schemas.ProjectDetail) -> Self { .ok(.init(body: .json(detail))) }
}
extension Operations.AddProject.Output: EditOutput {
    static func saved(_ detail: Components.Schemas.ProjectDetail) -> Self { .created(.init(body: .json(detail))) }
}
extension Operations.AddIndicator.Output: EditOutput {
    static func saved(_ detail: Components.Schemas.ProjectDetail) -> Self { .created(.init(body: .json(detail))) }
}
