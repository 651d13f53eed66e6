import Foundation

/// The text of a document as lines, with extraction debris removed: Word bookmarks and
/// page numbers standing alone between blank lines.
struct SourceLines {
    var lines: [String]

    init(_ text: String) {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
            .map { Self.withoutBookmarks(String($0)) }
        var blankRun = 0
        for i in lines.indices {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
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
        guard line.contains("[bookmark:") else { return line }
        var out = line
        while let r = out.range(of: "[bookmark:"), let close = out[r.upperBound...].firstIndex(of: "]") {
            out.removeSubrange(r.lowerBound...close)
        }
        return out
    }
}
