import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore

/// Reading, editing and moving stored documents, for the person acting (`Identity.current`): the
/// one path the JSON API and the web pages share, and where their access is checked.
struct DocumentService: Sendable {
    let store: Store
    let engine: ReviewEngine
    /// Monitoring thresholds, weights and grade bands (the profile's `evaluation` part).
    var evaluation: EvaluationProfile = .national
    /// Versions already read: a stored version never changes.
    let cache = BoundedCache<StoredVersion, StoredVersion.Content>(capacity: 256)

    /// The document as the person acting may see it: the working version (or `version`) of a
    /// document in their care, else the published one. Throws `AccessDenied` (404 when it is not theirs to know of).
    func visible(_ id: Int, version: Int? = nil) async throws -> StoredDocument {
        let (summary, shown) = try await shownVersion(id, version: version)
        guard let content = try await content(id, version: shown) else { throw AccessDenied(decision: .hide) }
        var s = summary
        s.version = shown
        s.projectCount = content.document.projects.count
        s.findingCounts = Dictionary(content.findings.map { ($0.severity, 1) }, uniquingKeysWith: +)
        return StoredDocument(summary: s, document: content.document, findings: content.findings)
    }

    /// Which version of the document the person acting may see (`version` when asked and allowed).
    func shownVersion(_ id: Int, version: Int? = nil) async throws -> (DocumentSummary, Int) {
        guard let summary = try await store.summary(documentID: id) else { throw AccessDenied(decision: .hide) }
        if Policy.decide(Identity.current.actor, .read, on: summary.access) == .allow {
            return (summary, version ?? summary.currentVersion)
        }
        try Policy.require(.readPublished, on: summary.access)
        guard let published = summary.publishedVersion, version == nil || version == published,
            let shown = try await store.summary(documentID: id, visibility: Identity.current.visibility)
        else { throw AccessDenied(decision: .hide) }
        return (shown, published)
    }

    /// A version's document and findings: from the cache (a stored version never changes) or the store.
    private func content(_ id: Int, version: Int) async throws -> StoredVersion.Content? {
        if let cached = cache.get(StoredVersion(id: id, version: version)) { return cached }
        do {
            let stored = try await store.document(id: id, version: version)
            let content = StoredVersion.Content(document: stored.document, findings: stored.findings)
            cache.put(StoredVersion(id: id, version: version), content)
            return content
        } catch StoreError.notFound {
            return nil
        }
    }

    enum EditOutcome {
        /// The new version, the position of the project changed and the version it was made from.
        case saved(StoredDocument, position: Int, previousVersion: Int)
        case notFound(String)
        case conflict(expected: Int, current: Int)
        case invalid(InvalidInput)
    }

    /// The edit cycle every write shares: check who may, check the version, change, review, save as
    /// the next version with each changed value in the audit log. `change` returns the position of
    /// the project it changed. An approved or published document is changed only with a reason (`why`).
    func edit(
        _ id: Int, version: Int, position: Int? = nil, why: String? = nil, change: (inout TargetDocument) throws -> Int
    ) async throws -> EditOutcome {
        guard let summary = try await store.summary(documentID: id) else { return .notFound("document \(id)") }
        try Policy.require(.edit, on: summary.access)
        guard let actor = Identity.current.actor else { throw AccessDenied(decision: .signIn) }
        if let why, why.count > 500 { return .invalid(InvalidInput(field: "reason", reason: "原因不能超过 500 字 (at most 500 characters)")) }
        let why = why?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if Workflow.editNeedsReason(summary.status), why?.isEmpty != false {
            return .invalid(InvalidInput(field: "reason", reason: "文件\(summary.status.label)，修改须写明原因 (a reason is required)"))
        }
        guard version == summary.currentVersion else { return .conflict(expected: version, current: summary.currentVersion) }
        let s = try await visible(id)
        if let position, !s.document.projects.indices.contains(position - 1) { return .notFound("project \(position) of document \(id)") }
        var document = s.document
        let changed: Int
        do { changed = try change(&document) } catch let e as InvalidInput { return .invalid(e) }
        document.source = nil
        let findings = engine.review(document)
        let changes = (0..<max(s.document.projects.count, document.projects.count)).flatMap { k in
            let old = s.document.projects.indices.contains(k) ? s.document.projects[k] : nil
            return document.projects.indices.contains(k) ? FieldChange.between(old, document.projects[k]).map { (project: Optional(k + 1), change: $0) } : []
        }
        do {
            let outcome = try await store.save(
                document, findings: findings, reason: "edit", expectedVersion: version, existingDocumentID: id, by: Author(actor), changes: changes,
                why: why)
            cache.put(StoredVersion(id: id, version: outcome.version), .init(document: document, findings: findings))  // this process sees its own write at once
            return .saved(try await visible(id), position: changed, previousVersion: version)
        } catch let StoreError.conflict(expected, current) {
            return .conflict(expected: expected, current: current)
        } catch let StoreError.wrongStep(status) {
            throw AccessDenied(decision: .wrongStep("文件\(status?.label ?? "")，不能修改。"))
        }
    }

