import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

/// `jixiao read` and `jixiao import` on Word, Excel and PDF files, through the real binary.
@Suite(.needsShared) struct OfficeFileCommandTests {
    typealias CLI = ReadCommandTests

    static func seedPath(_ name: String) -> String { CLI.shared.appendingPathComponent("seeds/\(name).txt").path }

    /// The answer key as a file made from our print view must read back (`Shared.readBackExpected`),
    /// with `seq` as printed: the print view numbers every table.
    static func printedExpected(_ name: String, _ got: TargetDocument) throws -> TargetDocument {
        var expected = try Shared.readBackExpected(name, got)
        for k in expected.projects.indices where k < got.projects.count { expected.projects[k].seq = got.projects[k].seq }
        return expected
    }

    /// Each seed's print view (`jixiao export --format html`: a table per project, 一级/二级 merged
    /// with rowspan) read as a web page: the answer key exactly, `seq` as printed.
    @Test(arguments: Shared.seedNames)
    func theHTMLViewReadsBackAsAWebPage(_ name: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("\(name).html")
        #expect(try CLI.jixiao(["export", Self.seedPath(name), "--format", "html", "--out", html.path]).status == 0)
        let run = try CLI.jixiao(["read", html.path])
        #expect(run.status == 0, "\(run.stderr)")
        let got = try DocumentJSON.decode(run.stdout)
        let mismatches = Shared.mismatches(DocumentJSON.json(try Self.printedExpected(name, got)), DocumentJSON.json(got))
        #expect(mismatches == [], "\(mismatches.prefix(8).joined(separator: "\n"))")
    }

    /// Each seed → the print view (`jixiao export --format html`) → a PDF printed by Chromium →
    /// `jixiao read`: the answer key exactly (`seq` as printed, since the print view numbers every
    /// table). Chromium draws every cell's borders, so each wrapped cell is read from its own box;
    /// the text alone (`pdftotext -raw`) moved words between neighbouring cells in up to 9 of 27 rows.
    @Test(arguments: Shared.seedNames)
    func aPDFPrintedFromTheHTMLViewReadsBack(_ name: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("\(name).html"), pdf = dir.appendingPathComponent("\(name).pdf")
        #expect(try CLI.jixiao(["export", Self.seedPath(name), "--format", "html", "--out", html.path]).status == 0)
        try CLI.printToPDF(html, pdf, in: dir)

        let run = try CLI.jixiao(["read", pdf.path])
        #expect(run.status == 0, "\(run.stderr)")
        let got = try DocumentJSON.decode(run.stdout)
        let mismatches = Shared.mismatches(DocumentJSON.json(try Self.printedExpected(name, got)), DocumentJSON.json(got))
        #expect(mismatches == [], "\(mismatches.prefix(8).joined(separator: "\n"))")
    }

    /// LibreOffice headless converting `files` to `target` (`pdf`, `docx:MS Word 2007 XML` …) into `dir`.
    static func office(_ target: String, _ files: [String], in dir: URL) throws {
        let office = Process()
        office.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        office.arguments =
            [
                "soffice", "-env:UserInstallation=\(dir.appendingPathComponent("profile").absoluteString)", "--headless", "--convert-to", target, "--outdir",
                dir.path,
            ]
            + files
        office.standardOutput = FileHandle.nullDevice
        office.standardError = FileHandle.nullDevice
        try office.run()
        office.waitUntilExit()
    }

    /// Each seed's print view (`jixiao export --format html`) converted by LibreOffice to `target`, the
    /// files `NAME.ext` by seed.
    static func printViews(convertedTo target: String, as ext: String, in dir: URL) throws -> [(name: String, file: URL)] {
        var pages: [String] = []
        for name in Shared.seedNames {
            let html = dir.appendingPathComponent("\(name).html")
            #expect(try CLI.jixiao(["export", Self.seedPath(name), "--format", "html", "--out", html.path]).status == 0)
            pages.append(html.path)
        }
        try office(target, pages, in: dir)
        return try Shared.seedNames.map { name in
            let file = dir.appendingPathComponent("\(name).\(ext)")
            try #require(FileManager.default.fileExists(atPath: file.path), "LibreOffice made no \(name).\(ext)")
            return (name, file)
        }
    }

