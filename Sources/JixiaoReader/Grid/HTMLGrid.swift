/// HTML (a page saved from a government site, or pasted) → `Grid`: each `<tr>` a row of its `<td>`/`<th>`
/// cells; text outside tables a row per line, cut at spaces. A cell spanning rows (`rowspan`) stands
/// in its first row only, as merged cells do in every other source. Lenient as browsers are: unclosed
/// cells and rows close at the next one, scripts and styles are skipped, entities decoded.
enum HTMLGrid {
    /// Whether text is HTML holding a table (or is a whole HTML page).
    static func isHTML(_ text: [UInt8]) -> Bool {
        let head = String(decoding: text.prefix(1024), as: UTF8.self).lowercased()
        guard head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).hasPrefix("<") else { return false }
        return ["<!doctype html", "<html", "<table", "<body", "<meta"].contains { head.contains($0) }
            || text.withUnsafeBufferPointer { $0.firstOccurrence(of: Array("<table".utf8)) ?? $0.firstOccurrence(of: Array("<TABLE".utf8)) } != nil
    }

    /// The grid's text, a line per row: what the flowing-text reading gets of a page with no table head.
    static func text(_ grid: Grid) -> String {
        grid.rows.map { $0.cells.map(\.text).joined(separator: " ") }.joined(separator: "\n")
    }

    static func grid(_ html: String) -> Grid {
        var builder = Builder()
        var i = html.startIndex
        var skipUntil: String?
        while i < html.endIndex {
            guard let open = html[i...].firstIndex(of: "<") else {
                builder.text(String(html[i...]), html: html)
                break
            }
            if open > i, skipUntil == nil { builder.text(String(html[i..<open]), html: html) }
            if html[open...].hasPrefix("<!--") {
                i = html[open...].range(of: "-->")?.upperBound ?? html.endIndex
                continue
            }
            guard let close = html[open...].firstIndex(of: ">") else { break }
            let tag = Tag(html[html.index(after: open)..<close])
            i = html.index(after: close)
            if let until = skipUntil {
                if tag.closing, tag.name == until { skipUntil = nil }
                continue
            }
            if !tag.closing, ["script", "style", "head", "title", "noscript"].contains(tag.name), !tag.selfClosing {
                skipUntil = tag.name
                continue
            }
            builder.tag(tag)
        }
        builder.finish()
        return Grid(layout: .positioned, rows: builder.rows)
    }

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        /// `colspan`, at most 64.
        var columnSpan = 1

        init(_ raw: Substring) {
            var body = raw
            closing = body.hasPrefix("/")
            if closing { body = body.dropFirst() }
            selfClosing = body.hasSuffix("/")
            name = String(body.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
            if name == "td" || name == "th", let m = body.firstMatch(of: Patterns.colspan), let span = Int(m.1) {
                columnSpan = min(max(span, 1), 64)
            }
        }
    }

    /// Rows as tags and text come. Line numbers count the lines of the HTML source.
    struct Builder {
        var rows: [Grid.Row] = []
        /// Cells of the open row of each open table (tables nest: a layout table around the data table).
        var tables: [[Grid.Cell]] = []
        var cell: String?
        var cellSpan = 1
        var line = ""
        var lineNumber = 1
        var consumed = 0

        mutating func text(_ raw: String, html: String) {
            let decoded = Self.decodingEntities(raw)
            if cell != nil {
                cell! += decoded
            } else {
                line += decoded
            }
            lineNumber += raw.count(where: { $0 == "\n" })
        }

        mutating func tag(_ tag: Tag) {
            switch (tag.name, tag.closing) {
            case ("table", false):
                flushLine()
                closeCell()
                tables.append([])
            case ("table", true):
                closeRow()
                if !tables.isEmpty { tables.removeLast() }
            case ("tr", _):
                closeRow()
            case ("td", false), ("th", false):
                closeCell()
                if !tables.isEmpty {
                    cell = ""
                    cellSpan = tag.columnSpan
                }
            case ("td", true), ("th", true):
                closeCell()
            case ("caption", _):
                flushLine()
            case ("br", _), ("p", true), ("div", true), ("li", true):
                if cell != nil { cell! += "\n" } else { flushLine() }
            case ("p", false), ("div", false), ("h1", _), ("h2", _), ("h3", _), ("h4", _), ("li", false):
                if cell != nil { cell! += "\n" } else { flushLine() }
            default:
                break
            }
        }

        mutating func closeCell() {
            guard let text = cell else { return }
            cell = nil
            guard !tables.isEmpty else { return }
            // Blank cells keep their place, and a cell spanning columns is followed by blank ones.
            tables[tables.count - 1].append(Grid.Cell(CellText.normalize(text), line: lineNumber))
            for _ in 1..<max(cellSpan, 1) { tables[tables.count - 1].append(Grid.Cell("", line: lineNumber)) }
            cellSpan = 1
        }

        mutating func closeRow() {
            closeCell()
            guard let last = tables.indices.last, tables[last].contains(where: { !$0.text.isEmpty }) else {
                if let last = tables.indices.last { tables[last] = [] }
                return
            }
            rows.append(Grid.Row(tables[last]))
            tables[last] = []
        }

        /// Text outside tables: a row per line, cut at spaces.
        mutating func flushLine() {
            for piece in line.split(separator: "\n") {
                let cells = TextGrid.spacedCells(piece, line: lineNumber)
                if !cells.isEmpty { rows.append(Grid.Row(cells)) }
            }
            line = ""
        }

        mutating func finish() {
            while !tables.isEmpty {
                closeRow()
                tables.removeLast()
            }
            flushLine()
        }

        static let named: [String: String] = [
            "nbsp": " ", "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "ensp": " ", "emsp": " ", "thinsp": " ",
            "ge": "≥", "le": "≤", "times": "×", "middot": "·", "mdash": "—", "ndash": "–", "ldquo": "“", "rdquo": "”",
            "lsquo": "‘", "rsquo": "’", "hellip": "…", "yen": "¥", "deg": "°", "permil": "‰",
        ]

        static func decodingEntities(_ s: String) -> String {
            guard s.utf8.contains(0x26) else { return s }
            var out = ""
            var rest = Substring(s)
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                let after = rest[rest.index(after: amp)...]
                if let semi = after.prefix(10).firstIndex(of: ";") {
                    let name = after[..<semi]
                    var decoded: String?
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                    } else if name.hasPrefix("#") {
                        decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                    } else {
                        decoded = named[String(name)]
                    }
                    if let decoded, decoded.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\n" || $0 == "\t" }) {
                        out += decoded
                        rest = after[after.index(after: semi)...]
                        continue
                    }
                }
                out += "&"
                rest = after
            }
            return out + rest
        }
    }
}
