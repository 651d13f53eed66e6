import Foundation

/// The text of a document as lines, with extraction debris removed: Word bookmarks and
/// page numbers standing alone between blank lines.
struct SourceLines {
    var lines: [String]

    init(_ text: String) {
        // Line breaks: \n, \r\n, \r, \v, the form feed of a page break, U+0085, U+2028 and U+2029.
        // Split over UTF-8 bytes: a line is copied once, never built scalar by scalar.
        var text = text
        var lines: [String] = []
        text.withUTF8 { b in
            let n = b.count
            var start = 0
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
                if breakLength == 0 { i += 1; continue }
                lines.append(Self.line(UnsafeBufferPointer(rebasing: b[start..<i])))
                i += breakLength
                start = i
            }
            lines.append(Self.line(UnsafeBufferPointer(rebasing: b[start..<n])))
        }
        var blankRun = 0
        for i in lines.indices {
            switch Self.kind(lines[i]) {
            case .blank:
                blankRun += 1
                continue
            case .pageNumber where blankRun >= 2:
                lines[i] = ""
            default:
                break
            }
            blankRun = 0
        }
        self.lines = lines
    }

    /// A line's text, without Word bookmarks (looked for only where the line has a `[`).
    private static func line(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let line = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(0x5B) ? withoutBookmarks(line) : line
    }

    private enum Kind { case blank, pageNumber, text }

    /// Blank (spaces only), a page number (one to three ASCII digits between spaces), or text.
    private static func kind(_ line: String) -> Kind {
        var line = line
        return line.withUTF8 { b in
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
    }

    static func withoutBookmarks(_ line: String) -> String {
        guard line.includes("[bookmark:") else { return line }
        var out = line
        while let r = out.byteRange(of: "[bookmark:"), let close = out[r.upperBound...].firstIndex(of: "]") {
            out.removeSubrange(r.lowerBound...close)
        }
        return out
    }
}
