import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore

/// Reading, importing, editing and moving stored documents, for the person acting (`actor`; nil is
/// the public): the one path the command line, the JSON API and the web pages share, and where
/// access is checked.
public struct Documents: Sendable {
    public let store: Store
    public let engine: ReviewEngine
    /// Monitoring thresholds, weights and grade bands (the profile's `evaluation` part).
    public var evaluation: EvaluationProfile
    /// Versions already read: a stored version never changes.
    let cache = BoundedCache<StoredVersion, StoredVersion.Content>(capacity: 256)

    public init(store: Store, engine: ReviewEngine, evaluation: EvaluationProfile = .national) {
        self.store = store
        self.engine = engine
        self.evaluation = evaluation
    }

    /// The document as the person acting may see it: the working version (or `version`) of a
    /// document in their care, else the published one. Throws `AccessDenied` (404 when it is not theirs to know of).
    public func visible(_ id: Int, version: Int? = nil, as actor: Actor?) async throws -> StoredDocument {
        let (summary, shown) = try await shownVersion(id, version: version, as: actor)
        guard let content = try await content(id, version: shown) else { throw AccessDenied(decision: .hide) }
        var s = summary
        s.version = shown
        s.projectCount = content.document.projects.count
        s.findingCounts = Dictionary(content.findings.map { ($0.severity, 1) }, uniquingKeysWith: +)
        return StoredDocument(summary: s, document: content.document, findings: content.findings)
    }

