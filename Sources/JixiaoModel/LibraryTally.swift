import Foundation

/// What documents add to the indicator library, as counts that add and subtract: a store keeps its
/// library current by the difference between a document's version before and after an import or
/// an edit, and the library learned from documents at hand counts the same way, so both agree.
public struct LibraryTally: Sendable, Equatable {
    /// How a 三级 is written and where it is placed.
    public struct Spelling: Hashable, Sendable {
        public var key, name, level1, level2: String
    }
    /// Who wrote it in which year (`year` 0 when the document names none).
    public struct UnitYear: Hashable, Sendable {
        public var key, unit: String
        public var year: Int
    }
    /// A number set as its target: `op` and `unit` as written ("" for none), `number` in its plain form.
    public struct Value: Hashable, Sendable {
        public var key, op, unit, number: String
    }
    public struct Basis: Hashable, Sendable {
        public var key, basis: String
    }
    /// Used in a project of this kind (`IndicatorLibrary.projectKind`).
    public struct KindUse: Hashable, Sendable {
        public var kind, key: String
    }

    /// The facts of one indicator row the library counts, its name folded (`key`) and its project's kind.
    public struct Row: Sendable {
        public var key: String
        public var level1, level2, level3: String
        public var basis: String?
        /// The number of a quantitative target, with its operator and unit.
        public var number: Decimal?
        public var op: ComparisonOperator?
        public var unit: String?
        public var projectKind: String

        public init(
            level1: String, level2: String, level3: String, basis: String?, number: Decimal?, op: ComparisonOperator?, unit: String?, projectKind: String
        ) {
            key = IndicatorLibrary.key(level3)
            (self.level1, self.level2, self.level3, self.basis) = (level1, level2, level3, basis)
            (self.number, self.op, self.unit, self.projectKind) = (number, op, unit, projectKind)
        }

        public init(_ i: Indicator, projectKind: String) {
            self.init(
                level1: i.level1, level2: i.level2, level3: i.level3, basis: i.basis,
                number: i.target.kind == .quantitative ? i.target.number : nil, op: i.target.op, unit: i.target.unit, projectKind: projectKind)
        }
    }

    public var spellings: [Spelling: Int] = [:]
    public var unitYears: [UnitYear: Int] = [:]
    public var values: [Value: Int] = [:]
    public var bases: [Basis: Int] = [:]
    public var kinds: [KindUse: Int] = [:]

    public init() {}

    /// A target document's rows (a self-evaluation adds nothing: its targets repeat the year's tables).
    public init(_ document: TargetDocument, unit: String) {
        self.init(document.kind == .targets ? Self.rows(of: document) : [], unit: unit, year: document.fiscalYear ?? 0)
    }

    /// A document's indicator rows in order, as the library sees them.
    public static func rows(of document: TargetDocument) -> [Row] {
        document.projects.flatMap { p in
            let kind = IndicatorLibrary.projectKind(p.name)
            return p.indicators.map { Row($0, projectKind: kind) }
        }
    }

    public init(_ rows: [Row], unit: String, year: Int) {
        for row in rows { add(row, unit: unit, year: year) }
    }

    /// The 三级 names the tally counts, folded.
    public var keys: Set<String> {
        Set(spellings.keys.map(\.key)).union(unitYears.keys.map(\.key)).union(values.keys.map(\.key)).union(bases.keys.map(\.key))
            .union(kinds.keys.map(\.key))
    }

    public var isEmpty: Bool { spellings.isEmpty && unitYears.isEmpty && values.isEmpty && bases.isEmpty && kinds.isEmpty }

    /// Adds `other` `times` times (−1 takes it away); counts that come to nothing are dropped.
    public mutating func add(_ other: LibraryTally, times: Int = 1) {
        func merge<K>(_ mine: inout [K: Int], _ theirs: [K: Int]) {
            for (k, n) in theirs {
                let total = mine[k, default: 0] + n * times
                mine[k] = total == 0 ? nil : total
            }
        }
        merge(&spellings, other.spellings)
        merge(&unitYears, other.unitYears)
        merge(&values, other.values)
        merge(&bases, other.bases)
        merge(&kinds, other.kinds)
    }

    private mutating func add(_ row: Row, unit: String, year: Int) {
        let key = row.key
        guard !key.isEmpty else { return }
        spellings[Spelling(key: key, name: row.level3, level1: row.level1, level2: row.level2), default: 0] += 1
        unitYears[UnitYear(key: key, unit: unit, year: year), default: 0] += 1
        if let number = row.number {
            values[Value(key: key, op: row.op?.rawValue ?? "", unit: row.unit ?? "", number: number.description), default: 0] += 1
        }
        if let basis = row.basis, !basis.isEmpty { bases[Basis(key: key, basis: basis), default: 0] += 1 }
        if !row.projectKind.isEmpty { kinds[KindUse(kind: row.projectKind, key: key), default: 0] += 1 }
    }
}
