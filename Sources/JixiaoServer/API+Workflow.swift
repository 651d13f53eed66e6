import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoAccess
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore
import OpenAPIRuntime

/// A document's workflow steps, and the audit log.
extension JixiaoAPI {

    func workflowState(_ id: Int) async throws -> Components.Schemas.WorkflowState {
        guard let summary = try await store.summary(documentID: id) else { throw AccessDenied(decision: .hide) }
        let events = try await store.workflowEvents(documentID: id)
        return .init(
            status: .init(summary.status), currentVersion: summary.currentVersion, publishedVersion: summary.publishedVersion,
            events: events.map { e in
                .init(
                    step: e.step.rawValue, from: .init(e.from), to: .init(e.to), version: e.version, user: e.username, reason: e.reason,
                    notes: e.notes.map { .init(project: $0.project, cell: $0.cell, rule: $0.rule, note: $0.note) }, at: e.at)
            })
    }

    func getWorkflow(_ input: Operations.GetWorkflow.Input) async throws -> Operations.GetWorkflow.Output {
        let id = input.path.documentId
        guard let summary = try await store.summary(documentID: id) else { return .notFound(Self.notFound("document \(id)")) }
        try Policy.require(.read, on: summary.access)
        return .ok(.init(body: .json(try await workflowState(id))))
    }

    func moveDocument(_ input: Operations.MoveDocument.Input) async throws -> Operations.MoveDocument.Output {
        guard case let .json(body) = input.body else { throw InvalidInput(field: "body", reason: "expected JSON") }
        let id = input.path.documentId
        guard let step = Workflow.Step(rawValue: body.step.rawValue) else { throw InvalidInput(field: "step", reason: "unknown step") }
        guard try await store.summary(documentID: id) != nil else { return .notFound(Self.notFound("document \(id)")) }
        do {
            _ = try await documents.move(
                id, step: step, reason: body.reason,
                notes: try (body.notes ?? []).enumerated().map { k, n in
                    ReturnNote(
                        project: n.project, cell: try Input.optionalText(n.cell, field: "notes[\(k)].cell", max: 40),
                        rule: try Input.optionalText(n.rule, field: "notes[\(k)].rule", max: 60),
                        note: try Input.text(n.note, field: "notes[\(k)].note", max: 2000))
                }, by: Identity.current.actor)
        } catch let e as InvalidInput {
            return .unprocessableContent(Self.invalid(e))
        } catch let denied as AccessDenied {
            if case let .wrongStep(why) = denied.decision {
                return .conflict(.init(body: .applicationProblemJson(Self.problem(.conflict, detail: why))))
            }
            throw denied
        }
        return .ok(.init(body: .json(try await workflowState(id))))
    }

    func listAudit(_ input: Operations.ListAudit.Input) async throws -> Operations.ListAudit.Output {
        let q = input.query
        var bounds = Bounds()
        bounds.page(q.offset, q.limit)
        bounds.check(q.document, "document", 1...Self.maxID)
        bounds.check(q.project, "project", 1...10_000)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        if let id = q.document {
            // A document's history is for those who may read its working version.
            guard let summary = try await store.summary(documentID: id) else { return .notFound(Self.notFound("document \(id)")) }
            try Policy.require(.read, on: summary.access)
        } else {
            try Policy.require(.readAuditLog)
        }
        let page = try await store.auditLog(
            documentID: q.document, project: q.project, visibility: visibility, page: Self.page(offset: q.offset, limit: q.limit))
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.items.map { r in
                            .init(
                                id: r.id, at: r.at, user: r.username, documentId: r.documentID, version: r.version, action: r.action,
                                project: r.projectPosition,
                                cell: r.cell, place: r.place, before: r.before, after: r.after, reason: r.reason)
                        }, total: page.total, offset: page.page.offset, limit: page.page.limit))))
    }
}
