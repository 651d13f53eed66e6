import Foundation
import JixiaoModel

/// Reads the department part (部门整体绩效目标): overall goals, sub-goals and measures.
struct OverviewReader {
    enum Part { case overall, subGoals, measures }

    let lines: [String]

    static let partNames: [(String, Part)] = [
        ("总体绩效目标", .overall), ("年度总体目标", .overall), ("总体目标", .overall),
        ("分项绩效目标", .subGoals), ("分项目标", .subGoals),
        ("工作保障措施", .measures), ("保障措施", .measures),
    ]
    static let pageHeadings = ["第一部分", "第二部分", "部门整体绩效目标", "预算项目绩效目标"]

    /// `第二部分`, `预算项目绩效目标`, or both on one line.
    static func isPageHeading(_ t: String) -> Bool {
        var rest = Substring(t)
        if rest.unicodeScalars.first == "第", let part = rest.firstRange(of: "部分"), rest.distance(from: rest.startIndex, to: part.lowerBound) <= 3 {
            rest = rest[part.upperBound...].drop(while: \.isWhitespace)
        }
        return rest.isEmpty || pageHeadings.contains { rest.spells($0) }
    }

    func read() -> Overview {
        var content: [String] = []
        for line in lines {
            let t = CellText.normalize(line)
            if t.isEmpty || Self.isPageHeading(t) { continue }
            content.append(t)
        }
        if let first = content.first, first.hasSuffix("编制") { content.removeFirst() }

        // Sections by their headings; without headings, by content (READING.md).
        var parts = [Part: [String]](minimumCapacity: 3)  // one slot per part: never rehashed
        var current: Part?
        var sawHeading = false
        for t in content {
            let bare = Self.dropNumbering(t)
            if let (_, part) = Self.partNames.first(where: { bare.spells($0.0) }) {
                current = part
                sawHeading = true
                continue
            }
            if let current { parts[current, default: []].append(t) }
        }
        if !sawHeading { parts = Self.partsByContent(content) }

        // The widest line, worked out only if a section's title must be told by its width.
        var widest: Int?
        func width() -> Int {
            if let widest { return widest }
            let found = content.lazy.map { CellText.width($0) }.max() ?? 0
            widest = found
            return found
        }
        var overview = Overview()
        overview.overallGoals = overallGoals(parts[.overall] ?? [])
        overview.subGoals = sections(parts[.subGoals] ?? [], width: width, titleBeforeGoalLabel: true)
        overview.measures = sections(parts[.measures] ?? [], width: width, titleBeforeGoalLabel: false)
        return overview
    }

    static func partsByContent(_ content: [String]) -> [Part: [String]] {
        var parts = [Part: [String]](minimumCapacity: 3)  // one slot per part: never rehashed
        var part = Part.overall
        for t in content {
            if let n = numbering(t) {
                if n.style == .chineseParenthesized, part == .overall { part = .subGoals }
                if n.style == .arabicDot || n.style == .arabicComma, part == .subGoals { part = .measures }
            }
            parts[part, default: []].append(t)
        }
        return parts
    }

    // MARK: Items

    private struct Item {
        var lines: [String]
    }

    /// Splits lines into numbered items of the top level; returns the text before the first.
    private func items(_ lines: [String]) -> (preamble: [String], items: [Item]) {
        // The top-level style is the first numbering that starts a line, or else the first inline.
        var style = lines.lazy.compactMap { Self.numbering($0) }.first?.style
        if style == nil {
            style = lines.lazy.compactMap { Self.inlineNumbering(in: Substring($0), number: 1, style: nil)?.style }.first
        }
        guard let style else { return (lines, []) }
        var preamble: [String] = []
        var items: [Item] = []
        var expected = 1
        for line in lines {
            var rest = Substring(line)
            if let n = Self.numbering(line), n.style == style, n.number == expected || items.isEmpty {
                items.append(Item(lines: []))
                expected = n.number + 1
                rest = rest.droppingBytes(n.length)
            }
            // Items run on inside a line: `…水平。2、切实…`
            while let n = Self.inlineNumbering(in: rest, number: expected, style: style) {
                let before = rest[..<n.range.lowerBound]
                if !before.isEmpty {
                    if items.isEmpty { preamble.append(String(before)) } else { items[items.count - 1].lines.append(String(before)) }
                }
                items.append(Item(lines: []))
                expected += 1
                rest = rest[n.range.upperBound...]
            }
            // `2、2、`: numbering printed twice.
            while !items.isEmpty, items[items.count - 1].lines.isEmpty, let n = Self.numbering(rest), n.style == style,
                n.number == expected - 1
            {
                rest = rest.droppingBytes(n.length)
            }
            let text = CellText.trimmedWhitespace(rest)
            if text.isEmpty { continue }
            if items.isEmpty { preamble.append(text) } else { items[items.count - 1].lines.append(text) }
        }
        return (preamble, items)
    }

