import Foundation

/// SHA-256 (FIPS 180-4), to name a source file's content and to store secrets only as digests. Small and dependency-free: the
/// reader must not pull in a crypto library for one digest.
public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public static func hex(_ data: Data) -> String {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        // The whole blocks straight from the data; the padded tail (one or two blocks) from a small copy.
        let whole = data.count / 64 * 64
        var tail = [UInt8](data[data.startIndex + whole..<data.endIndex])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(data.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            k.withUnsafeBufferPointer { k in
                data.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < whole {
                        compress(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 64]), &h, w, k)
                        offset += 64
                    }
                }
                tail.withUnsafeBytes { raw in
                    for offset in stride(from: 0, to: raw.count, by: 64) {
                        compress(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 64]), &h, w, k)
                    }
                }
            }
        }
        let words = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for word in words {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int(word >> UInt32(shift) & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One 64-byte block into the state.
    @inline(__always)
    private static func compress(
        _ block: UnsafeRawBufferPointer, _ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
        _ w: UnsafeMutableBufferPointer<UInt32>, _ k: UnsafeBufferPointer<UInt32>
    ) {
        for i in 0..<16 { w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
        for i in 16..<64 {
            let x = w[i - 15], y = w[i - 2]
            let s0 = (x.rotatedRight(11) ^ x).rotatedRight(7) ^ (x >> 3)
            let s1 = (y.rotatedRight(2) ^ y).rotatedRight(17) ^ (y >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        // The round constants added to the schedule beforehand (a loop the compiler vectorises), so a
        // round reads one word instead of two.
        for i in 0..<64 { w[i] = w[i] &+ k[i] }
        var (a, b, c, d, e, f, g, hh) = h
        /// One round, written so that eight calls with the letters turned round make eight rounds
        /// without moving the state from register to register.
        @inline(__always)
        func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ i: Int) {
            // Σ1(e) and Σ0(a) as nested rotations (fewer copies of the word than three apart), Ch and
            // Maj in their three-operation forms.
            let t1 = h &+ (((e.rotatedRight(14) ^ e).rotatedRight(5) ^ e).rotatedRight(6)) &+ (g ^ (e & (f ^ g))) &+ w[i]
            let t2 = (((a.rotatedRight(9) ^ a).rotatedRight(11) ^ a).rotatedRight(2)) &+ ((a & b) | (c & (a | b)))
            d = d &+ t1
            h = t1 &+ t2
        }
        for i in stride(from: 0, to: 64, by: 8) {
            round(a, b, c, &d, e, f, g, &hh, i)
            round(hh, a, b, &c, d, e, f, &g, i + 1)
            round(g, hh, a, &b, c, d, e, &f, i + 2)
            round(f, g, hh, &a, b, c, d, &e, i + 3)
            round(e, f, g, &hh, a, b, c, &d, i + 4)
            round(d, e, f, &g, hh, a, b, &c, i + 5)
            round(c, d, e, &f, g, hh, a, &b, i + 6)
            round(b, c, d, &e, f, g, hh, &a, i + 7)
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
    }
}

extension UInt32 {
    /// Masking shifts: plain rotate instructions, without the checks of `>>` and `-`.
    @inline(__always) fileprivate func rotatedRight(_ n: UInt32) -> UInt32 { (self &>> n) | (self &<< (32 &- n)) }
}
