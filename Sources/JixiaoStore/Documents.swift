import Foundation
import JixiaoAccess
import JixiaoModel
import JixiaoReview
import SQLKit

/// A page of a list: `offset` rows skipped, at most `limit` returned, `total` in all.
public struct Page: Sendable, Equatable {
    public var offset: Int
    public var limit: Int
    public init(offset: Int = 0, limit: Int = 50) {
        self.offset = max(0, offset)
        self.limit = min(max(1, limit), 500)
    }
}

public struct Paged<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    public var page: Page
}

public struct DepartmentSummary: Sendable, Equatable {
    public var id: Int
    public var code: String?
    public var name: String
    public var regionCode: String?
    public var documentCount: Int
}

public struct DocumentSummary: Sendable, Equatable {
    public var id: Int
    public var departmentID: Int
    public var departmentName: String
    public var departmentCode: String?
    public var regionCode: String?
    public var fiscalYear: Int?
    public var version: Int
    public var updatedAt: String
    public var sourceName: String?
    public var projectCount: Int
    public var findingCounts: [Severity: Int]
    /// The workflow step of the current version, and the version the public sees (if any).
    public var status: WorkflowStatus
    public var currentVersion: Int
    public var publishedVersion: Int?

    /// What access to the document depends on.
    public var access: DocumentAccess {
        DocumentAccess(departmentID: departmentID, regionCode: regionCode, status: status, hasPublishedVersion: publishedVersion != nil)
    }
}

extension DocumentSummary {
    /// A summary of a document that is not stored (a file on its way to print or export).
    public init(unsaved document: TargetDocument) {
        self.init(
            id: 0, departmentID: 0, departmentName: document.department.name, departmentCode: document.department.code,
            regionCode: document.department.regionCode, fiscalYear: document.fiscalYear, version: 0, updatedAt: "", sourceName: document.source?.name,
            projectCount: document.projects.count, findingCounts: [:], status: .draft, currentVersion: 0, publishedVersion: nil)
    }
}

public struct StoredDocument: Sendable {
    public var summary: DocumentSummary
    public var document: TargetDocument
    public var findings: [Finding]

    public init(summary: DocumentSummary, document: TargetDocument, findings: [Finding]) {
        self.summary = summary
        self.document = document
        self.findings = findings
    }
}

public struct ProjectSummary: Sendable, Equatable {
    public var id: Int
    public var documentID: Int
    public var version: Int
    public var position: Int
    public var code: String?
    public var name: String
    public var departmentName: String
    public var fiscalYear: Int?
    public var moneyUnit: String
    public var budgetTotal: Decimal?
    public var indicatorCount: Int
    public var complete: Bool
}

public struct IndicatorSummary: Sendable, Equatable {
    public var projectID: Int
    public var position: Int
    public var level1: String
    public var level2: String
    public var level3: String
    public var value: String
    public var targetKind: String
    public var targetOp: String?
    public var targetNumber: Decimal?
    public var targetUnit: String?
}

/// Which documents a reader sees, and which version of each: the working (current) version of
/// those in their care, the published version of the others (none when nothing is published).
public struct Visibility: Sendable, Equatable {
    enum Scope: Sendable, Equatable {
        case everything, nothing
        case units(Set<Int>)
        case region(prefix: String)
    }
    let scope: Scope

    public static let everything = Visibility(scope: .everything)
    /// The public: published versions only.
    public static let publishedOnly = Visibility(scope: .nothing)

    public init(_ actor: Actor?) {
        switch actor?.role {
        case nil: scope = .nothing
        case .administrator: scope = .everything
        case .unitEditor: scope = .units(actor!.unitIDs)
        case .bureauReviewer: scope = actor!.regionPrefix.map { .region(prefix: $0) } ?? .nothing
        }
    }

    private init(scope: Scope) { self.scope = scope }

    /// SQL true for a document (`doc`, its department `dep`) in the reader's care.
    var inCare: SQLQueryString {
        switch scope {
        case .everything: "1 = 1"
        case .nothing: "1 = 0"
        case let .units(ids) where ids.isEmpty: "1 = 0"
        case let .units(ids): "dep.id IN (\(SQLList(ids.sorted().map { SQLBind($0) })))"
        case let .region(prefix): "dep.region_code LIKE \(bind: prefix + "%")"
        }
    }