    private func overallGoals(_ lines: [String]) -> [String] {
        let (preamble, items) = items(lines)
        // A label line such as `部门整体支出绩效指标情况：` introduces the list; it is not a goal.
        let intro = preamble.filter { !($0.hasSuffix("：") && CellText.width($0) < 40) }
        var goals: [String] = []
        if !intro.isEmpty { goals.append(Self.join(intro)) }
        goals += items.map { Self.join($0.lines) }.filter { !$0.isEmpty }
        return goals
    }

    private func sections(_ lines: [String], width: () -> Int, titleBeforeGoalLabel: Bool) -> [Overview.Section] {
        items(lines).items.compactMap { item in
            guard let first = item.lines.first else { return nil }
            let rest = Array(item.lines.dropFirst())
            var title: String
            var text: String
            let goalLabels = ["绩效目标：", "绩效目标:"]
            if titleBeforeGoalLabel, let label = goalLabels.first(where: { first.hasPrefix($0) }) {
                title = String(first.dropFirst(label.count))
                text = Self.join(rest)
            } else if titleBeforeGoalLabel, let r = goalLabels.lazy.compactMap({ first.byteRange(of: $0) }).first,
                !first[..<r.lowerBound].includes("。")
            {
                title = String(first[..<r.lowerBound])
                text = Self.join([String(first[r.lowerBound...])] + rest)
            } else if let stop = first.byteRange(of: "。") {
                title = String(first[..<stop.upperBound])
                text = Self.join([String(first[stop.upperBound...])] + rest)
            } else if rest.isEmpty || CellText.width(first) < width() - 4 {
                title = first
                text = Self.join(rest)
            } else {
                let all = Self.join(item.lines)
                if let stop = all.byteRange(of: "。") {
                    title = String(all[..<stop.upperBound])
                    text = String(all[stop.upperBound...])
                } else {
                    title = all
                    text = ""
                }
            }
            title = CellText.trimmedWhitespace(title)
            return Overview.Section(title: title, text: text)
        }
    }

    /// Lines of one paragraph joined; `目标 1：` numbering inside dropped.
    static func join(_ lines: [String]) -> String {
        var out = ""
        for line in lines {
            var l = Substring(line)
            if l.utf8.starts(with: "目标".utf8) {
                let after = l.dropFirst(2).drop(while: CellText.isSpace)
                let digits = after.prefix(while: \.isASCIIDigit)
                if !digits.isEmpty, let c = after.dropFirst(digits.count).first, c == "：" || c == ":" {
                    l = after.dropFirst(digits.count + 1)
                }
            }
            CellText.append(String(l), to: &out, spaced: false)
        }
        return out
    }

    // MARK: Numbering

    enum NumberingStyle { case chineseParenthesized, chineseHalfParenthesized, chineseComma, arabicComma, arabicDot, arabicParenthesized }

    struct Numbering {
        var style: NumberingStyle
        var number: Int
        /// In UTF-8 bytes.
        var length: Int
    }

    static let chineseDigits: [Unicode.Scalar: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]
    static let numberingStarts = ScalarSet("（(0123456789".unicodeScalars + chineseDigits.keys)

    /// `一`…`九`, `十`: its value, or nil.
    private static func chineseDigit(_ v: UInt32) -> Int? {
        guard let scalar = Unicode.Scalar(v), numberingStarts.contains(scalar) else { return nil }
        return chineseDigits[scalar]
    }

    /// Numbering at the start of a text: `1.` `1、` `（一）` `一）、` `一、` `（1）`.
    static func numbering<S: StringProtocol>(_ text: S) -> Numbering? {
        // Every numbering begins with a bracket or a digit: most lines are turned away by their first scalar.
        guard let first = text.unicodeScalars.first, numberingStarts.contains(first) else { return nil }
        var t = Substring(text)
        return t.withUTF8(numbering)
    }

