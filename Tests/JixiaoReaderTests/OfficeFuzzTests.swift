import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoReader

/// Word and Excel files with damaged XML parts, re-zipped: whatever the bytes, the reader answers
/// with a document or a `ReadError` and never takes the process down (an invalid UTF-8 byte in a
/// tag name, or a bare `<?xml?>`, used to trap inside Foundation's XMLParser).
@Suite struct OfficeFuzzTests {
    static let wordXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="\(OfficeFiles.wordNamespace)"><w:body>
        \(OfficeFiles.paragraph("1.测试项目绩效目标表"))
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>测试项目</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:p><w:r><w:t>一级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>二级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>三级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>指标值</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>产出指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>测试次数</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>≥10 次</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>质量指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>合格率</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>≥98%</w:t></w:r></w:p></w:tc></w:tr>
        </w:tbl></w:body></w:document>
        """

    /// The parts of a small Word file and a small workbook, each one to damage.
    static func baseFiles() throws -> [[(path: String, data: Data)]] {
        let word = try OfficeFiles.unzip(OfficeFiles.wordPackage(wordXML))
        let rows: [[OfficeFiles.Cell?]] = [
            ["项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"].map { .text($0) },
            [.text("测试项目"), .number("12.5"), .text("产出指标"), .text("数量指标"), .text("测试次数"), .text("≥10 次")],
            [nil, nil, .text("效益指标"), .text("社会效益指标"), .text("服务水平"), .formula("A1", cached: "明显提升")],
        ]
        return [word, try OfficeFiles.unzip(OfficeFiles.xlsx(rows: rows))]
    }

    /// One damage of the kinds a careless save, a bad disk or an attacker makes.
    static func mutate(_ bytes: Data, _ rng: inout SplitMix) -> Data {
        var b = [UInt8](bytes)
        guard !b.isEmpty else { return bytes }
        let opens = b.indices.filter { b[$0] == UInt8(ascii: "<") }
        switch rng.next() % 7 {
        case 0:  // a byte that cannot begin or continue UTF-8, inside a tag name
            let at = opens.randomElement(using: &rng).map { min($0 + 1 + Int(rng.next() % 3), b.count - 1) } ?? 0
            b[at] = [0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFE, 0xFF].randomElement(using: &rng)!
        case 1:  // random bytes flipped anywhere
            for _ in 0..<(1 + rng.next() % 8) { b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next()) }
        case 2:  // a multi-byte sequence cut short inside an attribute or text
            let at = Int(rng.next() % UInt64(b.count))
            b.insert(contentsOf: [0xE6, 0x96], at: at)
        case 3:  // cut off
            b.removeLast(Int(rng.next() % UInt64(b.count)))
        case 4:  // a stretch dropped
            let from = Int(rng.next() % UInt64(b.count))
            b.removeSubrange(from..<min(b.count, from + 1 + Int(rng.next() % 64)))
        case 5:  // a stretch repeated
            let from = Int(rng.next() % UInt64(b.count))
            b.insert(contentsOf: b[from..<min(b.count, from + 1 + Int(rng.next() % 64))], at: from)
        default:  // the declaration claims another encoding, or a UTF-16 byte order mark
            if rng.next() % 2 == 0, let range = bytes.range(of: Data("UTF-8".utf8)) {
                b.replaceSubrange(range, with: Array("GBK".utf8))
            } else {
                b.insert(contentsOf: [0xFF, 0xFE], at: 0)
            }
        }
        return Data(b)
    }

    @Test func damagedWordAndExcelPartsNeverCrashTheReader() throws {
        var rng = SplitMix(seed: 2026)
        var outcomes = (read: 0, refused: 0)
        for parts in try Self.baseFiles() {
            for _ in 0..<1500 {
                var damaged = parts
                let k = Int(rng.next() % UInt64(parts.count))
                damaged[k].data = Self.mutate(parts[k].data, &rng)
                let file = try OfficeFiles.zip(damaged, compress: false)
                do {
                    _ = try DocumentReader.read(file, name: "fuzz")
                    outcomes.read += 1
                } catch {
                    outcomes.refused += 1
                }
            }
        }
        // Both answers occur: the damage is real, and not everything is refused.
        #expect(outcomes.read > 100)
        #expect(outcomes.refused > 100)
    }

    @Test func anInvalidByteInATagNameIsRefusedAsDamaged() throws {
        for parts in try Self.baseFiles() {
            var damaged = parts
            let k = parts.firstIndex { $0.path == "word/document.xml" || $0.path == "xl/worksheets/sheet1.xml" }!
            var bytes = [UInt8](parts[k].data)
            let at = bytes.lastIndex(of: UInt8(ascii: "<"))! + 2
            bytes[at] = 0xFF
            damaged[k].data = Data(bytes)
            #expect {
                try DocumentReader.read(OfficeFiles.zip(damaged))
            } throws: { error in
                guard case ReadError.damaged(let detail) = error else { return false }
                return detail.contains(parts[k].path) && detail.contains("UTF-8")
            }
        }
    }

    @Test func inputsThatTrappedFoundationsParserAreRefused() throws {
        #expect(try OfficeXML.parse(Data("<?xml?><w:document/>".utf8), part: "p.xml").name == "document")
        for xml in ["<w:document><w:body>", "<a></b>", "<a x=1/>", "<a>&bogus;</a>", "<a/><b/>", "<a>&#0;</a>"] {
            #expect(throws: ReadError.self) { try OfficeXML.parse(Data(xml.utf8), part: "p.xml") }
        }
        let e = try OfficeXML.parse(
            Data(#"<?xml version="1.0"?><w:a x:k="1 &amp;&#x4E2D;"><!-- c --><w:b>t&lt;<![CDATA[<raw>]]>\#r\#n</w:b></w:a>"#.utf8), part: "p.xml")
        #expect(e.name == "a" && e.attributes["k"] == "1 &中" && e.child("b")?.text == "t<<raw>\n")
    }

    @Test func aPartDeclaringAnotherEncodingIsRefused() throws {
        let xml = OfficeFuzzTests.wordXML.replacingOccurrences(of: #"encoding="UTF-8""#, with: #"encoding="GB2312""#)
        #expect(OfficeXML.declaredEncoding(Data(xml.utf8)) == "GB2312")
        #expect(OfficeXML.declaredEncoding(Data(Self.wordXML.utf8)) == "UTF-8")
        #expect(OfficeXML.declaredEncoding(Data("<w:document/>".utf8)) == nil)
        #expect {
            try DocumentReader.read(OfficeFiles.wordPackage(xml))
        } throws: { error in
            guard case ReadError.damaged(let detail) = error else { return false }
            return detail.contains("GB2312")
        }
    }
}