    /// The version of `doc` the reader sees, and the condition for seeing it at all.
    var version: SQLQueryString { "(CASE WHEN \(inCare) THEN doc.current_version ELSE doc.published_version END)" }
    var visible: SQLQueryString { "(\(inCare) OR doc.published_version IS NOT NULL)" }
}

/// What saving a document did.
public struct SaveOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable { case created, newVersion = "new-version", unchanged }
    public var kind: Kind
    public var documentID: Int
    public var version: Int
}

extension Store {
    /// Saves a document as the next version of its unit and year, with its review findings, in one
    /// transaction. A source whose hash is already stored for that unit and year changes nothing. With `expectedVersion`
    /// (an edit), a document that has moved on since is refused with `StoreError.conflict`.
    /// `changes` are the audit log's lines for an edit (an import records the file); `why` is the
    /// editor's reason. A document under review (submitted) takes no new version; an approved or
    /// published one goes back to draft (its published version stays public).
    public func save(
        _ document: TargetDocument, findings: [Finding], reason: String = "import", expectedVersion: Int? = nil,
        existingDocumentID: Int? = nil, by author: Author = .system, changes: [(project: Int?, change: FieldChange)] = [], why: String? = nil
    ) async throws -> SaveOutcome {
        let body = DocumentJSON.encode(document)
        return try await transaction { db in
            let now = Timestamp.now()
            let documentID: Int, current: Int, departmentID: Int, year: Int
            var status = WorkflowStatus.draft
            if let existingDocumentID {
                guard
                    let row = try await db.raw(
                        "SELECT current_version, department_id, fiscal_year, status FROM documents WHERE id = \(bind: existingDocumentID)"
                    ).first()
                else {
                    throw StoreError.notFound("document \(existingDocumentID)")
                }
                documentID = existingDocumentID
                current = try row.decode(column: "current_version", as: Int.self)
                departmentID = try row.decode(column: "department_id", as: Int.self)
                year = try row.decode(column: "fiscal_year", as: Int.self)
                status = WorkflowStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
            } else {
                departmentID = try await Self.department(for: document.department, in: db, now: now)
                year = document.fiscalYear ?? 0
                if let row = try await db.raw(
                    "SELECT id, current_version, status FROM documents WHERE department_id = \(bind: departmentID) AND fiscal_year = \(bind: year)"
                ).first() {
                    documentID = try row.decode(column: "id", as: Int.self)
                    current = try row.decode(column: "current_version", as: Int.self)
                    status = WorkflowStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
                } else {
                    documentID = try await db.raw(
                        "INSERT INTO documents (department_id, fiscal_year, current_version, updated_at) VALUES (\(bind: departmentID), \(bind: year), 0, \(bind: now)) RETURNING id"
                    ).first()!.decode(column: "id", as: Int.self)
                    current = 0
                }
            }
            // The same file again for the same unit and year changes nothing. Only this document's own
            // versions count: the hash is of the bytes received, but a match elsewhere is not the caller's to know.
            if let sha = document.source?.sha256, expectedVersion == nil, current > 0,
                let row = try await db.raw(
                    "SELECT version FROM document_versions WHERE document_id = \(bind: documentID) AND source_sha256 = \(bind: sha) ORDER BY id LIMIT 1"
                ).first()
            {
                return SaveOutcome(kind: .unchanged, documentID: documentID, version: try row.decode(column: "version", as: Int.self))
            }
            if let expectedVersion, expectedVersion != current {
                throw StoreError.conflict(expected: expectedVersion, current: current)
            }
            if current > 0, !Workflow.acceptsNewVersion(status) { throw StoreError.wrongStep(status) }
            let version = current + 1
            let versionID = try await db.raw(
                """
                INSERT INTO document_versions (document_id, version, source_name, source_sha256, reason, created_at, body, project_count, errors, warnings, infos,
                  budget_total)
                VALUES (\(bind: documentID), \(bind: version), \(bind: document.source?.name), \(bind: document.source?.sha256), \(bind: reason), \(bind: now), \(bind: body),
                  \(bind: document.projects.count), \(bind: findings.count { $0.severity == .error }), \(bind: findings.count { $0.severity == .warning }),
                  \(bind: findings.count { $0.severity == .info }),
                  \(bind: Self.budgetInTenThousands(document.projects.map { ($0.budget.total, $0.moneyUnit) })?.description))
                RETURNING id
                """
            ).first()!.decode(column: "id", as: Int.self)
            try await db.raw(
                """
                UPDATE documents SET current_version = \(bind: version), status = \(bind: Workflow.statusAfterEdit(status).rawValue), updated_at = \(bind: now)
                WHERE id = \(bind: documentID)
                """
            ).run()
            let rows = LibraryTally.rows(of: document)
            try await Self.insertRows(document, rows: rows, findings: findings, versionID: versionID, in: db)
            try await Self.updateLibrary(
                departmentID: departmentID, year: year, documentID: documentID, from: current, to: document.kind == .targets ? rows : [], in: db)
            let lines =
                changes.isEmpty
                ? [AuditLine(action: reason, place: "文件", before: nil, after: document.source?.name ?? "第 \(version) 版")]
                : changes.map {
                    AuditLine(
                        action: reason, project: $0.project, cell: $0.change.cell, place: $0.change.place, before: $0.change.before, after: $0.change.after)
                }
            try await Self.audit(lines, documentID: documentID, version: version, by: author, reason: why, at: now, in: db)
            return SaveOutcome(kind: current == 0 ? .created : .newVersion, documentID: documentID, version: version)
        }
    }

