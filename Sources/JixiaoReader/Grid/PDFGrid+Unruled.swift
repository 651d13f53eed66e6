/// A PDF whose tables draw no rules (LibreOffice printing a web page, a Word table with its borders
/// off): the words' positions alone place them. A row is a band of text side by side down the page
/// (pdftotext's blocks that overlap in height); the columns are found under an indicator head
/// (一级指标 … 指标值): between two head labels, where fewest words of the rows below cross. The
/// table's bands are cut at those columns, and a cell holding paragraphs apart (`3月底` over `25`)
/// makes its band two rows. A level merged over several rows is printed once, in the middle of its
/// rows or at their top: it goes to the first row of the span its place gives, as in the other
/// positioned sources.
extension PDFGrid {
    struct Band {
        var words: [Word]
        var page = 0
    }

    /// A table's columns, as its indicator head places them.
    struct Columns {
        /// Where each column ends and the next begins.
        var bounds: [Double]
        /// Columns headed by a level (一级/二级指标), whose cells span rows.
        var levels: Set<Int>
        var count: Int { bounds.count + 1 }
        /// The indicator's value (指标值).
        var valueColumn: Int
        /// The indicator's name (三级指标), right of the levels.
        var nameColumn: Int { (levels.max() ?? -1) + 1 }

        func column(of word: Word) -> Int { bounds.firstIndex { word.box.x0 + 1 < $0 } ?? bounds.count }

        /// Whether a word runs over a column's edge: text that is no cell of the table's body.
        func crosses(_ word: Word) -> Bool { bounds.contains { word.box.x0 < $0 - 1 && word.box.x1 > $0 + 1 } }
    }

    /// The rows of pages that draw no rules, or nil when no page holds an indicator head. A table runs
    /// on over page breaks; each page's part is placed by its own positions.
    static func unruledRows(_ pages: [[Word]]) -> [[String]]? {
        let bands = pages.enumerated().flatMap { page, words in self.bands(words).map { Band(words: $0.words, page: page) } }
        var regions: [(range: Range<Int>, head: Int, columns: Columns)] = []
        var i = 0
        while i < bands.count {
            guard let columns = headColumns(bands, at: i) else {
                i += 1
                continue
            }
            // The table's fields above its head (项目名称, 预算数 …) stand in the same columns; a label cut
            // by a page break is read whole.
            var start = i
            let floor = regions.last?.range.upperBound ?? 0
            while start > floor {
                if isFieldRow([bands[start - 1]], columns) {
                    start -= 1
                } else if start - 2 >= floor, bands[start - 2].page < bands[start - 1].page, isFieldRow([bands[start - 2], bands[start - 1]], columns) {
                    start -= 2
                } else {
                    break
                }
            }
            let end = regionEnd(bands, from: i + 1, columns)
            regions.append((start..<end, i, columns))
            i = end
        }
        guard !regions.isEmpty else { return nil }
        var rows: [[String]] = []
        var next = 0
        for region in regions {
            rows += bands[next..<region.range.lowerBound].flatMap(textLines)
            // Page by page: a page's positions place its words.
            var k = region.range.lowerBound
            while k < region.range.upperBound {
                let page = bands[k].page
                let end = (k..<region.range.upperBound).first { bands[$0].page != page } ?? region.range.upperBound
                let head = region.head < k ? nil : region.head - k
                var part = tableRows(Array(bands[k..<end]), head: head, region.columns, goesOn: end < region.range.upperBound)
                // A row cut by the page break: its rest comes first on the next page, without a name or a value
                // (in the body) or a label (above the head) of its own.
                if k > region.range.lowerBound, let first = part.first, let last = rows.last, last.count == first.count,
                    head == nil
                        ? first[region.columns.nameColumn].isEmpty || first[region.columns.valueColumn].isEmpty
                        : !first[0].isEmpty && !isLabel(first[0])
                {
                    let joined = zip(last, first).map { CellText.normalize($0.isEmpty || $1.isEmpty ? $0 + $1 : $0 + "\n" + $1) }
                    if head != nil, isPlanLabel(joined[0]) {
                        // The plan's label goes on; its shares are a row of their own under its months.
                        rows[rows.count - 1][0] = joined[0]
                        part[0][0] = ""
                    } else {
                        rows[rows.count - 1] = joined
                        part.removeFirst()
                    }
                }
                rows += part
                k = end
            }
            next = region.range.upperBound
        }
        return rows + bands[next...].flatMap(textLines)
    }