    /// Which version of the document the person acting may see (`version` when asked and allowed).
    public func shownVersion(_ id: Int, version: Int? = nil, as actor: Actor?) async throws -> (DocumentSummary, Int) {
        guard let summary = try await store.summary(documentID: id) else { throw AccessDenied(decision: .hide) }
        if Policy.decide(actor, .read, on: summary.access) == .allow {
            return (summary, version ?? summary.currentVersion)
        }
        try Policy.require(actor, .readPublished, on: summary.access)
        guard let published = summary.publishedVersion, version == nil || version == published,
            let shown = try await store.summary(documentID: id, visibility: Visibility(actor))
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

    public enum EditOutcome: Sendable {
        /// The new version, the position of the project changed and the version it was made from.
        case saved(StoredDocument, position: Int, previousVersion: Int)
        case notFound(String)
        case conflict(expected: Int, current: Int)
        case invalid(InvalidInput)
    }

    /// The edit cycle every write shares: check who may, check the version, change, review, save as
    /// the next version with each changed value in the audit log. `change` returns the position of
    /// the project it changed. An approved or published document is changed only with a reason (`why`).
    public func edit(
        _ id: Int, version: Int, position: Int? = nil, why: String? = nil, by actor: Actor?, change: (inout TargetDocument) throws -> Int
    ) async throws -> EditOutcome {
        guard let summary = try await store.summary(documentID: id) else { return .notFound("document \(id)") }
        try Policy.require(actor, .edit, on: summary.access)
        guard let actor else { throw AccessDenied(decision: .signIn) }
        if let why, why.count > 500 { return .invalid(InvalidInput(field: "reason", reason: "原因不能超过 500 字 (at most 500 characters)")) }
        let why = why?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if Workflow.editNeedsReason(summary.status), why?.isEmpty != false {
            return .invalid(InvalidInput(field: "reason", reason: "文件\(summary.status.label)，修改须写明原因 (a reason is required)"))
        }
        guard version == summary.currentVersion else { return .conflict(expected: version, current: summary.currentVersion) }
        let s = try await visible(id, as: actor)
        if let position, !s.document.projects.indices.contains(position - 1) { return .notFound("project \(position) of document \(id)") }
        var document = s.document
        let changed: Int
        do { changed = try change(&document) } catch let e as InvalidInput { return .invalid(e) }
        document.source = nil
        let findings = try await review(document)
        let changes = (0..<max(s.document.projects.count, document.projects.count)).flatMap { k in
            let old = s.document.projects.indices.contains(k) ? s.document.projects[k] : nil
            return document.projects.indices.contains(k) ? FieldChange.between(old, document.projects[k]).map { (project: Optional(k + 1), change: $0) } : []
        }
        do {
            let outcome = try await store.save(
                document, findings: findings, reason: "edit", expectedVersion: version, existingDocumentID: id, by: Author(actor), changes: changes,
                why: why)
            // This process sees its own write at once.
            cache.put(StoredVersion(id: id, version: outcome.version), .init(document: document, findings: findings))
            try await refreshLights(id)
            return .saved(try await visible(id, as: actor), position: changed, previousVersion: version)
        } catch let StoreError.conflict(expected, current) {
            return .conflict(expected: expected, current: current)
        } catch let StoreError.wrongStep(status) {
            throw AccessDenied(decision: .wrongStep("文件\(status?.label ?? "")，不能修改。"))
        }
    }

    /// Moves a document one workflow step; returns its new status. Submitting a document with
    /// errors left is refused unless the review profile allows it; returning needs a reason.
    public func move(_ id: Int, step: Workflow.Step, reason: String?, notes: [ReturnNote] = [], by actor: Actor?) async throws -> WorkflowStatus {
        guard let summary = try await store.summary(documentID: id) else { throw AccessDenied(decision: .hide) }
        try Policy.require(actor, step.action, on: summary.access)
        guard let actor else { throw AccessDenied(decision: .signIn) }
        if let reason, reason.count > 2000 { throw InvalidInput(field: "reason", reason: "原因不能超过 2000 字 (at most 2000 characters)") }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if !notes.isEmpty {
            let projects = try await visible(id, as: actor).document.projects.count
            if let k = notes.firstIndex(where: { $0.project.map { $0 < 1 || $0 > projects } ?? false }) {
                throw InvalidInput(field: "notes[\(k)].project", reason: "没有第 \(notes[k].project!) 个项目 (no such project)")
            }
        }
        if step == .returnForChanges, reason == nil, notes.isEmpty {
            throw InvalidInput(field: "reason", reason: "退回须写明原因 (a reason is required)")
        }
        if step == .submit, !engine.profile.allowSubmitWithErrors {
            let errors = try await visible(id, as: actor).findings.filter { $0.severity == .error }.count
            if errors > 0 { throw AccessDenied(decision: .wrongStep("还有 \(errors) 条“错误”未改正，改正后才能提交审核。")) }
        }
        do {
            return try await store.transition(
                documentID: id, step: step, from: summary.status, by: Author(actor), reason: reason, notes: notes)
        } catch let StoreError.wrongStep(status) {
            throw AccessDenied(decision: .wrongStep("文件已是“\(status?.label ?? "")”，不能\(step.label)。"))
        }
    }

    /// Keeps what a unit reports for a project (replacing what it reported before), each changed
    /// report in the audit log. Refused: rows the table does not have, and a red or yellow light at
    /// `month` without its reason. Returns the project's monitoring at the month.
    public func reportActuals(_ id: Int, position: Int, _ actuals: ProjectActuals, month: Int, by actor: Actor?) async throws -> ProjectMonitor {
        let s = try await visible(id, as: actor)
        try Policy.require(actor, .reportActuals, on: s.summary.access)
        guard let actor else { throw AccessDenied(decision: .signIn) }
        guard s.document.projects.indices.contains(position - 1) else { throw AccessDenied(decision: .hide) }
        let project = s.document.projects[position - 1]
        if let row = actuals.indicators.keys.first(where: { $0 < 1 || $0 > project.indicators.count }) {
            throw InvalidInput(field: "indicators", reason: "没有第 \(row) 行指标 (no such row)")
        }
        for (row, actual) in actuals.indicators.sorted(by: { $0.key < $1.key }) {
            if let why = actual.mismatch(with: project.indicators[row - 1]) { throw InvalidInput(field: "indicators", reason: "第 \(row) 行\(why)") }
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
            try await store.saveActuals(documentID: id, position: position, actuals, by: Author(actor), changes: changes)
            try await refreshLights(id)
        }
        return monitor
    }

    /// Works out a document's lights at every month from its current version and its actuals, and keeps
    /// them for the region's overview (a document without actuals has none kept: nothing reported).
    public func refreshLights(_ id: Int) async throws {
        let actuals = try await store.actuals(documentID: id)
        guard !actuals.isEmpty else { return }
        let s = try await store.document(id: id)
        var months: [Int: LightCounts] = [:]
        for month in 1...12 {
            let lights = s.document.projects.enumerated().map { k, p in
                Monitoring.project(p, position: k + 1, actuals: actuals[k + 1] ?? ProjectActuals(), month: month, profile: evaluation).light
            }
            let tally = Monitoring.tally(lights)
            months[month] = LightCounts(
                worst: (lights.max() ?? .none).rawValue, red: tally[.red] ?? 0, yellow: tally[.yellow] ?? 0,
                green: (tally[.green] ?? 0) + (tally[.blue] ?? 0), missing: tally[.none] ?? 0)
        }
        try await store.saveLights(documentID: id, version: s.summary.version, months)
    }

    /// Lights worked out anew where actuals were reported and the kept lights are missing or of an older
    /// version (a database from before they were kept, or a document saved since).
    public func refreshStaleLights() async throws {
        for id in try await store.documentsWithStaleLights() { try await refreshLights(id) }
    }

    // MARK: Import

    /// A file as read and reviewed, before anything is stored.
    public struct Reading: Sendable {
        public var document: TargetDocument
        public var findings: [Finding]
        /// What the reader noticed and worked around, with the line.
        public var warnings: [String]
        /// The text that was read (the preview shows it beside the tables).
        public var text: String
    }

    /// The review of a document as it will be stored: targets are also compared with the unit's
    /// targets of the year before, when those are stored, and with what other units write for the
    /// same indicators (the stored library).
    public func review(_ document: TargetDocument) async throws -> [Finding] {
        guard document.kind == .targets else { return engine.review(document) }
        var lastYear: TargetDocument?
        if let id = try await yearBefore(document) { lastYear = try await store.document(id: id).document }
        let peers = try await store.library(names: document.projects.flatMap { $0.indicators.map(\.level3) })
        return engine.review(document, lastYear: lastYear, peers: peers)
    }

    /// The stored document of the same unit for the year before, if any.
    public func yearBefore(_ document: TargetDocument) async throws -> Int? {
        guard let year = document.fiscalYear else { return nil }
        var previous = document
        previous.fiscalYear = year - 1
        return try await store.existing(previous).document?.id
    }

    /// Reads and reviews a file (any format the reader takes, `jixiao/1` included, told by content).
    /// Throws the reader's `ReadError` for a file that cannot be read.
    public func read(_ data: Data, name: String?) throws(ReadError) -> Reading {
        let result = try DocumentReader.read(data, name: name.map { URL(fileURLWithPath: $0).lastPathComponent })
        return Reading(document: result.document, findings: engine.review(result.document), warnings: result.warnings.map(\.description), text: result.text)
    }

    /// Stores what was read as a document (or its next version) of its unit and year, if `caller`
    /// may: into a unit in their care (a new unit only for administrators and the command line),
    /// and not over a version under review.
    public func save(_ document: TargetDocument, findings: [Finding]? = nil, by caller: Caller) async throws -> SaveOutcome {
        let author: Author
        switch caller {
        case .system: author = .system
        case let .person(actor):
            try await checkImport(document, by: actor)
            guard let actor else { throw AccessDenied(decision: .signIn) }
            author = Author(actor)
        }
        var findings = findings
        if findings == nil { findings = try await review(document) }
        do {
            let outcome = try await store.save(document, findings: findings ?? [], by: author)
            if outcome.kind == .newVersion { try await refreshLights(outcome.documentID) }
            return outcome
        } catch let StoreError.wrongStep(status) {
            throw AccessDenied(decision: .wrongStep("这个单位本年度的文件\(status?.label ?? "")，审核结束前不能导入新版本。"))
        }
    }

    /// Stores a 自评表 beside its unit's targets of that year (replacing the one kept before), if
    /// `caller` may import into that unit; returns its id. Its total is worked out again under the
    /// profile's scoring and kept beside the printed one.
    public func saveSelfEvaluation(_ document: TargetDocument, by caller: Caller) async throws -> Int {
        var author = Author.system
        if case let .person(actor) = caller {
            try await checkImport(document, by: actor, besideReview: true)
            guard let actor else { throw AccessDenied(decision: .signIn) }
            author = Author(actor)
        }
        let scored = SelfEvaluation.scores(document, profile: evaluation)
        return try await store.saveSelfEvaluation(document, printedTotal: scored.printed, computedTotal: scored.computed, by: author)
    }

    /// A stored 自评表 as the person acting may see it, scored again and re-checked: against the unit's
    /// targets of that year when they are stored and theirs to read.
    public func selfEvaluation(_ id: Int, as actor: Actor?) async throws -> SelfEvaluationReview {
        guard let stored = try await store.selfEvaluation(id: id, visibility: Visibility(actor)) else { throw AccessDenied(decision: .hide) }
        let targetsID = try await store.existing(stored.document).document?.id
        var targets: StoredDocument?
        if let targetsID { targets = try? await visible(targetsID, as: actor) }
        let reported = SelfEvaluation.reported(stored.document)
        let scores = stored.document.projects.enumerated().map { k, p in
            SelfEvaluation.project(p, position: k + 1, actuals: reported[k + 1] ?? ProjectActuals(), profile: evaluation)
        }
        return SelfEvaluationReview(
            stored: stored, scores: scores, findings: engine.review(stored.document, targets: targets?.document), targetsID: targets?.summary.id)
    }

    /// Whether `actor` may import `document`: into a unit in their care (a new unit only for
    /// administrators), and not over a version under review.
    /// `besideReview`: a 自评表 goes beside the targets whatever their workflow step.
    func checkImport(_ document: TargetDocument, by actor: Actor?, besideReview: Bool = false) async throws {
        try Policy.require(actor, .importFile)
        let notYours = AccessDenied(decision: .forbid("“\(document.department.name)”不是你负责的单位：请导入本单位的文件（新单位由管理员导入）。"))
        let existing = try await store.existing(document)
        var access =
            existing.document?.access
            ?? existing.departmentID.map {
                DocumentAccess(departmentID: $0, regionCode: document.department.regionCode, status: .draft, hasPublishedVersion: false)
            }
        guard access != nil else {
            if actor?.role != .administrator { throw notYours }
            return
        }
        if besideReview { access!.status = .draft }
        // The file names its unit, so “not yours” is said plainly rather than hidden.
        switch Policy.decide(actor, .edit, on: access!) {
        case .allow: return
        case .hide: throw notYours
        case let other: throw AccessDenied(decision: other)
        }
    }
}

/// A stored 自评表 with its scores worked out again and its review.
public struct SelfEvaluationReview: Sendable {
    public var stored: StoredSelfEvaluation
    public var scores: [ProjectScore]
    public var findings: [Finding]
    /// The unit's targets of that year, when stored and readable: the review compared the two.
    public var targetsID: Int?
}

/// Who acts: a person (nil is the public), or the system itself — the command line, run by whoever
/// runs the machine, and work at start-up — which may do everything and is recorded as 系统.
public enum Caller: Sendable {
    case person(Actor?)
    case system
}

/// One version of one document.
public struct StoredVersion: Hashable, Sendable {
    public struct Content: Sendable {
        public var document: TargetDocument
        public var findings: [Finding]
    }
    public var id: Int
    public var version: Int
}

extension String {
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension SelfEvaluation {
    /// The points a draft puts at risk, project by project, with the review's 不可考核 (`vague`) findings
    /// counted as the rows that cannot be scored: `jixiao score --forecast` and the document page say
    /// what `jixiao review` says.
    public static func forecasts(_ document: TargetDocument, findings: [Finding], profile: EvaluationProfile) -> [ScoreForecast] {
        document.projects.enumerated().map { k, p in
            let vague = findings.filter { $0.category == .vague && $0.project == k + 1 && $0.indicator != nil }
            let uncheckable = Dictionary(vague.map { ($0.indicator!, $0.message) }, uniquingKeysWith: { a, _ in a })
            return forecast(p, position: k + 1, profile: profile, uncheckable: uncheckable)
        }
    }
}
