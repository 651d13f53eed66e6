import Foundation
import JixiaoModel
import SQLKit

/// Which part of the library to list.
public struct LibraryQuery: Sendable, Equatable {
    /// Part of a 三级 name (folded as names are).
    public var search: String?
    public var level2: String?
    /// A division code or its first digits (13: a province, 1302: a city): units there only.
    public var region: String?
    /// Units' documents of that year only.
    public var year: Int?

    public init(search: String? = nil, level2: String? = nil, region: String? = nil, year: Int? = nil) {
        (self.search, self.level2, self.region, self.year) = (search, level2, region, year)
    }
}

/// One unit's use of an indicator in a year: where, and the targets it set.
public struct LibraryUse: Sendable, Equatable {
    public var documentID: Int
    public var departmentName: String
    public var regionCode: String?
    public var fiscalYear: Int?
    public var projectPosition: Int
    public var projectName: String
    public var indicatorPosition: Int
    public var level3: String
    public var value: String
    public var op: ComparisonOperator?
    public var number: Decimal?
    public var unit: String?
    /// The review's peer-range finding on this row, when it has one.
    public var peerFinding: String?
}

/// An indicator's page: its group, the units that use it each year, and a page of the uses.
public struct LibraryEntry: Sendable {
    public var group: IndicatorLibrary.Group
    public var byYear: [(year: Int, units: Int, uses: Int)]
    public var uses: Paged<LibraryUse>
}

/// The indicator library a store keeps: counts of the current versions' rows (how each 三级 is
/// spelled and placed, which unit used it in which year, the targets' numbers, the bases, the kinds
/// of project) kept current by each save's difference, the groups they add up to, and each
/// spread's percentiles worked out again when first asked for after a change.
extension Store {
    // MARK: Keeping it current

    /// The rows of one stored version, as the library counts them.
    static func libraryRows(versionID: Int, in db: any SQLDatabase) async throws -> [LibraryTally.Row] {
        try await db.raw(
            """
            SELECT p.project_kind, i.level1, i.level2, i.level3, i.basis, i.target_kind, i.target_op, i.target_number, i.target_unit
            FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.version_id = \(bind: versionID)
            """
        ).all().map { r in
            let quantitative = try r.decode(column: "target_kind", as: String.self) == Target.Kind.quantitative.rawValue
            return LibraryTally.Row(
                level1: try r.decode(column: "level1", as: String.self), level2: try r.decode(column: "level2", as: String.self),
                level3: try r.decode(column: "level3", as: String.self), basis: try r.decode(column: "basis", as: String?.self),
                number: quantitative ? try r.decode(column: "target_number", as: String?.self).flatMap { Decimal(string: $0) } : nil,
                op: try r.decode(column: "target_op", as: String?.self).flatMap(ComparisonOperator.init(rawValue:)),
                unit: try r.decode(column: "target_unit", as: String?.self), projectKind: try r.decode(column: "project_kind", as: String?.self) ?? "")
        }
    }

    /// Brings the library from one version of a unit's document of `year` to the next: `change` is the
    /// new version's tally less the old one's. Counts move by the difference in place (so saves side by
    /// side add up); a group's unit count moves when the unit starts or stops using it in any year.
    static func updateLibrary(by change: LibraryTally, departmentID: Int, year: Int, in db: any SQLDatabase) async throws {
        guard !change.isEmpty else { return }
        let keys = change.keys.sorted()
        struct KeyYear: Hashable {
            let key: String, year: Int
        }
        var perKey: [String: Int] = [:], perKeyYear: [KeyYear: Int] = [:]
        for (u, n) in change.unitYears {
            perKey[u.key, default: 0] += n
            perKeyYear[KeyYear(key: u.key, year: u.year), default: 0] += n
        }
        // Each row: its columns' values, the text they sort by, the count to add.
        var spreads: [[String]: Int] = [:]
        for (v, n) in change.values { spreads[[v.key, v.op, v.unit], default: 0] += n }
        try await addCounts(
            [
                CountTable(
                    "library_spellings", ["indicator_key", "name", "level1", "level2"],
                    change.spellings.map { s, n in Counted([s.key, s.name, s.level1, s.level2], n) }),
                CountTable(
                    "library_unit_years", ["indicator_key", "department_id", "fiscal_year"],
                    change.unitYears.map { u, n in Counted([u.key, "\(u.year)"], n, [u.key, departmentID, u.year]) }),
                CountTable(
                    "library_key_years", ["indicator_key", "fiscal_year"], perKeyYear.map { u, n in Counted([u.key, "\(u.year)"], n, [u.key, u.year]) }),
                CountTable(
                    "library_values", ["indicator_key", "op", "unit", "number"], change.values.map { v, n in Counted([v.key, v.op, v.unit, v.number], n) }),
                CountTable("library_spreads", ["indicator_key", "op", "unit"], spreads.map { Counted($0, $1) }, stale: true),
                CountTable("library_bases", ["indicator_key", "basis"], change.bases.map { b, n in Counted([b.key, b.basis], n) }),
                CountTable("library_kinds", ["indicator_key", "project_kind"], change.kinds.map { k, n in Counted([k.key, k.kind], n) }),
            ], in: db)
        try await writeGroups(keys, departmentID: departmentID, change: perKey, in: db)
    }

