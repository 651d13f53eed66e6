import Foundation

/// The indicator library learned from what units actually wrote: 三级 names folded to one spelling and
/// grouped, each group with where it sits (一级/二级), who uses it, and the targets people set for it —
/// the median and the 10th and 90th percentiles of the number, per operator and unit of measure.
public struct IndicatorLibrary: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        /// The folded name every spelling in the group shares.
        public var key: String
        /// The spelling used most.
        public var name: String
        public var level1: String
        public var level2: String
        /// Distinct units (by code, else by name) and the years they wrote it in.
        public var units: Int
        public var years: [Int]
        /// Rows that use it.
        public var uses: Int
        /// The targets, per operator and unit as written, most used first.
        public var targets: [TargetSpread]
        /// The bases (指标值确定依据) people cite, most cited first, at most three.
        public var bases: [String]
        /// Projects that use it, at most three.
        public var examples: [Example]
    }

    public struct TargetSpread: Sendable, Equatable {
        public var op: ComparisonOperator?
        public var unit: String
        public var count: Int
        public var median: Decimal
        public var p10: Decimal
        public var p90: Decimal

        public init(op: ComparisonOperator?, unit: String, count: Int, median: Decimal, p10: Decimal, p90: Decimal) {
            (self.op, self.unit, self.count, self.median, self.p10, self.p90) = (op, unit, count, median, p10, p90)
        }
    }

    public struct Example: Sendable, Equatable {
        public var unit: String
        public var year: Int?
        public var project: String
    }

    /// Most units first, then by name.
    public var groups: [Group]

    /// The library of the target tables among `documents` (self-evaluations are left out: their targets
    /// repeat the year's tables).
    public init(_ documents: [TargetDocument]) {
        struct Use {
            var name: String, level1: String, level2: String, unit: String, year: Int?, project: String
            var target: Target, basis: String?
        }
        var byKey: [String: [Use]] = [:]
        for d in documents where d.kind == .targets {
            let unit = d.department.code ?? d.department.name
            for p in d.projects {
                for i in p.indicators {
                    let key = Self.key(i.level3)
                    guard !key.isEmpty else { continue }
                    byKey[key, default: []].append(
                        Use(
                            name: i.level3.trimmingCharacters(in: .whitespaces), level1: i.level1, level2: i.level2, unit: unit, year: d.fiscalYear,
                            project: p.name, target: i.target, basis: i.basis))
                }
            }
        }
        groups = byKey.map { key, uses in
            var spreads: [String: (op: ComparisonOperator?, unit: String, numbers: [Decimal])] = [:]
            for u in uses where u.target.kind == .quantitative {
                guard let number = u.target.number else { continue }
                let unit = u.target.unit ?? ""
                spreads["\(u.target.op?.rawValue ?? "")|\(unit)", default: (u.target.op, unit, [])].numbers.append(number)
            }
            let targets = spreads.values.map { s in
                let sorted = s.numbers.sorted()
                return TargetSpread(
                    op: s.op, unit: s.unit, count: sorted.count, median: Self.percentile(sorted, 50), p10: Self.percentile(sorted, 10),
                    p90: Self.percentile(sorted, 90))
            }.sorted { ($0.count, $1.unit) > ($1.count, $0.unit) }
            var examples: [Example] = []
            for u in uses where !examples.contains(where: { $0.unit == u.unit && $0.project == u.project }) && examples.count < 3 {
                examples.append(Example(unit: u.unit, year: u.year, project: u.project))
            }
            return Group(
                key: key, name: Self.mostUsed(uses.map(\.name)), level1: Self.mostUsed(uses.map(\.level1)), level2: Self.mostUsed(uses.map(\.level2)),
                units: Set(uses.map(\.unit)).count, years: Set(uses.compactMap(\.year)).sorted(), uses: uses.count, targets: targets,
                bases: Array(Self.byUse(uses.compactMap { $0.basis?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }).prefix(3)),
                examples: examples)
        }.sorted { ($0.units, $1.name) > ($1.units, $0.name) }
    }

    /// The groups whose names contain `text` (folded as names are), under a 二级 when one is given.
    public func search(_ text: String? = nil, level2: String? = nil) -> [Group] {
        let needle = text.map(Self.key) ?? ""
        return groups.filter { g in (needle.isEmpty || g.key.includes(needle)) && (level2 == nil || g.level2 == level2) }
    }

    /// A 三级 name folded so that spellings of one indicator meet: full-width letters and digits made
    /// half-width; numbering (`1.`, `（2）`, `③`, `一、`), template marks (`★`, `指标1：`) and a trailing
    /// unit in brackets (`（%）`, `(万元)`) dropped; spaces and punctuation dropped; 满意率 read as 满意度.
    public static func key(_ name: String) -> String {
        var scalars = Array(name.unicodeScalars.map(halfWidth))
        func drop(_ count: Int) { scalars.removeFirst(min(count, scalars.count)) }
        func skipSpaces() { while let f = scalars.first, f.properties.isWhitespace { drop(1) } }
        // Leading marks and numbering, as many as there are (`★1.`, `指标2：(1)`).
        var changed = true
        while changed {
            changed = false
            skipSpaces()
            guard let first = scalars.first else { break }
            if marks.contains(first) || ("\u{2460}"..."\u{2473}").contains(first) {
                drop(1)
                changed = true
                continue
            }
            if scalars.starts(with: "指标".unicodeScalars) {
                var k = 2
                while k < scalars.count, isDigit(scalars[k]) { k += 1 }
                if k > 2, k < scalars.count, ":".unicodeScalars.first == scalars[k] {
                    drop(k + 1)
                    changed = true
                    continue
                }
            }
            if first == "(" {
                var k = 1
                while k < scalars.count, isDigit(scalars[k]) || chineseNumerals.contains(scalars[k]) { k += 1 }
                if k > 1, k < scalars.count, scalars[k] == ")" {
                    drop(k + 1)
                    changed = true
                    continue
                }
            }
            var k = 0
            while k < scalars.count, isDigit(scalars[k]) || chineseNumerals.contains(scalars[k]) { k += 1 }
            if k > 0, k < scalars.count, numberEnds.contains(scalars[k]), k < 4 {
                drop(k + 1)
                changed = true
            }
        }
        // A unit in brackets at the end: a few characters, no digits of a value.
        if scalars.last == ")", let open = scalars.lastIndex(of: "("), scalars.count - open <= 6, open > 0 {
            scalars.removeSubrange(open...)
        }
        var folded = String(String.UnicodeScalarView(scalars.filter { !$0.properties.isWhitespace && !punctuation.contains($0) })).lowercased()
        if folded.hasSuffix("满意率") { folded = String(folded.dropLast(3)) + "满意度" }
        return folded
    }

    /// The p-th percentile (0–100) of sorted numbers, interpolated between the two nearest ranks.
    public static func percentile(_ sorted: [Decimal], _ p: Decimal) -> Decimal {
        guard let first = sorted.first else { return 0 }
        guard sorted.count > 1 else { return first }
        let rank = p / 100 * Decimal(sorted.count - 1)
        var below = rank
        var truncated = Decimal()
        NSDecimalRound(&truncated, &below, 0, .down)
        let low = NSDecimalNumber(decimal: truncated).intValue
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - truncated)
    }

    private static func mostUsed(_ values: [String]) -> String { byUse(values).first ?? "" }

    /// Distinct values, the most frequent first (ties in first-seen order).
    private static func byUse(_ values: [String]) -> [String] {
        var counts: [String: Int] = [:], order: [String] = []
        for v in values {
            if counts[v] == nil { order.append(v) }
            counts[v, default: 0] += 1
        }
        return order.enumerated().sorted { (counts[$0.element]!, -$0.offset) > (counts[$1.element]!, -$1.offset) }.map(\.element)
    }

    private static func halfWidth(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if (0xFF01...0xFF5E).contains(s.value) { return Unicode.Scalar(s.value - 0xFEE0)! }
        if s.value == 0x3000 { return " " }
        return s
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

    private static let marks: Set<Unicode.Scalar> = ["★", "☆", "*", "◆", "◇", "●", "○", "▲", "△", "■", "□", "※", "√", "-", "·", "•"]
    private static let chineseNumerals: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    /// What may end a leading number: `1.`, `1、`, `1)`, `一、`, `1:`.
    private static let numberEnds: Set<Unicode.Scalar> = [".", "、", ")", ":", "．", "。"]
    private static let punctuation: Set<Unicode.Scalar> = [
        ",", "，", ".", "。", "、", ";", "；", ":", "：", "\"", "“", "”", "'", "‘", "’", "!", "?", "-", "—", "_", "·", "/", "\\", "(", ")",
        "【", "】", "[", "]", "《", "》", "<", ">", "「", "」",
    ]
}
