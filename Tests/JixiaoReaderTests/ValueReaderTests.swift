import Foundation
import JixiaoModel
import Testing

@testable import JixiaoReader

@Suite struct ValueReaderTests {
    struct Case: Sendable, CustomStringConvertible {
        var written: String
        var kind: Target.Kind
        var op: ComparisonOperator?
        var number: Decimal?
        var unit: String?
        var text: String?
        var ambiguous = false
        var description: String { written }
    }

    static let cases: [Case] = [
        Case(written: "≥98 百分比", kind: .quantitative, op: .atLeast, number: 98, unit: "%"),
        Case(written: "≤29.25 万元", kind: .quantitative, op: .atMost, number: 29.25, unit: "万元"),
        Case(written: "360 元/年/村", kind: .quantitative, op: .equal, number: 360, unit: "元/年/村"),
        Case(written: "≤1000 元/人", kind: .quantitative, op: .atMost, number: 1000, unit: "元/人"),
        Case(written: "大幅提升", kind: .qualitative, text: "大幅提升"),
        Case(written: "1 有效改善", kind: .qualitative, text: "有效改善"),
        Case(written: "1 逐年提高", kind: .qualitative, text: "逐年提高"),
        Case(written: "1 栋", kind: .quantitative, op: .equal, number: 1, unit: "栋"),
        Case(written: "98%以上", kind: .quantitative, op: .atLeast, number: 98, unit: "%"),
        Case(written: "10000 以上", kind: .quantitative, op: .atLeast, number: 10000),
        Case(written: "20 次以上", kind: .quantitative, op: .atLeast, number: 20, unit: "次"),
        Case(written: "100100%全部完成", kind: .quantitative, op: .equal, number: 100, text: "100%全部完成", ambiguous: true),
        Case(written: "≥99回访好评率不低于95%", kind: .quantitative, op: .atLeast, number: 99, text: "回访好评率不低于95%"),
        Case(written: "100以上6项评估结果在企业开办审批过程中全部共享", kind: .quantitative, op: .equal, number: 100, text: "以上6项评估结果在企业开办审批过程中全部共享", ambiguous: true),
        Case(written: "7 月底", kind: .quantitative, op: .equal, number: 7, unit: "月底", ambiguous: true),
        Case(written: ">=95%", kind: .quantitative, op: .atLeast, number: 95, unit: "%"),
        Case(written: "<=10万元", kind: .quantitative, op: .atMost, number: 10, unit: "万元"),
        Case(written: "不低于 90%", kind: .quantitative, op: .atLeast, number: 90, unit: "%"),
        Case(written: "不超过5天", kind: .quantitative, op: .atMost, number: 5, unit: "天"),
        Case(written: "≥200M", kind: .quantitative, op: .atLeast, number: 200, unit: "M"),
        Case(written: "34 万", kind: .quantitative, op: .equal, number: 34, unit: "万"),
        Case(written: "≥1500 人次", kind: .quantitative, op: .atLeast, number: 1500, unit: "人次"),
        Case(written: "≥95满意度调查", kind: .quantitative, op: .atLeast, number: 95, text: "满意度调查"),
        Case(written: "１００％", kind: .quantitative, op: .equal, number: 100, unit: "%"),
    ]