    /// The library follows a unit's document of a year from its version `current` (0: none) to these rows.
    private static func updateLibrary(
        departmentID: Int, year: Int, documentID: Int, from current: Int, to rows: [LibraryTally.Row], in db: any SQLDatabase
    ) async throws {
        var change = LibraryTally(rows, unit: "", year: year)
        if current > 0,
            let old = try await db.raw("SELECT id FROM document_versions WHERE document_id = \(bind: documentID) AND version = \(bind: current)").first()
        {
            change.add(LibraryTally(try await libraryRows(versionID: try old.decode(column: "id", as: Int.self), in: db), unit: "", year: year), times: -1)
        }
        try await updateLibrary(by: change, departmentID: departmentID, year: year, in: db)
    }

    static func department(for d: Department, in db: any SQLDatabase, now: String) async throws -> Int {
        if let row = try await db.raw("SELECT id, code, region_code FROM departments WHERE name = \(bind: d.name)").first() {
            let id = try row.decode(column: "id", as: Int.self)
            let code = try row.decode(column: "code", as: String?.self)
            let region = try row.decode(column: "region_code", as: String?.self)
            if code == nil && d.code != nil || region == nil && d.regionCode != nil {
                try await db.raw(
                    "UPDATE departments SET code = COALESCE(code, \(bind: d.code)), region_code = COALESCE(region_code, \(bind: d.regionCode)) WHERE id = \(bind: id)"
                ).run()
            }
            return id
        }
        return try await db.raw(
            "INSERT INTO departments (code, name, region_code, created_at) VALUES (\(bind: d.code), \(bind: d.name), \(bind: d.regionCode), \(bind: now)) RETURNING id"
        ).first()!.decode(column: "id", as: Int.self)
    }

