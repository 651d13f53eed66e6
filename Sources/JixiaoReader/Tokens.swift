import Foundation

/// A run of text without white space, with what separated it from the token before. Its text is a
/// range of its `SourceLines`' bytes (`SourceLines.text(of:)`): a token holds no String, so making,
/// copying and dropping tokens costs no allocation and no reference counting.
struct Token: Sendable {
    enum Gap: Sendable { case space, line, cell }

    // Offsets and positions are kept in 32 bits (-1 for none): token arrays are copied per table, so
    // a smaller token is a cheaper copy.
    private let start: Int32
    private let end: Int32
    var gap: Gap
    /// A repeated table header (a page break) was removed just before this token.
    var afterPageBreak = false
    private var storedLine: Int32
    private var storedRow: Int32
    private var storedColumn: Int32

    init(bytes: Range<Int>, gap: Gap, line: Int, row: Int?, column: Int?) {
        start = Int32(bytes.lowerBound)
        end = Int32(bytes.upperBound)
        self.gap = gap
        storedLine = Int32(clamping: line)
        storedRow = row.map { Int32(clamping: $0) } ?? -1
        storedColumn = column.map { Int32(clamping: $0) } ?? -1
    }

    /// Where its text lies in its `SourceLines`' UTF-8 bytes.
    var bytes: Range<Int> { Int(start)..<Int(end) }
    /// 0-based source line.
    var line: Int { Int(storedLine) }
    /// Grid position when the source marks cells (tabs or pipes).
    var row: Int? { storedRow < 0 ? nil : Int(storedRow) }
    var column: Int? { storedColumn < 0 ? nil : Int(storedColumn) }
}

/// Source lines → tokens. Understands three ways of marking cells: nothing (PDF text, cells
/// separated by spaces and line breaks), tabs (Word), and pipes (`| a | b |`, web pages).
/// Works over each line's UTF-8 bytes: a token is copied once, not built character by character.
enum Tokenizer {
    /// The tokens of the lines, and the same squeezed (made as each token is cut).
    static func tokens(_ lines: SourceLines) -> ([Token], SqueezedText) {
        var out: [Token] = []
        out.reserveCapacity(lines.byteCount / 8)  // about as many tokens as a document has: grown seldom
        let squeezed = SqueezedText.build(capacity: lines.byteCount) { squeezed in
            tokens(lines, into: &out, &squeezed)
        }
        return (out, squeezed)
    }

    private static func tokens(_ lines: SourceLines, into out: inout [Token], _ squeezed: inout SqueezedText.Sink) {
        var row = 0
        var column = -1
        var inTabRow = false
        for n in lines.indices {
            lines.withBytes(n) { line in
                let shape = LineShape(line, tabs: lines.tabCount(of: n))
                if shape.blank && shape.tabs > 0 && (inTabRow || shape.ledByTab) {
                    // an empty cell of a tab-led row
                    inTabRow = true
                    column += shape.tabs
                    return
                }
                if shape.blank {
                    if inTabRow { row += 1; column = -1; inTabRow = false }
                    return
                }
                let offset = lines.offset(of: n)
                func add(_ part: Range<Int>, row: Int?, column: Int?, first: Token.Gap) {
                    append(
                        UnsafeBufferPointer(rebasing: line[part]), at: offset + part.lowerBound, line: n, row: row, column: column, first: first, into: &out,
                        &squeezed)
                }
                if shape.piped {
                    // | a | b | : one row per line
                    let trimmed = Self.trimmed(line)
                    let cells = Self.cells(line, in: trimmed, at: 0x7C).dropFirst()
                    let body = trimmed.count > 0 && line[trimmed.upperBound - 1] == 0x7C ? cells.dropLast() : cells
                    // |---|---|
                    if body.allSatisfy({ line[$0].allSatisfy { $0 == 0x2D || $0 == 0x3A || $0 == 0x20 } }) { return }
                    for (c, cell) in body.enumerated() { add(cell, row: row, column: c, first: .cell) }
                    row += 1
                    return
                }
                if shape.tabs > 0 {
                    let parts = Self.cells(line, in: line.indices, at: 0x09, expected: shape.tabs + 1)
                    let ledByTab = parts.first.map { Self.isBlank(UnsafeBufferPointer(rebasing: line[$0])) } ?? false
                    if ledByTab && parts.count == 2 {
                        // one cell per line, rows separated by blank lines
                        inTabRow = true
                        column += 1
                        add(parts[1], row: row, column: column, first: .cell)
                    } else {
                        for (c, cell) in parts.enumerated() { add(cell, row: row, column: c, first: .cell) }
                        row += 1
                    }
                    return
                }
                let inCell = inTabRow ? (row, max(column, 0)) : nil
                add(line.indices, row: inCell?.0, column: inCell?.1, first: .line)
            }
        }
    }