    @Test(arguments: cases)
    func readsValue(_ c: Case) {
        let t = ValueReader.read(c.written)
        #expect(t.kind == c.kind)
        #expect(t.op == c.op)
        #expect(t.number == c.number)
        #expect(t.unit == c.unit)
        if c.kind == .qualitative || c.text != nil { #expect(t.text == c.text) }
        #expect(t.ambiguous == c.ambiguous)
    }

    /// What cutting cells asks of a candidate value is what reading it in full says.
    @Test func shapeAgreesWithRead() {
        var values =
            Self.cases.map(\.written) + [
                "", " 1", "1 ", "1  个", "1\n个", "１个", "1\u{3000}个", "1", "1 有效", "1有", "1 有效改善", "≥", "不低于", "不低于90", "100%", "12 个月", "3.5.6", "1.5万元/年",
                "≥95 满意度",
                "2024年", "7月", "7 月底完成", "以上", "100 以内", "≤5 天以内", "0.5", "１２３", "十", "（1）", "1、", "98％以上",
            ]
        // Pieces of the cases joined and cut as the segmenter would try them.
        for c in Self.cases { for n in 1..<max(2, c.written.count) { values.append(String(c.written.prefix(n))) } }
        for v in values {
            let t = ValueReader.read(v)
            let shape = ValueReader.shape(v)
            #expect(shape.quantitative == (t.kind == .quantitative) && shape.withWords == (t.text != nil), "\(v)")
            var bytes = v
            let fromBytes = bytes.withUTF8 { ValueReader.shape(utf8: $0) }
            #expect(fromBytes == shape, "\(v)")
        }
    }
}

/// Finding bytes eight at a time finds the same bytes as looking at each.
@Suite struct ByteScanTests {
    @Test func findsWhatAByteByByteScanFinds() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x09, 0x0A, 0x0D, 0x20, 0x41, 0x7C, 0xC2, 0xA0, 0xE2, 0xE3, 0x80, 0x81, 0xE4, 0xBD, 0xFF, 0x00, 0x1F, 0x21]
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...70, using: &generator)).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            bytes.withUnsafeBufferPointer { b in
                for scan in [ByteScan.lineBreaks, ByteScan.spaces] {
                    for start in 0...b.count {
                        let expected = (start..<b.count).first { scan.isCandidate(b[$0]) } ?? b.count
                        #expect(scan.next(in: b, from: start) == expected, "\(bytes) from \(start)")
                    }
                }
            }
        }
    }

    /// The reader's UTF-8 check judges as the standard library's, on text and on broken bytes of every kind.
    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let valid = Array("预算 a é 😀 。\n\u{10FFFF}\u{E000}\u{FFFF}\u{80}\u{7FF}\u{800}".utf8)
        // Lead bytes at each boundary, continuation bytes at theirs, and the bytes no UTF-8 has.
        let edges: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<3000 {
            var bytes = (0..<Int.random(in: 0...6, using: &generator)).flatMap { _ in
                Bool.random(using: &generator) ? Array(valid[...].prefix(Int.random(in: 0...valid.count, using: &generator))) : []
            }
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                let byte = Bool.random(using: &generator) ? edges.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
                bytes.insert(byte, at: Int.random(in: 0...bytes.count, using: &generator))
            }
            #expect(TextDecoding.isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}

@Suite struct CellTextTests {
    @Test func normalizesAsReadingSays() {
        #expect(CellText.normalize("购买各种管理\n机、终端机数量\n\n30 个") == "购买各种管理机、终端机数量30 个")
        #expect(CellText.normalize("  提质提效  文明服务 ") == "提质提效文明服务")
        #expect(CellText.normalize("审批办结时限被压缩在 50个工作日") == "审批办结时限被压缩在 50个工作日")
        #expect(CellText.normalize("≥98 百分 \n  比") == "≥98 百分比")
        #expect(CellText.normalize("2024   年度\r\n预算") == "2024 年度预算")
    }

    @Test func statedYearSpansLineBreaks() {
        #expect(DocumentReader.statedYear(SourceLines("经费\n2024 年度\n预算")) == 2024)
        #expect(DocumentReader.statedYear(SourceLines("2024年，我局将继续")) == 2024)
        #expect(DocumentReader.statedYear(SourceLines("12024 年度预算")) == nil)
        #expect(DocumentReader.statedYear(SourceLines("2024 年工作")) == nil)
    }
}