    /// Projects, indicators and findings of one version, in a few multi-row INSERTs: round trips,
    /// not rows, are what an import waits on.
    private static func insertRows(
        _ document: TargetDocument, rows library: [LibraryTally.Row], findings: [Finding], versionID: Int, in db: any SQLDatabase
    ) async throws {
        let projects = Array(document.projects.enumerated())
        var projectIDs: [Int: Int] = [:]
        for chunk in stride(from: 0, to: projects.count, by: 500) {
            let rows: [SQLQueryString] = projects[chunk..<min(projects.count, chunk + 500)].map { k, p in
                """
                (\(bind: versionID), \(bind: k + 1), \(bind: p.code), \(bind: p.name), \(bind: p.unit.code), \(bind: p.unit.name),
                  \(bind: p.moneyUnit.rawValue), \(bind: p.budget.total?.description), \(bind: p.budget.fiscal?.description), \(bind: p.budget.other?.description),
                  \(bind: p.spendingPlan.mar?.description), \(bind: p.spendingPlan.jun?.description), \(bind: p.spendingPlan.oct?.description),
                  \(bind: p.spendingPlan.dec?.description), \(bind: p.indicators.count), \(bind: p.complete ? 1 : 0), \(bind: IndicatorLibrary.projectKind(p.name)))
                """
            }
            for row in try await db.raw(
                """
                INSERT INTO projects (version_id, position, code, name, unit_code, unit_name, money_unit, budget_total, budget_fiscal, budget_other,
                  plan_mar, plan_jun, plan_oct, plan_dec, indicator_count, complete, project_kind)
                VALUES \(rows.joined(separator: ", ")) RETURNING id, position
                """
            ).all() {
                projectIDs[try row.decode(column: "position", as: Int.self)] = try row.decode(column: "id", as: Int.self)
            }
        }
        let indicators = projects.flatMap { k, p in p.indicators.enumerated().map { (projectIDs[k + 1]!, $0 + 1, $1) } }
        // The rows' folded names, in the same order as the indicators.
        let keys = library.map(\.key)
        // 14 parameters a row: 1,000 rows stay under both drivers' limits.
        for chunk in stride(from: 0, to: indicators.count, by: 1000) {
            let rows: [SQLQueryString] = zip(indicators[chunk..<min(indicators.count, chunk + 1000)], keys[chunk...]).map { row, key in
                let (projectID, position, i) = row
                return """
                    (\(bind: projectID), \(bind: position), \(bind: i.level1), \(bind: i.level2), \(bind: i.level3), \(bind: i.description), \(bind: i.value),
                     \(bind: i.basis), \(bind: i.target.kind.rawValue), \(bind: i.target.op?.rawValue), \(bind: i.target.number?.description),
                     \(bind: i.target.unit), \(bind: i.weight?.description), \(bind: key))
                    """
            }
            try await db.raw(
                """
                INSERT INTO indicators (project_id, position, level1, level2, level3, description, value, basis, target_kind, target_op, target_number, target_unit, weight, level3_key)
                VALUES \(rows.joined(separator: ", "))
                """
            ).run()
        }
        guard !findings.isEmpty else { return }
        // Parameters per statement stay well under the drivers' limits.
        for chunk in stride(from: 0, to: findings.count, by: 500) {
            let rows: [SQLQueryString] = findings[chunk..<min(findings.count, chunk + 500)].map { f in
                "(\(bind: versionID), \(bind: f.project), \(bind: f.indicator), \(bind: f.rule), \(bind: f.category.rawValue), \(bind: f.severity.rawValue), \(bind: f.field), \(bind: f.message))"
            }
            try await db.raw(
                "INSERT INTO findings (version_id, project_position, indicator_position, rule, category, severity, field, message) VALUES \(rows.joined(separator: ", "))"
            ).run()
        }
    }

    // MARK: Reading

    public func departments(
        region: String? = nil, search: String? = nil, page: Page = Page(), visibility: Visibility = .everything
    ) async throws -> Paged<DepartmentSummary> {
        var filter: SQLQueryString = "WHERE 1 = 1"
        if visibility != .everything {
            filter +=
                " AND EXISTS (SELECT 1 FROM documents doc JOIN departments dep ON dep.id = doc.department_id WHERE dep.id = d.id AND \(visibility.visible))"
        }
        if let region { filter += " AND d.region_code = \(bind: region)" }
        if let search, !search.isEmpty { filter += " AND (d.name LIKE \(bind: Self.containing(search)) ESCAPE '!' OR d.code = \(bind: search))" }
        let total = try await database.raw("SELECT COUNT(*) AS n FROM departments d \(filter)").first()!.decode(column: "n", as: Int.self)
        let rows = try await database.raw(
            """
            SELECT d.id, d.code, d.name, d.region_code,
              (SELECT COUNT(*) FROM documents doc JOIN departments dep ON dep.id = doc.department_id WHERE dep.id = d.id AND \(visibility.visible)) AS document_count
            FROM departments d \(filter) ORDER BY d.region_code, d.name LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
            """
        ).all()
        return Paged(
            items: try rows.map { r in
                DepartmentSummary(
                    id: try r.decode(column: "id", as: Int.self), code: try r.decode(column: "code", as: String?.self),
                    name: try r.decode(column: "name", as: String.self), regionCode: try r.decode(column: "region_code", as: String?.self),
                    documentCount: try r.decode(column: "document_count", as: Int.self))
            }, total: total, page: page)
    }

