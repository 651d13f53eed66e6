import Foundation
import JixiaoExport
import JixiaoModel
import ZIPFoundation

/// Word and Excel files made in the tests from what we know, never committed: the XML is written here
/// by hand, so that the reader is checked against files it did not write itself.
public enum OfficeFiles {
    public static func zip(_ parts: [(path: String, data: Data)], compress: Bool = true) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compress ? .deflate : .none
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return archive.data!
    }

    /// The parts of a zip archive, in order.
    public static func unzip(_ data: Data) throws -> [(path: String, data: Data)] {
        let archive = try Archive(data: data, accessMode: .read)
        return try archive.map { entry in
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return (entry.path, out)
        }
    }

    static func escaped(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    // MARK: Word

    public static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    public static func paragraph(_ text: String) -> String {
        // A tab inside a paragraph is its own element in Word's XML.
        let runs = text.split(separator: "\t", omittingEmptySubsequences: false).map { #"<w:r><w:t xml:space="preserve">\#(escaped(String($0)))</w:t></w:r>"# }
        return "<w:p>" + runs.joined(separator: "<w:r><w:tab/></w:r>") + "</w:p>"
    }

    /// A .docx of a document as a disclosure is written in Word: the overall part as paragraphs, each
    /// project's official table as a real Word table (gridSpan for merged columns, vMerge for the
    /// merged 一级/二级 cells, one paragraph per line inside a cell).
    public static func docx(_ d: TargetDocument) throws -> Data {
        var body = OverviewText.lines(d).map { paragraph($0.text) }
        body.append(paragraph("第二部分 预算项目绩效目标"))
        for p in d.projects {
            let table = OfficialTable(p, year: d.fiscalYear)
            if let heading = table.heading { body.append(paragraph(heading)) }
            body.append(paragraph("预算项目绩效目标表" + (d.fiscalYear.map { "（\($0)年度）" } ?? "")))
            body.append(paragraph("\(table.unitLine)\t金额单位：\(table.moneyUnit)"))
            body.append(wordTable(table))
        }
        let document =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="\#(wordNamespace)"><w:body>"#
            + body.joined(separator: "\n") + #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
        return try wordPackage(document)
    }

    public static func wordPackage(_ documentXML: String) throws -> Data {
        let types =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
        let rels =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
        return try zip([("[Content_Types].xml", Data(types.utf8)), ("_rels/.rels", Data(rels.utf8)), ("word/document.xml", Data(documentXML.utf8))])
    }

    /// A Word file whose document part has an invalid UTF-8 byte in a tag name: it used to trap
    /// (kill the process) inside Foundation's XML parser.
    public static func wordFileWithAnInvalidByteInATagName() throws -> Data {
        var parts = try unzip(wordPackage(#"<w:document xmlns:w="\#(wordNamespace)"><w:body><w:p/></w:body></w:document>"#))
        let k = parts.firstIndex { $0.path == "word/document.xml" }!
        var xml = [UInt8](parts[k].data)
        xml[xml.lastIndex(of: UInt8(ascii: "p"))!] = 0xFF
        parts[k].data = Data(xml)
        return try zip(parts)
    }

    static func wordTable(_ table: OfficialTable) -> String {
        let placed = table.placed()
        var starts: [[Int?]] = Array(repeating: Array(repeating: nil, count: table.columns), count: table.rows.count)
        var covered: [[Int?]] = starts
        for (k, p) in placed.enumerated() {
            starts[p.row][p.column] = k
            for r in p.row..<min(p.row + p.cell.rowspan, table.rows.count) where r > p.row { covered[r][p.column] = k }
        }
        var xml = "<w:tbl><w:tblPr><w:tblBorders/></w:tblPr><w:tblGrid>" + String(repeating: "<w:gridCol/>", count: table.columns) + "</w:tblGrid>"
        for r in 0..<table.rows.count {
            xml += "<w:tr>"
            var c = 0
            while c < table.columns {
                guard let k = starts[r][c] ?? covered[r][c] else { c += 1; continue }
                let cell = placed[k].cell
                let span = cell.colspan > 1 ? #"<w:gridSpan w:val="\#(cell.colspan)"/>"# : ""
                if starts[r][c] != nil {
                    let merge = cell.rowspan > 1 ? #"<w:vMerge w:val="restart"/>"# : ""
                    let paragraphs = cell.text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph(String($0)) }
                    xml += "<w:tc><w:tcPr>\(span)\(merge)</w:tcPr>\(paragraphs.joined())</w:tc>"
                } else {
                    xml += "<w:tc><w:tcPr>\(span)<w:vMerge/></w:tcPr><w:p/></w:tc>"
                }
                c += cell.colspan
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    // MARK: Excel

    public enum Cell {
        case text(String)
        case number(String)
        /// A formula with the result Excel saved beside it.
        case formula(String, cached: String)
    }

    /// An .xlsx with one sheet of these rows (strings inline), its merged areas (`A5:A6`), and any extra
    /// parts (a macro project …).
    public static func xlsx(sheet name: String = "Sheet1", rows: [[Cell?]], merges: [String] = [], extra: [(path: String, data: Data)] = []) throws -> Data {
        func column(_ k: Int) -> String {
            var k = k + 1, s = ""
            while k > 0 { s = String(UnicodeScalar(UInt8(65 + (k - 1) % 26))) + s; k = (k - 1) / 26 }
            return s
        }
        var sheet =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() {
            sheet += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = "\(column(c))\(r + 1)"
                switch cell {
                case nil: continue
                case .text(let t)?: sheet += #"<c r="\#(ref)" t="inlineStr"><is><t xml:space="preserve">\#(escaped(t))</t></is></c>"#
                case .number(let n)?: sheet += #"<c r="\#(ref)"><v>\#(n)</v></c>"#
                case .formula(let f, let cached)?: sheet += #"<c r="\#(ref)" t="str"><f>\#(escaped(f))</f><v>\#(escaped(cached))</v></c>"#
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData>"
        if !merges.isEmpty { sheet += #"<mergeCells count="\#(merges.count)">"# + merges.map { #"<mergeCell ref="\#($0)"/>"# }.joined() + "</mergeCells>" }
        sheet += "</worksheet>"
        let workbook =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\#(escaped(name))" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        let rels =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
        return try zip(
            [
                ("xl/workbook.xml", Data(workbook.utf8)), ("xl/_rels/workbook.xml.rels", Data(rels.utf8)), ("xl/worksheets/sheet1.xml", Data(sheet.utf8)),
            ] + extra)
    }
}

extension Shared {
    /// A seed's answer key as a file we made of it must read back: the source is the new file; a file
    /// holding the plan as percentages does not hold the text it was first written in
    /// (`spendingPlan.raw`); a table the source cut off is written whole, so it reads back `complete`.
    /// Nothing else may differ.
    public static func readBackExpected(_ name: String, _ got: TargetDocument) throws -> TargetDocument {
        var expected = try goldDocument(name)
        expected.source = got.source
        for k in expected.projects.indices where k < got.projects.count {
            expected.projects[k].spendingPlan.raw = got.projects[k].spendingPlan.raw
            expected.projects[k].complete = got.projects[k].complete
        }
        return expected
    }

    public static func readBackMismatches(_ name: String, _ got: TargetDocument) throws -> [String] {
        mismatches(DocumentJSON.json(try readBackExpected(name, got)), DocumentJSON.json(got))
    }
}