    /// Moves a document one workflow step; returns its new status. Submitting a document with
    /// errors left is refused unless the review profile allows it; returning needs a reason.
    func move(_ id: Int, step: Workflow.Step, reason: String?, notes: [ReturnNote] = []) async throws -> WorkflowStatus {
        guard let summary = try await store.summary(documentID: id) else { throw AccessDenied(decision: .hide) }
        try Policy.require(step.action, on: summary.access)
        if let reason, reason.count > 2000 { throw InvalidInput(field: "reason", reason: "原因不能超过 2000 字 (at most 2000 characters)") }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if !notes.isEmpty {
            let projects = try await visible(id).document.projects.count
            if let k = notes.firstIndex(where: { $0.project.map { !(1...projects).contains($0) } ?? false }) {
                throw InvalidInput(field: "notes[\(k)].project", reason: "没有第 \(notes[k].project!) 个项目 (no such project)")
            }
        }
        if step == .returnForChanges, reason == nil, notes.isEmpty {
            throw InvalidInput(field: "reason", reason: "退回须写明原因 (a reason is required)")
        }
        if step == .submit, !engine.profile.allowSubmitWithErrors {
            let errors = try await visible(id).findings.filter { $0.severity == .error }.count
            if errors > 0 { throw AccessDenied(decision: .wrongStep("还有 \(errors) 条“错误”未改正，改正后才能提交审核。")) }
        }
        do {
            return try await store.transition(
                documentID: id, step: step, from: summary.status, by: Author(Identity.current.actor!), reason: reason, notes: notes)
        } catch let StoreError.wrongStep(status) {
            throw AccessDenied(decision: .wrongStep("文件已是“\(status?.label ?? "")”，不能\(step.label)。"))
        }
    }

    /// Keeps what a unit reports for a project (replacing what it reported before), each changed
    /// report in the audit log. Refused: rows the table does not have, and a red or yellow light at
    /// `month` without its reason. Returns the project's monitoring at the month.
    func reportActuals(_ id: Int, position: Int, _ actuals: ProjectActuals, month: Int) async throws -> ProjectMonitor {
        let s = try await visible(id)
        try Policy.require(.reportActuals, on: s.summary.access)
        guard s.document.projects.indices.contains(position - 1) else { throw AccessDenied(decision: .hide) }
        let project = s.document.projects[position - 1]
        if let row = actuals.indicators.keys.first(where: { !(1...project.indicators.count).contains($0) }) {
            throw InvalidInput(field: "indicators", reason: "没有第 \(row) 行指标 (no such row)")
        }
        let monitor = Monitoring.project(project, position: position, actuals: actuals, month: month, profile: evaluation)
        let missing = monitor.indicators.filter(\.needsReason)
        if let first = missing.first {
            throw InvalidInput(
                field: "indicators", reason: "\(missing.map { "第 \($0.row) 行" }.joined(separator: "、"))偏离目标（\(first.light.label)），请选择偏差原因后再保存")
        }
        let old = try await store.actuals(documentID: id)[position] ?? ProjectActuals()
        let changes = ProjectActuals.changes(in: project, from: old, to: actuals, month: month)
        if !changes.isEmpty {
            try await store.saveActuals(documentID: id, position: position, actuals, by: Author(Identity.current.actor!), changes: changes)
        }
        return monitor
    }

    /// Whether the person acting may import `document`: into a unit in their care (a new unit only
    /// for administrators), and not over a version under review.
    func checkImport(_ document: TargetDocument) async throws {
        try Policy.require(.importFile)
        let notYours = AccessDenied(decision: .forbid("“\(document.department.name)”不是你负责的单位：请导入本单位的文件（新单位由管理员导入）。"))
        let existing = try await store.existing(document)
        let access =
            existing.document?.access
            ?? existing.departmentID.map { DocumentAccess(departmentID: $0, regionCode: document.department.regionCode, status: .draft, hasPublishedVersion: false) }
        guard let access else {
            if Identity.current.actor?.role != .administrator { throw notYours }
            return
        }
        // The file names its unit, so “not yours” is said plainly rather than hidden.
        switch Policy.decide(Identity.current.actor, .edit, on: access) {
        case .allow: return
        case .hide: throw notYours
        case let other: throw AccessDenied(decision: other)
        }
    }

    /// An uploaded file as a document (any format the reader takes, `jixiao/1` included). Returns
    /// the reader's warnings and the text it read.
    static func read(_ data: Data, name: String?) throws -> (document: TargetDocument, warnings: [String], text: String) {
        let result = try DocumentReader.read(data, name: name.map { URL(fileURLWithPath: $0).lastPathComponent })
        return (result.document, result.warnings.map(\.description), result.text)
    }
}

/// One version of one document.
struct StoredVersion: Hashable, Sendable {
    struct Content: Sendable {
        var document: TargetDocument
        var findings: [Finding]
    }
    var id: Int
    var version: Int
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