    /// The page's bands, top to bottom: blocks whose heights overlap are side by side in one row.
    static func bands(_ words: [Word]) -> [Band] {
        let blocks = Dictionary(grouping: words, by: \.block).values.map { ws in
            (words: ws, top: ws.map(\.box.y0).min()!, bottom: ws.map(\.box.y1).max()!)
        }
        var bands: [(words: [Word], bottom: Double)] = []
        for block in blocks.sorted(by: { $0.top < $1.top }) {
            if let last = bands.last, block.top < last.bottom - 1 {
                bands[bands.count - 1].words += block.words
                bands[bands.count - 1].bottom = max(last.bottom, block.bottom)
            } else {
                bands.append((block.words, block.bottom))
            }
        }
        return bands.map { Band(words: $0.words) }
    }

    /// A band outside any table: its lines, each word a cell, as lines outside a ruled table.
    static func textLines(_ band: Band) -> [[String]] {
        lines(band.words).map { line in line.flatMap { $0.text.split(separator: " ").map(String.init) } }
    }

    /// Words that overlap across the band's lines, left to right: a wrapped label is one stack.
    static func stacks(_ words: [Word]) -> [[Word]] {
        var stacks: [(words: [Word], x1: Double)] = []
        for w in words.sorted(by: { $0.box.x0 < $1.box.x0 }) {
            if let last = stacks.last, w.box.x0 < last.x1 {
                stacks[stacks.count - 1].words.append(w)
                stacks[stacks.count - 1].x1 = max(last.x1, w.box.x1)
            } else {
                stacks.append(([w], w.box.x1))
            }
        }
        return stacks.map(\.words)
    }

    /// Whether a band is an indicator head: mostly head labels, a level and a value among them.
    static func isHead(_ band: Band) -> Bool {
        let stacks = self.stacks(band.words)
        guard stacks.count >= 3 else { return false }
        let labels = stacks.map { Vocabulary.column(joined($0)) }
        return labels.contains(.value) && labels.contains { $0 == .level1 || $0 == .level2 || $0 == .level3 }
            && labels.count(where: { $0 != nil }) * 4 >= stacks.count * 3
    }

    /// The columns of the table whose indicator head is band `i`. Each edge is where the fewest words below
    /// cross between two neighbouring labels.
    static func headColumns(_ bands: [Band], at i: Int) -> Columns? {
        guard isHead(bands[i]) else { return nil }
        let stacks = self.stacks(bands[i].words)
        let labels = stacks.map { Vocabulary.column(joined($0)) }
        // The rows below on the head's page (or the next, where the head ends its page), up to the next head.
        let page = bands[(i + 1)...].first?.page ?? bands[i].page
        let body = bands[(i + 1)...].prefix { $0.page == page && !isHead($0) }.flatMap(\.words)
        var bounds: [Double] = []
        for (left, right) in zip(stacks, stacks.dropFirst()) {
            let from = left.map(\.box.x1).max()!, to = right.map(\.box.x0).min()!
            guard to > from else {
                bounds.append((from + to) / 2)
                continue
            }
            let edges = Set([from, to] + body.flatMap { [$0.box.x0, $0.box.x1] }.filter { from < $0 && $0 < to }).sorted()
            // The rightmost of the gaps fewest words cross, just before the next column's text begins: a wider
            // cell further down in the left column still ends before it.
            var best: (crossing: Int, at: Double)?
            for (a, b) in zip(edges, edges.dropFirst()) {
                let crossing = body.count { $0.box.x0 < (a + b) / 2 && (a + b) / 2 < $0.box.x1 }
                if best.map({ crossing <= $0.crossing }) ?? true { best = (crossing, max((a + b) / 2, b - 1.5)) }
            }
            bounds.append(best!.at)
        }
        let levelColumns = labels.indices.filter { labels[$0] == .level1 || labels[$0] == .level2 }
        return Columns(bounds: bounds, levels: Set(levelColumns), valueColumn: labels.firstIndex(of: .value)!)
    }

    /// A row of the table's fields: its first column holds a label (项目名称, 预算数 …).
    static func isFieldRow(_ bands: [Band], _ columns: Columns) -> Bool {
        let first = bands.map { b in joined(b.words.filter { columns.column(of: $0) == 0 }) }.joined()
        return !first.isEmpty && isLabel(first)
    }