    /// What the tokenizer needs to know of a line, from one pass over its bytes.
    private struct LineShape {
        /// Nothing but spaces and tabs.
        var blank = true
        let tabs: Int
        var ledByTab = false
        /// Its first character after spaces is `|`.
        var piped = false

        /// `tabs`: how many the line holds (its lines count them).
        init(_ b: UnsafeBufferPointer<UInt8>, tabs: Int) {
            self.tabs = tabs
            ledByTab = b.first == 0x09
            var i = 0
            while i < b.count {
                let space = CellText.spaceLength(b, at: i)
                if space == 0 {
                    blank = false
                    piped = b[i] == 0x7C
                    break
                }
                i += space
            }
        }
    }

    /// Nothing but spaces.
    private static func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let space = CellText.spaceLength(b, at: i)
            guard space > 0 else { return false }
            i += space
        }
        return true
    }

    /// Bytes `range` of a line cut at each `separator` (a tab or a pipe): an ASCII separator is always
    /// a character of its own, so this cuts where cutting by characters would.
    private static func cells(_ b: UnsafeBufferPointer<UInt8>, in range: Range<Int>, at separator: UInt8, expected: Int = 0) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        parts.reserveCapacity(expected)
        var start = range.lowerBound
        for i in range where b[i] == separator {
            parts.append(start..<i)
            start = i + 1
        }
        parts.append(start..<range.upperBound)
        return parts
    }

    /// The line without the spaces that begin and end it.
    private static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var i = 0
        var first = -1, end = 0
        while i < b.count {
            let space = CellText.spaceLength(b, at: i)
            if space > 0 { i += space; continue }
            if first < 0 { first = i }
            i += CellText.scalar(b, at: i).1
            end = i
        }
        return first < 0 ? 0..<0 : first..<end
    }

    /// The tokens of one cell or line, whose bytes `b` begin at `offset` of the source: its runs of
    /// text between spaces.
    private static func append(
        _ b: UnsafeBufferPointer<UInt8>, at offset: Int, line: Int, row: Int?, column: Int?, first: Token.Gap, into out: inout [Token],
        _ squeezed: inout SqueezedText.Sink
    ) {
        var gap = first
        var start = -1
        var i = 0
        while i < b.count {
            let space = CellText.spaceLength(b, at: i)
            if space == 0 {
                if start < 0 { start = i }
                i = ByteScan.spaces.next(in: b, from: i + 1)
                continue
            }
            if start >= 0 {
                out.append(Token(bytes: offset + start..<offset + i, gap: gap, line: line, row: row, column: column))
                squeezed.add(UnsafeBufferPointer(rebasing: b[start..<i]))
                gap = .space
                start = -1
            }
            i += space
        }
        if start >= 0 {
            out.append(Token(bytes: offset + start..<offset + b.count, gap: gap, line: line, row: row, column: column))
            squeezed.add(UnsafeBufferPointer(rebasing: b[start..<b.count]))
        }
    }
}