    /// A document's summary as `visibility` sees it (the version shown in `shown_version`).
    static func documentColumns(_ visibility: Visibility) -> SQLQueryString {
        """
        SELECT doc.id, doc.department_id, dep.name AS department_name, dep.code AS department_code, dep.region_code, doc.fiscal_year,
          v.version AS shown_version, doc.published_version, v.source_name, v.id AS version_id,
          -- Whoever is shown the published version sees it as published, as of its own date: nothing of a draft after it.
          CASE WHEN \(visibility.inCare) THEN doc.current_version ELSE v.version END AS current_version,
          CASE WHEN \(visibility.inCare) THEN doc.status ELSE 'published' END AS status,
          CASE WHEN \(visibility.inCare) THEN doc.updated_at ELSE v.created_at END AS updated_at,
          v.project_count, v.errors, v.warnings, v.infos
        FROM documents doc
        JOIN departments dep ON dep.id = doc.department_id
        JOIN document_versions v ON v.document_id = doc.id AND v.version = \(visibility.version)
        """
    }

    private static func summary(_ r: any SQLRow) throws -> DocumentSummary {
        let year = try r.decode(column: "fiscal_year", as: Int.self)
        return DocumentSummary(
            id: try r.decode(column: "id", as: Int.self), departmentID: try r.decode(column: "department_id", as: Int.self),
            departmentName: try r.decode(column: "department_name", as: String.self),
            departmentCode: try r.decode(column: "department_code", as: String?.self),
            regionCode: try r.decode(column: "region_code", as: String?.self), fiscalYear: year == 0 ? nil : year,
            version: try r.decode(column: "shown_version", as: Int.self), updatedAt: try r.decode(column: "updated_at", as: String.self),
            sourceName: try r.decode(column: "source_name", as: String?.self), projectCount: try r.decode(column: "project_count", as: Int.self),
            findingCounts: [
                .error: try r.decode(column: "errors", as: Int.self), .warning: try r.decode(column: "warnings", as: Int.self),
                .info: try r.decode(column: "infos", as: Int.self),
            ],
            status: WorkflowStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .draft,
            currentVersion: try r.decode(column: "current_version", as: Int.self),
            publishedVersion: try r.decode(column: "published_version", as: Int?.self))
    }

    /// A LIKE pattern for text containing `search` literally (with `ESCAPE '!'`): a user's % or _ is no wildcard.
    static func containing(_ search: String) -> String {
        var pattern = "%"
        for c in search {
            if c == "%" || c == "_" || c == "!" { pattern.append("!") }
            pattern.append(c)
        }
        return pattern + "%"
    }

    /// Documents, filtered by unit, region, year, or a unit's name (part of it) or code.
    public func documents(
        departmentID: Int? = nil, region: String? = nil, year: Int? = nil, search: String? = nil, page: Page = Page(),
        visibility: Visibility = .everything
    ) async throws -> Paged<DocumentSummary> {
        var filter: SQLQueryString = " WHERE \(visibility.visible)"
        if let departmentID { filter += " AND doc.department_id = \(bind: departmentID)" }
        if let search, !search.isEmpty { filter += " AND (dep.name LIKE \(bind: Self.containing(search)) ESCAPE '!' OR dep.code = \(bind: search))" }
        if let region { filter += " AND dep.region_code = \(bind: region)" }
        if let year { filter += " AND doc.fiscal_year = \(bind: year)" }
        let total = try await database.raw(
            "SELECT COUNT(*) AS n FROM documents doc JOIN departments dep ON dep.id = doc.department_id\(filter)"
        ).first()!.decode(column: "n", as: Int.self)
        let rows = try await database.raw(
            "\(Self.documentColumns(visibility))\(filter) ORDER BY dep.region_code, dep.name, doc.fiscal_year LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)"
        ).all()
        return Paged(items: try rows.map(Self.summary), total: total, page: page)
    }

