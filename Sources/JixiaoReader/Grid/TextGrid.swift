/// Plain text → `Grid`, by the way its cells are cut: `|` (markdown tables, HTML flattened to
/// `cell |` lines), tabs (a table copied from Word or Excel), one paragraph per cell, or spaces
/// (PDF text rows). Lines with cells run together are kept whole, for the reader to cut by labels.
enum TextGrid {
    static func grid(_ text: String) -> Grid {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let filled = lines.filter { !isBlank($0) }
        guard !filled.isEmpty else { return Grid(layout: .cells, rows: []) }
        let piped = filled.count { $0.utf8.contains(0x7C) }
        if piped >= 3, piped * 5 >= filled.count { return pipeRows(lines) }
        if filled.count(where: { $0.utf8.contains(0x09) }) >= 3 { return splitRows(lines, layout: .cells) { $0.split(separator: "\t") } }
        // Text whose lines mostly stand between blank lines: a table saved one cell per paragraph.
        let blankAfterFilled = zip(lines, lines.dropFirst()).count { !isBlank($0) && $1.isEmpty }
        if filled.count >= 20, blankAfterFilled * 10 >= filled.count * 7 { return paragraphs(lines) }
        // Head labels with nothing between them (spaces count: they cut cells).
        let utf8 = Array(text.utf8)
        let runTogether = utf8.withUnsafeBufferPointer { b in
            ["一级指标二级指标", "二级指标三级指标", "三级指标指标值", "二级指标指标", "一級指標二級指標"].contains { b.firstOccurrence(of: Array($0.utf8)) != nil }
        }
        if runTogether { return splitRows(lines, layout: .runTogether) { [$0] } }
        return splitRows(lines, layout: .spaced, cut: pieces)
    }

    static func isRule(_ piece: Substring) -> Bool {
        piece.count(where: { $0 == "-" }) >= 3 && piece.allSatisfy { "-: ".contains($0) }
    }

    /// A line cut at its blanks (spaces of every width, tabs).
    private static func pieces(_ line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}" || $0 == "\t" })
    }

    /// A line of text outside a table (a title, labels and values) as cells cut at its blanks: how
    /// every source gives such a line to the grid.
    static func spacedCells<S: StringProtocol>(_ line: S, line number: Int) -> [Grid.Cell] {
        pieces(Substring(line)).compactMap { cell($0, line: number) }
    }

    static func isBlank(_ s: Substring) -> Bool { s.allSatisfy { $0.isWhitespace } }

    private static func cell(_ s: Substring, line: Int) -> Grid.Cell? {
        let t = CellText.normalize(s)
        return t.isEmpty ? nil : Grid.Cell(t, line: line)
    }

    private static func splitRows(_ lines: [Substring], layout: Grid.Layout, cut: (Substring) -> [Substring]) -> Grid {
        var rows: [Grid.Row] = []
        for (k, line) in lines.enumerated() {
            let cells = cut(line).compactMap { cell($0, line: k + 1) }
            if !cells.isEmpty { rows.append(Grid.Row(cells)) }
        }
        return Grid(layout: layout, rows: rows)
    }

    /// A row starts at a line that begins with `|`; its cells run on over the lines that do not
    /// (an HTML table flattened to one `cell |` line per cell). Where most lines hold several cells
    /// (`a | b | c |`), every line is a row.
    private static func pipeRows(_ lines: [Substring]) -> Grid {
        let cellCounts = lines.filter { $0.utf8.contains(0x7C) }.map { line in
            line.split(separator: "|", omittingEmptySubsequences: true).count { !isBlank($0) && !isRule($0) }
        }.filter { $0 > 0 }
        let lineRows = cellCounts.count { $0 >= 2 } * 2 >= cellCounts.count
        var rows: [Grid.Row] = []
        var current: [Grid.Cell] = []
        func close() {
            if !current.isEmpty { rows.append(Grid.Row(current)) }
            current = []
        }
        for (k, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard line.utf8.contains(0x7C) else {
                // A line outside the table (a title, labels and values above it): cut at spaces.
                close()
                current = spacedCells(line, line: k + 1)
                close()
                continue
            }
            if lineRows || trimmed.hasPrefix("|") { close() }
            // `|---|:--:|`: a markdown table's rule, not cells.
            for piece in line.split(separator: "|", omittingEmptySubsequences: true) where !isRule(piece) {
                if let c = cell(piece, line: k + 1) { current.append(c) }
            }
        }
        close()
        return Grid(layout: .cells, rows: rows)
    }

    /// One cell per paragraph; a paragraph of white space is an empty cell and is dropped.
    private static func paragraphs(_ lines: [Substring]) -> Grid {
        var cells: [Grid.Cell] = []
        var pending: [Substring] = []
        var start = 0
        func close() {
            if let c = cell(pending.joined(separator: "\n")[...], line: start + 1) { cells.append(c) }
            pending = []
        }
        for (k, line) in lines.enumerated() {
            if line.isEmpty {
                close()
            } else {
                if pending.isEmpty { start = k }
                pending.append(line)
            }
        }
        close()
        return Grid(layout: .paragraphs, rows: cells.map { Grid.Row([$0]) })
    }
}