    /// 资金支出计划（%）, which stands beside two rows: its months and their shares.
    static func isPlanLabel(_ text: String) -> Bool { Vocabulary.field(text) == .spendingPlan }

    static func isLabel(_ text: String) -> Bool {
        let label = Vocabulary.Label(text)
        return label.field != nil || label.column != nil
    }

    /// Where the table that goes on at band `from` ends: a band running over its columns (a heading,
    /// the next table's caption) or the next head.
    static func regionEnd(_ bands: [Band], from: Int, _ columns: Columns) -> Int {
        var j = from
        while j < bands.count, !bands[j].words.contains(where: columns.crosses), !isHead(bands[j]) { j += 1 }
        return j
    }

    /// A cell's words in paragraphs: lines further apart than half a line are two.
    static func paragraphs(_ words: [Word]) -> [[Word]] {
        var out: [[Word]] = []
        var bottom = -Double.infinity
        for line in lines(words) {
            let top = line.map(\.box.y0).min()!, height = line.map { $0.box.y1 - $0.box.y0 }.max()!
            if out.isEmpty || top - bottom > height / 2 { out.append(line) } else { out[out.count - 1] += line }
            bottom = line.map(\.box.y1).max()!
        }
        return out
    }

    /// The table's bands as rows of cells at their columns: the fields and the head as they stand, the
    /// body's levels each in the first row of its span.
    static func tableRows(_ bands: [Band], head: Int?, _ columns: Columns, goesOn: Bool) -> [[String]] {
        struct Row {
            var top: Double, bottom: Double
            var cells: [String]
        }
        struct Level {
            var column: Int
            var text: String
            var top: Double, center: Double
        }
        var rows: [Row] = []
        var levels: [Level] = []
        var bodyStart = 0
        for (n, band) in bands.enumerated() {
            let inBody = head.map { n > $0 } ?? true
            var byColumn = Array(repeating: [Word](), count: columns.count)
            if inBody {
                for w in band.words { byColumn[columns.column(of: w)].append(w) }
            } else {
                // Above the head a value spans columns: a word a space after the one before it on its line
                // (`1.保障…办公` `2.保障` …) goes on in that word's column — never out of the labels' column,
                // whose cell may stand as near its value.
                for line in lines(band.words) {
                    var column = columns.column(of: line[0])
                    for (k, w) in line.enumerated() {
                        let spaced = k > 0 && w.box.x0 - line[k - 1].box.x1 < (w.box.y1 - w.box.y0) * 0.22
                        if !spaced || column == 0 { column = columns.column(of: w) }
                        byColumn[column].append(w)
                    }
                }
            }
            var pieces: [(column: Int, words: [Word])] = []
            for (c, words) in byColumn.enumerated() where !words.isEmpty {
                let parts = paragraphs(words)
                if inBody, columns.levels.contains(c) {
                    for p in parts {
                        let top = p.map(\.box.y0).min()!, bottom = p.map(\.box.y1).max()!
                        levels.append(Level(column: c, text: joined(p), top: top, center: (top + bottom) / 2))
                    }
                } else {
                    pieces += parts.map { (c, $0) }
                }
            }
            // 资金支出计划 stands beside two rows, its months over their shares, however near or far apart
            // they are printed: the label and each line naming a month to the first, the others to the second.
            let plan = !inBody && pieces.first(where: { $0.column == 0 }).map({ isPlanLabel(joined($0.words)) }) == true
            if plan { pieces = pieces.flatMap { piece in piece.column == 0 ? [piece] : lines(piece.words).map { (piece.column, $0) } } }
            // Else a column with paragraphs apart cuts the band between them; a cell in one piece goes to the
            // row where it begins (a label over two rows). The rows are where the paragraphs of such columns
            // leave a gap across all of them; two such columns at least: one cell's paragraphs (goals one a
            // line) are no rows.
            let apartColumns = Dictionary(grouping: pieces, by: \.column).filter { $0.value.count > 1 }
            let apart = apartColumns.count > 1 && !plan ? Array(apartColumns.values.joined()) : []
            var cuts: [Double] = []
            var reach = -Double.infinity
            for (top, bottom) in apart.map({ ($0.words.map(\.box.y0).min()!, $0.words.map(\.box.y1).max()!) }).sorted(by: { $0.0 < $1.0 }) {
                if reach > -.infinity, top > reach { cuts.append((reach + top) / 2) }
                reach = max(reach, bottom)
            }
            var split = Array(
                repeating: Row(top: .infinity, bottom: -.infinity, cells: Array(repeating: "", count: columns.count)), count: plan ? 2 : cuts.count + 1)
            for piece in pieces {
                let top = piece.words.map(\.box.y0).min()!
                let k =
                    plan
                    ? (piece.column == 0 || joined(piece.words).wholeMatch(of: Patterns.month) != nil ? 0 : 1) : cuts.count { $0 < top }
                split[k].top = min(split[k].top, top)
                split[k].bottom = max(split[k].bottom, piece.words.map(\.box.y1).max()!)
                let text = joined(piece.words)
                split[k].cells[piece.column] = split[k].cells[piece.column].isEmpty ? text : split[k].cells[piece.column] + "\n" + text
            }
            rows += split.filter { $0.cells.contains { !$0.isEmpty } }
            if !inBody { bodyStart = rows.count }
        }
        let body = rows.indices.filter { $0 >= bodyStart }
        for column in Set(levels.map(\.column)) {
            let written = levels.filter { $0.column == column }.sorted { $0.center < $1.center }
            let at = spanStarts(written.map { ($0.top, $0.center) }, rows: body.map { (rows[$0].top, rows[$0].bottom) }, continued: head == nil, goesOn: goesOn)
            for (level, k) in zip(written, at) {
                let r = body.isEmpty ? nil : body[k]
                if let r {
                    rows[r].cells[column] = rows[r].cells[column].isEmpty ? level.text : rows[r].cells[column] + "\n" + level.text
                } else {
                    var cells = Array(repeating: "", count: columns.count)
                    cells[column] = level.text
                    rows.append(Row(top: level.top, bottom: level.top, cells: cells))
                }
            }
        }
        return rows.map { $0.cells.map(CellText.normalize) }
    }

