import Foundation

/// The text of a document as lines, with extraction debris removed: Word bookmarks and
/// page numbers standing alone between blank lines.
struct SourceLines {
    var lines: [String]

    init(_ text: String) {
        // Character.isNewline covers \n, \r\n, \r and the form feed of a page break.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { Self.withoutBookmarks(String($0)) }
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
