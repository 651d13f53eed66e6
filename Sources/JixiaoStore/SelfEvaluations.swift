import Foundation
import JixiaoModel
import SQLKit

/// A unit's 自评表 of a year as stored: the document as read, and its total as printed and as worked
/// out again under the scoring rules.
public struct StoredSelfEvaluation: Sendable {
    public var id: Int
    public var departmentID: Int
    public var departmentName: String
    public var regionCode: String?
    public var year: Int
    public var document: TargetDocument
    public var printedTotal: Decimal?
    public var computedTotal: Decimal?
    public var updatedAt: String

    /// Printed − recomputed: how far the unit's own scoring is from the rules.
    public var gap: Decimal? { printedTotal.flatMap { p in computedTotal.map { p - $0 } } }

    /// The grades the table prints, project by project.
    public var printedGrades: String { Self.grades(document) }

    static func grades(_ document: TargetDocument) -> String { document.projects.compactMap { $0.printed?.grade }.joined(separator: "、") }
}

/// A 自评表 in a region's list: its unit and year, both totals, the grades printed, and the unit's targets
/// of that year when they are stored.
public struct SelfEvaluationListing: Sendable, Equatable {
    public var id: Int
    public var departmentName: String
    public var regionCode: String?
    public var year: Int
    public var printedTotal: Decimal?
    public var computedTotal: Decimal?
    public var grades: String
    public var targetsDocumentID: Int?

    public var gap: Decimal? { printedTotal.flatMap { p in computedTotal.map { p - $0 } } }
}

extension Store {
    /// Keeps a unit's 自评表 of a year (replacing the one kept before), with its totals, and records the
    /// import in the audit log (against the unit's targets of that year, when they are stored).
    public func saveSelfEvaluation(_ document: TargetDocument, printedTotal: Decimal?, computedTotal: Decimal?, by author: Author) async throws -> Int {
        let body = DocumentJSON.encode(document)
        let gap = printedTotal.flatMap { p in computedTotal.map { NSDecimalNumber(decimal: ((p - $0) * 100).rounded(0)).intValue } }
        return try await transaction { db in
            let now = Timestamp.now()
            let departmentID = try await Self.department(for: document.department, in: db, now: now)
            let year = document.fiscalYear ?? 0
            let existing = try await db.raw(
                "SELECT id, printed_total FROM self_evaluations WHERE department_id = \(bind: departmentID) AND fiscal_year = \(bind: year)"
            ).first()
            let id: Int
            if let existing {
                id = try existing.decode(column: "id", as: Int.self)
                try await db.raw(
                    """
                    UPDATE self_evaluations SET source_name = \(bind: document.source?.name), source_sha256 = \(bind: document.source?.sha256),
                      body = \(bind: body), printed_total = \(bind: printedTotal?.description), computed_total = \(bind: computedTotal?.description),
                      gap_cents = \(bind: gap), grades = \(bind: StoredSelfEvaluation.grades(document)), updated_at = \(bind: now)
                    WHERE id = \(bind: id)
                    """
                ).run()
            } else {
                id = try await db.raw(
                    """
                    INSERT INTO self_evaluations (department_id, fiscal_year, source_name, source_sha256, body, printed_total, computed_total, gap_cents,
                      grades, updated_at)
                    VALUES (\(bind: departmentID), \(bind: year), \(bind: document.source?.name), \(bind: document.source?.sha256), \(bind: body),
                      \(bind: printedTotal?.description), \(bind: computedTotal?.description), \(bind: gap), \(bind: StoredSelfEvaluation.grades(document)),
                      \(bind: now))
                    RETURNING id
                    """
                ).first()!.decode(column: "id", as: Int.self)
            }
            let targets = try await db.raw(
                "SELECT id, current_version FROM documents WHERE department_id = \(bind: departmentID) AND fiscal_year = \(bind: year)"
            ).first()
            let line = AuditLine(
                action: "self-evaluation", place: "\(year) 年度绩效自评表\(document.source?.name.map { "（\($0)）" } ?? "")",
                before: try existing?.decode(column: "printed_total", as: String?.self), after: printedTotal?.description)
            try await Self.audit(
                [line], documentID: try targets?.decode(column: "id", as: Int.self), version: try targets?.decode(column: "current_version", as: Int.self),
                by: author, reason: nil, at: now, in: db)
            return id
        }
    }

