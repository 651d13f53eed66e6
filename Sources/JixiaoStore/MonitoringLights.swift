import Foundation
import SQLKit

/// How a document's projects stand at a month: the worst light (its raw name) and how many are
/// red, yellow, green or blue, and not reported.
public struct LightCounts: Sendable, Equatable {
    public var worst: String
    public var red, yellow, green, missing: Int

    public init(worst: String, red: Int, yellow: Int, green: Int, missing: Int) {
        (self.worst, self.red, self.yellow, self.green, self.missing) = (worst, red, yellow, green, missing)
    }
}

/// A unit's line in a region's monitoring overview.
public struct RegionLightRow: Sendable, Equatable {
    public var documentID: Int
    public var departmentName: String
    public var regionCode: String?
    public var fiscalYear: Int?
    public var lights: LightCounts
}

extension Store {
    /// Keeps a document's lights at each month for its `version` (replacing what was kept).
    public func saveLights(documentID: Int, version: Int, _ months: [Int: LightCounts]) async throws {
        try await transaction { db in
            try await db.raw("DELETE FROM monitoring_lights WHERE document_id = \(bind: documentID)").run()
            guard !months.isEmpty else { return }
            let rows: [SQLQueryString] = months.sorted { $0.key < $1.key }.map { month, l in
                "(\(bind: documentID), \(bind: month), \(bind: version), \(bind: l.worst), \(bind: l.red), \(bind: l.yellow), \(bind: l.green), \(bind: l.missing))"
            }
            try await db.raw(
                "INSERT INTO monitoring_lights (document_id, month, version, worst, red, yellow, green, missing) VALUES \(rows.joined(separator: ", "))"
            ).run()
        }
    }

    /// Documents with reported actuals whose lights are missing or were worked out for another version.
    public func documentsWithStaleLights() async throws -> [Int] {
        try await database.raw(
            """
            SELECT DISTINCT doc.id FROM documents doc JOIN actuals a ON a.document_id = doc.id
            WHERE NOT EXISTS (SELECT 1 FROM monitoring_lights l WHERE l.document_id = doc.id AND l.version = doc.current_version)
            ORDER BY doc.id
            """
        ).all().map { try $0.decode(column: "id", as: Int.self) }
    }

    /// The units in the reader's care (their current versions) with their lights at `month`, a page at a
    /// time, by region and name; `worst` keeps those whose worst light is that one. A document with no
    /// lights kept has reported nothing: every project not reported.
    public func regionLights(year: Int?, month: Int, worst: String?, visibility: Visibility, page: Page) async throws -> Paged<RegionLightRow> {
        var filter: SQLQueryString = " WHERE \(visibility.inCare)"
        if let year { filter += " AND doc.fiscal_year = \(bind: year)" }
        if let worst { filter += " AND COALESCE(l.worst, 'none') = \(bind: worst)" }
        let from: SQLQueryString = """
             FROM documents doc JOIN departments dep ON dep.id = doc.department_id
            LEFT JOIN monitoring_lights l ON l.document_id = doc.id AND l.month = \(bind: month) AND l.version = doc.current_version
            """
        let total = try await database.raw("SELECT COUNT(*) AS n\(from)\(filter)").first()!.decode(column: "n", as: Int.self)
        let rows = try await database.raw(
            """
            SELECT doc.id, dep.name, dep.region_code, doc.fiscal_year, COALESCE(l.worst, 'none') AS worst, COALESCE(l.red, 0) AS red,
              COALESCE(l.yellow, 0) AS yellow, COALESCE(l.green, 0) AS green,
              COALESCE(l.missing, (SELECT COUNT(*) FROM document_versions v JOIN projects p ON p.version_id = v.id
                WHERE v.document_id = doc.id AND v.version = doc.current_version)) AS missing
            \(from)\(filter) ORDER BY dep.region_code, dep.name, doc.fiscal_year LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
            """
        ).all()
        return Paged(
            items: try rows.map { r in
                let year = try r.decode(column: "fiscal_year", as: Int.self)
                return RegionLightRow(
                    documentID: try r.decode(column: "id", as: Int.self), departmentName: try r.decode(column: "name", as: String.self),
                    regionCode: try r.decode(column: "region_code", as: String?.self), fiscalYear: year == 0 ? nil : year,
                    lights: LightCounts(
                        worst: try r.decode(column: "worst", as: String.self), red: try r.decode(column: "red", as: Int.self),
                        yellow: try r.decode(column: "yellow", as: Int.self), green: try r.decode(column: "green", as: Int.self),
                        missing: try r.decode(column: "missing", as: Int.self)))
            }, total: total, page: page)
    }
}
