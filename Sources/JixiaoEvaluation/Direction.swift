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

extension IndicatorActual {
    /// Why this report cannot be used for `indicator`, or nil: a grade where the row is judged by its
    /// number, a number where it is judged by grade (either is refused, not scored as 未填报).
    public func mismatch(with indicator: Indicator) -> String? {
        switch Direction(indicator.target) {
        case .qualitative where grade == nil && value != nil:
            "按等级评价，填报的却是数值 \(value!)：请填等级（达成、部分达成、未达成）(a number on a row judged by grade)"
        case .positive, .reverse, .equal:
            value == nil && grade != nil ? "按数值评价，填报的却是等级“\(grade!.rawValue)”：请填完成值 (a grade on a row judged by its number)" : nil
        default: nil
        }
    }
}
