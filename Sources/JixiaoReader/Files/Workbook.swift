import Foundation
import JixiaoModel

/// An Excel .xlsx as sheets of cell texts. Values are read as stored: a formula's cached result, never
/// the formula itself (nothing is evaluated), and parts such as macros are never opened.
struct Workbook {
    typealias Element = OfficeXML.Element

    struct Sheet {
        var name: String
        var rows: [[String]]
    }

    /// The text the reader reads: a one-row-per-indicator sheet regrouped as official tables, any other
    /// workbook (such as our own export) sheet after sheet, row by row.
    var text: String {
        if let list = sheets.lazy.compactMap(IndicatorList.init).first { return list.text }
        return sheets.flatMap { CellRows.lines($0.rows) + [""] }.joined(separator: "\n")
    }

    /// The sheets as a positioned grid — each cell at its column, blank ones kept, a merged cell's text
    /// in its first cell — for any workbook but a one-row-per-indicator list, which `text` regroups.
    /// Line numbers are those of `text`.
    var grid: Grid? {
        guard !sheets.contains(where: { IndicatorList($0) != nil }) else { return nil }
        var rows: [Grid.Row] = []
        var line = 0
        for sheet in sheets {
            let width = sheet.rows.map(\.count).max() ?? 0
            for row in sheet.rows {
                line += 1
                guard row.contains(where: { !$0.isEmpty }) else { continue }
                rows.append(Grid.Row((row + Array(repeating: "", count: width - row.count)).map { Grid.Cell($0, line: line) }))
            }
            line += 1  // the blank line between sheets
        }
        return Grid(layout: .positioned, rows: rows)
    }

    static let maxRows = 100_000
    static let maxColumns = 256

    var sheets: [Sheet]

    init(_ archive: inout OfficeArchive) throws(ReadError) {
        guard let book = try archive.part("xl/workbook.xml") else { throw .damaged(".xlsx without xl/workbook.xml") }
        let workbook = try OfficeXML.parse(book, part: "xl/workbook.xml")
        var targets: [String: String] = [:]
        if let rels = try archive.part("xl/_rels/workbook.xml.rels") {
            for r in try OfficeXML.parse(rels, part: "xl/_rels/workbook.xml.rels").all("Relationship") {
                guard let id = r.attributes["Id"], let target = r.attributes["Target"] else { continue }
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        var shared: [String] = []
        if let strings = try archive.part("xl/sharedStrings.xml") {
            shared = try OfficeXML.parse(strings, part: "xl/sharedStrings.xml").all("si").map(Self.text)
        }
        var sheets: [Sheet] = []
        for (k, s) in (workbook.child("sheets")?.all("sheet") ?? []).enumerated() {
            let path = s.attributes["id"].flatMap { targets[$0] } ?? "xl/worksheets/sheet\(k + 1).xml"
            guard let xml = try archive.part(path) else { continue }
            let sheet = try OfficeXML.parse(xml, part: path)
            sheets.append(Sheet(name: s.attributes["name"] ?? "", rows: try Self.rows(sheet, shared: shared, part: path)))
        }
        self.sheets = sheets
    }

    /// The tables our own export marks as cut off in their source (`Project.incompleteWorkbookProperty`).
    static func incompleteProjects(_ archive: inout OfficeArchive) throws(ReadError) -> [Int] {
        guard let custom = try archive.part("docProps/custom.xml") else { return [] }
        let properties = try OfficeXML.parse(custom, part: "docProps/custom.xml").all("property")
        guard let marked = properties.first(where: { $0.attributes["name"] == Project.incompleteWorkbookProperty }) else { return [] }
        return marked.children.map(\.text).joined().split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// A shared or inline string: its runs' text, without the phonetic guide (rPh).
    static func text(_ e: Element) -> String {
        e.children.map { c in c.name == "t" ? c.text : c.name == "rPh" ? "" : text(c) }.joined()
    }

    static func rows(_ sheet: Element, shared: [String], part: String) throws(ReadError) -> [[String]] {
        var grid: [Int: [Int: String]] = [:]
        var next = 0
        for row in sheet.child("sheetData")?.all("row") ?? [] {
            let r = (Int(row.attributes["r"] ?? "") ?? next + 1) - 1
            next = r + 1
            guard r >= 0, r < maxRows else { throw .tooLarge("\(part) has more than \(maxRows) rows") }
            var column = 0
            for c in row.all("c") {
                if let ref = c.attributes["r"], let col = Self.column(ref) { column = col }
                guard column < maxColumns else { break }
                let raw = c.child("v")?.text ?? ""
                let value: String
                switch c.attributes["t"] {
                case "s": value = Int(raw).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
                case "inlineStr": value = c.child("is").map(Self.text) ?? ""
                case "str", "d": value = raw
                case "e": value = ""  // #DIV/0! and the like hold nothing to read
                case "b": value = raw == "1" ? "TRUE" : raw.isEmpty ? "" : "FALSE"
                default: value = Self.number(raw)
                }
                if !value.isEmpty { grid[r, default: [:]][column] = value }
                column += 1
            }
        }
        // A merged area's text is its first cell's; what the others still hold is not shown.
        for merge in sheet.child("mergeCells")?.all("mergeCell") ?? [] {
            let corners = (merge.attributes["ref"] ?? "").split(separator: ":").map { Self.cell(String($0)) }
            guard corners.count == 2, let from = corners[0], let to = corners[1], from.row <= to.row, from.column <= to.column,
                to.row - from.row < maxRows, to.column - from.column < maxColumns
            else { continue }
            for r in from.row...to.row where grid[r] != nil {
                for c in from.column...to.column where (r, c) != (from.row, from.column) { grid[r]![c] = nil }
            }
        }
        let height = (grid.keys.max() ?? -1) + 1
        return (0..<height).map { r in
            guard let cells = grid[r], let width = cells.keys.max() else { return [] }
            return (0...width).map { cells[$0] ?? "" }
        }
    }

    /// `C12` → row 11, column 2.
    static func cell(_ ref: String) -> (row: Int, column: Int)? {
        guard let column = column(ref), let row = Int(ref.drop { $0.isLetter }), row >= 1 else { return nil }
        return (row - 1, column)
    }

    /// `C12` → 2.
    static func column(_ ref: String) -> Int? {
        var n = 0
        var letters = 0
        for u in ref.utf8 {
            guard u >= 65, u <= 90 else { break }
            n = n * 26 + Int(u - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }

    /// A stored number as a person would type it: `135000`, `13.48` (the shortest text that is the
    /// same binary number, not `13.480000000000000`).
    static func number(_ raw: String) -> String {
        guard let d = Double(raw), d.isFinite else { return raw }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