    /// For each level printed in a column (its top and centre, top to bottom), the row its span begins
    /// at: either each is printed at the top of its first row, or each in the middle of its rows — the
    /// reading that puts the texts nearer where they are printed. On a page that goes on with a table,
    /// the rows above the first span belong to a span begun on the page before; where the table goes on
    /// on the next page, the last span may too.
    static func spanStarts(_ texts: [(top: Double, center: Double)], rows: [(top: Double, bottom: Double)], continued: Bool, goesOn: Bool) -> [Int] {
        guard !rows.isEmpty else { return texts.map { _ in 0 } }
        // The row at or above each text.
        let at = texts.map { t in rows.lastIndex { $0.top <= t.center } ?? 0 }
        let topErrors = zip(texts, at).map { abs($0.top - rows[$1].top) }
        // At the top of its rows, a table's first level stands in its first row: else it is centred.
        let topError = !continued && at.first.map({ $0 > 0 }) == true ? .infinity : topErrors.reduce(0, +)
        func error(_ center: Double, _ first: Int, _ last: Int) -> Double { abs(center - (rows[first].top + rows[last].bottom) / 2) }
        var starts: [Int] = []
        var centredError = 0.0
        var start = 0
        for (k, text) in texts.enumerated() {
            let last = k + 1 < texts.count ? at[k + 1] - 1 : rows.count - 1
            guard start <= at[k], at[k] <= last else {
                centredError = .infinity
                break
            }
            let firsts = k == 0 && continued ? Array(0...at[k]) : [start]
            let ends = k + 1 < texts.count || goesOn ? Array(at[k]...last) : [last]
            // Spans that fit as well (within a point): the one from the earliest row, the rows above it
            // on a continued page having no level of their own.
            let spans = firsts.flatMap { f in ends.map { (f, $0) } }
            let best = spans.map { error(text.center, $0.0, $0.1) }.min()!
            let (first, end) = spans.first { error(text.center, $0.0, $0.1) <= best + 1 }!
            // A span the next page goes on with may be printed either way.
            centredError += goesOn && k == texts.count - 1 ? min(error(text.center, first, end), topErrors[k]) : error(text.center, first, end)
            starts.append(first)
            start = end + 1
        }
        return centredError < topError ? starts : at
    }
}
