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

/// A 自评表's actual (实际完成值) read as a number and its unit: `4604人次`, `98%`, `125.25万元`.
public struct MeasuredValue: Sendable, Equatable {
    public var number: Decimal
    public var unit: String

    public init?(_ text: String?) {
        guard let text else { return nil }
        let scalars = Array(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "," })
        guard let start = scalars.firstIndex(where: { ("0"..."9").contains($0) }) else { return nil }
        // Words before the number (`完成`) are not read: the figure must lead.
        guard scalars[..<start].allSatisfy({ "≥≤><=≧≦约".unicodeScalars.contains($0) }) else { return nil }
        var end = start
        while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == "." { end += 1 }
        guard let n = Decimal(string: String(String.UnicodeScalarView(scalars[start..<end]))) else { return nil }
        number = n
        unit = String(String.UnicodeScalarView(scalars[end...]))
    }

    /// The number in the target's unit, or nil where the two cannot be compared (人 against 万元).
    public func inUnit(of target: Target) -> Decimal? {
        let mine = Self.canonical(unit), theirs = Self.canonical(target.unit ?? "")
        if mine == theirs || mine.isEmpty || theirs.isEmpty { return number }
        guard let a = MoneyUnit.yuan(per: mine), let b = MoneyUnit.yuan(per: theirs) else { return nil }
        return number * a / b
    }

    /// `百分比` is `%`; `天以内` is `天` (the bound is the target's to say).
    static func canonical(_ unit: String) -> String {
        var u = unit
        for bound in ["及以上", "及以下", "以上", "以下", "以内", "之内"] where u.hasSuffix(bound) {
            u.removeLast(bound.count)
            break
        }
        return ["百分比", "％", "%(百分比)"].contains(u) ? "%" : u
    }
}

extension MoneyUnit {
    /// Yuan in one unit of an amount as written; nil for unit costs (元/人) and non-money units.
    public static func yuan(per unit: String?) -> Decimal? {
        switch unit {
        case "元": 1
        case "千元": 1_000
        case "万", "万元": 10_000
        case "亿元": 100_000_000
        default: nil
        }
    }
}
