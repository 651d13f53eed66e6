import Foundation
import JixiaoModel

/// Reads a 指标值 as written into a `Target` (READING.md, "Indicator rows").
public enum ValueReader {
    static let prefixOperators: [(String, ComparisonOperator)] = [
        ("大于或等于", .atLeast), ("大于等于", .atLeast), ("不低于", .atLeast), ("不少于", .atLeast), ("不小于", .atLeast),
        ("小于或等于", .atMost), ("小于等于", .atMost), ("不高于", .atMost), ("不超过", .atMost), ("不多于", .atMost),
        ("不大于", .atMost), ("控制在", .atMost), ("大于", .greater), ("高于", .greater), ("超过", .greater),
        ("多于", .greater), ("小于", .less), ("低于", .less), ("少于", .less),
        (">=", .atLeast), ("=>", .atLeast), ("<=", .atMost), ("=<", .atMost), ("≥", .atLeast), ("≧", .atLeast),
        ("≤", .atMost), ("≦", .atMost), (">", .greater), ("<", .less), ("=", .equal), ("═", .equal), ("＝", .equal),
    ]
    /// Words after the number that make it a bound, when they end the value.
    static let suffixOperators: [(String, ComparisonOperator)] = [
        ("及以上", .atLeast), ("以上", .atLeast), ("及以下", .atMost), ("以下", .atMost), ("以内", .atMost),
        ("之内", .atMost),
    ]
    static let percentUnits = ["百分比", "%", "％"]
    static let units: [String] = [
        "百分点", "亿元", "万元", "千元", "元", "万人次", "万人", "人次", "户次", "件次", "个月", "月底", "工作日", "小时",
        "分钟", "平方米", "平米", "立方米", "公顷", "公里", "千米", "千克", "公斤", "万", "次", "个", "件", "人", "名", "户",
        "家", "所", "栋", "座", "条", "年", "月", "天", "日", "周", "套", "台", "张", "份", "场", "层", "项", "辆", "册",
        "本", "篇", "期", "批", "处", "间", "亩", "米", "吨", "种", "类", "部", "块", "支", "只", "株", "棵", "头", "分",
        "秒", "Mbps", "GB", "MB", "TB", "km", "kg", "㎡", "M", "G", "T", "m", "t",
    ].sorted { $0.count > $1.count }

    /// The words above as UTF-8 bytes, in one value. Each read of a static goes through the runtime's
    /// one-time-initialisation check, so code that runs per token or per value reads this once and
    /// passes it on.
    struct Words: Sendable {
        let operators = prefixOperators.map { (Array($0.0.utf8), $0.1) }
        let suffixOperators = ValueReader.suffixOperators.map { (Array($0.0.utf8), $0.1) }
        let percents = percentUnits.map { Array($0.utf8) }
        let unitStarts = ScalarSet(ValueReader.units.map { $0.unicodeScalars.first! })
        /// Units by their first scalar, longest first.
        let units: [Unicode.Scalar: [[UInt8]]] = Dictionary(grouping: ValueReader.units, by: { $0.unicodeScalars.first! })
            .mapValues { $0.map { Array($0.utf8) } }
        let operatorStarts = ScalarSet(prefixOperators.map { $0.0.unicodeScalars.first! })

        /// Whether the text (UTF-8), whose first scalar is `first`, begins with a unit (`万元…`, `个`).
        func startsWithUnit(_ text: UnsafeBufferPointer<UInt8>, first: Unicode.Scalar) -> Bool {
            guard unitStarts.contains(first), let candidates = units[first] else { return false }
            return candidates.contains { text.starts(with: $0) }
        }
    }
    static let words = Words()

    /// Units that name a point in time rather than a quantity: `7 月底` may be a deadline.
    static let dateUnits = ["月底", "月", "日"]  // three: compared, not hashed

