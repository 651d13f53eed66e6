import Foundation
import JixiaoModel

/// Reads indicator rows from text that lost its table lines (PDF extraction): cells come in
/// reading order, a long cell wraps over several lines at its column's width, cells on one line
/// are separated by spaces, and merged 一级/二级 cells may be printed after the rows they cover.
///
/// The 一级/二级 names are found first (they may be split over lines). Between them, the tokens are
/// cut into cells by a small dynamic program: every way of cutting is scored by whether each
/// value reads as a target, whether the lines of each wrapped cell have a consistent width,
/// and whether a space that joins two CJK characters (always a cell boundary) was kept inside
/// a cell. The cheapest cutting wins.
struct FlowRowSegmenter {
    let header: [IndicatorColumn]
    let tokens: [Token]
    /// Where the tokens' text lies.
    let source: SourceLines
    let endsDocument: Bool
    private let facts: [TokenFacts]
    /// Running sums over the tokens, so that a cell's sums cost two lookups.
    private let sums: [TokenSums]
    private let markers: [Marker]
    /// The columns cut by the program: those after 二级.
    private let roles: [IndicatorColumn]
    /// What leaving each role's cell empty costs (nil: it may not be left empty).
    private let skipCosts: [Double?]
    /// The value column's places among the roles (one, in any table seen).
    private let valueRoles: [Int]
    /// What the first reading found that the second may use: shared by both readings.
    private let memo: Memo

    /// What the cost of a value cell needs of its target: a number or words, and words beside the number.
    struct ValueShape {
        var quantitative: Bool
        var withWords: Bool
    }

    /// Work of the first reading kept for the second: the targets of candidate value cells, and
    /// each stretch's cutting (by its first token), which stays the cheapest when no cell on it is
    /// charged for its width.
    final class Memo {
        var values: ValueCache
        var firstCuts: [Int: ([[Cell]], skipped: [Int])] = [:]

        init(tokens: Int) { values = ValueCache(tokens: tokens) }
    }

    /// Targets by first token and length in tokens (a value is at most `maxValueTokens` long). Only
    /// tokens that may start a number get a block of slots.
    struct ValueCache {
        private var blocks: [Int]
        private var targets: [ValueShape?] = []

        init(tokens: Int) { blocks = Array(repeating: -1, count: tokens) }

