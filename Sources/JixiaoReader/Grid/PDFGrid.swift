/// A PDF whose tables are drawn with rules (Word, WPS, Chromium draw a line or a thin rectangle for every
/// cell border) → `Grid`: the rules give each cell's box, the words inside a box (`pdftotext
/// -bbox-layout`) are its text, so a wrapped cell stays one cell whatever order the producer wrote it in.
/// A cell spanning rows stands in its first row, as in the other positioned sources; words outside any
/// box are lines of text. Pages that draw no rules at all are placed by their words' positions alone
/// (`PDFGrid+Unruled.swift`). Nil when the pages hold no table either way.
enum PDFGrid {
    struct Box {
        var x0, y0, x1, y1: Double
        var center: (x: Double, y: Double) { ((x0 + x1) / 2, (y0 + y1) / 2) }
    }

    struct Word {
        var box: Box
        var text: String
        /// pdftotext's block on the page: lines it set together (a paragraph, a cell's wrapped lines).
        var block = 0
    }

    /// A border: vertical (x fixed, from y0 to y1) or horizontal.
    struct Rule {
        var vertical: Bool
        var at: Double
        var from: Double, to: Double
    }

    static func grid(boxes xhtml: String, drawing svg: String) -> Grid? {
        let wordPages = words(xhtml)
        let rulePages = rules(svg)
        guard wordPages.count == rulePages.count else { return nil }
        guard rulePages.contains(where: { $0.contains(where: \.vertical) }) else {
            return unruledRows(wordPages).map {
                Grid(layout: .positioned, rows: $0.enumerated().map { n, row in Grid.Row(row.map { Grid.Cell($0, line: n + 1) }) })
            }
        }
        var rows: [Grid.Row] = []
        for (words, rules) in zip(wordPages, rulePages) {
            for row in self.rows(words, rules) { rows.append(Grid.Row(row.map { Grid.Cell($0, line: rows.count + 1) })) }
        }
        return Grid(layout: .positioned, rows: rows)
    }

    // MARK: Reading pdftotext's and pdftocairo's output

    static func words(_ xhtml: String) -> [[Word]] {
        xhtml.components(separatedBy: "<page ").dropFirst().map { page in
            page.components(separatedBy: "<block").enumerated().flatMap { block, text in
                text.matches(of: Patterns.pdfWord).compactMap { m in
                    guard let x0 = Double(m.1), let y0 = Double(m.2), let x1 = Double(m.3), let y1 = Double(m.4), x1 >= x0, y1 > y0 else { return nil }
                    let text = HTMLGrid.Builder.decodingEntities(String(m.5))
                    return text.isEmpty ? nil : Word(box: Box(x0: x0, y0: y0, x1: x1, y1: y1), text: text, block: block)
                }
            }
        }
    }

    /// Thin filled rectangles (or the bevelled quadrilaterals of an HTML `border="1"`) and two-point
    /// stroked paths of each page (glyph outlines live in `<defs>`),
    /// found by a scan over the bytes: a page's drawing is megabytes of glyph uses around a few rules.
    static func rules(_ svg: String) -> [[Rule]] {
        var pages: [[Rule]] = []
        var bytes = Array(svg.utf8)
        return bytes.withUnsafeMutableBufferPointer { b -> [[Rule]] in
            let buffer = UnsafeBufferPointer(b)
            let defsEnd = buffer.firstOccurrence(of: Array("</defs>".utf8)) ?? 0
            let page = Array("<page".utf8), path = Array("<path ".utf8), d = Array(" d=\"".utf8), matrix = Array("transform=\"matrix(".utf8)
            var i = defsEnd
            // A one-page PDF is drawn without `<pageSet>`/`<page>`: its whole body is the page.
            if buffer.firstOccurrence(of: page, from: defsEnd) == nil { pages.append([]) }
            while i < buffer.count, let lt = buffer.firstOccurrence(of: [0x3C], from: i) {
                i = lt + 1
                if buffer[lt...].starts(with: page), lt + 5 < buffer.count, buffer[lt + 5] != UInt8(ascii: "S") {
                    pages.append([])
                } else if buffer[lt...].starts(with: path), !pages.isEmpty,
                    let tagEnd = buffer.firstOccurrence(of: [0x3E], from: lt), let at = buffer.firstOccurrence(of: d, from: lt), at < tagEnd
                {
                    let end = buffer.firstOccurrence(of: [0x22], from: at + d.count) ?? tagEnd
                    var points = numbers(buffer[(at + d.count)..<end])
                    // `transform="matrix(a,b,c,d,e,f)"` on the path (LibreOffice draws upside down and scaled).
                    if let t = buffer.firstOccurrence(of: matrix, from: lt), t < tagEnd,
                        case let m = numbers(buffer[(t + matrix.count)..<(buffer.firstOccurrence(of: [0x29], from: t) ?? tagEnd)]), m.count == 6
                    {
                        for k in stride(from: 0, to: points.count - 1, by: 2) {
                            let (x, y) = (points[k], points[k + 1])
                            points[k] = m[0] * x + m[2] * y + m[4]
                            points[k + 1] = m[1] * x + m[3] * y + m[5]
                        }
                    }
                    if let rule = Self.rule(points) { pages[pages.count - 1].append(rule) }
                    i = tagEnd
                }
            }
            return pages
        }
    }

