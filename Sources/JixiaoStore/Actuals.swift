import Foundation
import JixiaoModel
import SQLKit

extension Store {
    /// A document's reported actuals as kept: each project's report as the JSON the application wrote
    /// (the actuals-file form, which the application reads and writes), by project position.
    public func actualsJSON(documentID: Int) async throws -> [Int: String] {
        var result: [Int: String] = [:]
        for row in try await database.raw("SELECT project_position, body FROM actuals WHERE document_id = \(bind: documentID)").all() {
            result[try row.decode(column: "project_position", as: Int.self)] = try row.decode(column: "body", as: String.self)
        }
        return result
    }

    /// Keeps a project's actuals (all of them, replacing what was there) with a line in the audit log
    /// for each changed report, in one transaction.
    public func saveActuals(documentID: Int, position: Int, json body: String, by author: Author, changes: [FieldChange]) async throws {
        try await transaction { db in
            let now = Timestamp.now()
            try await db.raw("DELETE FROM actuals WHERE document_id = \(bind: documentID) AND project_position = \(bind: position)").run()
            try await db.raw(
                "INSERT INTO actuals (document_id, project_position, body, updated_at) VALUES (\(bind: documentID), \(bind: position), \(bind: body), \(bind: now))"
            ).run()
            let version = try await db.raw("SELECT current_version FROM documents WHERE id = \(bind: documentID)").first()?
                .decode(column: "current_version", as: Int.self)
            try await Self.audit(
                changes.map { AuditLine(action: "actual", project: position, cell: $0.cell, place: $0.place, before: $0.before, after: $0.after) },
                documentID: documentID, version: version, by: author, reason: nil, at: now, in: db)
        }
    }
}