    /// The unit a document would be saved under (by its name, as `save` finds it) and that unit's
    /// document of the same year, when they exist.
    public func existing(_ document: TargetDocument) async throws -> (departmentID: Int?, document: DocumentSummary?) {
        guard let row = try await database.raw("SELECT id FROM departments WHERE name = \(bind: document.department.name)").first() else {
            return (nil, nil)
        }
        let departmentID = try row.decode(column: "id", as: Int.self)
        let summary = try await database.raw(
            "\(Self.documentColumns(.everything)) WHERE doc.department_id = \(bind: departmentID) AND doc.fiscal_year = \(bind: document.fiscalYear ?? 0)"
        ).first().map(Self.summary)
        return (departmentID, summary)
    }

    /// One document's summary as the reader sees it (the published version, when not in their care), or nil.
    public func summary(documentID id: Int, visibility: Visibility) async throws -> DocumentSummary? {
        guard visibility != .everything else { return try await summary(documentID: id) }
        return try await database.raw("\(Self.documentColumns(visibility)) WHERE doc.id = \(bind: id) AND \(visibility.visible)").first().map(Self.summary)
    }

    /// One document's summary as stored (current version), or nil. The summary (with its counts) is
    /// kept while the document's row says nothing changed: one small read per call, so that a change
    /// made through another server over the same database is seen at once.
    public func summary(documentID id: Int) async throws -> DocumentSummary? {
        guard
            let row = try await database.raw(
                "SELECT current_version, status, published_version, updated_at FROM documents WHERE id = \(bind: id)"
            ).first()
        else { return nil }
        let stamp = [
            "\(try row.decode(column: "current_version", as: Int.self))", try row.decode(column: "status", as: String.self),
            "\(try row.decode(column: "published_version", as: Int?.self) ?? 0)", try row.decode(column: "updated_at", as: String.self),
        ].joined(separator: "|")
        return try await summaries.value(id, stamp: stamp) {
            try await database.raw("\(Self.documentColumns(.everything)) WHERE doc.id = \(bind: id)").first().map(Self.summary)
        }
    }

    /// One document as stored: the current version, or another one.
    public func document(id: Int, version: Int? = nil) async throws -> StoredDocument {
        guard let row = try await database.raw("\(Self.documentColumns(.everything)) WHERE doc.id = \(bind: id)").first() else {
            throw StoreError.notFound("document \(id)")
        }
        var summary = try Self.summary(row)
        let wanted = version ?? summary.version
        guard
            let v = try await database.raw(
                "SELECT id, body FROM document_versions WHERE document_id = \(bind: id) AND version = \(bind: wanted)"
            ).first()
        else {
            throw StoreError.notFound("version \(wanted) of document \(id)")
        }
        let versionID = try v.decode(column: "id", as: Int.self)
        let document = try DocumentJSON.decode(Data(try v.decode(column: "body", as: String.self).utf8))
        let findings = try await database.raw(
            "SELECT project_position, indicator_position, rule, category, severity, field, message FROM findings WHERE version_id = \(bind: versionID) ORDER BY id"
        ).all().map { r in
            let project = try r.decode(column: "project_position", as: Int?.self)
            return Finding(
                rule: try r.decode(column: "rule", as: String.self),
                category: FindingCategory(rawValue: try r.decode(column: "category", as: String.self)) ?? .consistency,
                severity: Severity(rawValue: try r.decode(column: "severity", as: String.self)) ?? .info,
                project: project, projectCode: project.flatMap { document.projects.indices.contains($0 - 1) ? document.projects[$0 - 1].code : nil },
                indicator: try r.decode(column: "indicator_position", as: Int?.self), field: try r.decode(column: "field", as: String?.self),
                message: try r.decode(column: "message", as: String.self),
                basis: RuleCatalog.all.first { $0.id == (try? r.decode(column: "rule", as: String.self)) }?.basis ?? "")
        }
        if version != nil { summary.version = wanted }
        return StoredDocument(summary: summary, document: document, findings: findings)
    }

