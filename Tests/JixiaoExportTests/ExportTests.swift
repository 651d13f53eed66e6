import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoExport

@Suite struct ExportTests {
    /// RFC 4180 records, to read the export back independently of how it was written.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else { field.append(c) }
        }
        return records
    }

    @Test(arguments: Shared.seedNames)
    func everyIndicatorOfASeedIsARow(_ name: String) throws {
        let document = try DocumentJSON.decode(Data(try Shared.gold(name).serialized().utf8))
        let data = CSVExport.document(document)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let rows = Self.records(String(decoding: data.dropFirst(3), as: UTF8.self))
        #expect(rows.first == CSVExport.columns)
        let expected = document.projects.map { max(1, $0.indicators.count) }.reduce(0, +)
        #expect(rows.count - 1 == expected)
        // Every value comes back as written, in its column.
        var line = 1
        for (k, p) in document.projects.enumerated() {
            for (r, i) in p.indicators.enumerated() {
                let row = rows[line]
                #expect(row[2] == "\(k + 1)" && row[4] == p.name && row[13] == "\(r + 1)")
                #expect(row[16] == i.level3 && row[18] == i.value && row[19] == (i.basis ?? ""))
                line += 1
            }
            if p.indicators.isEmpty { line += 1 }
        }
    }

    @Test func spreadsheetFormulasStayText() {
        #expect(CSVExport.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVExport.field("+1") == "'+1" && CSVExport.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVExport.field("-2+3") == "'-2+3" && CSVExport.field("-2.5") == "-2.5")
        #expect(CSVExport.field("a,b") == "\"a,b\"" && CSVExport.field("≥98%") == "≥98%")
    }
}