    public static func read(_ written: String) -> Target {
        var value = normalizedForReading(written)
        guard let parts = parts(of: &value) else { return .qualitative(value) }
        // Pieces are copied from the text by their byte offsets.
        let utf8 = value.utf8
        func piece(_ r: Range<Int>) -> String {
            let from = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
            return String(value[from..<utf8.index(from, offsetBy: r.count)])
        }
        let text = parts.text.map(piece)
        if parts.placeholder, let text { return .qualitative(text) }
        let unit = parts.percent ? "%" : parts.unit.map(piece)
        let ambiguous = text == nil ? unit.map { u in dateUnits.contains { u.spells($0) } } ?? false : parts.ambiguousText
        let number = value.withUTF8 { decimal(UnsafeBufferPointer(rebasing: $0[parts.number]).lazy.map { Unicode.Scalar($0) })! }  // checked by `parse`
        return Target(kind: .quantitative, op: parts.op ?? .equal, number: number, unit: unit, text: text, ambiguous: ambiguous)
    }

    /// Whether a value reads as a number, and whether words stand beside it: what cutting cells
    /// needs of a candidate value, without building its target.
    static func shape(_ written: String) -> (quantitative: Bool, withWords: Bool) {
        var value = normalizedForReading(written)
        guard let parts = parts(of: &value), !(parts.placeholder && parts.text != nil) else { return (false, true) }
        return (true, parts.text != nil)
    }

    /// `shape` of a value given as UTF-8 bytes, without making a String when it needs no normalising
    /// (as most candidate values do): the same answer.
    static func shape(utf8 b: UnsafeBufferPointer<UInt8>) -> (quantitative: Bool, withWords: Bool) {
        guard isNormalForReading(b) else { return shape(String(decoding: b, as: UTF8.self)) }
        guard let parts = parts(of: b), !(parts.placeholder && parts.text != nil) else { return (false, true) }
        return (true, parts.text != nil)
    }

    /// The parts of a normalised value, or nil when it is words.
    private static func parts(of value: inout String) -> Parts? {
        value.withUTF8 { parts(of: $0) }
    }

    private static func parts(of v: UnsafeBufferPointer<UInt8>) -> Parts? {
        let words = Self.words
        // Words only (no operator, no number first) are the most common value.
        guard !v.isEmpty, case let head = CellText.scalar(v, at: 0).0,
            (0x30...0x39).contains(head) || words.operatorStarts.contains(Unicode.Scalar(head)!)
        else {
            return nil
        }
        return parse(v, words)
    }

    /// A quantitative value's parts, as byte offsets into its text.
    private struct Parts {
        var op: ComparisonOperator?
        /// The number's digits: read as a `Decimal` only where a target is built (cutting cells needs
        /// only to know that it reads).
        var number: Range<Int>
        var percent = false
        var unit: Range<Int>?
        var text: Range<Int>?
        /// `1 有效改善`: a placeholder number before words (then the words are the target).
        var placeholder = false
        /// Words after the number that leave its meaning open (more digits, a bound word).
        var ambiguousText = false
    }