    /// A row of a table of counts: its columns' values (as text, unless given), the count to add.
    struct Counted {
        let text: [String]
        let values: [any Encodable & Sendable]
        let count: Int

        init(_ text: [String], _ count: Int, _ values: [any Encodable & Sendable]? = nil) {
            (self.text, self.count, self.values) = (text, count, values ?? text)
        }
    }

    /// Counts to add to one table of counts. The first column is the indicator's key. `stale`: a spread
    /// whose numbers moved is to be worked out again.
    struct CountTable {
        let table: String
        let columns: [String]
        /// In key order, so that two saves side by side lock rows in the same order.
        let rows: [Counted]
        let stale: Bool

        init(_ table: String, _ columns: [String], _ rows: [Counted], stale: Bool = false) {
            (self.table, self.columns, self.stale) = (table, columns, stale)
            self.rows = rows.filter { $0.count != 0 }.sorted { $0.text.lexicographicallyPrecedes($1.text) }
        }

        /// The upserts (SQLite), at most 400 rows each, a bind a value.
        var upserts: [SQLQueryString] {
            stride(from: 0, to: rows.count, by: 400).map { chunk in
                let values: [SQLQueryString] = rows[chunk..<min(rows.count, chunk + 400)].map { row in
                    "(\(SQLList(row.values.map { SQLBind($0) })), \(bind: row.count)\(unsafeRaw: stale ? ", 1, 0" : ""))"
                }
                return upsert(from: "VALUES \(values.joined(separator: ", "))")
            }
        }

        /// PostgreSQL's upsert of all the rows at once, a column an array (`unnest`): a few binds whatever the
        /// rows, where a row of binds each made the statement slow to parse. Rows go in key order.
        var arrayUpsert: SQLQueryString? {
            guard let first = rows.first else { return nil }
            var arrays: [SQLQueryString] = columns.indices.map { c in
                first.values[c] is Int
                    ? "\(bind: rows.map { $0.values[c] as? Int ?? 0 })::bigint[]" : "\(bind: rows.map { $0.values[c] as? String ?? "" })::text[]"
            }
            arrays.append("\(bind: rows.map(\.count))::bigint[]")
            let names = columns.joined(separator: ", ")
            return upsert(
                from: """
                    SELECT \(unsafeRaw: names), uses\(unsafeRaw: stale ? ", 1, 0" : "") FROM unnest(\(arrays.joined(separator: ", ")))
                      WITH ORDINALITY AS v(\(unsafeRaw: names), uses, position) ORDER BY position
                    """)
        }

        /// Rows from `source` (the columns, `uses`, and for a spread its generation and whether it is
        /// worked out) added to the counts already there.
        private func upsert(from source: SQLQueryString) -> SQLQueryString {
            let names = columns.joined(separator: ", ")
            let extra = stale ? ", generation, computed" : ""
            let onConflict = stale ? ", generation = \(table).generation + 1" : ""
            return """
                INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names), uses\(unsafeRaw: extra)) \(source)
                ON CONFLICT (\(unsafeRaw: names)) DO UPDATE SET uses = \(unsafeRaw: table).uses + excluded.uses\(unsafeRaw: onConflict)
                """
        }

