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
    let endsDocument: Bool
    private let facts: [TokenFacts]
    /// Targets of candidate value cells, shared by both readings.
    private let valueCache = ValueCache()

    final class ValueCache {
        var targets: [Int: Target] = [:]
    }
    /// Each column's width, learnt from the cells that wrapped in a first reading.
    var columnWidths: [IndicatorColumn: Int] = [:]

    init(header: [IndicatorColumn], tokens: [Token], endsDocument: Bool) {
        self.header = header
        self.tokens = tokens
        self.endsDocument = endsDocument
        self.facts = Self.facts(tokens)
    }

    /// The columns cut by the program: those after 二级.
    private var roles: [IndicatorColumn] {
        header.filter { $0 != .level1 && $0 != .level2 }
    }

    private struct Marker {
        enum Level { case one, two }
        var level: Level
        var name: String
        var start: Int
        var end: Int
    }

    private struct Cell {
        var role: IndicatorColumn
        /// More than one range when a page break cut the cell.
        var ranges: [Range<Int>]
        var start: Int { ranges[0].lowerBound }
    }

    // Reading happens twice: the first finds how wide each column is (the lines of a wrapped
    // cell before its last), the second uses that to tell where a cell ends.
    /// A first reading, without widths: how wide each column's wrapped lines run.
    func learnWidths() -> [IndicatorColumn: Int] {
        readOnce().1
    }

    /// The reading that counts, knowing each column's width.
    func read(widths: [IndicatorColumn: Int]) -> IndicatorTableResult {
        var informed = self
        informed.columnWidths = widths
        return informed.readOnce().0
    }

    private func readOnce() -> (IndicatorTableResult, [IndicatorColumn: Int]) {
        var widths: [IndicatorColumn: Int] = [:]
        let markers = findMarkers()
        var rows: [RawIndicatorRow] = []
        var warnings: [ReadWarning] = []
        var cutOff = false
        var level1Markers: [Marker] = []
        var level2Name = ""
        var level2Marker: Marker?

        // Segments: the token ranges between markers.
        var cursor = 0
        var segments: [(Range<Int>, Marker?)] = []
        for m in markers {
            if m.start > cursor { segments.append((cursor..<m.start, level2Marker)) }
            if m.level == .one { level1Markers.append(m) } else { level2Marker = m }
            cursor = m.end
        }
        if cursor < tokens.count { segments.append((cursor..<tokens.count, level2Marker)) }

        var l2Names: [Int: String] = [:]  // marker start → possibly extended name
        for (s, (range, marker)) in segments.enumerated() {
            level2Name = marker.map { l2Names[$0.start] ?? $0.name } ?? ""
            let isLast = s == segments.count - 1 && endsDocument
            // A page break inside a segment: what follows may finish the cells cut by it.
            let breakAt = range.dropFirst().first { tokens[$0].afterPageBreak }
            var parts: [Range<Int>] = [range]
            if let b = breakAt { parts = [range.lowerBound..<b, b..<range.upperBound] }
            var segmentRows: [[Cell]] = []
            for (p, part) in parts.enumerated() {
                let (cells, skipped) = segment(part)
                let standsAlone = cells.contains { row in
                    row.contains { $0.role == .value && ValueReader.read(Self.join(tokens[$0.ranges[0]])).kind == .quantitative }
                }
                if p == 1, let previous = segmentRows.last, !skipped.isEmpty || !standsAlone {
                    // Could not stand as rows of its own: it continues the row before the break.
                    var merged = previous
                    if let extendedName = continueCells(&merged, with: part, level2: level2Name) {
                        level2Name = extendedName
                        if let m = marker { l2Names[m.start] = extendedName }
                    }
                    segmentRows[segmentRows.count - 1] = merged
                    continue
                }
                segmentRows += cells
                if !skipped.isEmpty {
                    let trailing = skipped.last == part.upperBound - 1
                    if isLast && trailing && p == parts.count - 1 {
                        cutOff = true
                    } else {
                        warnings.append(ReadWarning(
                            line: tokens[skipped[0]].line + 1,
                            message: "could not place \(skipped.map { tokens[$0].text }.joined(separator: " ")) in the indicator table"))
                    }
                }
            }
            for cells in segmentRows {
                for c in cells where c.ranges.count == 1 {
                    let w = lineWidths(c.ranges[0]).dropLast()
                    if let top = w.max() { widths[c.role] = max(widths[c.role] ?? 0, top) }
                }
                var row = RawIndicatorRow(line: tokens[cells[0].start].line + 1, position: cells[0].start)
                row.level2 = level2Name
                for c in cells { row.cells[c.role] = c.ranges.map { Self.join(tokens[$0]) }.joined() }
                if !row.isPlaceholder { rows.append(row) }
            }
        }
        assignLevel1(&rows, markers: level1Markers)
        return (IndicatorTableResult(rows: rows, cutOff: cutOff, warnings: warnings), widths)
    }

    // MARK: 一级/二级 names

    private static let level1Names: Set<ByteKey> = Set(["产出指标", "效益指标", "效果指标", "满意度指标", "成本指标"].map(ByteKey.init))
    private static let level2Names: Set<ByteKey> = Set(
        IndicatorFramework.level2Aliases.keys.filter { $0.hasSuffix("指标") || $0.hasSuffix("影响") }.map(ByteKey.init))
    /// Characters a level name can start with: a token starting otherwise is no name.
    private static let nameStarts: Set<Unicode.Scalar> = Set((level1Names.union(level2Names)).compactMap { $0.text.unicodeScalars.first })
    private static let maxNameLength = 16

    private func findMarkers() -> [Marker] {
        var found: [Marker] = []
        var i = 0
        while i < tokens.count {
            guard let c = tokens[i].text.unicodeScalars.first, Self.nameStarts.contains(c) else { i += 1; continue }
            var joined = ""
            var best: (String, Int)?
            var k = i
            while k < tokens.count, k - i < 5 {
                if k > i, tokens[k].afterPageBreak { break }
                joined += tokens[k].text
                if joined.count > Self.maxNameLength { break }
                if Self.level1Names.contains(ByteKey(joined)) || Self.level2Names.contains(ByteKey(joined)) { best = (joined, k + 1) }
                k += 1
            }
            guard let (name, end) = best else { i += 1; continue }
            let isL1 = Self.level1Names.contains(ByteKey(name))
            let isL2 = Self.level2Names.contains(ByteKey(name))
            var level: Marker.Level = isL1 ? .one : .two
            if isL1 && isL2 { level = nextIsMarker(end) ? .one : .two }
            found.append(Marker(level: level, name: name, start: i, end: end))
            i = end
        }
        return found
    }

    private func nextIsMarker(_ i: Int) -> Bool {
        var joined = ""
        for t in tokens[i..<min(tokens.count, i + 5)] {
            joined += t.text
            if Self.level2Names.contains(ByteKey(joined)) || Self.level1Names.contains(ByteKey(joined)) { return true }
            if joined.count > Self.maxNameLength { break }
        }
        return false
    }

    /// Merged 一级 cells are printed near the middle of the rows they cover; a row takes the
    /// nearest one whose category fits its 二级.
    private func assignLevel1(_ rows: inout [RawIndicatorRow], markers: [Marker]) {
        guard !markers.isEmpty else { return }
        for k in rows.indices {
            let wanted = IndicatorFramework.level2(named: rows[k].level2)?.level1
            let fitting = markers.filter { m in
                guard let wanted else { return false }
                return IndicatorFramework.level1(named: m.name) == wanted
                    || (wanted == .cost && IndicatorFramework.level1(named: m.name) == .output)
            }
            let pool = fitting.isEmpty ? markers : fitting
            let p = rows[k].position
            let preceding = pool.last { $0.start <= p }
            let following = pool.first { $0.start > p }
            let chosen: Marker? =
                if fitting.isEmpty { preceding ?? following } else {
                    [preceding, following].compactMap { $0 }.min { abs($0.start - p) < abs($1.start - p) }
                }
            rows[k].level1 = chosen?.name ?? ""
        }
    }

    // MARK: Cutting cells

    private func skipCost(_ role: IndicatorColumn) -> Double? {
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
    private static let maxValueTokens = 10

    /// What the cost of a cell needs to know of each token, worked out once.
    struct TokenFacts {
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
    }

    static let operatorScalars: Set<Unicode.Scalar> = ["≥", "≤", "<", ">"]
    static let bracketScalars: Set<Unicode.Scalar> = ["【", "】", "（", "）", "《", "》", "“", "”"]
    static let operatorStartScalars: Set<Unicode.Scalar> = Set(ValueReader.operatorStarts.compactMap(\.unicodeScalars.first))

    /// One pass over each token's scalars (Character-level work is several times slower).
    static func facts(_ tokens: [Token]) -> [TokenFacts] {
        var out: [TokenFacts] = []
        out.reserveCapacity(tokens.count)
        var previousEndsWide = false
        for (k, t) in tokens.enumerated() {
            var width = 0, count = 0, carried = 0
            var inCarriedRun = true, carriedHasAlnum = false
            var first: Unicode.Scalar?, last: Unicode.Scalar?
            var allDigits = true, operatorInside = false
            for c in t.text.unicodeScalars {
                let wide = CellText.isWide(c)
                width += wide ? 2 : 1
                count += 1
                if first == nil { first = c } else if operatorScalars.contains(c) { operatorInside = true }
                last = c
                if !(0x30...0x39).contains(c.value) { allDigits = false }
                if inCarriedRun {
                    if !wide || bracketScalars.contains(c) {
                        carried += wide ? 2 : 1
                        if c.isASCII, c.properties.isAlphabetic || (0x30...0x39).contains(c.value) { carriedHasAlnum = true }
                    } else {
                        inCarriedRun = false
                    }
                }
            }
            let startsWide = first.map(CellText.isWide) ?? false
            let endsWide = last.map(CellText.isWide) ?? false
            let joins: Bool
            switch t.gap {
            case .cell: joins = false
            case .line: joins = !t.afterPageBreak
            case .space: joins = !(previousEndsWide && startsWide)
            }
            out.append(TokenFacts(
                width: width, carried: carriedHasAlnum ? carried + 1 : 0, joinsPrevious: k > 0 && joins,
                startsWide: startsWide, endsWithDigit: last.map { (0x30...0x39).contains($0.value) } ?? false,
                isNumber: allDigits && count > 0,
                startsWithUnit: first == "%" || ValueReader.unit(at: Substring(t.text)) != nil,
                startsWithOperator: first.map(operatorScalars.contains) ?? false,
                endsWide: endsWide, characters: count, operatorInside: operatorInside,
                mayStartNumber: first.map { c in
                    (0x30...0x39).contains(c.value) || (0xFF10...0xFF19).contains(c.value) || operatorStartScalars.contains(c)
                } ?? false))
            previousEndsWide = endsWide
        }
        return out
    }

    /// A cell that could be made of tokens `start..<end`, with the widths of its lines.
    private struct Candidate {
        var end: Int
        var widths: [Int]
    }

    private func lineWidths(_ range: Range<Int>) -> [Int] {
        var widths: [Int] = []
        var line = -1
        for k in range {
            if tokens[k].line != line {
                widths.append(facts[k].width)
                line = tokens[k].line
            } else {
                widths[widths.count - 1] += 1 + facts[k].width
            }
        }
        return widths
    }

    /// Every valid cell starting at `start`. Both rules are monotone (a gap that may not be
    /// inside a cell, or a line narrower than a later one, stays so as the cell grows), so the
    /// scan stops at the first failure.
    private func candidates(from start: Int, upTo limit: Int) -> [Candidate] {
        var out: [Candidate] = []
        var widths: [Int] = []
        var carried: [Int] = []
        var line = -1
        for k in start..<min(limit, start + Self.maxCellTokens) {
            let f = facts[k]
            if k > start && !f.joinsPrevious { break }
            if tokens[k].line != line {
                widths.append(f.width)
                carried.append(f.carried)
                line = tokens[k].line
            } else {
                widths[widths.count - 1] += 1 + f.width
            }
            if !Self.consistent(widths, carried) { break }
            out.append(Candidate(end: k + 1, widths: widths))
        }
        return out
    }

    /// A wrapped cell fills each line to its column's width before the last: a line much
    /// narrower than a later one ends the cell. A number that did not fit is carried whole to
    /// the next line, so that line may begin wider.
    static func consistent(_ widths: [Int], _ carried: [Int]) -> Bool {
        guard widths.count > 1 else { return true }
        var laterMax = 0
        for a in stride(from: widths.count - 2, through: 0, by: -1) {
            laterMax = max(laterMax, widths[a + 1])
            if widths[a] + 2 + carried[a + 1] < laterMax { return false }
        }
        return true
    }

    /// The cheapest cutting of `range` into rows of cells; tokens that fit nowhere are skipped.
    private func segment(_ range: Range<Int>) -> ([[Cell]], skipped: [Int]) {
        let roles = self.roles
        let m = roles.count
        let n = range.count
        guard n > 0, m > 0 else { return ([], []) }
        let base = range.lowerBound
        enum Step { case cell(Int), skipRole, newRow, skipToken }
        var cost = Array(repeating: Array(repeating: Double.infinity, count: m + 1), count: n + 1)
        var back = Array(repeating: Array(repeating: (0, 0, Step.newRow), count: m + 1), count: n + 1)
        cost[0][0] = 0
        for i in 0...n {
            for r in 0..<m where cost[i][r] < .infinity {
                if let s = skipCost(roles[r]), cost[i][r] + s < cost[i][r + 1] {
                    cost[i][r + 1] = cost[i][r] + s
                    back[i][r + 1] = (i, r, .skipRole)
                }
            }
            if i < n, cost[i][m] + Self.rowCost < cost[i][0] {
                cost[i][0] = cost[i][m] + Self.rowCost
                back[i][0] = (i, m, .newRow)
            }
            guard i < n else { break }
            if cost[i][0] + Self.skipTokenCost < cost[i + 1][0] {
                cost[i + 1][0] = cost[i][0] + Self.skipTokenCost
                back[i + 1][0] = (i, 0, .skipToken)
            }
            guard (0..<m).contains(where: { cost[i][$0] < .infinity }) else { continue }
            let cells = candidates(from: base + i, upTo: range.upperBound)
            for r in 0..<m where cost[i][r] < .infinity {
                // A value is a few words at most; longer candidates are not worth reading.
                let usable = roles[r] == .value ? cells.prefix { $0.end - (base + i) <= Self.maxValueTokens && $0.widths.count <= 4 } : cells[...]
                for cell in usable {
                    let c = cellCost(roles[r], base + i..<cell.end, widths: cell.widths)
                    let j = cell.end - base
                    if cost[i][r] + c < cost[j][r + 1] {
                        cost[j][r + 1] = cost[i][r] + c
                        back[j][r + 1] = (i, r, .cell(i))
                    }
                }
            }
        }
        // Walk back from the cheaper end.
        var state = cost[n][m] <= cost[n][0] ? (n, m) : (n, 0)
        var rows: [[Cell]] = []
        var current: [Cell] = []
        var skipped: [Int] = []
        while state != (0, 0) {
            let (pi, pr, step) = back[state.0][state.1]
            switch step {
            case .cell:
                current.insert(Cell(role: roles[pr], ranges: [base + pi..<base + state.0]), at: 0)
            case .skipRole: break
            case .newRow:
                if !current.isEmpty { rows.insert(current, at: 0) }
                current = []
            case .skipToken:
                skipped.insert(base + pi, at: 0)
            }
            state = (pi, pr)
        }
        if !current.isEmpty { rows.insert(current, at: 0) }
        return (rows, skipped)
    }

    /// The cost of a valid cell in a column: lower is likelier.
    private func cellCost(_ role: IndicatorColumn, _ range: Range<Int>, widths: [Int]) -> Double {
        var cost = 0.0
        let first = range.lowerBound
        // A number and its unit or words (`23 号`, `30 个`) are rarely cut apart.
        let cutFromNumber = first > 0 && tokens[first].gap == .space && facts[first - 1].endsWithDigit
        if cutFromNumber && facts[first].startsWide { cost += 2 }
        var target: Target?
        var valueLength = 0
        if role == .value {
            valueLength = facts[range].reduce(0) { $0 + $1.characters }
            for k in range.dropFirst() where tokens[k].gap == .space && !(facts[k - 1].endsWide && facts[k].startsWide) { valueLength += 1 }
            if facts[first].mayStartNumber {
                let key = range.lowerBound << 20 | range.upperBound
                if let known = valueCache.targets[key] {
                    target = known
                } else {
                    target = ValueReader.read(Self.join(tokens[range]))
                    valueCache.targets[key] = target
                }
            } else {
                target = .qualitative("")  // no number can be read from it: words only
            }
        }
        // Once column widths are known: a cell wider than its column is in the wrong column,
        // and one that ends flush with its column's edge probably goes on.
        if let columnWidth = columnWidths[role], target.map({ $0.kind == .qualitative }) ?? true {
            if widths.contains(where: { $0 > columnWidth + 2 }) { cost += 4 }
            let next = range.upperBound
            if let last = widths.last, last >= columnWidth - 1, next < tokens.count, tokens[next].gap == .line,
                !tokens[next].afterPageBreak
            {
                cost += 2
            }
        }
        switch role {
        case .value:
            // An operator inside the cell means it swallowed the text before a value.
            if facts[first].operatorInside || facts[range].dropFirst().contains(where: { $0.startsWithOperator || $0.operatorInside }) {
                cost += 6
            }
            switch target!.kind {
            case .quantitative: cost += target!.text == nil ? 0 : 2
            case .qualitative:
                let placeholder = tokens[first].text.hasPrefix("1")
                cost += placeholder && valueLength > 2 ? 1 : 4
                if valueLength > 16 { cost += 2 }
            }
        case .weight:
            if !facts[first].isNumber { cost += 20 }
        default:
            // A unit cut off from its number (`25` | `万元 …`) belongs to the value.
            if cutFromNumber && facts[first].startsWithUnit { cost += 3 }
            let last = range.upperBound - 1
            if range.count > 1, tokens[last].gap == .space, facts[last].isNumber { cost += 3 }
            if facts[first].startsWithOperator { cost += 3 }
        }
        return cost
    }

    /// Width of a line's leading run that holds a number (`2018`, `【2023】23`): word wrapping
    /// carries such a run whole to the next line, leaving the line before it short.

    /// Tokens of one cell → its text: line breaks removed, spaces kept except between CJK.
    static func join(_ slice: ArraySlice<Token>) -> String {
        var out = ""
        for (k, t) in zip(slice.indices, slice) {
            CellText.append(t.text, to: &out, spaced: t.gap == .space && k != slice.startIndex)
        }
        return out
    }

    /// Tokens after a page break that finish cells of the row before it: each piece (split at
    /// spaces) goes to the next cell that ran to its column's full width.
    private func continueCells(_ row: inout [Cell], with part: Range<Int>, level2: String) -> String? {
        var pieces: [Range<Int>] = []
        for k in part {
            if k == part.lowerBound || tokens[k].gap == .space { pieces.append(k..<k + 1) } else {
                pieces[pieces.count - 1] = pieces[pieces.count - 1].lowerBound..<k + 1
            }
        }
        var newLevel2: String?
        var next = 0
        for piece in pieces {
            let text = Self.join(tokens[piece])
            if newLevel2 == nil, next == 0, Self.level2Names.contains(ByteKey(level2 + text)) {
                newLevel2 = level2 + text
                continue
            }
            while next < row.count, !([.level3, .description, .basis].contains(row[next].role)) { next += 1 }
            guard next < row.count else { break }
            row[next].ranges.append(piece)
            next += 1
        }
        return newLevel2
    }
}
