import Foundation
import JixiaoEvaluation
import JixiaoModel
import SQLKit

extension Store {
    /// A document's reported actuals, by project position.
    public func actuals(documentID: Int) async throws -> [Int: ProjectActuals] {
        var result: [Int: ProjectActuals] = [:]
        for row in try await database.raw("SELECT project_position, body FROM actuals WHERE document_id = \(bind: documentID)").all() {
            let body = try row.decode(column: "body", as: String.self)
            let (_, projects) = try ActualsFile.read(Data(body.utf8))
            if let a = projects.values.first { result[try row.decode(column: "project_position", as: Int.self)] = a }
        }
        return result
    }

    /// Keeps a project's actuals (all of them, replacing what was there) with a line in the audit log
    /// for each changed report, in one transaction.
    public func saveActuals(
        documentID: Int, position: Int, _ actuals: ProjectActuals, by author: Author, changes: [FieldChange]
    )
        async throws
    {
        let body = ActualsFile.json(month: nil, projects: [position: actuals]).serialized()
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