        /// Removes the rows a subtraction brought to nothing.
        var cleanUp: SQLQueryString? {
            let dropped = Set(rows.filter { $0.count < 0 }.map { $0.text[0] })
            guard !dropped.isEmpty else { return nil }
            return "DELETE FROM \(unsafeRaw: table) WHERE uses <= 0 AND \(unsafeRaw: columns[0]) IN (\(SQLList(dropped.sorted().map { SQLBind($0) })))"
        }
    }

    /// Adds the counts and drops the rows that came to nothing. PostgreSQL takes all the upserts in one
    /// statement (each a data-modifying WITH over its arrays), SQLite one by one: round trips are what a
    /// save waits on.
    private static func addCounts(_ tables: [CountTable], in db: any SQLDatabase) async throws {
        if db.dialect.name == "postgresql" {
            let steps: [SQLQueryString] = tables.compactMap(\.arrayUpsert).enumerated().map { k, upsert in
                "u\(unsafeRaw: String(k)) AS (\(upsert) RETURNING 1)"
            }
            if !steps.isEmpty { try await db.raw("WITH \(steps.joined(separator: ", ")) SELECT 1").run() }
        } else {
            for upsert in tables.flatMap(\.upserts) { try await db.raw(upsert).run() }
        }
        for cleanUp in tables.compactMap(\.cleanUp) { try await db.raw(cleanUp).run() }
    }