    private static let selfEvaluationColumns: SQLQueryString = """
        SELECT se.id, se.department_id, dep.name AS department_name, dep.region_code, se.fiscal_year, se.body, se.printed_total,
          se.computed_total, se.updated_at
        FROM self_evaluations se JOIN departments dep ON dep.id = se.department_id
        """

    private static func selfEvaluation(_ row: any SQLRow) throws -> StoredSelfEvaluation {
        StoredSelfEvaluation(
            id: try row.decode(column: "id", as: Int.self), departmentID: try row.decode(column: "department_id", as: Int.self),
            departmentName: try row.decode(column: "department_name", as: String.self),
            regionCode: try row.decode(column: "region_code", as: String?.self), year: try row.decode(column: "fiscal_year", as: Int.self),
            document: try DocumentJSON.decode(Data(try row.decode(column: "body", as: String.self).utf8)),
            printedTotal: try row.decode(column: "printed_total", as: String?.self).flatMap { Decimal(string: $0) },
            computedTotal: try row.decode(column: "computed_total", as: String?.self).flatMap { Decimal(string: $0) },
            updatedAt: try row.decode(column: "updated_at", as: String.self))
    }

    /// One stored 自评表, if the reader may see it (its unit is in their care).
    public func selfEvaluation(id: Int, visibility: Visibility) async throws -> StoredSelfEvaluation? {
        try await database.raw("\(Self.selfEvaluationColumns) WHERE se.id = \(bind: id) AND \(visibility.inCare)").first().map(Self.selfEvaluation)
    }

    /// The 自评表 kept for a unit and year, if any.
    public func selfEvaluation(departmentID: Int, year: Int) async throws -> StoredSelfEvaluation? {
        try await database.raw("\(Self.selfEvaluationColumns) WHERE se.department_id = \(bind: departmentID) AND se.fiscal_year = \(bind: year)")
            .first().map(Self.selfEvaluation)
    }

    /// The 自评表 of the units in the reader's care (of a year, when given), the largest gap between the
    /// printed and the recomputed total first: which a bureau should re-check first. A page at a time,
    /// read without the bodies.
    public func selfEvaluations(visibility: Visibility, year: Int? = nil, page: Page = Page()) async throws -> Paged<SelfEvaluationListing> {
        var filter: SQLQueryString = "WHERE \(visibility.inCare)"
        if let year { filter += " AND se.fiscal_year = \(bind: year)" }
        let from: SQLQueryString = " FROM self_evaluations se JOIN departments dep ON dep.id = se.department_id "
        let total = try await database.raw("SELECT COUNT(*) AS n\(from)\(filter)").first()!.decode(column: "n", as: Int.self)
        let rows = try await database.raw(
            """
            SELECT se.id, dep.name AS department_name, dep.region_code, se.fiscal_year, se.printed_total, se.computed_total, se.grades,
              (SELECT doc.id FROM documents doc WHERE doc.department_id = se.department_id AND doc.fiscal_year = se.fiscal_year) AS targets_id
            \(from)\(filter)
            ORDER BY CASE WHEN se.gap_cents IS NULL THEN 1 ELSE 0 END, se.gap_cents DESC, dep.name, se.id LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
            """
        ).all()
        return Paged(
            items: try rows.map { r in
                SelfEvaluationListing(
                    id: try r.decode(column: "id", as: Int.self), departmentName: try r.decode(column: "department_name", as: String.self),
                    regionCode: try r.decode(column: "region_code", as: String?.self), year: try r.decode(column: "fiscal_year", as: Int.self),
                    printedTotal: try r.decode(column: "printed_total", as: String?.self).flatMap { Decimal(string: $0) },
                    computedTotal: try r.decode(column: "computed_total", as: String?.self).flatMap { Decimal(string: $0) },
                    grades: try r.decode(column: "grades", as: String?.self) ?? "", targetsDocumentID: try r.decode(column: "targets_id", as: Int?.self))
            }, total: total, page: page)
    }

    /// The grades of 自评表 stored before they were kept beside the totals.
    func fillSelfEvaluationGrades() async throws {
        for row in try await database.raw("SELECT id, body FROM self_evaluations WHERE grades IS NULL").all() {
            let document = try DocumentJSON.decode(Data(try row.decode(column: "body", as: String.self).utf8))
            try await database.raw(
                "UPDATE self_evaluations SET grades = \(bind: StoredSelfEvaluation.grades(document)) WHERE id = \(bind: try row.decode(column: "id", as: Int.self))"
            ).run()
        }
    }
}
