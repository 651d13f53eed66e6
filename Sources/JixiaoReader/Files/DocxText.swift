import Foundation

/// A Word .docx as the text the reader reads: paragraphs as lines, each table row as one line of
/// tab-separated cells taken from the document XML (merged cells, spans and line breaks inside a cell
/// come from the table's structure, not from guessing at printed text).
enum DocxText {
    typealias Element = OfficeXML.Element

    static func text(_ archive: inout OfficeArchive) throws(ReadError) -> String {
        guard let xml = try archive.part("word/document.xml") else { throw .damaged(".docx without word/document.xml") }
        let root = try OfficeXML.parse(xml, part: "word/document.xml")
        guard let body = root.child("body") else { throw .damaged("word/document.xml has no body") }
        var lines: [String] = []
        blocks(body, into: &lines)
        return lines.joined(separator: "\n")
    }

    /// The document as a positioned grid: a paragraph a row (cut at spaces, as text outside a table
    /// is), a table's rows with their cells where the table's grid puts them, blank ones kept.
    static func grid(_ archive: inout OfficeArchive) throws(ReadError) -> Grid {
        guard let xml = try archive.part("word/document.xml") else { throw .damaged(".docx without word/document.xml") }
        let root = try OfficeXML.parse(xml, part: "word/document.xml")
        guard let body = root.child("body") else { throw .damaged("word/document.xml has no body") }
        var rows: [Grid.Row] = []
        func walk(_ e: Element) {
            for c in e.children {
                switch c.name {
                case "p":
                    // A line break inside a paragraph cuts cells as a space does.
                    let cells = paragraph(c).split(separator: "\n").flatMap { TextGrid.spacedCells($0, line: rows.count + 1) }
                    if !cells.isEmpty { rows.append(Grid.Row(cells)) }
                case "tbl":
                    for row in Self.rows(c) where row.contains(where: { !$0.isEmpty }) {
                        let line = rows.count + 1
                        rows.append(Grid.Row(row.map { Grid.Cell(CellText.normalize($0), line: line) }))
                    }
                case "sectPr", "tblPr", "tblGrid", "tcPr", "trPr", "del", "moveFrom", "Fallback": break
                default: walk(c)
                }
            }
        }
        walk(body)
        return Grid(layout: .positioned, rows: rows)
    }

    /// Paragraphs and tables in document order; content controls, inserted revisions and the like are
    /// looked into, deleted revisions skipped.
    static func blocks(_ e: Element, into lines: inout [String]) {
        for c in e.children {
            switch c.name {
            case "p": lines.append(paragraph(c))
            case "tbl": lines += CellRows.lines(rows(c))
            // A Fallback repeats its Choice for older readers.
            case "sectPr", "tblPr", "tblGrid", "tcPr", "trPr", "del", "moveFrom", "Fallback": break
            default: blocks(c, into: &lines)
            }
        }
    }

    static func paragraph(_ p: Element) -> String {
        var text = ""
        func walk(_ e: Element) {
            for c in e.children {
                switch c.name {
                case "t": text += c.text
                case "tab": text += "\t"
                case "br", "cr": text += "\n"
                case "noBreakHyphen": text += "-"
                case "pPr", "rPr", "del", "moveFrom", "instrText", "delText", "softHyphen", "Fallback": break
                default: walk(c)
                }
            }
        }
        walk(p)
        return text
    }

    /// A table's rows as cells on its grid: a cell spanning columns is followed by empty cells, a cell
    /// continuing a vertical merge is empty; a table inside a cell becomes that cell's text.
    static func rows(_ table: Element) -> [[String]] {
        table.descendants("tr").map { tr in
            let skipped = Int(tr.child("trPr")?.child("gridBefore")?.attributes["val"] ?? "") ?? 0
            var cells = Array(repeating: "", count: min(max(skipped, 0), 64))
            for tc in tr.descendants("tc") {
                let props = tc.child("tcPr")
                let span = Int(props?.child("gridSpan")?.attributes["val"] ?? "") ?? 1
                // vMerge continues a cell from the row above; hMerge (older files) from the cell before.
                let continued = ["vMerge", "hMerge"].contains { props?.child($0).map { ($0.attributes["val"] ?? "continue") == "continue" } ?? false }
                var paragraphs: [String] = []
                blocks(tc, into: &paragraphs)
                cells.append(continued ? "" : paragraphs.joined(separator: "\n"))
                cells += Array(repeating: "", count: min(max(span, 1), 64) - 1)
            }
            return cells
        }
    }
}