/// The fast paths for numbers give exactly what Foundation's `Decimal` gives.
@Suite struct NumberTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    @Test func digitsReadAsDecimalStringReadsThem() {
        var generator = SystemRandomNumberGenerator()
        var written = ["0", "00", "0.0", "007", "100", "1.50", "29.25", "13.4800", "123456789012345678", "1234567890123456789012"]
        for _ in 0..<500 {
            let whole = String(UInt64.random(in: 0...999_999_999, using: &generator))
            written.append(Bool.random() ? whole : whole + "." + String(UInt16.random(in: 0...9999, using: &generator)))
        }
        for text in written {
            let fast = ValueReader.decimal(text.unicodeScalars)
            let foundation = Decimal(string: text, locale: Self.posix)
            #expect(fast == foundation && fast?.description == foundation?.description, "\(text)")
        }
    }

    @Test func percentageMatchesDecimalDivision() {
        var generator = SystemRandomNumberGenerator()
        var pairs: [(Decimal, Decimal)] = [(1, 3), (2, 3), (5, 8), (1, 200), (3, 400), (0, 7), (29.25, 117), (13.48, 13.48)]
        for _ in 0..<2000 {
            let total = Decimal(UInt64.random(in: 1...100_000_000, using: &generator)) / Decimal([1, 10, 100, 1000].randomElement(using: &generator)!)
            let part = Decimal(UInt64.random(in: 0...100_000_000, using: &generator)) / Decimal([1, 10, 100].randomElement(using: &generator)!)
            pairs.append((part, total))
        }
        for (part, total) in pairs {
            let fast = ProjectTableReader.percent(part, of: total)
            let slow = ProjectTableReader.rounded(part / total * 100)
            #expect(fast == slow && fast.description == slow.description, "\(part) / \(total)")
            // With the part's digits as written, trailing zeros and all (`25.50`), as the plan reads them.
            let written = part.description.contains(".") ? part.description + "0" : part.description + ".00"
            let digits = ValueReader.integerAndScale(written.unicodeScalars).map { ($0.integer, -$0.scale) }
            let fromWritten = ProjectTableReader.percent(part, of: total, digits: digits, ValueReader.digits(of: total))
            #expect(fromWritten == slow && fromWritten.description == slow.description, "\(written) / \(total)")
        }
    }
}

/// Numbering at the start of a line (read over UTF-8 bytes; lengths are in bytes).
@Suite struct NumberingTests {
    @Test func readsEachStyle() {
        typealias N = OverviewReader.NumberingStyle
        let cases: [(String, N?, Int, String)] = [
            ("1.公共资源经费", .arabicDot, 1, "公共资源经费"),
            ("12、 网络运行维护费", .arabicComma, 12, "网络运行维护费"),
            ("3．大厅专家评审", .arabicDot, 3, "大厅专家评审"),
            ("（一）产出目标", .chineseParenthesized, 1, "产出目标"),
            ("(十二)其他", .chineseParenthesized, 12, "其他"),
            ("（2）完成率", .arabicParenthesized, 2, "完成率"),
            ("二）、效益", .chineseHalfParenthesized, 2, "效益"),
            ("二十、保障", .chineseComma, 20, "保障"),
            ("2.2024年预算", nil, 0, "2.2024年预算"),
            ("一级指标", nil, 0, "一级指标"),
            ("（未完）", nil, 0, "（未完）"),
            ("（一", nil, 0, "（一"),
            ("100", nil, 0, "100"),
        ]
        for (text, style, number, rest) in cases {
            let n = OverviewReader.numbering(text)
            #expect(n?.style == style, "\(text)")
            if let n { #expect(n.number == number, "\(text)") }
            #expect(OverviewReader.dropNumbering(text) == rest, "\(text)")
        }
    }
}

/// A number in exponent form is never read as its first digits.
@Suite struct ExponentValueTests {
    @Test func exponentFormIsAmbiguous() {
        for value in ["≥1e309 个", "≥1E5", "1e-3", "≤2.5e+4 元"] {
            let t = ValueReader.read(value)
            #expect(t.ambiguous, "\(value)")
        }
        // Words after a number that do not make an exponent keep their reading.
        #expect(!ValueReader.read("≥98%").ambiguous)
        #expect(ValueReader.read("1 有效改善").kind == .qualitative)
    }
}
