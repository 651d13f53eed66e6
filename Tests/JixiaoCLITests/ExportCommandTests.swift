import Foundation
import JixiaoTestSupport
import Testing

@Suite(.needsShared) struct ExportCommandTests {
    typealias CLI = ReadCommandTests

    @Test func csvAndPrintHTMLOfASeed() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = CLI.shared.appendingPathComponent("seeds/\(CLI.seeds[2])").path
        let csv = try CLI.jixiao(["export", seed, "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: csv.stdout.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("单位,年度,项目序号") == true && lines.count > 30)
        let html = dir.appendingPathComponent("t.html")
        #expect(try CLI.jixiao(["export", seed, "--format", "html", "--out", html.path]).status == 0)
        let text = try String(contentsOf: html, encoding: .utf8)
        // One file: six official tables, the stylesheet inside (A4 print rules), no script, nothing fetched from a server.
        #expect(text.components(separatedBy: "<table class=\"official\">").count - 1 == 6)
        #expect(text.contains("@page { size: A4") && !text.contains("<script") && !text.contains("href=\"/static"))
        // A stored document by its id.
        let db = dir.appendingPathComponent("t.sqlite").path
        #expect(try CLI.jixiao(["import", seed, "--db", db]).status == 0)
        let stored = try CLI.jixiao(["export", "--document", "1", "--db", db, "--format", "csv"])
        #expect(stored.status == 0 && stored.stdout == csv.stdout)
        #expect(try CLI.jixiao(["export", "--document", "7", "--db", db, "--format", "csv"]).status == 2)
        #expect(try CLI.jixiao(["export", seed, "--format", "pdf"]).status == 2)
        // One project's table alone: its rows only, numbered as in the document; the print view without the overall part.
        let one = try CLI.jixiao(["export", seed, "--project", "3", "--format", "csv"])
        let rows = String(decoding: one.stdout.dropFirst(3), as: UTF8.self).split(separator: "\r\n").dropFirst()
        #expect(one.status == 0 && !rows.isEmpty && rows.allSatisfy { $0.contains(",3,") })
        let alone = dir.appendingPathComponent("one.html")
        #expect(try CLI.jixiao(["export", seed, "--project", "3", "--format", "html", "--out", alone.path]).status == 0)
        let page = try String(contentsOf: alone, encoding: .utf8)
        #expect(page.components(separatedBy: "<table class=\"official\">").count - 1 == 1 && !page.contains("第一部分"))
        #expect(try CLI.jixiao(["export", seed, "--project", "3", "--format", "xlsx"]).stdout.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(try CLI.jixiao(["export", seed, "--project", "9", "--format", "csv"]).status == 2)
        // A workbook (a zip); what is in it is checked by openpyxl in the export tests.
        let xlsx = try CLI.jixiao(["export", seed, "--format", "xlsx"])
        #expect(xlsx.status == 0 && xlsx.stdout.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }
}
