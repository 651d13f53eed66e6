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
        /// Projects that use it, at most three (known when the library is learned from documents at hand).
        public var examples: [Example]

        public init(
            key: String, name: String, level1: String, level2: String, units: Int, years: [Int], uses: Int, targets: [TargetSpread], bases: [String],
            examples: [Example] = []
        ) {
            (self.key, self.name, self.level1, self.level2, self.units, self.years) = (key, name, level1, level2, units, years)
            (self.uses, self.targets, self.bases, self.examples) = (uses, targets, bases, examples)
        }

        /// A group from its counts: how it is spelled and placed, the targets' numbers with how often
        /// each is written, the bases with how often each is cited. The name and the place are the ones
        /// used most (ties: the first in text order), so that every way of counting agrees.
        public init(
            key: String, spellings: [(name: String, level1: String, level2: String, uses: Int)], units: Int, years: [Int],
            values: [(op: String, unit: String, number: Decimal, uses: Int)], bases: [(basis: String, uses: Int)], examples: [Example] = []
        ) {
            self.key = key
            // Among spellings used as often, the one with the least around the name (numbering, ★, a unit).
            name = Self.mostUsed(spellings.map { ($0.name, $0.uses) }) { $0.unicodeScalars.count - key.unicodeScalars.count }.first ?? key
            let place = Self.mostUsed(spellings.map { ($0.level1 + "\u{1}" + $0.level2, $0.uses) }).first?.split(
                separator: "\u{1}", omittingEmptySubsequences: false)
            level1 = place.map { String($0[0]) } ?? ""
            level2 = place.map { String($0[1]) } ?? ""
            self.units = units
            self.years = years.sorted()
            uses = spellings.reduce(0) { $0 + $1.uses }
            var histograms: [String: (op: String, unit: String, values: [(Decimal, Int)])] = [:]
            for v in values { histograms[v.op + "\u{1}" + v.unit, default: (v.op, v.unit, [])].values.append((v.number, v.uses)) }
            targets = histograms.values.map { TargetSpread(op: ComparisonOperator(rawValue: $0.op), unit: $0.unit, histogram: $0.values) }
                .sorted { ($0.count, $1.unit, $1.op?.rawValue ?? "") > ($1.count, $0.unit, $0.op?.rawValue ?? "") }
            self.bases = Array(Self.mostUsed(bases.map { ($0.basis, $0.uses) }).prefix(3))
            self.examples = examples
        }

        /// The years it is used in: `2025`, `2023–2025`, or nothing.
        public var yearSpan: String {
            guard let first = years.first, let last = years.last else { return "" }
            return first == last ? "\(first)" : "\(first)–\(last)"
        }

        /// The spread of the targets written with `op` in `unit`, when there is one.
        public func spread(_ op: ComparisonOperator?, unit: String?) -> TargetSpread? {
            targets.first { $0.op == op && $0.unit == (unit ?? "") }
        }

        /// Distinct values, the most used first (ties: the least `noise`, then in text order).
        static func mostUsed(_ counted: [(String, Int)], noise: (String) -> Int = { _ in 0 }) -> [String] {
            var totals: [String: Int] = [:]
            for (value, n) in counted { totals[value, default: 0] += n }
            return totals.map { ($0.key, $0.value, noise($0.key)) }.sorted { ($0.1, $1.2, $1.0) > ($1.1, $0.2, $0.0) }.map(\.0)
        }
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

        /// A number of this spread written as a target is: `≥95%`, `≤1.5万元`.
        public func figure(_ number: Decimal) -> String { "\(op?.rawValue ?? "")\(number.written(decimals: 0, upTo: 2))\(unit)" }

        /// The spread of numbers given with how often each is written.
        public init(op: ComparisonOperator?, unit: String, histogram: [(Decimal, Int)]) {
            let sorted = histogram.filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
            self.init(
                op: op, unit: unit, count: sorted.reduce(0) { $0 + $1.1 }, median: IndicatorLibrary.percentile(histogram: sorted, 50),
                p10: IndicatorLibrary.percentile(histogram: sorted, 10), p90: IndicatorLibrary.percentile(histogram: sorted, 90))
        }
    }

    /// How often targets are written, as bars: one per number where there are few (`exact`), else ten
    /// equal ranges from the smallest number to the largest.
    public struct Distribution: Sendable, Equatable {
        public struct Bin: Sendable, Equatable {
            public var low, high: Decimal
            public var uses: Int

            public init(low: Decimal, high: Decimal, uses: Int) { (self.low, self.high, self.uses) = (low, high, uses) }
        }
        public var bins: [Bin]
        public var exact: Bool

        /// The most numbers shown one bar each.
        public static let exactLimit = 12
        static let ranges = 10

        public init(bins: [Bin], exact: Bool) { (self.bins, self.exact) = (bins, exact) }

        /// From the numbers and how often each is written.
        public init(numbers: [(number: Decimal, uses: Int)]) {
            let sorted = numbers.sorted { $0.number < $1.number }
            guard sorted.count > Self.exactLimit, let low = sorted.first?.number, let high = sorted.last?.number else {
                self.init(bins: sorted.map { Bin(low: $0.number, high: $0.number, uses: $0.uses) }, exact: true)
                return
            }
            var bins = Self.empty(low: low, high: high)
            for n in sorted { bins[Self.range(of: n.number, low: low, high: high)].uses += n.uses }
            self.init(bins: bins, exact: false)
        }

        /// The ten ranges between `low` and `high`, empty.
        static func empty(low: Decimal, high: Decimal) -> [Bin] {
            let step = (high - low) / Decimal(ranges)
            return (0..<ranges).map { k in Bin(low: low + step * Decimal(k), high: k == ranges - 1 ? high : low + step * Decimal(k + 1), uses: 0) }
        }

        /// The range a number falls in (the last takes the largest).
        static func range(of number: Decimal, low: Decimal, high: Decimal) -> Int {
            guard high > low else { return 0 }
            return min(ranges - 1, NSDecimalNumber(decimal: (number - low) * Decimal(ranges) / (high - low)).intValue)
        }
    }

    public struct Example: Sendable, Equatable {
        public var unit: String
        public var year: Int?
        public var project: String

        public init(unit: String, year: Int?, project: String) { (self.unit, self.year, self.project) = (unit, year, project) }
    }

    /// Most units first, then by folded name.
    public let groups: [Group]
    private let positions: [String: Int]

    public init(groups: [Group]) {
        self.groups = groups
        positions = Dictionary(groups.enumerated().map { ($1.key, $0) }) { first, _ in first }
    }

    /// The library of the target tables among `documents` (self-evaluations are left out: their targets
    /// repeat the year's tables). Units are told apart by code, else by name.
    public init(_ documents: [TargetDocument]) {
        var tally = LibraryTally()
        var examples: [String: [Example]] = [:]
        for d in documents where d.kind == .targets {
            let unit = d.department.code ?? d.department.name
            tally.add(LibraryTally(d, unit: unit))
            for p in d.projects {
                for i in p.indicators {
                    let key = Self.key(i.level3)
                    guard !key.isEmpty, examples[key, default: []].count < 3,
                        !examples[key, default: []].contains(where: { $0.unit == unit && $0.project == p.name })
                    else { continue }
                    examples[key, default: []].append(Example(unit: unit, year: d.fiscalYear, project: p.name))
                }
            }
        }
        self.init(tally, examples: examples)
    }

    /// The library a tally counts.
    public init(_ tally: LibraryTally, examples: [String: [Example]] = [:]) {
        var spellings: [String: [(String, String, String, Int)]] = [:]
        var units: [String: Set<String>] = [:], years: [String: Set<Int>] = [:]
        var values: [String: [(String, String, Decimal, Int)]] = [:], bases: [String: [(String, Int)]] = [:]
        for (s, n) in tally.spellings { spellings[s.key, default: []].append((s.name, s.level1, s.level2, n)) }
        for (u, _) in tally.unitYears {
            units[u.key, default: []].insert(u.unit)
            if u.year > 0 { years[u.key, default: []].insert(u.year) }
        }
        for (v, n) in tally.values {
            if let number = Decimal(string: v.number) { values[v.key, default: []].append((v.op, v.unit, number, n)) }
        }
        for (b, n) in tally.bases { bases[b.key, default: []].append((b.basis, n)) }
        let groups = spellings.map { key, spelled in
            Group(
                key: key, spellings: spelled.map { ($0.0, $0.1, $0.2, $0.3) }, units: units[key]?.count ?? 0, years: Array(years[key] ?? []),
                values: (values[key] ?? []).map { ($0.0, $0.1, $0.2, $0.3) }, bases: (bases[key] ?? []).map { ($0.0, $0.1) },
                examples: examples[key] ?? [])
        }
        self.init(groups: groups.sorted(by: Self.order))
    }

    /// The library's order: most units first, then by folded name.
    public static func order(_ a: Group, _ b: Group) -> Bool { (a.units, b.key) > (b.units, a.key) }

    /// The groups whose names contain `text` (folded as names are), under a 二级 when one is given.
    public func search(_ text: String? = nil, level2: String? = nil) -> [Group] {
        let needle = text.map(Self.key) ?? ""
        return groups.filter { g in (needle.isEmpty || g.key.includes(needle)) && (level2 == nil || g.level2 == level2) }
    }

    /// The group of a 三级 name, when the library has it.
    public func group(of level3: String) -> Group? { positions[Self.key(level3)].map { groups[$0] } }

    /// A 三级 name folded so that spellings of one indicator meet: full-width letters and digits made
    /// half-width; numbering (`1.`, `（2）`, `③`, `一、`), template marks (`★`, `指标1：`), a trailing
    /// unit in brackets (`（%）`, `(万元)`) and a template's blank (`(≥**%)`) dropped; spaces and punctuation
    /// dropped; 满意率, 满意程度 and …的满意度 read as 满意度, 及时性 as 及时. Stores keep the keys of their
    /// rows: a change here comes with a migration that clears them and builds the library again.
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
        // A unit in brackets at the end (a few characters), or a template's blank for the value (`(≥**%)`).
        if scalars.last == ")", let open = scalars.lastIndex(of: "("), open > 0, scalars.count - open <= 6 || scalars[open...].contains("*") {
            scalars.removeSubrange(open...)
        }
        let kept = scalars.filter { !$0.properties.isWhitespace && !punctuation.contains($0) }
        var folded = String(String.UnicodeScalarView(kept))
        // Most names are Chinese with nothing to lower: the Unicode-wide lowering only where a letter changes.
        if kept.contains(where: { $0.properties.changesWhenLowercased }) { folded = folded.lowercased() }
        // How satisfaction and timeliness are worded: 满意率, 满意程度, …的满意度 are 满意度; 及时性 is 及时.
        if folded.includes("满意") {
            folded = folded.replacingOccurrences(of: "的满意", with: "满意").replacingOccurrences(of: "满意程度", with: "满意度")
            if folded.endsWith("满意率") { folded = String(folded.dropLast(3)) + "满意度" }
        }
        if folded.endsWith("及时性") { folded = String(folded.dropLast()) }
        return folded
    }

    /// A project's kind, for "projects like this one": the last four characters of its name once the
    /// year, numbering, brackets and punctuation are gone (…运行维护费 and …网络运行维护费 meet, …培训经费 apart).
    public static func projectKind(_ name: String) -> String {
        // A bracketed part is a batch or a note: `（2）`, `(第二批)`.
        var kept: [Unicode.Scalar] = [], depth = 0
        for c in name.unicodeScalars {
            switch c {
            case "(", "（": depth += 1
            case ")", "）": depth = max(0, depth - 1)
            default:
                if depth == 0, c.properties.isIdeographic || c.properties.isAlphabetic { kept.append(c) }
            }
        }
        return String(String.UnicodeScalarView(kept.suffix(4)))
    }

    /// The p-th percentile (0–100) of sorted numbers, interpolated between the two nearest ranks.
    public static func percentile(_ sorted: [Decimal], _ p: Decimal) -> Decimal { percentile(histogram: sorted.map { ($0, 1) }, p) }

    /// The p-th percentile (0–100) of sorted numbers given with how often each is written.
    public static func percentile(histogram sorted: [(Decimal, Int)], _ p: Decimal) -> Decimal {
        let count = sorted.reduce(0) { $0 + $1.1 }
        guard let first = sorted.first?.0 else { return 0 }
        guard count > 1 else { return first }
        let rank = p / 100 * Decimal(count - 1)
        var below = rank
        var truncated = Decimal()
        NSDecimalRound(&truncated, &below, 0, .down)
        let low = NSDecimalNumber(decimal: truncated).intValue
        func value(at index: Int) -> Decimal {
            var seen = 0
            for (number, n) in sorted {
                seen += n
                if index < seen { return number }
            }
            return sorted.last!.0
        }
        let lower = value(at: low), upper = value(at: min(low + 1, count - 1))
        return lower + (upper - lower) * (rank - truncated)
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
