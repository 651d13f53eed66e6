import Foundation
import JixiaoModel
import SQLKit

extension Store {
    /// The baseline for the import benchmark: the same project and indicator rows as `save` writes,
    /// inserted through the same driver in one transaction per document, into scratch tables with
    /// nothing else (no lookups, versions, bodies, findings or library). `prepareRawInsert` makes the
    /// tables, `rawInsert` fills them (returning the rows written), `dropRawInsert` removes them.
    public func prepareRawInsert() async throws {
        let key = serialKey
        try await dropRawInsert()
        try await database.raw(SQLQueryString("CREATE TABLE bench_projects (id \(unsafeRaw: key), position INTEGER, code TEXT, name TEXT, budget_total TEXT)"))
            .run()
        try await database.raw(
            SQLQueryString(
                "CREATE TABLE bench_indicators (id \(unsafeRaw: key), project_id BIGINT, position INTEGER, level1 TEXT, level2 TEXT, level3 TEXT, value TEXT, target_number TEXT)"
            )
        ).run()
    }

    public func dropRawInsert() async throws {
        try await database.raw(SQLQueryString("DROP TABLE IF EXISTS bench_indicators")).run()
        try await database.raw(SQLQueryString("DROP TABLE IF EXISTS bench_projects")).run()
    }

    public func rawInsert(_ documents: [TargetDocument]) async throws -> Int {
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
        return rows
    }

    /// The library's part of saving `document` as a new unit's: timed inside a transaction that is
    /// rolled back, so the database is left as it was.
    public func timedLibraryUpdate(_ document: TargetDocument) async throws -> Duration {
        struct RolledBack: Error { let time: Duration }
        do {
            try await transaction { db in
                let departmentID = try await Self.department(for: document.department, in: db, now: Timestamp.now())
                let change = LibraryTally(LibraryTally.rows(of: document), unit: "", year: document.fiscalYear ?? 0)
                let time = try await ContinuousClock().measure {
                    try await Self.updateLibrary(by: change, departmentID: departmentID, year: document.fiscalYear ?? 0, in: db)
                }
                throw RolledBack(time: time)
            }
        } catch let done as RolledBack {
            return done.time
        }
        return .zero
    }
}