    /// Every version of a document: number, reason, source and time.
    public func versions(documentID: Int) async throws -> [(version: Int, reason: String, sourceName: String?, createdAt: String)] {
        try await database.raw(
            "SELECT version, reason, source_name, created_at FROM document_versions WHERE document_id = \(bind: documentID) ORDER BY version"
        ).all().map { r in
            (
                try r.decode(column: "version", as: Int.self), try r.decode(column: "reason", as: String.self),
                try r.decode(column: "source_name", as: String?.self), try r.decode(column: "created_at", as: String.self)
            )
        }
    }

    /// Projects of the current versions, filtered by document, unit, year, or a name or code.
    public func projects(
        documentID: Int? = nil, departmentID: Int? = nil, year: Int? = nil, search: String? = nil, page: Page = Page(),
        visibility: Visibility = .everything
    ) async throws -> Paged<ProjectSummary> {
        var filter: SQLQueryString = " WHERE \(visibility.visible)"
        if let documentID { filter += " AND doc.id = \(bind: documentID)" }
        if let departmentID { filter += " AND doc.department_id = \(bind: departmentID)" }
        if let year { filter += " AND doc.fiscal_year = \(bind: year)" }
        if let search, !search.isEmpty { filter += " AND (p.name LIKE \(bind: Self.containing(search)) ESCAPE '!' OR p.code = \(bind: search))" }
        let from: SQLQueryString = """
             FROM projects p
            JOIN document_versions v ON v.id = p.version_id
            JOIN documents doc ON doc.id = v.document_id
            JOIN departments dep ON dep.id = doc.department_id AND v.version = \(visibility.version)
            """
        let total = try await database.raw("SELECT COUNT(*) AS n\(from)\(filter)").first()!.decode(column: "n", as: Int.self)
        let rows = try await database.raw(
            """
            SELECT p.id, doc.id AS document_id, v.version, p.position, p.code, p.name, dep.name AS department_name, doc.fiscal_year,
              p.money_unit, p.budget_total, p.indicator_count, p.complete\(from)\(filter)
            ORDER BY dep.name, doc.fiscal_year, p.position LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
            """
        ).all()
        return Paged(
            items: try rows.map { r in
                let year = try r.decode(column: "fiscal_year", as: Int.self)
                return ProjectSummary(
                    id: try r.decode(column: "id", as: Int.self), documentID: try r.decode(column: "document_id", as: Int.self),
                    version: try r.decode(column: "version", as: Int.self), position: try r.decode(column: "position", as: Int.self),
                    code: try r.decode(column: "code", as: String?.self), name: try r.decode(column: "name", as: String.self),
                    departmentName: try r.decode(column: "department_name", as: String.self), fiscalYear: year == 0 ? nil : year,
                    moneyUnit: try r.decode(column: "money_unit", as: String.self),
                    budgetTotal: try r.decode(column: "budget_total", as: String?.self).flatMap { Decimal(string: $0) },
                    indicatorCount: try r.decode(column: "indicator_count", as: Int.self),
                    complete: try r.decode(column: "complete", as: Int.self) != 0)
            }, total: total, page: page)
    }

