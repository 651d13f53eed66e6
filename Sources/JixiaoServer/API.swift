import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoAccess
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore
import OpenAPIRuntime

/// The JSON API (`openapi.yaml`): thin handlers over the store, the reader and the review.
struct JixiaoAPI: APIProtocol {
    let documents: Documents
    let maxUploadBytes: Int
    var store: Store { documents.store }
    var engine: ReviewEngine { documents.engine }

    // MARK: Problems

    static func problem(_ refusal: Refusal, detail: String? = nil, field: String? = nil, currentVersion: Int? = nil) -> Components.Schemas.Problem {
        ErrorAnswers.problem(refusal, detail: detail, field: field, currentVersion: currentVersion)
    }

    static func notFound(_ what: String) -> Components.Responses.NotFound {
        .init(body: .applicationProblemJson(problem(.notFound, detail: what)))
    }

    static func conflict(expected: Int, current: Int) -> Components.Responses.Conflict {
        .init(
            body: .applicationProblemJson(
                problem(.conflict, detail: "你修改的是第 \(expected) 版，当前已是第 \(current) 版：请重新打开后再修改，你的内容没有保存。", currentVersion: current)))
    }

    static func invalid(_ e: InvalidInput) -> Components.Responses.Unprocessable {
        .init(body: .applicationProblemJson(problem(.invalid, detail: "\(e.field)：\(e.reason)", field: e.field)))
    }

    static func page(offset: Int?, limit: Int?) -> Page { Page(offset: offset ?? 0, limit: limit ?? 50) }

    /// The generated server decodes parameters but does not check their bounds: done here, so a
    /// request outside the API gets 400 rather than an empty answer.
    struct Bounds {
        var problems: [String] = []
        mutating func check(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) {
            if let value, !range.contains(value) { problems.append("\(name) must be in \(range.lowerBound)...\(range.upperBound)") }
        }
        mutating func region(_ value: String?) {
            if let value, !(value.count == 6 && value.allSatisfy { $0.isASCII && $0.isNumber }) { problems.append("region must be 6 digits") }
        }
        mutating func text(_ value: String?, _ name: String, max: Int) {
            if let value, value.count > max { problems.append("\(name) is longer than \(max)") }
        }
        mutating func page(_ offset: Int?, _ limit: Int?) {
            check(offset, "offset", 0...1_000_000)
            check(limit, "limit", 1...500)
        }
        var badRequest: Components.Responses.BadRequest? {
            problems.isEmpty ? nil : .init(body: .applicationProblemJson(problem(.badRequest, detail: problems.joined(separator: "; "))))
        }
    }

    static let maxID = 9_007_199_254_740_991

    // MARK: Lists

