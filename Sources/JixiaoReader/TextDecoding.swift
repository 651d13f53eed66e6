import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030, which files saved on
/// Chinese Windows commonly use. Foundation on Linux cannot decode GB18030, so iconv does.
public enum TextDecoding {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", gb18030 = "GB18030" }

    /// The text's UTF-8 bytes, and the encoding the file was in.
    public static func utf8(_ data: Data) throws(ReadError) -> (bytes: [UInt8], encoding: Encoding) {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            let bytes = [UInt8](data.dropFirst(3))
            guard isValidUTF8(bytes) else { throw .undecodable }
            return (bytes, .utf8)
        }
        if data.starts(with: [0xFF, 0xFE]) { return (Array(try utf16([UInt8](data.dropFirst(2))[...], littleEndian: true).utf8), .utf16LE) }
        if data.starts(with: [0xFE, 0xFF]) { return (Array(try utf16([UInt8](data.dropFirst(2))[...], littleEndian: false).utf8), .utf16BE) }
        let bytes = [UInt8](data)
        // A NUL byte looked for with memchr (the generic `contains` costs more than decoding).
        let hasNUL = bytes.withUnsafeBufferPointer { b in b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false }
        if hasNUL { throw .binary }
        if isValidUTF8(bytes) { return (bytes, .utf8) }
        if let s = iconvDecode(bytes, from: "GB18030") { return (Array(s.utf8), .gb18030) }
        throw .undecodable
    }

    /// Whether the bytes are well-formed UTF-8, as `String(validating:)` judges: no stray or missing
    /// continuation bytes, no overlong forms, no surrogates, nothing past U+10FFFF. Written out (and
    /// eight ASCII bytes at a time) because the reader keeps the text as bytes and never needs the
    /// String the standard library would build while validating.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            func continuation(_ k: Int) -> Bool { b[k] & 0xC0 == 0x80 }
            while i < n {
                let b0 = b[i]
                if b0 < 0x80 {
                    // After an ASCII byte, a run of them is skipped eight at a time.
                    i += 1
                    if let base = b.baseAddress {
                        while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                    }
                } else if b0 >= 0xE0, b0 < 0xF0 {  // three bytes, as CJK text is
                    guard i + 2 < n, continuation(i + 1), continuation(i + 2) else { return false }
                    let b1 = b[i + 1]
                    if b0 == 0xE0 && b1 < 0xA0 || b0 == 0xED && b1 > 0x9F { return false }  // overlong; surrogate
                    i += 3
                } else if b0 >= 0xC2, b0 < 0xE0 {
                    guard i + 1 < n, continuation(i + 1) else { return false }
                    i += 2
                } else if b0 >= 0xF0, b0 < 0xF5 {
                    guard i + 3 < n, continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return false }
                    let b1 = b[i + 1]
                    if b0 == 0xF0 && b1 < 0x90 || b0 == 0xF4 && b1 > 0x8F { return false }  // overlong; past U+10FFFF
                    i += 4
                } else {
                    return false  // a continuation byte first, C0, C1, F5 and above
                }
            }
            return true
        }
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) throws(ReadError) -> String {
        guard bytes.count % 2 == 0 else { throw .undecodable }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        guard let s = String(validating: units, as: UTF16.self) else { throw .undecodable }
        return s
    }

    /// Text that contains control characters other than white space is not a document (judged by its
    /// first 4,096 characters).
    static func looksBinary(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { b in
            var control = 0, total = 0
            for byte in b where byte & 0xC0 != 0x80 {  // each scalar's first byte
                total += 1
                if byte < 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09, byte != 0x0C { control += 1 }
                if total == 4096 { break }
            }
            return total > 0 && control * 20 > total
        }
    }

    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return r == -1 || inLeft != 0 ? nil : outBuf.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output.prefix(written).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Encodes to GB18030 (for tests and tools that need a file as Chinese Windows writes it).
    public static func gb18030(_ text: String) -> Data? {
        let cd = iconv_open("GB18030", "UTF-8")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8CString.dropLast())
        var output = [CChar](repeating: 0, count: input.count * 2 + 16)
        let count: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return r == -1 ? nil : outBuf.count - outLeft
            }
        }
        return count.map { Data(output.prefix($0).map { UInt8(bitPattern: $0) }) }
    }
}