    /// The share of the answer key's fields a reading has right, as `compare_gold.py` counts them.
    static func accuracy(_ expected: TargetDocument, _ got: TargetDocument, in dir: URL) throws -> Double {
        let key = dir.appendingPathComponent("key.json"), out = dir.appendingPathComponent("got.json")
        try Data(DocumentJSON.encode(expected).utf8).write(to: key)
        try Data(DocumentJSON.encode(got).utf8).write(to: out)
        let compare = Process()
        compare.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compare.arguments = ["python3", CLI.shared.appendingPathComponent("tools/compare_gold.py").path, key.path, out.path]
        let pipe = Pipe()
        compare.standardOutput = pipe
        try compare.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        compare.waitUntilExit()
        let match = try #require(output.firstMatch(of: /accuracy ([0-9.]+)/), "\(output)")
        return Double(match.1)!
    }

    /// Each seed's print view → a PDF printed by LibreOffice, which draws none of the page's CSS borders:
    /// the words are placed by their positions alone (columns under each indicator head, a level merged
    /// over rows put in its first row, rows cut by a page break joined), at least 0.98 of the answer key's
    /// fields each (`compare_gold.py`). Read from the text alone these were 0.77–0.96.
    @Test func aPDFPrintedByLibreOfficeReadsBack() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, pdf) in try Self.printViews(convertedTo: "pdf", as: "pdf", in: dir) {
            let run = try CLI.jixiao(["read", pdf.path])
            #expect(run.status == 0, "\(run.stderr)")
            let got = try DocumentJSON.decode(run.stdout)
            let score = try Self.accuracy(try Self.printedExpected(name, got), got, in: dir)
            #expect(score >= 0.98, "\(name): \(score)")
        }
    }

    /// Word files made by an office suite, not by us: LibreOffice turns each seed's print view into a
    /// .docx (its own XML: runs split anywhere, table properties, styles), which reads back to the answer
    /// key — with `seq` as printed, since the print view numbers every table.
    @Test func wordFilesMadeByLibreOfficeReadBack() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, docx) in try Self.printViews(convertedTo: "docx:MS Word 2007 XML", as: "docx", in: dir) {
            let run = try CLI.jixiao(["read", docx.path])
            #expect(run.status == 0, "\(run.stderr)")
            let got = try DocumentJSON.decode(run.stdout)
            let mismatches = Shared.mismatches(DocumentJSON.json(try Self.printedExpected(name, got)), DocumentJSON.json(got))
            #expect(mismatches == [], "\(name)")
        }
    }

    @Test func readAndImportTakeWordAndExcelFiles() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = Shared.seedNames[1]
        let gold = try Shared.goldDocument(name)
        let docx = dir.appendingPathComponent("targets.docx"), xlsx = dir.appendingPathComponent("targets.xlsx")
        try OfficeFiles.docx(gold).write(to: docx)
        #expect(try CLI.jixiao(["export", Self.seedPath(name), "--format", "xlsx", "--out", xlsx.path]).status == 0)
        for file in [docx, xlsx] {
            let run = try CLI.jixiao(["read", file.path])
            #expect(run.status == 0, "\(run.stderr)")
            let document = try DocumentJSON.decode(run.stdout)
            #expect(document.source?.name == file.lastPathComponent)
            #expect(try Shared.readBackMismatches(name, document) == [])
        }
        let db = dir.appendingPathComponent("t.sqlite").path
        let imported = try CLI.jixiao(["import", docx.path, xlsx.path, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        // The same unit and year from two files: the second is a new version (the files differ).
        let said = imported.stderr + String(decoding: imported.stdout, as: UTF8.self)
        #expect(said.contains("imported 1 new, 1 new versions"), "\(said)")
    }

    /// A .doc and an .xls saved by LibreOffice from a seed's Word and Excel files read as those do;
    /// without LibreOffice they are refused with the way out, and nothing is stored.
    @Test func oldWordAndExcelFilesReadThroughLibreOffice() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = Shared.seedNames[1]
        let html = dir.appendingPathComponent("targets.html"), docx = dir.appendingPathComponent("targets.docx")
        let xlsx = dir.appendingPathComponent("sheet.xlsx")
        #expect(try CLI.jixiao(["export", Self.seedPath(name), "--format", "html", "--out", html.path]).status == 0)
        #expect(try CLI.jixiao(["export", Self.seedPath(name), "--format", "xlsx", "--out", xlsx.path]).status == 0)
        // The print view → .docx → .doc, and our workbook → .xls, each by LibreOffice.
        for (file, target) in [(html, "docx:MS Word 2007 XML"), (docx, "doc:MS Word 97"), (xlsx, "xls:MS Excel 97")] {
            try Self.office(target, [file.path], in: dir)
        }
        let doc = dir.appendingPathComponent("targets.doc"), xls = dir.appendingPathComponent("sheet.xls")
        try #require(FileManager.default.fileExists(atPath: doc.path) && FileManager.default.fileExists(atPath: xls.path), "LibreOffice made no .doc or .xls")
        for (old, new) in [(doc, docx), (xls, xlsx)] {
            let a = try CLI.jixiao(["read", old.path]), b = try CLI.jixiao(["read", new.path])
            #expect(a.status == 0, "\(a.stderr)")
            var fromOld = try DocumentJSON.decode(a.stdout), fromNew = try DocumentJSON.decode(b.stdout)
            fromOld.source = nil
            fromNew.source = nil
            #expect(fromOld == fromNew, "\(old.lastPathComponent)")
        }
        // Without LibreOffice on the PATH.
        let refused = try CLI.jixiao(["read", doc.path], environment: ["PATH": dir.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("targets.doc") && refused.stderr.contains("LibreOffice") && refused.stderr.contains("另存为"))
        let db = dir.appendingPathComponent("t.sqlite").path
        let imported = try CLI.jixiao(["import", xls.path, "--db", db], environment: ["PATH": dir.path])
        #expect(imported.status == 1)
        let said = imported.stderr + String(decoding: imported.stdout, as: UTF8.self)
        #expect(said.contains("imported 0 new") && said.contains("1 failed"), "\(said)")
    }

    @Test func withoutPdftotextTheMessageSaysHowToInstallIt() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("targets.pdf")
        try Data("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".utf8).write(to: pdf)
        let run = try CLI.jixiao(["read", pdf.path], environment: ["PATH": dir.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("targets.pdf") && run.stderr.contains("apt-get install poppler-utils"))
    }

    @Test func hostileFilesAreRefusedWithTheReasonAndTheOthersStillLand() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bomb = dir.appendingPathComponent("bomb.docx"), legacy = dir.appendingPathComponent("old.doc")
        try OfficeFiles.zip([("word/document.xml", Data(repeating: 0x20, count: 40 << 20))]).write(to: bomb)
        try (Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 1024)).write(to: legacy)
        let run = try CLI.jixiao(["read", bomb.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bomb.docx") && run.stderr.contains("too large"))
        let old = try CLI.jixiao(["read", legacy.path])
        #expect(old.status == 1 && old.stderr.contains("另存为 .docx"))
        let db = dir.appendingPathComponent("t.sqlite").path
        let imported = try CLI.jixiao(["import", bomb.path, Self.seedPath(Shared.seedNames[0]), "--db", db])
        #expect(imported.status == 1)
        let said = imported.stderr + String(decoding: imported.stdout, as: UTF8.self)
        #expect(said.contains("bomb.docx") && said.contains("imported 1 new") && said.contains("1 failed"))
    }
}