    /// Over UTF-8 bytes, reading the scalars that make up numbering (each a character of its own).
    private static func numbering(_ b: UnsafeBufferPointer<UInt8>) -> Numbering? {
        func scalar(at i: Int) -> UInt32? { i < b.count ? CellText.scalar(b, at: i).0 : nil }
        func next(_ i: Int) -> Int { i + CellText.scalar(b, at: i).1 }
        guard let first = scalar(at: 0) else { return nil }
        if first == 0xFF08 || first == 0x28 {  // （ (
            let innerStart = next(0)
            var i = innerStart
            while let c = scalar(at: i), c != 0xFF09, c != 0x29 { i = next(i) }
            guard i < b.count else { return nil }  // no closing bracket
            let inner = UnsafeBufferPointer(rebasing: b[innerStart..<i])
            let length = next(i)
            if let n = integer(inner) { return Numbering(style: .arabicParenthesized, number: n, length: length) }
            if let n = chineseNumber(inner) { return Numbering(style: .chineseParenthesized, number: n, length: length) }
            return nil
        }
        var digits = 0
        while digits < b.count, (0x30...0x39).contains(b[digits]) { digits += 1 }
        if digits > 0 {
            guard let n = integer(UnsafeBufferPointer(rebasing: b[0..<digits])), let sep = scalar(at: digits) else { return nil }
            var length = next(digits)
            if sep == 0x3001 {  // 、
                while length < b.count, CellText.spaceLength(b, at: length) > 0 { length += CellText.spaceLength(b, at: length) }
                return Numbering(style: .arabicComma, number: n, length: length)
            }
            if sep == 0x2E || sep == 0xFF0E, !(length < b.count && (0x30...0x39).contains(b[length])) {
                return Numbering(style: .arabicDot, number: n, length: length)
            }
            return nil
        }
        var end = 0
        while let c = scalar(at: end), chineseDigit(c) != nil { end = next(end) }
        guard let n = chineseNumber(UnsafeBufferPointer(rebasing: b[0..<end])), let sep = scalar(at: end) else { return nil }
        if sep == 0xFF09 || sep == 0x29 {  // ）)
            let after = next(end)
            return Numbering(style: .chineseHalfParenthesized, number: n, length: scalar(at: after) == 0x3001 ? next(after) : after)
        }
        if sep == 0x3001 { return Numbering(style: .chineseComma, number: n, length: next(end)) }
        return nil
    }

    /// The number the bytes write, as `Int(_:)` reads it (numbering is short: a copy is cheap).
    private static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        Int(String(decoding: b, as: UTF8.self))
    }

    /// `三`, `十二`, `二十`: one to three Chinese digits.
    private static func chineseNumber(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var total = 0, current = 0, count = 0
        var i = 0
        while i < b.count {
            let (c, length) = CellText.scalar(b, at: i)
            guard let v = chineseDigit(c), count < 3 else { return nil }
            if v == 10 { total += max(current, 1) * 10; current = 0 } else { current = v }
            count += 1
            i += length
        }
        return count > 0 ? total + current : nil
    }

    static func dropNumbering(_ text: String) -> String {
        guard let n = numbering(text) else { return text }
        return CellText.trimmedWhitespace(text.droppingBytes(n.length))
    }

    /// `number` in `style` inside a line, after a sentence or a colon ends: `…。2、…`, `…：1、…`.
    static func inlineNumbering(in text: Substring, number: Int, style: NumberingStyle?) -> (style: NumberingStyle, range: Range<Substring.Index>)? {
        let marks = number < inlineMarks.count ? inlineMarks[number] : inlineMarks(number)
        // Over UTF-8 bytes: the text before a mark must end in one of `stops`.
        let found: (NumberingStyle, Range<Int>)?? = text.utf8.withContiguousStorageIfAvailable { b in
            for (mark, s) in marks where style == nil || style == s {
                var search = 0
                while let at = b.firstOccurrence(of: mark, from: search) {
                    search = at + mark.count
                    if at >= 3, Self.stops.contains(where: { b[at - 3..<at].elementsEqual($0) }) { return (s, at..<at + mark.count) }
                }
            }
            return nil
        }
        guard let (s, bytes) = found ?? nil else { return nil }
        let start = text.utf8.index(text.startIndex, offsetBy: bytes.lowerBound)
        return (s, start..<text.utf8.index(start, offsetBy: bytes.count))
    }

    /// `。：；`, which end the text before an item numbered inside a line (each three bytes).
    private static let stops = ["。", "：", "；"].map { Array($0.utf8) }
    /// The marks of item `n` inside a line (`2、`, `2.`) as bytes, made once for the numbers lists reach.
    private static let inlineMarks = (0..<100).map(inlineMarks)

    private static func inlineMarks(_ number: Int) -> [([UInt8], NumberingStyle)] {
        [(Array("\(number)、".utf8), .arabicComma), (Array("\(number).".utf8), .arabicDot)]
    }
}
