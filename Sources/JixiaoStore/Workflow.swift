import Foundation
import JixiaoAccess
import JixiaoModel
import SQLKit

/// Who made a change, as the audit log names them.
public struct Author: Sendable, Equatable {
    public var userID: Int?
    public var username: String

    public init(userID: Int?, username: String) {
        self.userID = userID
        self.username = username
    }

    public init(_ actor: Actor) { self.init(userID: actor.userID, username: actor.username) }

    /// Work done from the command line or at start-up, by no signed-in person.
    public static let system = Author(userID: nil, username: "system")
}

/// One line of the audit log: who, when, what (the value before and after) and why.
public struct AuditRecord: Sendable, Equatable {
    public var id: Int
    public var at: String
    public var username: String
    public var documentID: Int?
    public var version: Int?
    public var action: String
    public var projectPosition: Int?
    public var cell: String?
    public var place: String?
    public var before: String?
    public var after: String?
    public var reason: String?
}

/// A reviewer's reason for returning a document, attached to a project's cell or finding when it concerns one.
public struct ReturnNote: Sendable, Equatable {
    public var project: Int?
    public var cell: String?
    public var rule: String?
    public var note: String

    public init(project: Int? = nil, cell: String? = nil, rule: String? = nil, note: String) {
        self.project = project
        self.cell = cell
        self.rule = rule
        self.note = note
    }

    var json: JSONValue {
        .object([
            ("project", project.map { .number(Decimal($0)) } ?? .null), ("cell", cell.map(JSONValue.string) ?? .null),
            ("rule", rule.map(JSONValue.string) ?? .null), ("note", .string(note)),
        ])
    }

    init?(_ json: JSONValue) {
        guard let note = json["note"]?.stringValue else { return nil }
        self.init(
            project: json["project"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue }, cell: json["cell"]?.stringValue,
            rule: json["rule"]?.stringValue, note: note)
    }
}

public struct WorkflowEvent: Sendable, Equatable {
    public var step: Workflow.Step
    public var from: WorkflowStatus
    public var to: WorkflowStatus
    public var version: Int
    public var username: String
    public var reason: String?
    public var notes: [ReturnNote]
    public var at: String
}

extension Store {
    /// Moves a document one step if it is still where the person saw it (`from`); records the step
    /// and an audit line in the same transaction. Publishing makes the current version the public one.
    public func transition(
        documentID: Int, step: Workflow.Step, from: WorkflowStatus, by author: Author, reason: String?, notes: [ReturnNote] = []
    ) async throws -> WorkflowStatus {
        let to = Workflow.target(of: step)
        return try await transaction { db in
            let now = Timestamp.now()
            let published: SQLQueryString = step == .publish ? ", published_version = current_version" : ""
            guard
                let row = try await db.raw(
                    """
                    UPDATE documents SET status = \(bind: to.rawValue), updated_at = \(bind: now)\(published)
                    WHERE id = \(bind: documentID) AND status = \(bind: from.rawValue) RETURNING current_version
                    """
                ).first()
            else {
                let current = try await db.raw("SELECT status FROM documents WHERE id = \(bind: documentID)").first()
                    .flatMap { try? $0.decode(column: "status", as: String.self) }
                throw StoreError.wrongStep(current.flatMap(WorkflowStatus.init(rawValue:)))
            }
            let version = try row.decode(column: "current_version", as: Int.self)
            let notesText = notes.isEmpty ? nil : JSONValue.array(notes.map(\.json)).serialized()
            try await db.raw(
                """
                INSERT INTO workflow_events (document_id, version, step, from_status, to_status, user_id, reason, notes, created_at)
                VALUES (\(bind: documentID), \(bind: version), \(bind: step.rawValue), \(bind: from.rawValue), \(bind: to.rawValue),
                  \(bind: author.userID ?? 0), \(bind: reason), \(bind: notesText), \(bind: now))
                """
            ).run()
            try await Self.audit(
                [AuditLine(action: step.rawValue, place: "状态", before: from.label, after: to.label)], documentID: documentID, version: version,
                by: author, reason: reason ?? notes.map(\.note).joined(separator: "；"), at: now, in: db)
            return to
        }
    }

