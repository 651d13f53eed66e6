import Foundation

extension Decimal {
    /// The number as tables and reports write it: at least `minimum` decimals (6 → 6.00) and, when
    /// `maximum` is given, rounded half up to that many (29.255 → 29.26) — worked on the decimal
    /// itself, never through a binary `Double`.
    public func written(decimals minimum: Int, upTo maximum: Int? = nil) -> String {
        var value = self
        if let maximum {
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, maximum, .plain)
            value = rounded
        }
        let s = value.description
        guard let dot = s.firstIndex(of: ".") else { return minimum > 0 ? s + "." + String(repeating: "0", count: minimum) : s }
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        return decimals >= minimum ? s : s + String(repeating: "0", count: minimum - decimals)
    }
}
