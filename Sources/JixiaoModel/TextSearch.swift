extension UnsafeBufferPointer where Element: Equatable {
    /// Where `needle` first occurs at or after `start`: a plain scan, for the short needles (labels,
    /// words) this project looks for.
    @inlinable
    public func firstOccurrence<Needle: RandomAccessCollection<Element>>(of needle: Needle, from start: Int = 0) -> Int?
    where Needle.Index == Int {
        guard let first = needle.first, count >= needle.count else { return nil }
        var i = start
        while i <= count - needle.count {
            if self[i] == first {
                var k = 1
                while k < needle.count, self[i + k] == needle[needle.startIndex + k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// Whether `needle` occurs in the text. A byte search over UTF-8, which finds whole characters
    /// only (UTF-8 is self-synchronising) and is many times faster than Foundation's `contains` on
    /// Linux, where that goes through CFString.
    @inlinable
    public func includes(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = String(self)
        var needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in h.firstOccurrence(of: n) != nil } }
    }

    /// Where `needle` first occurs, found over UTF-8 bytes as `includes` does (Foundation's
    /// `range(of:)` goes through CFString on Linux).
    @inlinable
    public func byteRange(of needle: String) -> Range<String.Index>? {
        let text = Substring(self)
        var needle = needle
        return needle.withUTF8 { n in
            guard !n.isEmpty else { return text.startIndex..<text.startIndex }
            let search = { (h: UnsafeBufferPointer<UInt8>) in h.firstOccurrence(of: n) }
            let found = text.utf8.withContiguousStorageIfAvailable(search) ?? Array(text.utf8).withUnsafeBufferPointer(search)
            guard let found else { return nil }
            let lower = text.utf8.index(text.startIndex, offsetBy: found)
            return lower..<text.utf8.index(lower, offsetBy: n.count)
        }
    }
}

extension StringProtocol {
    /// Whether the text is exactly `word`, byte for byte: lengths first (most texts differ there),
    /// then the bytes where they lie (iterating two UTF-8 views is many times slower).
    @inlinable
    public func spells<Word: StringProtocol>(_ word: Word) -> Bool {
        guard utf8.count == word.utf8.count else { return false }
        let inPlace = utf8.withContiguousStorageIfAvailable { a in word.utf8.withContiguousStorageIfAvailable { b in a.elementsEqual(b) } }
        return (inPlace ?? nil) ?? utf8.elementsEqual(word.utf8)
    }
}

extension String {
    /// `hasSuffix` over UTF-8 bytes: whole characters only, without grapheme breaking.
    public func endsWith(_ suffix: String) -> Bool {
        var me = self
        var other = suffix
        return me.withUTF8 { a in
            other.withUTF8 { b in
                guard a.count >= b.count else { return false }
                let offset = a.count - b.count
                for k in 0..<b.count where a[offset + k] != b[k] { return false }
                return true
            }
        }
    }

    /// `hasPrefix` over UTF-8 bytes.
    public func beginsWith(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }
}

/// Finds which of several groups of words occur in a text, in one pass over its UTF-8 bytes.
/// Group `k` sets bit `k` of the result. Words are indexed by their first character, so a text
/// costs one table look-up per character whatever the number of words.
public struct KeywordMatcher: Sendable {
    private let table: [Int32]  // first scalar (BMP) → bucket + 1, or 0
    private let buckets: [[(bytes: [UInt8], mask: UInt64)]]

    public init(groups: [[String]]) {
        precondition(groups.count <= 64, "at most 64 groups")
        var table = [Int32](repeating: 0, count: 0x10000)
        var buckets: [[(bytes: [UInt8], mask: UInt64)]] = []
        for (g, words) in groups.enumerated() {
            for word in words {
                guard let first = word.unicodeScalars.first, first.value < 0x10000 else { continue }
                let key = Int(first.value)
                if table[key] == 0 {
                    buckets.append([])
                    table[key] = Int32(buckets.count)
                }
                let b = Int(table[key]) - 1
                if let existing = buckets[b].firstIndex(where: { $0.bytes == Array(word.utf8) }) {
                    buckets[b][existing].mask |= 1 << UInt64(g)
                } else {
                    buckets[b].append((Array(word.utf8), 1 << UInt64(g)))
                }
            }
        }
        self.table = table
        self.buckets = buckets
    }

    public func groups(in text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var found: UInt64 = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b0 = bytes[i]
                var scalar: Int
                var length: Int
                if b0 < 0x80 {
                    scalar = Int(b0); length = 1
                } else if b0 < 0xE0 {
                    guard i + 1 < n else { break }
                    scalar = Int(b0 & 0x1F) << 6 | Int(bytes[i + 1] & 0x3F); length = 2
                } else if b0 < 0xF0 {
                    guard i + 2 < n else { break }
                    scalar = Int(b0 & 0x0F) << 12 | Int(bytes[i + 1] & 0x3F) << 6 | Int(bytes[i + 2] & 0x3F); length = 3
                } else {
                    i += 4
                    continue
                }
                let bucket = table[scalar]
                if bucket != 0 {
                    for candidate in buckets[Int(bucket) - 1] where candidate.mask & found != candidate.mask {
                        let w = candidate.bytes
                        if i + w.count <= n {
                            var k = length
                            while k < w.count, bytes[i + k] == w[k] { k += 1 }
                            if k == w.count { found |= candidate.mask }
                        }
                    }
                }
                i += length
            }
            return found
        }
    }
}

/// A string key hashed and compared by its UTF-8 bytes. Swift's own String hashing normalises
/// non-ASCII text first, which is slow for the Chinese keys this project looks up all the time.
public struct ByteKey: Hashable, Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }

    public static func == (a: ByteKey, b: ByteKey) -> Bool { a.text.spells(b.text) }

    public func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