    /// Indicators of one stored project row.
    public func indicators(projectID: Int) async throws -> [IndicatorSummary] {
        try await database.raw(
            """
            SELECT project_id, position, level1, level2, level3, value, target_kind, target_op, target_number, target_unit
            FROM indicators WHERE project_id = \(bind: projectID) ORDER BY position
            """
        ).all().map { r in
            IndicatorSummary(
                projectID: try r.decode(column: "project_id", as: Int.self), position: try r.decode(column: "position", as: Int.self),
                level1: try r.decode(column: "level1", as: String.self), level2: try r.decode(column: "level2", as: String.self),
                level3: try r.decode(column: "level3", as: String.self), value: try r.decode(column: "value", as: String.self),
                targetKind: try r.decode(column: "target_kind", as: String.self), targetOp: try r.decode(column: "target_op", as: String?.self),
                targetNumber: try r.decode(column: "target_number", as: String?.self).flatMap { Decimal(string: $0) },
                targetUnit: try r.decode(column: "target_unit", as: String?.self))
        }
    }

}

extension Store {
    /// The current version of a document, or nil when there is no such document: one small query,
    /// for callers that keep versions they have already read.
    public func currentVersion(documentID: Int) async throws -> Int? {
        try await database.raw("SELECT current_version FROM documents WHERE id = \(bind: documentID)").first()?
            .decode(column: "current_version", as: Int.self)
    }

    /// The regions and fiscal years that have documents, for choosing among them.
    public func facets(visibility: Visibility = .everything) async throws -> (regions: [String], years: [Int]) {
        let regions = try await database.raw(
            "SELECT DISTINCT dep.region_code FROM departments dep JOIN documents doc ON doc.department_id = dep.id WHERE dep.region_code IS NOT NULL AND \(visibility.visible) ORDER BY dep.region_code"
        ).all().map { try $0.decode(column: "region_code", as: String.self) }
        let years = try await database.raw(
            "SELECT DISTINCT doc.fiscal_year FROM documents doc JOIN departments dep ON dep.id = doc.department_id WHERE doc.fiscal_year > 0 AND \(visibility.visible) ORDER BY doc.fiscal_year DESC"
        ).all().map { try $0.decode(column: "fiscal_year", as: Int.self) }
        return (regions, years)
    }

    /// The budget of each document's version shown in 万元, summed exactly over its projects when the
    /// version was saved.
    public func budgetTotals(documentIDs: [Int], visibility: Visibility = .everything) async throws -> [Int: Decimal] {
        guard !documentIDs.isEmpty else { return [:] }
        let rows = try await database.raw(
            """
            SELECT doc.id, v.budget_total FROM documents doc
            JOIN departments dep ON dep.id = doc.department_id
            JOIN document_versions v ON v.document_id = doc.id AND v.version = \(visibility.version)
            WHERE doc.id IN (\(SQLList(documentIDs.map { SQLBind($0) }))) AND v.budget_total IS NOT NULL
            """
        ).all()
        var totals: [Int: Decimal] = [:]
        for r in rows {
            totals[try r.decode(column: "id", as: Int.self)] = Decimal(string: try r.decode(column: "budget_total", as: String.self))
        }
        return totals
    }

    /// Budgets in their money units, summed in 万元 (nil when none is given).
    static func budgetInTenThousands(_ budgets: [(amount: Decimal?, unit: MoneyUnit)]) -> Decimal? {
        let given = budgets.compactMap { b in b.amount.map { $0 * b.unit.yuanPerUnit / 10_000 } }
        return given.isEmpty ? nil : given.reduce(0, +)
    }

    /// The budgets of versions saved before they were kept, from their projects.
    func fillVersionBudgets() async throws {
        var sums: [Int: [(amount: Decimal?, unit: MoneyUnit)]] = [:]
        for r in try await database.raw(
            "SELECT p.version_id, p.budget_total, p.money_unit FROM projects p JOIN document_versions v ON v.id = p.version_id WHERE v.budget_total IS NULL"
        ).all() {
            sums[try r.decode(column: "version_id", as: Int.self), default: []].append(
                (
                    try r.decode(column: "budget_total", as: String?.self).flatMap { Decimal(string: $0) },
                    MoneyUnit(rawValue: try r.decode(column: "money_unit", as: String.self)) ?? .tenThousandYuan
                ))
        }
        for (version, budgets) in sums {
            guard let total = Self.budgetInTenThousands(budgets) else { continue }
            try await database.raw("UPDATE document_versions SET budget_total = \(bind: total.description) WHERE id = \(bind: version)").run()
        }
    }
}
