import Foundation
import JixiaoModel

/// How an indicator's target is judged: more is better, less is better, exactly, by grade, or not at all.
public enum Direction: String, Sendable, Equatable {
    /// ≥ or >
    case positive
    /// ≤ or < (cost indicators and the like)
    case reverse
    /// =
    case equal
    case qualitative
    /// A number with no operator, an unreadable value: nothing to judge against.
    case undetermined

    public init(_ target: Target) {
        switch (target.kind, target.op) {
        case (.qualitative, _): self = .qualitative
        case (.quantitative, _) where target.number == nil || target.ambiguous: self = .undetermined
        case (_, .atLeast?), (_, .greater?): self = .positive
        case (_, .atMost?), (_, .less?): self = .reverse
        case (_, .equal?): self = .equal
        case (_, nil): self = .undetermined
        }
    }

    public var label: String {
        switch self {
        case .positive: "正向"
        case .reverse: "反向"
        case .equal: "等于"
        case .qualitative: "定性"
        case .undetermined: "无法判断"
        }
    }
}

extension Decimal {
    /// Rounded half up to `places` decimals (scores to the cent of a point).
    public func rounded(_ places: Int) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }
}
