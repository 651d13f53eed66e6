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

    public static func decode(_ data: Data) throws(ReadError) -> (text: String, encoding: Encoding) {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validating: data.dropFirst(3), as: UTF8.self) else { throw .undecodable }
            return (s, .utf8)
        }
        if data.starts(with: [0xFF, 0xFE]) { return (try utf16([UInt8](data.dropFirst(2))[...], littleEndian: true), .utf16LE) }
        if data.starts(with: [0xFE, 0xFF]) { return (try utf16([UInt8](data.dropFirst(2))[...], littleEndian: false), .utf16BE) }
        // Validated where the bytes lie, without a copy; a NUL byte looked for with memchr (the generic
        // `contains` costs more than decoding).
        let (hasNUL, utf8) = data.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            let hasNUL = b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false
            return (hasNUL, hasNUL ? nil : String(validating: b, as: UTF8.self))
        }
        if hasNUL { throw .binary }
        if let utf8 { return (utf8, .utf8) }
        if let s = iconvDecode([UInt8](data), from: "GB18030") { return (s, .gb18030) }
        throw .undecodable
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
    static func looksBinary(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
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
