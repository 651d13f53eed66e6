import Foundation

/// The text of a document as lines, with extraction debris removed: Word bookmarks and
/// page numbers standing alone between blank lines. A line is a range of the text's UTF-8 bytes,
/// not a String of its own: most lines are only ever looked at as bytes (by the tokenizer), so a
/// String is made only where one is asked for.
struct SourceLines {
    /// The text's UTF-8; a line from which a bookmark was taken out is written again after it.
    private let bytes: [UInt8]
    /// Each line's bytes; a page number standing alone is an empty range.
    private let spans: [Range<Int>]
    /// Each line's tabs, counted while its end is looked for (the tokenizer asks every line).
    private let tabs: [Int]

    init(_ text: String) { self.init(utf8: Array(text.utf8)) }

    /// Lines of text given as its (valid) UTF-8 bytes.
    init(utf8 text: [UInt8]) {
        var bytes = text
        var spans: [Range<Int>] = []
        var tabs: [Int] = []
        spans.reserveCapacity(text.count / 16)  // about as many lines as a document has: grown seldom
        tabs.reserveCapacity(text.count / 16)
        // Line breaks: \n, \r\n, \r, \v, the form feed of a page break, U+0085, U+2028 and U+2029.
        // The scan for them stops at every control byte, the tab among them.
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var start = 0
            var lineTabs = 0
            var i = 0
            while true {
                i = ByteScan.lineBreaks.next(in: b, from: i)
                guard i < n else { break }
                let breakLength: Int
                switch b[i] {
                case 0x0A, 0x0B, 0x0C: breakLength = 1
                case 0x0D: breakLength = i + 1 < n && b[i + 1] == 0x0A ? 2 : 1
                case 0xC2 where i + 1 < n && b[i + 1] == 0x85: breakLength = 2
                case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9): breakLength = 3
                default: breakLength = 0
                }
                if breakLength == 0 {
                    if b[i] == 0x09 { lineTabs += 1 }
                    i += 1
                    continue
                }
                spans.append(start..<i)
                tabs.append(lineTabs)
                lineTabs = 0
                i += breakLength
                start = i
            }
            spans.append(start..<n)
            tabs.append(lineTabs)
        }
        // Word bookmarks, looked for only where the text has a `[`.
        let marker = Array("[bookmark:".utf8)
        let hasBookmark = bytes.withUnsafeBufferPointer { b in
            b.baseAddress.map { memchr($0, 0x5B, b.count) != nil } == true && b.firstOccurrence(of: marker) != nil
        }
        if hasBookmark {
            for l in spans.indices {
                let line: String? = bytes.withUnsafeBufferPointer { b in
                    let line = UnsafeBufferPointer(rebasing: b[spans[l]])
                    return line.firstOccurrence(of: marker) == nil ? nil : String(decoding: line, as: UTF8.self)
                }
                guard let line else { continue }
                let kept = Self.withoutBookmarks(line)
                spans[l] = bytes.count..<bytes.count + kept.utf8.count
                tabs[l] = kept.utf8.count { $0 == 0x09 }
                bytes += kept.utf8
            }
        }
        var blankRun = 0
        let kinds = bytes.withUnsafeBufferPointer { b in spans.map { Self.kind(UnsafeBufferPointer(rebasing: b[$0])) } }
        for l in spans.indices {
            switch kinds[l] {
            case .blank:
                blankRun += 1
                continue
            case .pageNumber where blankRun >= 2:
                spans[l] = spans[l].lowerBound..<spans[l].lowerBound
                tabs[l] = 0
            default:
                break
            }
            blankRun = 0
        }
        self.bytes = bytes
        self.spans = spans
        self.tabs = tabs
    }

    var count: Int { spans.count }
    /// UTF-8 bytes held: at least those of the lines.
    var byteCount: Int { bytes.count }
    var indices: Range<Int> { spans.indices }

    /// Line `l` as text.
    subscript(l: Int) -> String { withBytes(l) { String(decoding: $0, as: UTF8.self) } }

    /// How many tabs line `l` holds.
    func tabCount(of l: Int) -> Int { tabs[l] }

    /// Where line `l`'s bytes begin.
    func offset(of l: Int) -> Int { spans[l].lowerBound }

    /// A token's text.
    func text(of token: Token) -> String {
        withBytes(of: token) { String(decoding: $0, as: UTF8.self) }
    }

    /// A token's UTF-8 bytes.
    func withBytes<R>(of token: Token, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[token.bytes])) }
    }

    /// All the UTF-8 bytes, which tokens' and lines' ranges index.
    func withAllBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer(body)
    }

    /// Line `l`'s UTF-8 bytes.
    func withBytes<R>(_ l: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[spans[l]])) }
    }

    /// Whether line `l` holds `needle` (UTF-8 bytes).
    func includes(_ l: Int, _ needle: [UInt8]) -> Bool {
        withBytes(l) { $0.firstOccurrence(of: needle) != nil }
    }

    private enum Kind { case blank, pageNumber, text }

    /// Blank (spaces only), a page number (one to three ASCII digits between spaces), or text.
    private static func kind(_ b: UnsafeBufferPointer<UInt8>) -> Kind {
        var digits = 0
        var digitsEnded = false
        var i = 0
        while i < b.count {
            let space = CellText.spaceLength(b, at: i)
            if space > 0 {
                digitsEnded = digits > 0
                i += space
                continue
            }
            // Anything but a first run of at most three digits is text: most lines end here at once.
            guard (0x30...0x39).contains(b[i]), !digitsEnded, digits < 3 else { return .text }
            digits += 1
            i += 1
        }
        return digits == 0 ? .blank : .pageNumber
    }

    static func withoutBookmarks(_ line: String) -> String {
        var out = line
        while let r = out.byteRange(of: "[bookmark:"), let close = out[r.upperBound...].firstIndex(of: "]") {
            out.removeSubrange(r.lowerBound...close)
        }
        return out
    }
}