    /// Parsed over UTF-8 bytes (the words looked for are compared byte by byte, which for UTF-8 is
    /// comparing their scalars); nil when no number is read.
    private static func parse(_ v: UnsafeBufferPointer<UInt8>, _ words: Words) -> Parts? {
        func starts(_ word: [UInt8], at k: Int) -> Bool {
            guard k + word.count <= v.count else { return false }
            for j in 0..<word.count where v[k + j] != word[j] { return false }
            return true
        }
        func skipSpaces(_ k: inout Int) { while k < v.count, CellText.spaceLength(v, at: k) > 0 { k += CellText.spaceLength(v, at: k) } }
        func isDigit(_ k: Int) -> Bool { k < v.count && (0x30...0x39).contains(v[k]) }
        func scalar(at k: Int) -> Unicode.Scalar { Unicode.Scalar(CellText.scalar(v, at: k).0)! }
        func next(_ k: Int) -> Int { k + CellText.scalar(v, at: k).1 }
        /// Units starting at `k`, longest first.
        func unit(at k: Int) -> [UInt8]? {
            guard k < v.count, case let c = scalar(at: k), words.unitStarts.contains(c), let candidates = words.units[c] else { return nil }
            return candidates.first { starts($0, at: k) }
        }

        var i = 0
        var op: ComparisonOperator?
        // No operator begins with a digit.
        if let first = v.first, !(0x30...0x39).contains(first), let (word, o) = words.operators.first(where: { $0.0[0] == first && starts($0.0, at: 0) }) {
            var after = word.count
            skipSpaces(&after)
            if isDigit(after) {
                op = o
                i = after
            }
        }
        // The number: digits with at most one decimal point between digits.
        let numberStart = i
        var sawDot = false
        while i < v.count {
            if isDigit(i) {
                i += 1
            } else if v[i] == 0x2E, !sawDot, i > numberStart, isDigit(i + 1) {
                sawDot = true
                i += 1
            } else {
                break
            }
        }
        guard i > numberStart else { return nil }
        // `2023.07-2024.01`: a period (year.month to year.month), not a number.
        if sawDot, op == nil, i < v.count, [0x2D, 0x7E].contains(v[i]) || starts(Array("至".utf8), at: i) || starts(Array("—".utf8), at: i),
            v[numberStart..<i].prefix(while: { $0 != 0x2E }).count == 4, starts(Array("20".utf8), at: numberStart) || starts(Array("19".utf8), at: numberStart)
        {
            return nil
        }
        var numberEnd = i
        // A score glued to its explanation (`100100%全部完成`, `100160-240项…`): a run of more
        // than three digits followed by prose is read as the score (at most 100) and words.
        // A unit after the digits (`3000元/平方米`) makes them an amount, not a glued score.
        if numberEnd - numberStart > 3, !sawDot, numberEnd < v.count, CellText.spaceLength(v, at: numberEnd) == 0, unit(at: numberEnd) == nil {
            var wide = 0
            var k = numberEnd
            while k < v.count, wide < 3 {
                if CellText.isWide(CellText.scalar(v, at: k).0) { wide += 1 }
                k = next(k)
            }
            if wide >= 3 { numberEnd = numberStart + (starts(Array("100".utf8), at: numberStart) ? 3 : 2) }
        }
        let digits = v[numberStart..<numberEnd].lazy.map { Unicode.Scalar($0) }
        guard integerAndScale(digits) != nil || decimal(digits) != nil else { return nil }
        var parts = Parts(op: op, number: numberStart..<numberEnd)
        i = numberEnd
        let spaced = i < v.count && CellText.spaceLength(v, at: i) > 0
        skipSpaces(&i)

        if isDigit(i) {
            // glued score: the rest is the explanation, no unit
        } else if let p = words.percents.first(where: { starts($0, at: i) }) {
            parts.percent = true
            i += p.count
        } else if let u = unit(at: i) {
            var k = i + u.count
            // 元/年/村, 元/人, 次/年
            while k + 1 < v.count, v[k] == 0x2F, CellText.isWide(scalar(at: k + 1)) || scalar(at: k + 1).properties.isAlphabetic {
                k = unit(at: k + 1).map { k + 1 + $0.count } ?? next(k + 1)
            }
            let standsAlone = k >= v.count || words.suffixOperators.contains { starts($0.0, at: k) } || !scalar(at: k).properties.isAlphabetic
            if standsAlone {
                parts.unit = i..<k  // the unit and its `/` parts as written
                i = k
            }
        }
        skipSpaces(&i)
        if parts.op == nil, let (word, o) = words.suffixOperators.first(where: { $0.0.count == v.count - i && starts($0.0, at: i) }) {
            parts.op = o
            i += word.count
        }
        if i < v.count {
            parts.text = i..<v.count
            // A placeholder `1` before a grade word (`1 有效改善`) is a qualitative target.
            parts.placeholder =
                parts.op == nil && !parts.percent && parts.unit == nil && numberEnd - numberStart == 1
                && v[numberStart] == 0x31 && !isDigit(i) && (spaced || next(i) < v.count)
            parts.ambiguousText = isDigit(i) || words.suffixOperators.contains { starts($0.0, at: i) }
            // `1e309`: a number in exponent form, which tables never use, is not read as its first digits.
            if v[i] | 0x20 == UInt8(ascii: "e"), case let d = i + 1 + (i + 1 < v.count && (v[i + 1] == 0x2B || v[i + 1] == 0x2D) ? 1 : 0), isDigit(d) {
                parts.ambiguousText = true
                parts.placeholder = false
            }
        }
        return parts
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    /// Digits with at most one decimal point, as written, → the digits as one integer and how many
    /// follow the point (`13.48` → 1348, 2); nil for anything else or past 64 bits.
    static func integerAndScale<S: Sequence<Unicode.Scalar>>(_ written: S) -> (integer: UInt64, scale: Int)? {
        var integer: UInt64 = 0
        var scale = 0, count = 0
        var sawDot = false
        for c in written {
            if c == ".", !sawDot {
                sawDot = true
                continue
            }
            guard (0x30...0x39).contains(c.value), case let (times, false) = integer.multipliedReportingOverflow(by: 10),
                case let (sum, false) = times.addingReportingOverflow(UInt64(c.value - 0x30))
            else { return nil }
            integer = sum
            count += 1
            if sawDot { scale += 1 }
        }
        return count > 0 ? (integer, scale) : nil
    }

    /// A non-negative `Decimal` as an integer and a power of ten (`13.48` → 1348, -2), when it fits in 64 bits.
    static func digits(of d: Decimal) -> (UInt64, Int)? {
        integerAndScale(d.description.unicodeScalars).map { ($0.integer, -$0.scale) }
    }

    /// 10ⁿ, when it fits in 64 bits.
    static func powerOfTen(_ n: Int) -> UInt64? {
        var p: UInt64 = 1
        for _ in 0..<n {
            guard case let (next, false) = p.multipliedReportingOverflow(by: 10) else { return nil }
            p = next
        }
        return p
    }

    /// Digits with at most one decimal point (as the callers find them) → the number, exactly as
    /// `Decimal(string:)` reads it (trailing zeros folded into the exponent) but many times faster;
    /// past 64 bits Foundation reads it.
    static func decimal<S: Sequence<Unicode.Scalar>>(_ digits: S) -> Decimal? {
        guard let (integer, scale) = integerAndScale(digits) else {
            return Decimal(string: String(String.UnicodeScalarView(digits)), locale: posix)
        }
        var mantissa = integer
        var exponent = -scale
        while mantissa != 0, mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        if mantissa == 0 { return Decimal(0) }
        return exponent == 0 ? Decimal(mantissa) : Decimal(sign: .plus, exponent: exponent, significand: Decimal(mantissa))
    }

    /// Whether `normalizedForReading` leaves the text as it is, as most values: no full-width digits or
    /// signs, no line breaks, no runs of spaces or spaces at either end, not empty.
    private static func isNormalForReading(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = true
        var i = 0
        while i < b.count {
            let (v, length) = CellText.scalar(b, at: i)
            let space = v == 0x20
            if (0xFF0E...0xFF1E).contains(v) || (v < 0x20) || v == 0x3000 || v == 0xA0 || (space && previousSpace) { return false }
            previousSpace = space
            i += length
        }
        return !previousSpace
    }

    /// Full-width digits and signs read as ASCII; spaces folded.
    static func normalizedForReading(_ s: String) -> String {
        var s = s
        if s.withUTF8(isNormalForReading) { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E: out += "."
            case 0xFF1E: out += ">"
            case 0xFF1C: out += "<"
            case 0xFF1D: out += "="
            default: out.unicodeScalars.append(scalar)
            }
        }
        return CellText.normalize(out)
    }

    static func leadingNumber(_ s: Substring) -> (Decimal, String)? {
        // Over scalars: digits and a point are characters of one scalar each.
        let v = s.unicodeScalars
        func isDigit(_ i: Substring.UnicodeScalarView.Index) -> Bool { i < v.endIndex && (0x30...0x39).contains(v[i].value) }
        var end = v.startIndex
        var sawDot = false
        while end < v.endIndex {
            if isDigit(end) {
                end = v.index(after: end)
            } else if v[end] == ".", !sawDot, end > v.startIndex, isDigit(v.index(after: end)) {
                sawDot = true
                end = v.index(after: end)
            } else {
                break
            }
        }
        guard end > v.startIndex, let n = decimal(v[v.startIndex..<end]) else { return nil }
        return (n, String(Substring(v[v.startIndex..<end])))
    }
}

extension Character {
    var isASCIIDigit: Bool {
        let scalars = unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        return (0x30...0x39).contains(first.value)
    }
}