    func listUnits(_ input: Operations.ListUnits.Input) async throws -> Operations.ListUnits.Output {
        var bounds = Bounds()
        bounds.page(input.query.offset, input.query.limit)
        bounds.region(input.query.region)
        bounds.text(input.query.q, "q", max: 100)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        let result = try await store.departments(
            region: input.query.region, search: input.query.q, page: Self.page(offset: input.query.offset, limit: input.query.limit), visibility: visibility)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: result.items.map {
                            .init(
                                id: $0.id, code: $0.code, name: $0.name, regionCode: $0.regionCode, regionName: $0.regionCode.flatMap(Divisions.name(of:)),
                                documentCount: $0.documentCount)
                        },
                        total: result.total, offset: result.page.offset, limit: result.page.limit))))
    }

    func listDocuments(_ input: Operations.ListDocuments.Input) async throws -> Operations.ListDocuments.Output {
        let q = input.query
        var bounds = Bounds()
        bounds.page(q.offset, q.limit)
        bounds.region(q.region)
        bounds.check(q.unit, "unit", 1...Self.maxID)
        bounds.check(q.year, "year", 1990...2100)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        let result = try await store.documents(
            departmentID: q.unit, region: q.region, year: q.year, page: Self.page(offset: q.offset, limit: q.limit), visibility: visibility)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: result.items.map(Components.Schemas.DocumentSummary.init), total: result.total, offset: result.page.offset,
                        limit: result.page.limit))))
    }

    func listProjects(_ input: Operations.ListProjects.Input) async throws -> Operations.ListProjects.Output {
        let q = input.query
        var bounds = Bounds()
        bounds.page(q.offset, q.limit)
        bounds.check(q.document, "document", 1...Self.maxID)
        bounds.check(q.unit, "unit", 1...Self.maxID)
        bounds.check(q.year, "year", 1990...2100)
        bounds.text(q.q, "q", max: 100)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        let result = try await store.projects(
            documentID: q.document, departmentID: q.unit, year: q.year, search: q.q, page: Self.page(offset: q.offset, limit: q.limit),
            visibility: visibility)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: result.items.map { p in
                            .init(
                                id: p.id, documentId: p.documentID, version: p.version, position: p.position, code: p.code, name: p.name,
                                unitName: p.departmentName, fiscalYear: p.fiscalYear, moneyUnit: p.moneyUnit, budgetTotal: p.budgetTotal?.double,
                                indicatorCount: p.indicatorCount, complete: p.complete)
                        }, total: result.total, offset: result.page.offset, limit: result.page.limit))))
    }

    // MARK: Documents

    /// What the person acting sees of a document; nil when there is no such version for them.
    func stored(_ id: Int, version: Int? = nil) async throws -> StoredDocument? {
        do { return try await documents.visible(id, version: version, as: Identity.current.actor) } catch let denied as AccessDenied
            where denied.decision == .hide
        { return nil }
    }

    private var visibility: Visibility { Visibility(Identity.current.actor) }

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

    private func detail(_ s: StoredDocument, position: Int) -> Components.Schemas.ProjectDetail {
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
    private func respond<Output: EditOutput>(_ outcome: Documents.EditOutcome) -> Output {
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

    // MARK: Import

    func importFile(_ input: Operations.ImportFile.Input) async throws -> Operations.ImportFile.Output {
        try Policy.require(.importFile)
        guard case let .multipartForm(parts) = input.body else { throw InvalidInput(field: "body", reason: "expected multipart/form-data") }
        var file: (name: String?, data: Data)?
        // The parts are parsed as they are read: a malformed body fails here, inside the handler.
        do {
            for try await part in parts {
                switch part {
                case let .file(filePart):
                    // Collected by hand to stop at the limit (the runtime's own error for it is private).
                    var data = Data()
                    for try await chunk in filePart.payload.body {
                        guard data.count + chunk.count <= maxUploadBytes else {
                            return .contentTooLarge(
                                .init(
                                    body: .applicationProblemJson(
                                        Self.problem(.tooLarge, detail: "上传文件不能超过 \(maxUploadBytes / 1_048_576) MB", field: "file"))))
                        }
                        data.append(contentsOf: chunk)
                    }
                    file = (filePart.filename, data)
                case let .undocumented(part):
                    // Other form fields are ignored, but their bodies must be read to reach the next part.
                    for try await _ in part.body {}
                }
            }
        } catch {
            return .badRequest(
                .init(
                    body: .applicationProblemJson(
                        Self.problem(.badRequest, detail: "the multipart/form-data body cannot be read: \(error)", field: "file"))))
        }
        guard let file else {
            return .badRequest(
                .init(body: .applicationProblemJson(Self.problem(.badRequest, detail: "form field “file” is required", field: "file"))))
        }
        let reading: Documents.Reading
        do {
            reading = try documents.read(file.data, name: file.name)
        } catch {
            return .unprocessableContent(
                .init(
                    body: .applicationProblemJson(
                        Self.problem(.invalid, detail: "\(error)", field: "file"))))
        }
        // Reviewed as it will be stored (against the unit's year before, when stored).
        let (document, findings, warnings) = (reading.document, try await documents.review(reading.document), reading.warnings)
        if input.query.dryRun == true {
            return .ok(
                .init(
                    body: .json(
                        .init(
                            outcome: .dryRun, documentId: nil, version: nil, document: .init(document, id: 0, version: 0),
                            findings: findings.map(Components.Schemas.Finding.init), warnings: warnings))))
        }
        if document.kind == .selfEvaluation {
            let id = try await documents.saveSelfEvaluation(document, by: .person(Identity.current.actor))
            return .ok(
                .init(
                    body: .json(
                        .init(
                            outcome: .selfEvaluation, documentId: nil, selfEvaluationId: id, version: nil, document: .init(document, id: 0, version: 0),
                            findings: findings.map(Components.Schemas.Finding.init), warnings: warnings))))
        }
        let outcome = try await documents.save(document, findings: findings, by: .person(Identity.current.actor))
        let kind: Components.Schemas.ImportResult.OutcomePayload =
            switch outcome.kind {
            case .created: .created
            case .newVersion: .newVersion
            case .unchanged: .unchanged
            }
        return .ok(
            .init(
                body: .json(
                    .init(
                        outcome: kind, documentId: outcome.documentID, version: outcome.version,
                        document: .init(document, id: outcome.documentID, version: outcome.version),
                        findings: findings.map(Components.Schemas.Finding.init), warnings: warnings))))
    }

    // MARK: Workflow and audit

    private func workflowState(_ id: Int) async throws -> Components.Schemas.WorkflowState {
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
