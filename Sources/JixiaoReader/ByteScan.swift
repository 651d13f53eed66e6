/// Finds the few bytes that matter (line breaks, spaces) in long runs of text that hold none,
/// eight bytes at a time: most of a Chinese document is ideographs, whose bytes are never these.
struct ByteScan {
    /// Bytes below this (at most 0x80) are looked at, and so are `first` and `second`.
    let below: UInt8
    let first: UInt8
    let second: UInt8

    /// Line breaks: control bytes up to CR, and the first bytes of U+0085 (C2) and U+2028/2029 (E2).
    static let lineBreaks = ByteScan(below: 0x0E, first: 0xC2, second: 0xE2)
    /// White space: control bytes and the space, and the first bytes of U+00A0 (C2) and U+3000 (E3).
    static let spaces = ByteScan(below: 0x21, first: 0xC2, second: 0xE3)

    @inline(__always)
    func isCandidate(_ c: UInt8) -> Bool { c < below || c == first || c == second }

    /// The first index at or after `start` whose byte is a candidate, or `b.count`.
    @inline(__always)
    func next(in b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        if let base = b.baseAddress {
            // A word has a byte below n, or equal to x, exactly when these bit tricks leave a high bit set.
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let n = ones &* UInt64(below), x = ones &* UInt64(first), y = ones &* UInt64(second)
            while i + 8 <= b.count {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let wx = w ^ x, wy = w ^ y
                if ((w &- n) & ~w | (wx &- ones) & ~wx | (wy &- ones) & ~wy) & highs != 0 { break }
                i += 8
            }
        }
        while i < b.count, !isCandidate(b[i]) { i += 1 }
        return i
    }
}