    /// The numbers of a path's data, in order.
    static func numbers(_ d: Slice<UnsafeBufferPointer<UInt8>>) -> [Double] {
        var out: [Double] = []
        var k = d.startIndex
        while k < d.endIndex {
            let c = d[k]
            guard (0x30...0x39).contains(c) || c == 0x2D || c == 0x2E else {
                k += 1
                continue
            }
            var j = k + 1
            while j < d.endIndex, (0x30...0x39).contains(d[j]) || d[j] == 0x2E { j += 1 }
            if let n = Double(String(decoding: d[k..<j], as: UTF8.self)) { out.append(n) }
            k = j
        }
        return out
    }

    /// A border from a path's points: a thin rectangle or a line, vertical or horizontal.
    static func rule(_ numbers: [Double]) -> Rule? {
        guard numbers.count >= 4, numbers.count % 2 == 0, numbers.count <= 12 else { return nil }
        let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }, ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
        let width = xs.max()! - xs.min()!, height = ys.max()! - ys.min()!
        if width <= 2, height > 4 { return Rule(vertical: true, at: (xs.max()! + xs.min()!) / 2, from: ys.min()!, to: ys.max()!) }
        if height <= 2, width > 4 { return Rule(vertical: false, at: (ys.max()! + ys.min()!) / 2, from: xs.min()!, to: xs.max()!) }
        return nil
    }

    // MARK: Cells

    /// The page's rows: cells (boxes between neighbouring vertical rules of the same height, each
    /// with the words inside it), and the lines of words outside every box.
    static func rows(_ words: [Word], _ rules: [Rule]) -> [[String]] {
        let tolerance = 1.5
        let cells = self.cells(rules, tolerance: tolerance)
        // Each word to the smallest box holding its centre.
        var texts = Array(repeating: [Word](), count: cells.count)
        var outside: [Word] = []
        for w in words {
            let c = w.box.center
            let holding = cells.indices.filter { k in cells[k].x0 <= c.x && c.x <= cells[k].x1 && cells[k].y0 <= c.y && c.y <= cells[k].y1 }
            if let k = holding.min(by: { area(cells[$0]) < area(cells[$1]) }) { texts[k].append(w) } else { outside.append(w) }
        }
        // Rows: cells by their top edge, then lines of outside words, in page order.
        var entries: [(y: Double, x: Double, cells: [String])] = []
        let tops = Dictionary(grouping: cells.indices, by: { Int((cells[$0].y0 / tolerance).rounded()) })
        for (_, members) in tops {
            let sorted = members.sorted { cells[$0].x0 < cells[$1].x0 }
            let row = sorted.map { k in joined(texts[k]) }
            guard row.contains(where: { !$0.isEmpty }) else { continue }
            entries.append((cells[sorted[0]].y0, cells[sorted[0]].x0, row))
        }
        for line in lines(outside) {
            entries.append((line[0].box.y0, line[0].box.x0, line.map(\.text).flatMap { $0.split(separator: " ").map(String.init) }))
        }
        return entries.sorted { ($0.y, $0.x) < ($1.y, $1.x) }.map(\.cells)
    }

    static func area(_ b: Box) -> Double { (b.x1 - b.x0) * (b.y1 - b.y0) }

    /// The cells the rules draw, whether a producer draws each cell's own borders (Chromium, row by
    /// row) or long lines across the table (LibreOffice, Word): the lattice of every rule's position,
    /// its pieces joined where no rule stands between them (a merged cell), each joined group a cell.
    static func cells(_ rules: [Rule], tolerance: Double) -> [Box] {
        // Lines nearer than this are one: the two borders of neighbouring cells drawn apart (an HTML
        // table with `border="1"` and cell spacing) leave a gap no cell is that narrow.
        let gap = max(tolerance, 3.5)
        func positions(_ values: [Double]) -> [Double] {
            var out: [Double] = []
            for v in values.sorted() where out.last.map({ v - $0 > gap }) ?? true { out.append(v) }
            return out
        }
        let vertical = rules.filter(\.vertical), horizontal = rules.filter { !$0.vertical }
        let xs = positions(vertical.map(\.at))
        let ys = positions(horizontal.map(\.at) + vertical.flatMap { [$0.from, $0.to] })
        guard xs.count > 1, ys.count > 1, xs.count * ys.count <= 40_000 else { return [] }
        /// Whether a rule of `kind` stands at `at` over all of `from…to`.
        func ruled(_ kind: [Rule], at: Double, _ from: Double, _ to: Double) -> Bool {
            kind.contains { abs($0.at - at) < gap && $0.from <= from + gap && $0.to >= to - gap }
        }
        let columns = xs.count - 1, bands = ys.count - 1
        func index(_ i: Int, _ j: Int) -> Int { j * columns + i }
        var valid = Array(repeating: false, count: columns * bands)
        for j in 0..<bands {
            for i in 0..<columns {
                let side = ruled(vertical, at: xs[i], ys[j], ys[j + 1]) || ruled(vertical, at: xs[i + 1], ys[j], ys[j + 1])
                let edge = ruled(horizontal, at: ys[j], xs[i], xs[i + 1]) || ruled(horizontal, at: ys[j + 1], xs[i], xs[i + 1])
                valid[index(i, j)] = side || edge
            }
        }
        var parent = Array(0..<(columns * bands))
        func root(_ k: Int) -> Int {
            var k = k
            while parent[k] != k {
                parent[k] = parent[parent[k]]
                k = parent[k]
            }
            return k
        }
        for j in 0..<bands {
            for i in 0..<columns where valid[index(i, j)] {
                if i + 1 < columns, valid[index(i + 1, j)], !ruled(vertical, at: xs[i + 1], ys[j], ys[j + 1]) {
                    parent[root(index(i + 1, j))] = root(index(i, j))
                }
                if j + 1 < bands, valid[index(i, j + 1)], !ruled(horizontal, at: ys[j + 1], xs[i], xs[i + 1]) {
                    parent[root(index(i, j + 1))] = root(index(i, j))
                }
            }
        }
        var boxes: [Int: Box] = [:]
        for j in 0..<bands {
            for i in 0..<columns where valid[index(i, j)] {
                let piece = Box(x0: xs[i], y0: ys[j], x1: xs[i + 1], y1: ys[j + 1])
                let r = root(index(i, j))
                if let b = boxes[r] {
                    boxes[r] = Box(x0: min(b.x0, piece.x0), y0: min(b.y0, piece.y0), x1: max(b.x1, piece.x1), y1: max(b.y1, piece.y1))
                } else {
                    boxes[r] = piece
                }
            }
        }
        return Array(boxes.values)
    }

    /// A cell's words in reading order: line by line, left to right.
    static func joined(_ words: [Word]) -> String {
        CellText.normalize(lines(words).map { $0.map(\.text).joined(separator: " ") }.joined(separator: "\n"))
    }

    /// Words on one line (their vertical centres within half a line of each other), top to bottom.
    static func lines(_ words: [Word]) -> [[Word]] {
        var lines: [[Word]] = []
        for w in words.sorted(by: { ($0.box.center.y, $0.box.x0) < ($1.box.center.y, $1.box.x0) }) {
            if let last = lines.last?.last, abs(last.box.center.y - w.box.center.y) < (w.box.y1 - w.box.y0) / 2 {
                lines[lines.count - 1].append(w)
            } else {
                lines.append([w])
            }
        }
        return lines.map { $0.sorted { $0.box.x0 < $1.box.x0 } }
    }
}
