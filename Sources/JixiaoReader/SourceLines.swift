import Foundation

/// The text of a document as lines, with extraction debris removed: Word bookmarks and
/// page numbers standing alone between blank lines.
struct SourceLines {
    var lines: [String]

    init(_ text: String) {
        // Line breaks: \n, \r\n, \r and the form feed of a page break. Split by scalars, which is
        // much faster than by Characters.
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var previousCR = false
        for c in text.unicodeScalars {
            if c == "\n" && previousCR { previousCR = false; continue }
            previousCR = c == "\r"
            if c == "\n" || c == "\r" || c == "\u{0C}" || c == "\u{2028}" || c == "\u{2029}" || c == "\u{0B}" || c == "\u{85}" {
                lines.append(Self.withoutBookmarks(String(line)))
                line = String.UnicodeScalarView()
            } else {
                line.append(c)
            }
        }
        lines.append(Self.withoutBookmarks(String(line)))
        var blankRun = 0
        for i in lines.indices {
            let trimmed = CellText.trimmed(lines[i])
            if trimmed.isEmpty {
                blankRun += 1
                continue
            }
            if blankRun >= 2, trimmed.count <= 3, trimmed.allSatisfy(\.isASCIIDigit) { lines[i] = "" }
            blankRun = 0
        }
        self.lines = lines
    }

    static func withoutBookmarks(_ line: String) -> String {
        guard line.includes("[bookmark:") else { return line }
        var out = line
        while let r = out.range(of: "[bookmark:"), let close = out[r.upperBound...].firstIndex(of: "]") {
            out.removeSubrange(r.lowerBound...close)
        }
        return out
    }
}