/// The tokens with white space squeezed out, for finding labels that extraction broke across
/// lines or cells (`项目` / `编码`, `资金支出计` / `划（%）`). Works on Unicode scalars: comparing
/// them is far cheaper than comparing Characters.
struct SqueezedText {
    /// Folded for matching: full-width and half-width forms of the same punctuation are equal. (The
    /// text as written is the tokens'.)
    let scalars: [Unicode.Scalar]
    /// For each scalar: its token.
    let tokenIndex: [Int]
    /// Index of each token's first scalar, and one past the last token.
    let tokenStart: [Int]

    /// Where squeezed text is written, token by token, from each token's UTF-8 bytes.
    struct Sink {
        fileprivate let scalars: UnsafeMutableBufferPointer<Unicode.Scalar>
        fileprivate let owner: UnsafeMutableBufferPointer<Int>
        fileprivate var starts: [Int] = []
        fileprivate var count = 0

        /// The next token's bytes.
        mutating func add(_ b: UnsafeBufferPointer<UInt8>) {
            let token = starts.count
            starts.append(count)
            var n = count
            var k = 0
            while k < b.count {
                let (c, length) = CellText.unicodeScalar(b, at: k)
                scalars[n] = SqueezedText.fold(c)
                owner[n] = token
                n += 1
                k += length
            }
            count = n
        }
    }

    /// The squeezed text of the tokens `write` adds, at most `capacity` UTF-8 bytes in all. Written
    /// straight into storage sized for the worst case (a scalar per byte): this runs over every
    /// character of a document.
    static func build(capacity: Int, _ write: (inout Sink) -> Void) -> SqueezedText {
        var owner: [Int] = []
        var starts: [Int] = []
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { scalars, scalarCount in
            owner = [Int](unsafeUninitializedCapacity: capacity) { owner, ownerCount in
                var sink = Sink(scalars: scalars, owner: owner)
                sink.starts.reserveCapacity(capacity / 8)
                write(&sink)
                ownerCount = sink.count
                starts = sink.starts
                starts.append(sink.count)
            }
            scalarCount = owner.count
        }
        return SqueezedText(scalars: scalars, tokenIndex: owner, tokenStart: starts)
    }

    private init(scalars: [Unicode.Scalar], tokenIndex: [Int], tokenStart: [Int]) {
        self.scalars = scalars
        self.tokenIndex = tokenIndex
        self.tokenStart = tokenStart
    }

    /// The part of `whole` that holds tokens `range`, as if squeezed from those tokens alone.
    init(_ whole: SqueezedText, tokens range: Range<Int>) {
        let from = whole.tokenStart[range.lowerBound]
        let to = whole.tokenStart[range.upperBound]
        scalars = Array(whole.scalars[from..<to])
        tokenIndex = Self.shifted(whole.tokenIndex[from..<to], by: range.lowerBound)
        tokenStart = Self.shifted(whole.tokenStart[range.lowerBound...range.upperBound], by: from)
    }

    /// `part` less `offset`, over buffers (a loop the compiler vectorises; `map` on a slice is not).
    private static func shifted(_ part: ArraySlice<Int>, by offset: Int) -> [Int] {
        part.withUnsafeBufferPointer { part in
            [Int](unsafeUninitializedCapacity: part.count) { out, count in
                for i in 0..<part.count { out[i] = part[i] &- offset }
                count = part.count
            }
        }
    }

    var count: Int { scalars.count }

    static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        switch c {
        case "(": "（"
        case ")": "）"
        case ":": "："
        case "％": "%"
        default: c
        }
    }

    /// A label as the matcher compares it.
    static func label(_ s: String) -> [Unicode.Scalar] { s.unicodeScalars.map(fold) }

    func matches(_ label: [Unicode.Scalar], at position: Int) -> Bool {
        guard position + label.count <= scalars.count else { return false }
        for k in 0..<label.count where scalars[position + k] != label[k] { return false }
        return true
    }

    func firstIndex(of label: String, from start: Int = 0) -> Int? {
        firstIndex(of: Self.label(label), from: start)
    }

    func firstIndex(of label: [Unicode.Scalar], from start: Int = 0) -> Int? {
        scalars.withUnsafeBufferPointer { $0.firstOccurrence(of: label, from: start) }
    }
}