    /// Writes the groups of `keys` again from their counts, read in one query: name and place by use,
    /// the years, the rows. Kept current (`change` given, the unit's rows by key just added): a group's
    /// unit count moves by one where the unit `departmentID` started or stopped using it in any year, so
    /// saves side by side each add theirs. Built anew (`change` nil): the units are counted.
    private static func writeGroups(_ keys: [String], departmentID: Int? = nil, change: [String: Int]? = nil, in db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: keys.count, by: 400) {
            let keys = Array(keys[chunk..<min(keys.count, chunk + 400)])
            let list = SQLList(keys.map { SQLBind($0) })
            let units: SQLQueryString =
                if let departmentID, change != nil {
                    "SELECT 'unit' AS part, indicator_key, '' AS a, '' AS b, '' AS c, SUM(uses) AS n FROM library_unit_years WHERE department_id = \(bind: departmentID) AND indicator_key IN (\(list)) GROUP BY indicator_key"
                } else {
                    "SELECT 'unit' AS part, indicator_key, '' AS a, '' AS b, '' AS c, COUNT(DISTINCT department_id) AS n FROM library_unit_years WHERE indicator_key IN (\(list)) GROUP BY indicator_key"
                }
            var spellings: [String: [(name: String, level1: String, level2: String, uses: Int)]] = [:]
            var years: [String: [Int]] = [:], counted: [String: Int] = [:]
            for r in try await db.raw(
                """
                \(units)
                UNION ALL SELECT 'spelling', indicator_key, name, level1, level2, uses FROM library_spellings WHERE indicator_key IN (\(list))
                UNION ALL SELECT 'year', indicator_key, '', '', '', fiscal_year FROM library_key_years WHERE indicator_key IN (\(list)) AND fiscal_year > 0
                """
            ).all() {
                let key = try r.decode(column: "indicator_key", as: String.self), n = try r.decode(column: "n", as: Int.self)
                switch try r.decode(column: "part", as: String.self) {
                case "spelling":
                    spellings[key, default: []].append(
                        (try r.decode(column: "a", as: String.self), try r.decode(column: "b", as: String.self), try r.decode(column: "c", as: String.self), n))
                case "year": years[key, default: []].append(n)
                default: counted[key] = n
                }
            }
            // The unit's rows of a key now, less those just added: whether it used the key before.
            let unitChange = change.map { change in
                Dictionary(
                    uniqueKeysWithValues: keys.map { key in
                        let now = counted[key] ?? 0, was = now - (change[key] ?? 0)
                        return (key, (now > 0 ? 1 : 0) - (was > 0 ? 1 : 0))
                    })
            }
            let gone = keys.filter { spellings[$0] == nil }
            if !gone.isEmpty {
                try await db.raw("DELETE FROM library_groups WHERE indicator_key IN (\(SQLList(gone.map { SQLBind($0) })))").run()
            }
            let rows: [SQLQueryString] = keys.compactMap { key in
                guard let spelled = spellings[key] else { return nil }
                let g = IndicatorLibrary.Group(key: key, spellings: spelled, units: counted[key] ?? 0, years: years[key] ?? [], values: [], bases: [])
                return
                    "(\(bind: key), \(bind: g.name), \(bind: g.level1), \(bind: g.level2), \(bind: g.uses), \(bind: unitChange?[key] ?? g.units), \(bind: g.years.map(String.init).joined(separator: ",")))"
            }
            guard !rows.isEmpty else { continue }
            // A new group starts from the change; an existing one moves by it.
            let unitsUpdate: SQLQueryString = unitChange == nil ? "excluded.units" : "library_groups.units + excluded.units"
            try await db.raw(
                """
                INSERT INTO library_groups (indicator_key, name, level1, level2, uses, units, years) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (indicator_key) DO UPDATE SET name = excluded.name, level1 = excluded.level1, level2 = excluded.level2,
                  uses = excluded.uses, units = \(unitsUpdate), years = excluded.years
                """
            ).run()
        }
    }

    /// Builds the library anew from every document's current version; returns the groups. Rows
    /// stored before the library get their keys first.
    @discardableResult
    public func rebuildLibrary() async throws -> Int {
        try await transaction { db in
            for (table, column, fold) in [
                ("indicators", "level3", IndicatorLibrary.key), ("projects", "name", IndicatorLibrary.projectKind),
            ] as [(String, String, @Sendable (String) -> String)] {
                let target = table == "indicators" ? "level3_key" : "project_kind"
                let names = try await db.raw(
                    "SELECT DISTINCT \(unsafeRaw: column) AS name FROM \(unsafeRaw: table) WHERE \(unsafeRaw: target) IS NULL"
                ).all().map { try $0.decode(column: "name", as: String.self) }
                for chunk in stride(from: 0, to: names.count, by: 400) {
                    let pairs: [SQLQueryString] = names[chunk..<min(names.count, chunk + 400)].map { "WHEN \(bind: $0) THEN \(bind: fold($0))" }
                    try await db.raw(
                        """
                        UPDATE \(unsafeRaw: table) SET \(unsafeRaw: target) = CASE \(unsafeRaw: column) \(pairs.joined(separator: " ")) END
                        WHERE \(unsafeRaw: target) IS NULL AND \(unsafeRaw: column) IN (\(SQLList(names[chunk..<min(names.count, chunk + 400)].map { SQLBind($0) })))
                        """
                    ).run()
                }
            }
            for table in Self.libraryTables { try await db.raw("DELETE FROM \(unsafeRaw: table)").run() }
            let current: SQLQueryString = """
                FROM indicators i JOIN projects p ON p.id = i.project_id JOIN document_versions v ON v.id = p.version_id
                JOIN documents doc ON doc.id = v.document_id AND v.version = doc.current_version WHERE i.level3_key <> ''
                """
            try await db.raw(
                "INSERT INTO library_spellings (indicator_key, name, level1, level2, uses) SELECT i.level3_key, i.level3, i.level1, i.level2, COUNT(*) \(current) GROUP BY i.level3_key, i.level3, i.level1, i.level2"
            ).run()
            try await db.raw(
                "INSERT INTO library_unit_years (indicator_key, department_id, fiscal_year, uses) SELECT i.level3_key, doc.department_id, doc.fiscal_year, COUNT(*) \(current) GROUP BY i.level3_key, doc.department_id, doc.fiscal_year"
            ).run()
            try await db.raw(
                "INSERT INTO library_key_years (indicator_key, fiscal_year, uses) SELECT indicator_key, fiscal_year, SUM(uses) FROM library_unit_years GROUP BY indicator_key, fiscal_year"
            ).run()
            try await db.raw(
                """
                INSERT INTO library_values (indicator_key, op, unit, number, uses)
                SELECT i.level3_key, COALESCE(i.target_op, ''), COALESCE(i.target_unit, ''), i.target_number, COUNT(*) \(current)
                  AND i.target_kind = 'quantitative' AND i.target_number IS NOT NULL
                GROUP BY i.level3_key, COALESCE(i.target_op, ''), COALESCE(i.target_unit, ''), i.target_number
                """
            ).run()
            try await db.raw(
                "INSERT INTO library_spreads (indicator_key, op, unit, uses, generation, computed) SELECT indicator_key, op, unit, SUM(uses), 1, 0 FROM library_values GROUP BY indicator_key, op, unit"
            ).run()
            try await db.raw(
                "INSERT INTO library_bases (indicator_key, basis, uses) SELECT i.level3_key, i.basis, COUNT(*) \(current) AND i.basis IS NOT NULL AND i.basis <> '' GROUP BY i.level3_key, i.basis"
            ).run()
            try await db.raw(
                "INSERT INTO library_kinds (project_kind, indicator_key, uses) SELECT p.project_kind, i.level3_key, COUNT(*) \(current) AND p.project_kind <> '' GROUP BY p.project_kind, i.level3_key"
            ).run()
            let keys = try await db.raw("SELECT DISTINCT indicator_key FROM library_spellings ORDER BY indicator_key").all().map {
                try $0.decode(column: "indicator_key", as: String.self)
            }
            try await Self.writeGroups(keys, in: db)
            _ = try await Self.computeSpreads(stale: nil, in: db)
            return keys.count
        }
    }

    static let libraryTables = [
        "library_groups", "library_spellings", "library_unit_years", "library_key_years", "library_values", "library_spreads", "library_bases",
        "library_kinds",
    ]

    /// Works out the percentiles of stale spreads (all of them when `stale` is nil) from their numbers. A
    /// spread that moved again meanwhile keeps its mark: the next reader works it out.
    private static func computeSpreads(
        stale: [(key: String, op: String, unit: String, generation: Int)]?, in db: any SQLDatabase
    ) async throws
        -> [String: [IndicatorLibrary.TargetSpread]]
    {
        var filter: SQLQueryString = ""
        if let stale {
            guard !stale.isEmpty else { return [:] }
            filter = " WHERE indicator_key IN (\(SQLList(Set(stale.map(\.key)).sorted().map { SQLBind($0) })))"
        }
        var histograms: [[String]: [(Decimal, Int)]] = [:]
        for r in try await db.raw("SELECT indicator_key, op, unit, number, uses FROM library_values\(filter)").all() {
            guard let number = Decimal(string: try r.decode(column: "number", as: String.self)) else { continue }
            let spread = [
                try r.decode(column: "indicator_key", as: String.self), try r.decode(column: "op", as: String.self),
                try r.decode(column: "unit", as: String.self),
            ]
            histograms[spread, default: []].append((number, try r.decode(column: "uses", as: Int.self)))
        }
        let wanted = stale ?? histograms.keys.map { ($0[0], $0[1], $0[2], 1) }
        var computed: [String: [IndicatorLibrary.TargetSpread]] = [:]
        for s in wanted {
            guard let histogram = histograms[[s.key, s.op, s.unit]] else { continue }
            let spread = IndicatorLibrary.TargetSpread(op: ComparisonOperator(rawValue: s.op), unit: s.unit, histogram: histogram)
            computed[s.key, default: []].append(spread)
            let bins = binsText(IndicatorLibrary.Distribution(numbers: histogram.map { ($0.0, $0.1) }))
            try await db.raw(
                """
                UPDATE library_spreads SET median = \(bind: spread.median.description), p10 = \(bind: spread.p10.description), p90 = \(bind: spread.p90.description),
                  bins = \(bind: bins), computed = generation
                WHERE indicator_key = \(bind: s.key) AND op = \(bind: s.op) AND unit = \(bind: s.unit) AND generation = \(bind: s.generation)
                """
            ).run()
        }
        return computed
    }

    // MARK: Reading

    /// The spreads of `keys`, worked out again where they moved.
    private func spreads(_ keys: [String]) async throws -> [String: [IndicatorLibrary.TargetSpread]] {
        guard !keys.isEmpty else { return [:] }
        var spreads: [String: [IndicatorLibrary.TargetSpread]] = [:]
        var stale: [(key: String, op: String, unit: String, generation: Int)] = []
        for r in try await database.raw(
            "SELECT indicator_key, op, unit, uses, median, p10, p90, generation, computed FROM library_spreads WHERE indicator_key IN (\(SQLList(keys.map { SQLBind($0) })))"
        ).all() {
            let key = try r.decode(column: "indicator_key", as: String.self), op = try r.decode(column: "op", as: String.self)
            let unit = try r.decode(column: "unit", as: String.self), generation = try r.decode(column: "generation", as: Int.self)
            guard generation == (try r.decode(column: "computed", as: Int.self)),
                let median = try r.decode(column: "median", as: String?.self).flatMap({ Decimal(string: $0) }),
                let p10 = try r.decode(column: "p10", as: String?.self).flatMap({ Decimal(string: $0) }),
                let p90 = try r.decode(column: "p90", as: String?.self).flatMap({ Decimal(string: $0) })
            else {
                stale.append((key, op, unit, generation))
                continue
            }
            spreads[key, default: []].append(
                .init(op: ComparisonOperator(rawValue: op), unit: unit, count: try r.decode(column: "uses", as: Int.self), median: median, p10: p10, p90: p90))
        }
        if !stale.isEmpty {
            for (key, computed) in try await Self.computeSpreads(stale: stale, in: database) { spreads[key, default: []] += computed }
        }
        return spreads.mapValues { $0.sorted { ($0.count, $1.unit, $1.op?.rawValue ?? "") > ($1.count, $0.unit, $0.op?.rawValue ?? "") } }
    }

    /// The groups of `keys` as stored, with their spreads (and, with `bases`, the three bases cited most).
    private func groups(_ rows: [any SQLRow], bases withBases: Bool = false) async throws -> [IndicatorLibrary.Group] {
        let keys = try rows.map { try $0.decode(column: "indicator_key", as: String.self) }
        let spreads = try await spreads(keys)
        var bases: [String: [String]] = [:]
        if withBases, !keys.isEmpty {
            for r in try await database.raw(
                "SELECT indicator_key, basis FROM library_bases WHERE indicator_key IN (\(SQLList(keys.map { SQLBind($0) }))) ORDER BY uses DESC, basis"
            ).all() {
                let key = try r.decode(column: "indicator_key", as: String.self)
                if bases[key, default: []].count < 3 { bases[key, default: []].append(try r.decode(column: "basis", as: String.self)) }
            }
        }
        return try rows.map { r in
            let key = try r.decode(column: "indicator_key", as: String.self)
            return IndicatorLibrary.Group(
                key: key, name: try r.decode(column: "name", as: String.self), level1: try r.decode(column: "level1", as: String.self),
                level2: try r.decode(column: "level2", as: String.self), units: try r.decode(column: "units", as: Int.self),
                years: try r.decode(column: "years", as: String.self).split(separator: ",").compactMap { Int($0) },
                uses: try r.decode(column: "uses", as: Int.self), targets: spreads[key] ?? [], bases: bases[key] ?? [])
        }
    }

    /// A page of the library: most units first. Filtered by region or year, units and uses are counted
    /// there (the targets' spread stays the whole library's).
    public func library(_ query: LibraryQuery = LibraryQuery(), page: Page = Page(), bases: Bool = false) async throws -> Paged<IndicatorLibrary.Group> {
        var filter: SQLQueryString = " WHERE 1 = 1"
        if let search = query.search.map(IndicatorLibrary.key), !search.isEmpty {
            filter += " AND g.indicator_key LIKE \(bind: Self.containing(search)) ESCAPE '!'"
        }
        if let level2 = query.level2, !level2.isEmpty { filter += " AND g.level2 = \(bind: level2)" }
        let total: Int
        let rows: [any SQLRow]
        if query.region == nil && query.year == nil {
            total = try await database.raw("SELECT COUNT(*) AS n FROM library_groups g\(filter)").first()!.decode(column: "n", as: Int.self)
            rows = try await database.raw(
                "SELECT g.* FROM library_groups g\(filter) ORDER BY g.units DESC, g.indicator_key LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)"
            ).all()
        } else {
            var within: SQLQueryString = ""
            if let region = query.region { within += " AND dep.region_code LIKE \(bind: region + "%")" }
            if let year = query.year { within += " AND u.fiscal_year = \(bind: year)" }
            let counted: SQLQueryString = """
                (SELECT u.indicator_key, COUNT(DISTINCT u.department_id) AS units, SUM(u.uses) AS uses FROM library_unit_years u
                  JOIN departments dep ON dep.id = u.department_id WHERE 1 = 1\(within) GROUP BY u.indicator_key) c
                """
            total = try await database.raw(
                "SELECT COUNT(*) AS n FROM \(counted) JOIN library_groups g ON g.indicator_key = c.indicator_key\(filter)"
            ).first()!.decode(column: "n", as: Int.self)
            rows = try await database.raw(
                """
                SELECT g.indicator_key, g.name, g.level1, g.level2, g.years, c.units, c.uses FROM \(counted)
                JOIN library_groups g ON g.indicator_key = c.indicator_key\(filter)
                ORDER BY c.units DESC, g.indicator_key LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
                """
            ).all()
        }
        return Paged(items: try await groups(rows, bases: bases), total: total, page: page)
    }

    /// The groups of these 三级 names (folded), with their spreads: the peers a review compares with.
    public func library(names: [String]) async throws -> IndicatorLibrary {
        let keys = Set(names.map(IndicatorLibrary.key)).filter { !$0.isEmpty }.sorted()
        var found: [IndicatorLibrary.Group] = []
        for chunk in stride(from: 0, to: keys.count, by: 400) {
            let list = SQLList(keys[chunk..<min(keys.count, chunk + 400)].map { SQLBind($0) })
            found += try await groups(try await database.raw("SELECT * FROM library_groups WHERE indicator_key IN (\(list))").all())
        }
        return IndicatorLibrary(groups: found.sorted(by: IndicatorLibrary.order))
    }

    /// One indicator: its group with the bases cited, units and uses by year, and a page of its uses
    /// (unit by unit) in the current versions of the units in the reader's care.
    public func libraryEntry(key: String, page: Page = Page(), visibility: Visibility = .everything) async throws -> LibraryEntry? {
        guard let row = try await database.raw("SELECT * FROM library_groups WHERE indicator_key = \(bind: key)").first() else { return nil }
        let group = try await groups([row], bases: true)[0]
        let byYear = try await database.raw(
            "SELECT fiscal_year, COUNT(*) AS units, SUM(uses) AS uses FROM library_unit_years WHERE indicator_key = \(bind: key) GROUP BY fiscal_year ORDER BY fiscal_year"
        ).all().map { r in
            (try r.decode(column: "fiscal_year", as: Int.self), try r.decode(column: "units", as: Int.self), try r.decode(column: "uses", as: Int.self))
        }
        let inCare: SQLQueryString =
            " FROM library_unit_years u JOIN departments dep ON dep.id = u.department_id WHERE u.indicator_key = \(bind: key) AND \(visibility.inCare)"
        let total = try await database.raw("SELECT COUNT(*) AS n\(inCare)").first()!.decode(column: "n", as: Int.self)
        let unitYears = try await database.raw(
            "SELECT u.department_id, u.fiscal_year\(inCare) ORDER BY u.department_id, u.fiscal_year LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)"
        ).all().map { (try $0.decode(column: "department_id", as: Int.self), try $0.decode(column: "fiscal_year", as: Int.self)) }
        var uses: [LibraryUse] = []
        if !unitYears.isEmpty {
            let pairs = SQLList(
                unitYears.map { "(doc.department_id = \(bind: $0.0) AND doc.fiscal_year = \(bind: $0.1))" as SQLQueryString }, separator: SQLRaw(" OR "))
            uses = try await database.raw(
                """
                SELECT doc.id, dep.name AS department_name, dep.region_code, doc.fiscal_year, p.position AS project_position, p.name AS project_name,
                  i.position AS indicator_position, i.level3, i.value, i.target_kind, i.target_op, i.target_number, i.target_unit, f.message AS peer_finding
                FROM documents doc JOIN departments dep ON dep.id = doc.department_id
                JOIN document_versions v ON v.document_id = doc.id AND v.version = doc.current_version
                JOIN projects p ON p.version_id = v.id JOIN indicators i ON i.project_id = p.id
                LEFT JOIN findings f ON f.version_id = v.id AND f.project_position = p.position AND f.indicator_position = i.position AND f.rule = 'peer-range'
                WHERE (\(pairs)) AND i.level3_key = \(bind: key)
                ORDER BY doc.department_id, doc.fiscal_year, p.position, i.position
                """
            ).all().map { r in
                let year = try r.decode(column: "fiscal_year", as: Int.self)
                let quantitative = try r.decode(column: "target_kind", as: String.self) == Target.Kind.quantitative.rawValue
                return LibraryUse(
                    documentID: try r.decode(column: "id", as: Int.self), departmentName: try r.decode(column: "department_name", as: String.self),
                    regionCode: try r.decode(column: "region_code", as: String?.self), fiscalYear: year == 0 ? nil : year,
                    projectPosition: try r.decode(column: "project_position", as: Int.self), projectName: try r.decode(column: "project_name", as: String.self),
                    indicatorPosition: try r.decode(column: "indicator_position", as: Int.self), level3: try r.decode(column: "level3", as: String.self),
                    value: try r.decode(column: "value", as: String.self),
                    op: try r.decode(column: "target_op", as: String?.self).flatMap(ComparisonOperator.init(rawValue:)),
                    number: quantitative ? try r.decode(column: "target_number", as: String?.self).flatMap { Decimal(string: $0) } : nil,
                    unit: try r.decode(column: "target_unit", as: String?.self), peerFinding: try r.decode(column: "peer_finding", as: String?.self))
            }
        }
        return LibraryEntry(group: group, byYear: byYear, uses: Paged(items: uses, total: total, page: page))
    }

    /// How often each number is set as a target for an indicator with `op` and `unit`, as the bars of its
    /// chart: worked out with the spread's percentiles when its numbers last moved, and kept with them.
    public func libraryDistribution(key: String, op: ComparisonOperator?, unit: String) async throws -> IndicatorLibrary.Distribution? {
        let query: SQLQueryString =
            "SELECT bins FROM library_spreads WHERE indicator_key = \(bind: key) AND op = \(bind: op?.rawValue ?? "") AND unit = \(bind: unit) AND computed = generation"
        if let bins = try await database.raw(query).first()?.decode(column: "bins", as: String?.self) { return Self.distribution(bins) }
        _ = try await spreads([key])
        return try await database.raw(query).first()?.decode(column: "bins", as: String?.self).flatMap(Self.distribution)
    }

    /// A distribution as kept: `exact` or `ranges`, then `low high uses` a bar, each on its line.
    private static func binsText(_ d: IndicatorLibrary.Distribution) -> String {
        ([d.exact ? "exact" : "ranges"] + d.bins.map { "\($0.low) \($0.high) \($0.uses)" }).joined(separator: "\n")
    }

    private static func distribution(_ text: String) -> IndicatorLibrary.Distribution? {
        let lines = text.split(separator: "\n")
        guard let kind = lines.first else { return nil }
        let bins = lines.dropFirst().compactMap { line -> IndicatorLibrary.Distribution.Bin? in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let low = Decimal(string: String(parts[0])), let high = Decimal(string: String(parts[1])), let uses = Int(parts[2])
            else { return nil }
            return IndicatorLibrary.Distribution.Bin(low: low, high: high, uses: uses)
        }
        return IndicatorLibrary.Distribution(bins: bins, exact: kind == "exact")
    }

    /// What projects of this kind use most under a 二级 (most rows first), with their spreads; the
    /// whole library's most used under that 二级 when projects of the kind have none.
    public func suggestions(projectName: String, level2: String, limit: Int = 5) async throws -> [IndicatorLibrary.Group] {
        let kind = IndicatorLibrary.projectKind(projectName)
        let rows = try await database.raw(
            """
            SELECT g.* FROM library_kinds k JOIN library_groups g ON g.indicator_key = k.indicator_key
            WHERE k.project_kind = \(bind: kind) AND g.level2 = \(bind: level2) ORDER BY k.uses DESC, g.indicator_key LIMIT \(bind: limit)
            """
        ).all()
        if !rows.isEmpty { return try await groups(rows) }
        return try await library(LibraryQuery(level2: level2), page: Page(limit: limit)).items
    }
}
