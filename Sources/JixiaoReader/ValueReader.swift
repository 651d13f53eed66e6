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
        ("≤", .atMost), ("≦", .atMost), (">", .greater), ("<", .less), ("=", .equal),
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
    static let unitStarts = ScalarSet(units.map { $0.unicodeScalars.first! })
    static let operatorStartScalars = ScalarSet(prefixOperators.map { $0.0.unicodeScalars.first! })

    /// Whether the text begins with a unit (`万元…`, `个`).
    static func startsWithUnit(_ text: String) -> Bool {
        guard let c = text.unicodeScalars.first, unitStarts.contains(c), let candidates = scalarUnits[c] else { return false }
        return candidates.contains { text.unicodeScalars.starts(with: $0) }
    }

    /// Units that name a point in time rather than a quantity: `7 月底` may be a deadline.
    static let dateUnits = ["月底", "月", "日"]  // three: compared, not hashed

    public static func read(_ written: String) -> Target {
        let value = normalizedForReading(written)
        // Parsed over Unicode scalars: Character comparisons are several times slower.
        // Words only (no operator, no number first) are the most common value.
        guard let head = value.unicodeScalars.first, (0x30...0x39).contains(head.value) || operatorStartScalars.contains(head) else {
            return .qualitative(value)
        }
        var v: [Unicode.Scalar] = []  // in one pass: `Array(_:)` walks the text twice, to count and to copy
        v.reserveCapacity(value.utf8.count)
        for c in value.unicodeScalars { v.append(c) }
        var i = 0
        func starts(_ word: [Unicode.Scalar], at k: Int) -> Bool {
            k + word.count <= v.count && v[k..<k + word.count].elementsEqual(word)
        }
        func skipSpaces(_ k: inout Int) { while k < v.count, CellText.isSpace(v[k]) { k += 1 } }
        func isDigit(_ k: Int) -> Bool { k < v.count && (0x30...0x39).contains(v[k].value) }
        // A piece is copied from the text, not rebuilt scalar by scalar.
        func string(_ r: Range<Int>) -> String {
            let scalars = value.unicodeScalars
            let from = scalars.index(scalars.startIndex, offsetBy: r.lowerBound)
            return String(Substring(scalars[from..<scalars.index(from, offsetBy: r.count)]))
        }

        var op: ComparisonOperator?
        if let first = v.first, let candidates = scalarOperators[first] {
            for (word, o) in candidates where starts(word, at: 0) {
                var after = word.count
                skipSpaces(&after)
                if isDigit(after) {
                    op = o
                    i = after
                }
                break
            }
        }
        // The number: digits with at most one decimal point between digits.
        let numberStart = i
        var sawDot = false
        while i < v.count {
            if isDigit(i) {
                i += 1
            } else if v[i] == ".", !sawDot, i > numberStart, isDigit(i + 1) {
                sawDot = true
                i += 1
            } else {
                break
            }
        }
        guard i > numberStart else { return .qualitative(value) }
        var numberEnd = i
        // A score glued to its explanation (`100100%全部完成`, `100160-240项…`): a run of more
        // than three digits followed by prose is read as the score (at most 100) and words.
        if numberEnd - numberStart > 3, !sawDot, numberEnd < v.count, !CellText.isSpace(v[numberEnd]),
            v[numberEnd...].lazy.filter(CellText.isWide).prefix(3).count >= 3
        {
            numberEnd = numberStart + (starts(Array("100".unicodeScalars), at: numberStart) ? 3 : 2)
        }
        guard let number = decimal(v[numberStart..<numberEnd]) else { return .qualitative(value) }
        i = numberEnd
        let spaced = i < v.count && CellText.isSpace(v[i])
        skipSpaces(&i)

        var unit: String?
        if isDigit(i) {
            // glued score: the rest is the explanation, no unit
        } else if let p = percentScalars.first(where: { starts($0, at: i) }) {
            unit = "%"
            i += p.count
        } else if i < v.count, unitStarts.contains(v[i]), let candidates = scalarUnits[v[i]], let u = candidates.first(where: { starts($0, at: i) }) {
            var k = i + u.count
            // 元/年/村, 元/人, 次/年
            while k + 1 < v.count, v[k] == "/", CellText.isWide(v[k + 1]) || v[k + 1].properties.isAlphabetic {
                let part = scalarUnits[v[k + 1]]?.first(where: { starts($0, at: k + 1) }) ?? [v[k + 1]]
                k += 1 + part.count
            }
            let standsAlone =
                k >= v.count || scalarSuffixOperators.contains { starts($0.0, at: k) } || !v[k].properties.isAlphabetic
            if standsAlone {
                unit = string(i..<k)  // the unit and its `/` parts as written
                i = k
            }
        }
        skipSpaces(&i)
        if op == nil, let (word, o) = scalarSuffixOperators.first(where: { $0.0.count == v.count - i && starts($0.0, at: i) }) {
            op = o
            i += word.count
        }
        let text = i < v.count ? string(i..<v.count) : nil
        // A placeholder `1` before a grade word (`1 有效改善`) is a qualitative target.
        if op == nil, unit == nil, numberEnd - numberStart == 1, v[numberStart] == "1", let text, !isDigit(i), spaced || v.count - i > 1 {
            return .qualitative(text)
        }
        let ambiguous: Bool = {
            if text == nil, let u = unit, dateUnits.contains(u) { return true }
            guard text != nil else { return false }
            if isDigit(i) { return true }
            return scalarSuffixOperators.contains { starts($0.0, at: i) }
        }()
        return Target(kind: .quantitative, op: op ?? .equal, number: number, unit: unit, text: text, ambiguous: ambiguous)
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

    static let scalarOperators: [Unicode.Scalar: [([Unicode.Scalar], ComparisonOperator)]] = Dictionary(
        grouping: prefixOperators.map { (Array($0.0.unicodeScalars), $0.1) }, by: { $0.0[0] })
    static let scalarSuffixOperators = suffixOperators.map { (Array($0.0.unicodeScalars), $0.1) }
    static let percentScalars = percentUnits.map { Array($0.unicodeScalars) }
    static let scalarUnits: [Unicode.Scalar: [[Unicode.Scalar]]] = Dictionary(
        grouping: units.map { Array($0.unicodeScalars) }, by: { $0[0] })

    /// Full-width digits and signs read as ASCII; spaces folded.
    static func normalizedForReading(_ s: String) -> String {
        // Most values need nothing: no full-width digits or signs, no line breaks, no runs of spaces.
        var needed = false
        var previousSpace = true
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let space = v == 0x20
            if (0xFF0E...0xFF1E).contains(v) || (v < 0x20) || v == 0x3000 || v == 0xA0 || (space && previousSpace) {
                needed = true
                break
            }
            previousSpace = space
        }
        if !needed && !previousSpace { return s }
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
