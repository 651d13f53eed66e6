/// How cell text is written into the document (READING.md, "Text"): line breaks inside a cell
/// removed, runs of white space folded to one space, and no space kept between two CJK characters
/// or between a CJK character and CJK punctuation.
enum CellText {
    /// Wide (CJK) characters: ideographs, CJK and full-width punctuation, curly quotes.
    static func isWide(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first else { return false }
        return isWide(v)
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool { isWide(scalar.value) }

    static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x2014 else { return false }  // below every range: ASCII and Latin at one test
        switch value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x2018...0x201F, 0x2026, 0x2014, 0x2015, 0x3000...0x303F, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    /// Display width in half-width units: a CJK character is 2, anything else 1.
    static func width<S: StringProtocol>(_ s: S) -> Int {
        var s = Substring(s)
        return s.withUTF8 { b in
            var width = 0
            var i = 0
            while i < b.count {
                let (value, length) = scalar(b, at: i)
                width += isWide(value) ? 2 : 1
                i += length
            }
            return width
        }
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{3000}" || c == "\u{A0}" }

    /// The length in UTF-8 bytes of the space (as `isSpace`) that starts at `i`, or 0.
    @inline(__always)
    static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        switch b[i] {
        case 0x20, 0x09: 1
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: 2
        case 0xE3 where i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80: 3
        default: 0
        }
    }

    /// Without leading and trailing white space as Foundation's `.whitespaces` has it (tab and
    /// the space separators), which is slow on Linux.
    static func trimmedWhitespace<S: StringProtocol>(_ s: S) -> String {
        let blank = isBlank
        let scalars = Substring(s).unicodeScalars
        // Most text has nothing to trim.
        if let first = scalars.first, let last = scalars.last, !blank(first), !blank(last) { return String(s) }
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(Substring(scalars[first...last]))
    }

    /// White space as Foundation's `.whitespaces` has it: tab and the space separators.
    static func isBlank(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? c == " " || c == "\t" : isSpaceSeparator(c.value)
    }

    /// Unicode's space separators (general category Zs) beyond ASCII, listed: asking the scalar's
    /// properties costs hundreds of instructions.
    static func isSpaceSeparator(_ v: UInt32) -> Bool {
        switch v {
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Without leading and trailing spaces and tabs (Foundation's trimming is slow on Linux).
    static func trimmed<S: StringProtocol>(_ s: S) -> Substring {
        let sub = Substring(s)
        let scalars = sub.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return sub[sub.endIndex...]
        }
        return Substring(scalars[first...last])
    }

    /// As the scalar test, without comparing Characters as strings (which is slow).
    static func isSpace(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        return isSpace(first)
    }

    /// Joins two pieces of one cell separated by a space (`true`) or a line break (`false`).
    static func append(_ piece: String, to text: inout String, spaced: Bool) {
        guard !piece.isEmpty else { return }
        if text.isEmpty { text = piece; return }
        // The scalars at the join stand for their characters (a combining mark there is not CJK anyway).
        if spaced, let last = text.unicodeScalars.last, let first = piece.unicodeScalars.first, !(isWide(last) && isWide(first)) {
            text += " "
        }
        text += piece
    }

    /// Normalises free text: line breaks removed, spaces folded.
    static func normalize<S: StringProtocol>(_ raw: S) -> String {
        // Over UTF-8 bytes: a run of spaces is one gap (dropped between two CJK characters), a line
        // break joins without a gap.
        var raw = Substring(raw)
        // Most lines have no white space: they are their own normal form.
        let plain = raw.withUTF8 { b in
            var i = 0
            while true {
                i = ByteScan.spaces.next(in: b, from: i)
                guard i < b.count else { return true }
                if b[i] <= 0x20 || spaceLength(b, at: i) > 0 { return false }
                i += 1
            }
        }
        if plain { return String(raw) }
        return raw.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var pendingSpace = false
            var lastWide = false
            var atLineStart = true
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x0A || c == 0x0D || c == 0x0C {
                    pendingSpace = false
                    atLineStart = true
                    i += 1
                    continue
                }
                let space = spaceLength(b, at: i)
                if space > 0 {
                    if !out.isEmpty && !atLineStart { pendingSpace = true }
                    i += space
                    continue
                }
                atLineStart = false
                let (value, length) = scalar(b, at: i)
                let wide = isWide(value)
                if pendingSpace, !(lastWide && wide) { out.append(0x20) }
                pendingSpace = false
                for k in i..<i + length { out.append(b[k]) }
                lastWide = wide
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `scalar(b, at: i)` as a `Unicode.Scalar`. Valid UTF-8 decodes only to valid scalars, so the
    /// check `Unicode.Scalar(_:)` makes (run for every character the reader decodes) is left out.
    @inline(__always)
    static func unicodeScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let (value, length) = scalar(b, at: i)
        return (unsafeBitCast(value, to: Unicode.Scalar.self), length)
    }

    /// The scalar whose UTF-8 encoding starts at `i` (the text is valid UTF-8), and its length.
    @inline(__always)
    static func scalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return ((b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }
}

extension StringProtocol {
    /// The text after its first `count` UTF-8 bytes, which end a scalar.
    func droppingBytes(_ count: Int) -> Substring {
        let text = Substring(self)
        return text[text.utf8.index(text.startIndex, offsetBy: count)...]
    }
}
