import Foundation
import JixiaoModel
import SQLKit

extension Store {
    /// The baseline for the import benchmark: the same project and indicator rows as `save` writes,
    /// inserted through the same driver in one transaction per document, into scratch tables with
    /// nothing else (no lookups, versions, bodies or findings). Returns the rows written.
    public func rawBulkInsert(_ documents: [TargetDocument]) async throws -> Int {
        let key = serialKey
        try await database.raw(SQLQueryString("DROP TABLE IF EXISTS bench_indicators")).run()
        try await database.raw(SQLQueryString("DROP TABLE IF EXISTS bench_projects")).run()
        try await database.raw(SQLQueryString("CREATE TABLE bench_projects (id \(unsafeRaw: key), position INTEGER, code TEXT, name TEXT, budget_total TEXT)"))
            .run()
        try await database.raw(
            SQLQueryString(
                "CREATE TABLE bench_indicators (id \(unsafeRaw: key), project_id BIGINT, position INTEGER, level1 TEXT, level2 TEXT, level3 TEXT, value TEXT, target_number TEXT)"
            )
        ).run()
        var rows = 0
        for document in documents {
            rows += try await transaction { db in
                var written = 0
                for (k, p) in document.projects.enumerated() {
                    let projectID = try await db.raw(
                        "INSERT INTO bench_projects (position, code, name, budget_total) VALUES (\(bind: k + 1), \(bind: p.code), \(bind: p.name), \(bind: p.budget.total?.description)) RETURNING id"
                    ).first()!.decode(column: "id", as: Int.self)
                    let values: [SQLQueryString] = p.indicators.enumerated().map { r, i in
                        "(\(bind: projectID), \(bind: r + 1), \(bind: i.level1), \(bind: i.level2), \(bind: i.level3), \(bind: i.value), \(bind: i.target.number?.description))"
                    }
                    if !values.isEmpty {
                        try await db.raw(
                            "INSERT INTO bench_indicators (project_id, position, level1, level2, level3, value, target_number) VALUES \(values.joined(separator: ", "))"
                        ).run()
                    }
                    written += 1 + values.count
                }
                return written
            }
        }
        try await database.raw(SQLQueryString("DROP TABLE bench_indicators")).run()
        try await database.raw(SQLQueryString("DROP TABLE bench_projects")).run()
        return rows
    }
}
