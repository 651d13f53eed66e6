import Foundation

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

/// The scoring of a self-evaluation (rules-digest G): shared by `jixiao score`, which computes
/// scores, and the review, which re-checks the scores a unit printed.
public enum Scoring {
    /// The points of a quantitative row of weight `w` whose target `t` came out at `a`: full marks when
    /// reached; short of it, in proportion (正向 w·a/t; 反向 w·(1 − (a − t)/t), nothing at twice the cap).
    public static func quantitative(_ direction: Direction, target t: Decimal, actual a: Decimal, weight w: Decimal) -> Decimal {
        switch direction {
        case .positive where t <= 0, .equal where t <= 0:
            // Nothing to reach (≥ 0) is reached by anything not below it; “= 0” only by 0 or less.
            return direction == .equal ? (a <= 0 ? w : 0) : (a >= t ? w : 0)
        case .positive, .equal:
            return a >= t ? w : max(0, w * a / t).rounded(2)
        case .reverse where t <= 0:
            return a <= 0 ? w : 0
        case .reverse:
            if a <= t { return w }
            if a >= 2 * t { return 0 }
            return (w * (1 - (a - t) / t)).rounded(2)
        case .qualitative, .undetermined:
            return 0
        }
    }

    /// Whether an actual reaches its target by the target's direction (a bare `=` target counts as a
    /// floor, as the scoring reads it); nil when the row is not judged by a number.
    public static func reaches(_ direction: Direction, target t: Decimal, actual a: Decimal) -> Bool? {
        switch direction {
        case .positive, .equal: a >= t
        case .reverse: a <= t
        case .qualitative, .undetermined: nil
        }
    }

    /// Lower bounds of 优, 良, 中 (below 中 is 差) in the 100-point system (财预〔2020〕10号).
    public static let excellentFrom: Decimal = 90
    public static let goodFrom: Decimal = 80
    public static let fairFrom: Decimal = 60

    /// 优, 良, 中 or 差 for a total.
    public static func grade(
        of total: Decimal, excellentFrom: Decimal = excellentFrom, goodFrom: Decimal = goodFrom, fairFrom: Decimal = fairFrom
    )
        -> String
    {
        total >= excellentFrom ? "优" : total >= goodFrom ? "良" : total >= fairFrom ? "中" : "差"
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
