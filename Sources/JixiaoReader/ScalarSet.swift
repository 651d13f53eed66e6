/// A set of Unicode scalars tested without hashing: a bit per scalar of the Basic Multilingual
/// Plane (8 KB), which holds every character the reader looks for. `Set<Unicode.Scalar>` hashes on
/// each test, and the reader tests every character of a document several times.
struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)

    init<S: Sequence<Unicode.Scalar>>(_ scalars: S) {
        for c in scalars {
            precondition(c.value < 0x10000, "ScalarSet holds scalars of the Basic Multilingual Plane")
            bits[Int(c.value) >> 6] |= 1 << UInt64(c.value & 63)
        }
    }

    init(_ text: String) { self.init(text.unicodeScalars) }

    @inline(__always)
    func contains(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x10000 && bits[Int(c.value) >> 6] & (1 << UInt64(c.value & 63)) != 0
    }
}