    public func workflowEvents(documentID: Int) async throws -> [WorkflowEvent] {
        try await database.raw(
            """
            SELECT e.step, e.from_status, e.to_status, e.version, COALESCE(u.username, 'system') AS username, e.reason, e.notes, e.created_at
            FROM workflow_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.document_id = \(bind: documentID) ORDER BY e.id
            """
        ).all().map { r in
            let notes = try r.decode(column: "notes", as: String?.self).flatMap { try? JSONValue.parse(Data($0.utf8)) }?.arrayValue ?? []
            return WorkflowEvent(
                step: Workflow.Step(rawValue: try r.decode(column: "step", as: String.self)) ?? .submit,
                from: WorkflowStatus(rawValue: try r.decode(column: "from_status", as: String.self)) ?? .draft,
                to: WorkflowStatus(rawValue: try r.decode(column: "to_status", as: String.self)) ?? .draft,
                version: try r.decode(column: "version", as: Int.self), username: try r.decode(column: "username", as: String.self),
                reason: try r.decode(column: "reason", as: String?.self), notes: notes.compactMap(ReturnNote.init),
                at: try r.decode(column: "created_at", as: String.self))
        }
    }

    // MARK: Audit

    /// A change to record (who, when and why are the same for all lines of one change).
    struct AuditLine {
        var action: String
        var project: Int? = nil
        var cell: String? = nil
        var place: String?
        var before: String?
        var after: String?
    }

    /// Appends lines to the log, each chained to the one before it (`AuditChain`). On PostgreSQL the
    /// appends of concurrent transactions take turns, so that the chain never forks.
    static func audit(
        _ lines: [AuditLine], documentID: Int?, version: Int?, by author: Author, reason: String?, at now: String, in db: any SQLDatabase
    ) async throws {
        if db.dialect.name == "postgresql" { try await db.raw("SELECT pg_advisory_xact_lock(\(literal: AuditChain.lockKey))").run() }
        var previous =
            try await db.raw("SELECT chain FROM audit_log ORDER BY id DESC LIMIT 1").first()
            .flatMap { try $0.decode(column: "chain", as: String?.self) } ?? AuditChain.origin
        for chunk in stride(from: 0, to: lines.count, by: 200) {
            let rows = lines[chunk..<min(chunk + 200, lines.count)].map { l -> SQLQueryString in
                previous = AuditChain.link(
                    after: previous,
                    [
                        now, author.userID.map(String.init), author.username, documentID.map(String.init), version.map(String.init), l.action,
                        l.project.map(String.init), l.cell, l.place, l.before, l.after, reason,
                    ])
                return """
                    (\(bind: now), \(bind: author.userID), \(bind: author.username), \(bind: documentID), \(bind: version), \(bind: l.action),
                     \(bind: l.project), \(bind: l.cell), \(bind: l.place), \(bind: l.before), \(bind: l.after), \(bind: reason), \(bind: previous))
                    """
            }
            try await db.raw(
                """
                INSERT INTO audit_log (created_at, user_id, username, document_id, version, action, project_position, cell, place, old_value, new_value, reason, chain)
                VALUES \(SQLList(rows))
                """
            ).run()
        }
    }

    /// The audit log's lines, oldest first: of the documents in the reader's care only (a line
    /// about no document, such as an account's, only for those who see everything).
    public func auditLog(
        documentID: Int? = nil, project: Int? = nil, visibility: Visibility, page: Page = Page(limit: 500)
    ) async throws
        -> Paged<AuditRecord>
    {
        var filter: SQLQueryString = " WHERE \(visibility.inCare)"
        if let documentID { filter += " AND a.document_id = \(bind: documentID)" }
        if let project { filter += " AND a.project_position = \(bind: project)" }
        let from: SQLQueryString = """
             FROM audit_log a LEFT JOIN documents doc ON doc.id = a.document_id LEFT JOIN departments dep ON dep.id = doc.department_id
            """
        let total = try await database.raw("SELECT COUNT(*) AS n\(from)\(filter)").first()!.decode(column: "n", as: Int.self)
        let rows = try await database.raw(
            """
            SELECT a.id, a.created_at, a.username, a.document_id, a.version, a.action, a.project_position, a.cell, a.place, a.old_value, a.new_value, a.reason
            \(from)\(filter) ORDER BY a.id LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
            """
        ).all()
        return Paged(
            items: try rows.map { r in
                AuditRecord(
                    id: try r.decode(column: "id", as: Int.self), at: try r.decode(column: "created_at", as: String.self),
                    username: try r.decode(column: "username", as: String.self), documentID: try r.decode(column: "document_id", as: Int?.self),
                    version: try r.decode(column: "version", as: Int?.self), action: try r.decode(column: "action", as: String.self),
                    projectPosition: try r.decode(column: "project_position", as: Int?.self), cell: try r.decode(column: "cell", as: String?.self),
                    place: try r.decode(column: "place", as: String?.self), before: try r.decode(column: "old_value", as: String?.self),
                    after: try r.decode(column: "new_value", as: String?.self), reason: try r.decode(column: "reason", as: String?.self))
            }, total: total, page: page)
    }
}