        mutating func shape(of tokens: ArraySlice<Token>, in source: SourceLines) -> ValueShape {
            let first = tokens.startIndex
            if blocks[first] < 0 {
                blocks[first] = targets.count
                targets.append(contentsOf: repeatElement(nil, count: FlowRowSegmenter.maxValueTokens))
            }
            let slot = blocks[first] + tokens.count - 1
            if let known = targets[slot] { return known }
            // Joined into scratch space, not a String: most candidates are read once and dropped.
            let (quantitative, withWords) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: FlowRowSegmenter.joinedLength(tokens)) {
                ValueReader.shape(utf8: UnsafeBufferPointer(rebasing: $0[0..<FlowRowSegmenter.join(tokens, source, into: $0)]))
            }
            let shape = ValueShape(quantitative: quantitative, withWords: withWords)
            targets[slot] = shape
            return shape
        }
    }
    /// Each role's column width, learnt from the cells that wrapped in a first reading (-1: not known).
    private var roleWidths: [Int]

    init(header: [IndicatorColumn], tokens: [Token], source: SourceLines, endsDocument: Bool) {
        self.header = header
        self.tokens = tokens
        self.source = source
        self.endsDocument = endsDocument
        self.facts = Self.facts(tokens, source)
        self.sums = Self.sums(tokens, facts)
        self.roles = header.filter { $0 != .level1 && $0 != .level2 }
        self.skipCosts = roles.map(Self.skipCost)
        let roles = self.roles
        self.valueRoles = roles.indices.filter { roles[$0] == .value }
        self.roleWidths = Array(repeating: -1, count: roles.count)
        self.memo = Memo(tokens: tokens.count)
        self.markers = Self.markers(tokens, facts, source)
    }

    private struct Marker {
        enum Level { case one, two }
        var level: Level
        var name: String
        var start: Int
        var end: Int
    }

    struct Cell {
        var role: IndicatorColumn
        var range: Range<Int>
        /// The pieces that finish it after a page break cut it (most cells have none, and an empty
        /// array costs nothing).
        var continuations: [Range<Int>] = []
        var start: Int { range.lowerBound }
        var isWhole: Bool { continuations.isEmpty }
    }

    // Reading happens twice: the first finds how wide each column is (the lines of a wrapped
    // cell before its last), the second uses that to tell where a cell ends.
    /// A first reading, without widths: how wide each column's wrapped lines run.
    func learnWidths() -> [IndicatorColumn: Int] {
        readOnce(learning: true).1
    }

    /// The reading that counts, knowing each column's width.
    func read(widths: [IndicatorColumn: Int]) -> IndicatorTableResult {
        var informed = self
        informed.roleWidths = roles.map { widths[$0] ?? -1 }
        return informed.readOnce(learning: false).0
    }

    /// A first reading (`learning`) only measures the columns; the second builds the rows.
    private func readOnce(learning: Bool) -> (IndicatorTableResult, [IndicatorColumn: Int]) {
        var widths: [IndicatorColumn: Int] = [:]
        var rows: [RawIndicatorRow] = []
        var warnings: [ReadWarning] = []
        var cutOff = false
        var level1Markers: [Marker] = []
        var level2Name = ""
        var level2Marker: Marker?

        // Segments: the token ranges between markers.
        var cursor = 0
        var segments: [(Range<Int>, Marker?)] = []
        segments.reserveCapacity(markers.count + 1)
        for m in markers {
            if m.start > cursor { segments.append((cursor..<m.start, level2Marker)) }
            if m.level == .one { level1Markers.append(m) } else { level2Marker = m }
            cursor = m.end
        }
        if cursor < tokens.count { segments.append((cursor..<tokens.count, level2Marker)) }

        var l2Names: [Int: String] = [:]  // marker start → possibly extended name
        var scratch = Scratch()
        for (s, (range, marker)) in segments.enumerated() {
            level2Name = marker.map { l2Names[$0.start] ?? $0.name } ?? ""
            let isLast = s == segments.count - 1 && endsDocument
            // A page break inside a segment: what follows may finish the cells cut by it.
            let breakAt = range.dropFirst().first { tokens[$0].afterPageBreak }
            let partCount = breakAt == nil ? 1 : 2
            var segmentRows: [[Cell]] = []
            for p in 0..<partCount {
                let part = breakAt.map { p == 0 ? range.lowerBound..<$0 : $0..<range.upperBound } ?? range
                let (cells, skipped) = cut(part, learning: learning, &scratch)
                func standsAlone() -> Bool {
                    cells.contains { row in
                        row.contains { $0.role == .value && ValueReader.shape(Self.join(tokens[$0.range], source)).quantitative }
                    }
                }
                if p == 1, let previous = segmentRows.last, !skipped.isEmpty || !standsAlone() {
                    // Could not stand as rows of its own: it continues the row before the break.
                    var merged = previous
                    if let extendedName = continueCells(&merged, with: part, level2: level2Name) {
                        level2Name = extendedName
                        if let m = marker { l2Names[m.start] = extendedName }
                    }
                    segmentRows[segmentRows.count - 1] = merged
                    continue
                }
                if segmentRows.isEmpty { segmentRows = cells } else { segmentRows += cells }
                if !skipped.isEmpty {
                    let trailing = skipped.last == part.upperBound - 1
                    if isLast && trailing && p == partCount - 1 {
                        cutOff = true
                    } else {
                        warnings.append(
                            ReadWarning(
                                line: tokens[skipped[0]].line + 1,
                                message: "could not place \(skipped.map { source.text(of: tokens[$0]) }.joined(separator: " ")) in the indicator table"))
                    }
                }
            }
            for cells in segmentRows {
                if learning {
                    for c in cells where c.isWhole {
                        let lines = lineWidths(c.range)
                        if lines.count > 1 { widths[c.role] = max(widths[c.role] ?? 0, lines.widestBeforeLast) }
                    }
                    continue
                }
                var row = RawIndicatorRow(line: tokens[cells[0].start].line + 1, position: cells[0].start)
                row.level2 = level2Name
                for c in cells {
                    row[c.role] = c.isWhole ? Self.join(tokens[c.range], source) : ([c.range] + c.continuations).map { Self.join(tokens[$0], source) }.joined()
                }
                if !row.isPlaceholder { rows.append(row) }
            }
        }
        if !learning { assignLevel1(&rows, markers: level1Markers) }
        return (IndicatorTableResult(rows: rows, cutOff: cutOff, warnings: warnings), widths)
    }

    // MARK: 一级/二级 names

    private static let level1Names: Set<ByteKey> = Set(["产出指标", "效益指标", "效果指标", "满意度指标", "成本指标"].map(ByteKey.init))
    private static let level2Names: Set<ByteKey> = Set(
        IndicatorFramework.level2Aliases.keys.filter { $0.hasSuffix("指标") || $0.hasSuffix("影响") }.map(ByteKey.init))

    private struct LevelName {
        var scalars: [Unicode.Scalar]
        var name: String
        var isLevel1: Bool
        var isLevel2: Bool
    }

    /// The level names by their first scalar: a token starting otherwise begins no name.
    private static let namesByFirst: [Unicode.Scalar: [LevelName]] = Dictionary(
        grouping: level1Names.union(level2Names).filter { $0.text.unicodeScalars.count <= maxNameLength }.map {
            LevelName(
                scalars: Array($0.text.unicodeScalars), name: $0.text, isLevel1: level1Names.contains($0), isLevel2: level2Names.contains($0))
        }, by: { $0.scalars[0] })
    private static let maxNameLength = 16

    /// Tested before the dictionary of names, which hashes.
    private static let nameStarts = ScalarSet(namesByFirst.keys)

    /// The level name made by tokens `start..<end` for the longest such `end` (at most five tokens).
    private static func levelName(
        _ tokens: [Token], _ facts: [TokenFacts], _ source: SourceLines, at start: Int, acrossPageBreaks: Bool
    ) -> (LevelName, end: Int)? {
        guard start < tokens.count, let first = facts[start].first, nameStarts.contains(first),
            let names = Self.namesByFirst[first]
        else {
            return nil
        }
        var best: (LevelName, Int)?
        for name in names {
            guard let end = end(of: name.scalars, in: tokens, source, from: start, acrossPageBreaks: acrossPageBreaks) else { continue }
            if best.map({ end > $0.1 }) ?? true { best = (name, end) }
        }
        return best
    }

    /// The token after those that, run together, spell `name` exactly.
    private static func end(of name: [Unicode.Scalar], in tokens: [Token], _ source: SourceLines, from start: Int, acrossPageBreaks: Bool) -> Int? {
        var p = 0
        var k = start
        while k < tokens.count, k - start < 5 {
            if k > start, !acrossPageBreaks, tokens[k].afterPageBreak { return nil }
            let spelt = source.withBytes(of: tokens[k]) { b in
                var i = 0
                while i < b.count {
                    let (value, length) = CellText.scalar(b, at: i)
                    guard p < name.count, name[p].value == value else { return false }
                    p += 1
                    i += length
                }
                return true
            }
            guard spelt else { return nil }
            k += 1
            if p == name.count { return k }
        }
        return nil
    }

    private static func markers(_ tokens: [Token], _ facts: [TokenFacts], _ source: SourceLines) -> [Marker] {
        var found: [Marker] = []
        var i = 0
        let nameStarts = Self.nameStarts  // read once, not per token
        while i < tokens.count {
            guard let first = facts[i].first, nameStarts.contains(first),
                let (name, end) = levelName(tokens, facts, source, at: i, acrossPageBreaks: false)
            else {
                i += 1
                continue
            }
            var level: Marker.Level = name.isLevel1 ? .one : .two
            if name.isLevel1 && name.isLevel2 { level = levelName(tokens, facts, source, at: end, acrossPageBreaks: true) != nil ? .one : .two }
            found.append(Marker(level: level, name: name.name, start: i, end: end))
            i = end
        }
        return found
    }

    /// Merged 一级 cells are printed near the middle of the rows they cover; a row takes the
    /// nearest one whose category fits its 二级.
    private func assignLevel1(_ rows: inout [RawIndicatorRow], markers: [Marker]) {
        guard !markers.isEmpty else { return }
        let categories = markers.map { IndicatorFramework.level1(named: $0.name) }
        for k in rows.indices {
            let wanted = IndicatorFramework.level2(named: rows[k].level2)?.level1
            // The markers are in text order: the last one at or before the row and the first after it,
            // among those whose category fits and among all.
            let p = rows[k].position
            var fitting: (before: Int?, after: Int?) = (nil, nil)
            var any: (before: Int?, after: Int?) = (nil, nil)
            for j in markers.indices {
                let before = markers[j].start <= p
                if let wanted, categories[j] == wanted || (wanted == .cost && categories[j] == .output) {
                    if before { fitting.before = j } else if fitting.after == nil { fitting.after = j }
                }
                if before { any.before = j } else if any.after == nil { any.after = j }
            }
            let chosen: Int?
            if fitting.before == nil && fitting.after == nil {
                chosen = any.before ?? any.after
            } else if let before = fitting.before, let after = fitting.after {
                chosen = abs(markers[after].start - p) < abs(markers[before].start - p) ? after : before
            } else {
                chosen = fitting.before ?? fitting.after
            }
            rows[k].level1 = chosen.map { markers[$0].name } ?? ""
        }
    }

    // MARK: Cutting cells

    private static func skipCost(_ role: IndicatorColumn) -> Double? {
        switch role {
        case .level3, .value: nil
        case .description: 3
        case .basis: 1
        case .nature, .unit, .weight: 1
        case .remark: 0.5
        case .level1, .level2, .standard: 0
        }
    }

    private static let rowCost = 1.0
    private static let skipTokenCost = 25.0
    private static let maxCellTokens = 40
    static let maxValueTokens = 10

    /// What the cost of a cell needs to know of each token, worked out once.
    struct TokenFacts {
        var first: Unicode.Scalar?
        var width: Int
        var carried: Int
        /// A cell may go on across the gap before this token.
        var joinsPrevious: Bool
        var startsWide: Bool
        var endsWithDigit: Bool
        var isNumber: Bool
        var startsWithUnit: Bool
        var startsWithOperator: Bool
        var endsWide: Bool
        var characters: Int
        /// Holds ≥ ≤ < > after its first character.
        var operatorInside: Bool
        /// Could begin a number or a comparison (a digit, ≥, 不低于 …): only then is a value
        /// starting here read in full.
        var mayStartNumber: Bool
        /// `1 有效改善`: a placeholder number before a grade word.
        var startsWithOne: Bool
    }

    /// Running totals over the tokens before an index: a cell's totals are two lookups.
    struct TokenSums {
        var characters = 0
        /// Spaces a value keeps: gaps of spaces not between two CJK characters.
        var keptSpaces = 0
        /// Tokens that begin with or hold a comparison operator.
        var operators = 0
    }

    static let operatorScalars = ScalarSet("≥≤<>")
    static let bracketScalars = ScalarSet("【】（）《》“”")

    /// One pass over each token's scalars (Character-level work is several times slower).
    static func facts(_ tokens: [Token], _ source: SourceLines) -> [TokenFacts] {
        var out: [TokenFacts] = []
        out.reserveCapacity(tokens.count)
        var previousEndsWide = false
        let operators = operatorScalars, brackets = bracketScalars, words = ValueReader.words  // read once, not per scalar
        for k in tokens.indices {
            let t = tokens[k]
            var width = 0, count = 0, carried = 0
            var inCarriedRun = true, carriedHasAlnum = false
            var first: Unicode.Scalar?, last: Unicode.Scalar?
            var allDigits = true, operatorInside = false
            var startsWithUnit = false
            source.withBytes(of: t) { b in
                var i = 0
                while i < b.count {
                    let (c, length) = CellText.unicodeScalar(b, at: i)
                    let value = c.value
                    i += length
                    let wide = CellText.isWide(value)
                    width += wide ? 2 : 1
                    count += 1
                    if first == nil { first = c } else if operators.contains(c) { operatorInside = true }
                    last = c
                    if !(0x30...0x39).contains(value) { allDigits = false }
                    if inCarriedRun {
                        if !wide || brackets.contains(c) {
                            carried += wide ? 2 : 1
                            if (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) {
                                carriedHasAlnum = true
                            }
                        } else {
                            inCarriedRun = false
                        }
                    }
                }
                startsWithUnit = first.map { $0 == "%" || words.startsWithUnit(b, first: $0) } ?? false
            }
            let startsWide = first.map(CellText.isWide) ?? false
            let endsWide = last.map(CellText.isWide) ?? false
            let joins: Bool
            switch t.gap {
            case .cell: joins = false
            case .line: joins = !t.afterPageBreak
            case .space: joins = !(previousEndsWide && startsWide)
            }
            out.append(
                TokenFacts(
                    first: first, width: width, carried: carriedHasAlnum ? carried + 1 : 0, joinsPrevious: k > 0 && joins,
                    startsWide: startsWide, endsWithDigit: last.map { (0x30...0x39).contains($0.value) } ?? false,
                    isNumber: allDigits && count > 0,
                    startsWithUnit: startsWithUnit,
                    startsWithOperator: first.map(operators.contains) ?? false,
                    endsWide: endsWide, characters: count, operatorInside: operatorInside,
                    mayStartNumber: first.map { c in
                        (0x30...0x39).contains(c.value) || (0xFF10...0xFF19).contains(c.value) || words.operatorStarts.contains(c)
                    } ?? false,
                    startsWithOne: first == "1" && source.text(of: t).hasPrefix("1")))
            previousEndsWide = endsWide
        }
        return out
    }

    static func sums(_ tokens: [Token], _ facts: [TokenFacts]) -> [TokenSums] {
        var out = [TokenSums()]
        out.reserveCapacity(tokens.count + 1)
        var running = TokenSums()
        for k in tokens.indices {
            running.characters += facts[k].characters
            if k > 0, tokens[k].gap == .space, !(facts[k - 1].endsWide && facts[k].startsWide) { running.keptSpaces += 1 }
            if facts[k].startsWithOperator || facts[k].operatorInside { running.operators += 1 }
            out.append(running)
        }
        return out
    }

    /// A cell that could be made of tokens `start..<end`, with what its cost needs of its lines' widths.
    private struct Candidate {
        var end: Int
        var lines: Int
        var widest: Int
        var lastWidth: Int
    }

    /// What is needed of the widths of a cell's lines (the cell's tokens joined by spaces on each line).
    private struct LineWidths {
        var count = 0
        var widest = 0
        var widestBeforeLast = 0
        var last = 0
    }

    private func lineWidths(_ range: Range<Int>) -> LineWidths {
        var widths = LineWidths()
        var line = -1
        for k in range {
            if tokens[k].line != line {
                if widths.count > 0 { widths.widestBeforeLast = max(widths.widestBeforeLast, widths.last) }
                widths.count += 1
                widths.last = facts[k].width
                line = tokens[k].line
            } else {
                widths.last += 1 + facts[k].width
            }
            widths.widest = max(widths.widest, widths.last)
        }
        return widths
    }

    /// Buffers the program reuses from one token to the next. A cell has at most `maxCellTokens`
    /// tokens (so at most as many lines): they are made once, at that size, and never grow.
    private struct Scratch {
        var candidates: [Candidate] = []
        var widths = [Int](repeating: 0, count: FlowRowSegmenter.maxCellTokens)
        var carried = [Int](repeating: 0, count: FlowRowSegmenter.maxCellTokens)
        /// The program's tables, kept from one stretch to the next and grown when a stretch needs more.
        var cost: [Double] = []
        var back: [Step] = []

        init() { candidates.reserveCapacity(FlowRowSegmenter.maxCellTokens) }
    }

    /// How the program reached a state: from state (`tokens`, `role`) by `move`.
    private struct Step {
        enum Move: UInt8 { case cell, skipRole, newRow, skipToken }
        var tokens: Int32
        var role: Int16
        var move: Move
    }

    /// Every valid cell starting at `start`, into `scratch.candidates`. Both rules are monotone (a
    /// gap that may not be inside a cell, or a line narrower than a later one, stays so as the cell
    /// grows), so the scan stops at the first failure.
    private func candidates(from start: Int, upTo limit: Int, _ scratch: inout Scratch) {
        scratch.candidates.removeAll(keepingCapacity: true)
        var lines = 0
        var line = -1
        var widest = 0
        for k in start..<min(limit, start + Self.maxCellTokens) {
            let f = facts[k]
            if k > start && !f.joinsPrevious { break }
            if tokens[k].line != line {
                scratch.widths[lines] = f.width
                scratch.carried[lines] = f.carried
                lines += 1
                line = tokens[k].line
            } else {
                scratch.widths[lines - 1] += 1 + f.width
            }
            if !Self.consistent(scratch.widths[..<lines], scratch.carried[..<lines]) { break }
            let last = scratch.widths[lines - 1]
            widest = max(widest, last)
            scratch.candidates.append(Candidate(end: k + 1, lines: lines, widest: widest, lastWidth: last))
        }
    }

    /// A wrapped cell fills each line to its column's width before the last: a line much
    /// narrower than a later one ends the cell. A number that did not fit is carried whole to
    /// the next line, so that line may begin wider.
    static func consistent(_ widths: ArraySlice<Int>, _ carried: ArraySlice<Int>) -> Bool {
        guard widths.count > 1 else { return true }
        var laterMax = 0
        for a in stride(from: widths.count - 2, through: 0, by: -1) {
            laterMax = max(laterMax, widths[a + 1])
            if widths[a] + 2 + carried[a + 1] < laterMax { return false }
        }
        return true
    }

    /// The cheapest cutting of `range`. Width charges only add to a cutting's cost, so the first
    /// reading's cutting, when none of its cells is charged, is still the cheapest, and the one the
    /// program would find again: it visits the same steps in the same order and keeps the first of
    /// equal costs. (That needs each state final before it is left, which holds unless the first
    /// role may be skipped: a new row reaches a state already left by skipping that role.)
    private func cut(_ range: Range<Int>, learning: Bool, _ scratch: inout Scratch) -> ([[Cell]], skipped: [Int]) {
        if learning {
            let found = segment(range, &scratch)
            memo.firstCuts[range.lowerBound] = found
            return found
        }
        guard let first = memo.firstCuts[range.lowerBound], let firstSkip = skipCosts.first, firstSkip == nil else {
            return segment(range, &scratch)
        }
        // A loop, not a closure: a closure over this method would copy the segmenter.
        for row in first.0 {
            for cell in row where isChargedForWidth(cell) { return segment(range, &scratch) }
        }
        return first
    }

    /// Whether a cell of a cutting pays a width charge in the second reading.
    private func isChargedForWidth(_ cell: Cell) -> Bool {
        guard let r = roles.firstIndex(of: cell.role) else { return false }
        let widths = lineWidths(cell.range)
        let candidate = Candidate(end: cell.range.upperBound, lines: widths.count, widest: widths.widest, lastWidth: widths.last)
        let quantitative =
            cell.role == .value && facts[cell.start].mayStartNumber
            && memo.values.shape(of: tokens[cell.range], in: source).quantitative
        return widthCharge(r, candidate, quantitative: quantitative) > 0
    }

    /// Once column widths are known: a cell wider than its column is in the wrong column, and one
    /// that ends flush with its column's edge probably goes on. A number is not charged.
    private func widthCharge(_ r: Int, _ cell: Candidate, quantitative: Bool) -> Double {
        let columnWidth = roleWidths[r]
        guard columnWidth >= 0, !quantitative else { return 0 }
        var cost = 0.0
        if cell.widest > columnWidth + 2 { cost += 4 }
        let end = cell.end
        if cell.lastWidth >= columnWidth - 1, end < tokens.count, tokens[end].gap == .line, !tokens[end].afterPageBreak {
            cost += 2
        }
        return cost
    }

    /// The cheapest cutting of `range` into rows of cells; tokens that fit nowhere are skipped.
    private func segment(_ range: Range<Int>, _ scratch: inout Scratch) -> ([[Cell]], skipped: [Int]) {
        let m = roles.count
        let n = range.count
        guard n > 0, m > 0 else { return ([], []) }
        // States (tokens cut, roles filled) in one flat table: state (i, r) is at i * (m + 1) + r.
        let states = (n + 1) * (m + 1)
        if scratch.cost.count < states {
            scratch.cost = [Double](repeating: .infinity, count: states)
            scratch.back = [Step](repeating: Step(tokens: 0, role: 0, move: .newRow), count: states)
        }
        // Only the states of this stretch are read, and each is set before it is read but for `cost`.
        var cost = scratch.cost
        var back = scratch.back
        scratch.cost = []
        scratch.back = []
        defer {
            scratch.cost = cost
            scratch.back = back
        }
        // Over buffers: the program reads and writes these tables more than anything else, and an
        // array checks its bounds and that it is not shared on every write.
        return cost.withUnsafeMutableBufferPointer { cost in
            back.withUnsafeMutableBufferPointer { back in
                run(range, m: m, cost: cost, back: back, &scratch)
            }
        }
    }

    /// The program over `range`, then the walk back from its cheaper end.
    private func run(
        _ range: Range<Int>, m: Int, cost: UnsafeMutableBufferPointer<Double>, back: UnsafeMutableBufferPointer<Step>, _ scratch: inout Scratch
    ) -> ([[Cell]], skipped: [Int]) {
        let n = range.count
        let base = range.lowerBound
        let stride = m + 1
        for k in 0..<(n + 1) * stride { cost[k] = .infinity }
        cost[0] = 0
        for i in 0...n {
            let here = i * stride
            for r in 0..<m where cost[here + r] < .infinity {
                if let s = skipCosts[r], cost[here + r] + s < cost[here + r + 1] {
                    cost[here + r + 1] = cost[here + r] + s
                    back[here + r + 1] = Step(tokens: Int32(i), role: Int16(r), move: .skipRole)
                }
            }
            if i < n, cost[here + m] + Self.rowCost < cost[here] {
                cost[here] = cost[here + m] + Self.rowCost
                back[here] = Step(tokens: Int32(i), role: Int16(m), move: .newRow)
            }
            guard i < n else { break }
            if cost[here] + Self.skipTokenCost < cost[here + stride] {
                cost[here + stride] = cost[here] + Self.skipTokenCost
                back[here + stride] = Step(tokens: Int32(i), role: 0, move: .skipToken)
            }
            guard (0..<m).contains(where: { cost[here + $0] < .infinity }) else { continue }
            let start = base + i
            candidates(from: start, upTo: range.upperBound, &scratch)
            let charges = startCharges(start)
            // Cells in the outer loop, roles in the inner: each state is still reached from here once,
            // so the order of equal costs is unchanged, and a cell's own charges are worked out once.
            for cell in scratch.candidates {
                let cellCharges = self.cellCharges(from: start, cell, needsValue: valueRoles.contains { cost[here + $0] < .infinity })
                for r in 0..<m where cost[here + r] < .infinity {
                    guard let charge = charge(of: cell, role: r, charges, cellCharges) else { continue }
                    let total = cost[here + r] + charge
                    let to = (cell.end - base) * stride + r + 1
                    if total < cost[to] {
                        cost[to] = total
                        back[to] = Step(tokens: Int32(i), role: Int16(r), move: .cell)
                    }
                }
            }
        }
        // Walk back from the cheaper end.
        var state = cost[n * stride + m] <= cost[n * stride] ? (n, m) : (n, 0)
        var rows: [[Cell]] = []
        var current: [Cell] = []
        var skipped: [Int] = []
        func endRow() {
            guard !current.isEmpty else { return }
            current.reverse()
            rows.append(current)
            current = []
        }
        while state != (0, 0) {
            let step = back[state.0 * stride + state.1]
            let (pi, pr) = (Int(step.tokens), Int(step.role))
            switch step.move {
            case .cell:
                if current.isEmpty { current.reserveCapacity(m) }
                current.append(Cell(role: roles[pr], range: base + pi..<base + state.0))
            case .skipRole: break
            case .newRow: endRow()
            case .skipToken: skipped.append(base + pi)
            }
            state = (pi, pr)
        }
        endRow()
        rows.reverse()
        skipped.reverse()
        return (rows, skipped)
    }

    /// What the cost of a cell owes to where it starts, the same for every cell starting there.
    private struct StartCharges {
        /// Charged to a cell in any column.
        var any = 0.0
        /// Charged to a cell in a column other than the value and the weight.
        var other = 0.0
        /// Charged to a cell in the weight column.
        var weight = 0.0
    }

    /// What the cost of a cell owes to the cell itself, whatever its column.
    private struct CellCharges {
        /// Charged in a column other than the value and the weight: it ends in a number of its own.
        var other = 0.0
        /// Charged in the value column, when the cell may be a value there (nil: it may not).
        var value: Double?
        var quantitative = false
    }

    private func startCharges(_ first: Int) -> StartCharges {
        var charges = StartCharges()
        let f = facts[first]
        // A number and its unit or words (`23 号`, `30 个`) are rarely cut apart.
        let cutFromNumber = first > 0 && tokens[first].gap == .space && facts[first - 1].endsWithDigit
        if cutFromNumber && f.startsWide { charges.any += 2 }
        // A unit cut off from its number (`25` | `万元 …`) belongs to the value.
        if cutFromNumber && f.startsWithUnit { charges.other += 3 }
        if f.startsWithOperator { charges.other += 3 }
        if !f.isNumber { charges.weight += 20 }
        return charges
    }

    private func cellCharges(from first: Int, _ cell: Candidate, needsValue: Bool) -> CellCharges {
        var charges = CellCharges()
        let end = cell.end
        let last = end - 1
        if end - first > 1, tokens[last].gap == .space, facts[last].isNumber { charges.other += 3 }
        // A value is a few words at most; longer candidates are not worth reading.
        guard needsValue, end - first <= Self.maxValueTokens, cell.lines <= 4 else { return charges }
        let f = facts[first]
        let valueLength = sums[end].characters - sums[first].characters + sums[end].keptSpaces - sums[first + 1].keptSpaces
        // No number can be read from a cell that cannot start one: words only.
        let target = f.mayStartNumber ? memo.values.shape(of: tokens[first..<end], in: source) : ValueShape(quantitative: false, withWords: true)
        charges.quantitative = target.quantitative
        var value = 0.0
        // An operator inside the cell means it swallowed the text before a value.
        if f.operatorInside || sums[end].operators > sums[first + 1].operators { value += 6 }
        if target.quantitative {
            value += target.withWords ? 2 : 0
        } else {
            value += f.startsWithOne && valueLength > 2 ? 1 : 4
            if valueLength > 16 { value += 2 }
        }
        charges.value = value
        return charges
    }

    /// The cost of a valid cell in the column of role `r` (lower is likelier), or nil when it cannot be a value there.
    private func charge(of cell: Candidate, role r: Int, _ start: StartCharges, _ own: CellCharges) -> Double? {
        switch roles[r] {
        case .value:
            guard let value = own.value else { return nil }
            return start.any + widthCharge(r, cell, quantitative: own.quantitative) + value
        case .weight:
            return start.any + widthCharge(r, cell, quantitative: false) + start.weight
        default:
            return start.any + widthCharge(r, cell, quantitative: false) + start.other + own.other
        }
    }

    /// Tokens of one cell → its text: line breaks removed, spaces kept except between CJK.
    static func join(_ slice: ArraySlice<Token>, _ source: SourceLines) -> String {
        guard let first = slice.first else { return "" }
        if slice.count == 1 { return source.text(of: first) }
        return String(unsafeUninitializedCapacity: joinedLength(slice)) { join(slice, source, into: $0) }
    }

    /// Room enough for the tokens joined.
    static func joinedLength(_ slice: ArraySlice<Token>) -> Int {
        slice.reduce(0) { $0 + $1.bytes.count + 1 }
    }

    /// The tokens joined as `join` does, written as UTF-8 into `out` (at least `joinedLength` long);
    /// returns the bytes written.
    static func join(_ slice: ArraySlice<Token>, _ source: SourceLines, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        source.withAllBytes { text in
            var n = 0
            var lastWide = false
            for (k, t) in zip(slice.indices, slice) {
                let piece = UnsafeBufferPointer(rebasing: text[t.bytes])
                if k != slice.startIndex, t.gap == .space, !(lastWide && CellText.isWide(CellText.scalar(piece, at: 0).0)) {
                    out[n] = 0x20
                    n += 1
                }
                _ = UnsafeMutableBufferPointer(rebasing: out[n..<n + piece.count]).initialize(from: piece)
                n += piece.count
                var last = piece.count - 1
                while last > 0, piece[last] & 0xC0 == 0x80 { last -= 1 }
                lastWide = CellText.isWide(CellText.scalar(piece, at: last).0)
            }
            return n
        }
    }

    /// Tokens after a page break that finish cells of the row before it: each piece (split at
    /// spaces) goes to the next cell that ran to its column's full width.
    private func continueCells(_ row: inout [Cell], with part: Range<Int>, level2: String) -> String? {
        var pieces: [Range<Int>] = []
        for k in part {
            if k == part.lowerBound || tokens[k].gap == .space {
                pieces.append(k..<k + 1)
            } else {
                pieces[pieces.count - 1] = pieces[pieces.count - 1].lowerBound..<k + 1
            }
        }
        var newLevel2: String?
        var next = 0
        for piece in pieces {
            let text = Self.join(tokens[piece], source)
            if newLevel2 == nil, next == 0, Self.level2Names.contains(ByteKey(level2 + text)) {
                newLevel2 = level2 + text
                continue
            }
            while next < row.count, !([.level3, .description, .basis].contains(row[next].role)) { next += 1 }
            guard next < row.count else { break }
            row[next].continuations.append(piece)
            next += 1
        }
        return newLevel2
    }
}
