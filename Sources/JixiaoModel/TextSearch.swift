extension StringProtocol {
    /// Whether `needle` occurs in the text. A byte search over UTF-8, which finds whole characters
    /// only (UTF-8 is self-synchronising) and is many times faster than Foundation's `contains` on
    /// Linux, where that goes through CFString.
    public func includes(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = String(self)
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                let last = h.count - n.count
                guard last >= 0 else { return false }
                let first = n[0]
                var i = 0
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count, h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
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
