import Foundation
import JixiaoModel

/// The tunable parts of monitoring and scoring (rules-digest F, G, H): light thresholds, weights,
/// grade bands. A province may set its own in JSON; what it does not name keeps the default.
public struct EvaluationProfile: Sendable, Equatable {
    /// Budget light: red below, yellow below, green from (percent of the planned or the time-elapsed progress).
    public var budgetRedBelow: Decimal = 60
    public var budgetYellowBelow: Decimal = 80
    /// Positive indicator light: red below, yellow below, green below, blue from (percent of the prorated target).
    public var positiveRedBelow: Decimal = 60
    public var positiveYellowBelow: Decimal = 80
    public var positiveBlueFrom: Decimal = 120
    /// Weights (total 100) for tables of 产出/效益/满意度 (财预〔2020〕10号).
    public var weights: [String: Decimal] = ["budget": 10, "output": 50, "effect": 30, "satisfaction": 10]
    /// Weights for tables with 成本指标 as a 一级 (the post-101号 template).
    public var weightsWithCost: [String: Decimal] = ["budget": 10, "cost": 20, "output": 40, "effect": 20, "satisfaction": 10]
    /// Lower bounds of 优, 良, 中 (below 中 is 差).
    public var excellentFrom: Decimal = Scoring.excellentFrom
    public var goodFrom: Decimal = Scoring.goodFrom
    public var fairFrom: Decimal = Scoring.fairFrom
    /// A positive target reached by this factor or more is flagged as over-achieved (target set too low?).
    public var overAchievementFactor: Decimal = 1.2
    /// Share of the weight (percent) a qualitative grade gives when the reporter names none inside its band.
    public var gradeShares: [Grade: Decimal] = [.achieved: 90, .partly: 70, .missed: 30]

    public init() {}

    public static let national = EvaluationProfile()

    /// The band (percent of the weight) a grade's score must lie in: [80,100], [60,80), [0,60).
    public static func band(_ grade: Grade) -> (low: Decimal, high: Decimal, highIncluded: Bool) {
        switch grade {
        case .achieved: (80, 100, true)
        case .partly: (60, 80, false)
        case .missed: (0, 60, false)
        }
    }

    public func grade(of total: Decimal) -> String {
        Scoring.grade(of: total, excellentFrom: excellentFrom, goodFrom: goodFrom, fairFrom: fairFrom)
    }

    public enum LoadError: Error, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self {
            case let .invalid(why): "invalid evaluation profile: \(why)"
            }
        }
    }

    /// Reads a profile's `evaluation` object (or a bare one); unknown keys are refused so that typos do not pass.
    public static func load(_ data: Data) throws -> EvaluationProfile {
        let root: JSONValue
        do { root = try JSONValue.parse(data) } catch { throw LoadError.invalid("\(error)") }
        let json = root["evaluation"] ?? root
        guard case let .object(members) = json else { throw LoadError.invalid("the profile must be a JSON object") }
        var p = EvaluationProfile()
        func number(_ v: JSONValue, _ key: String) throws -> Decimal {
            guard let n = v.decimalValue, n >= 0 else { throw LoadError.invalid("\(key) must be a number ≥ 0") }
            return n
        }
        func weights(_ v: JSONValue, _ key: String, allowed: Set<String>) throws -> [String: Decimal] {
            guard case let .object(items) = v else { throw LoadError.invalid("\(key) must be an object") }
            var out: [String: Decimal] = [:]
            for (name, value) in items {
                guard allowed.contains(name) else { throw LoadError.invalid("\(key): unknown part \"\(name)\" (\(allowed.sorted().joined(separator: ", ")))") }
                out[name] = try number(value, "\(key).\(name)")
            }
            guard out.values.reduce(0, +) == 100 else { throw LoadError.invalid("\(key) must add up to 100") }
            return out
        }
        // A review profile without an `evaluation` part: its own settings are not ours to judge.
        let skip: Set<String> = json == root ? ["name", "rules", "allowSubmitWithErrors"] : []
        for (key, value) in members where !skip.contains(key) {
            switch key {
            case "budgetRedBelow": p.budgetRedBelow = try number(value, key)
            case "budgetYellowBelow": p.budgetYellowBelow = try number(value, key)
            case "positiveRedBelow": p.positiveRedBelow = try number(value, key)
            case "positiveYellowBelow": p.positiveYellowBelow = try number(value, key)
            case "positiveBlueFrom": p.positiveBlueFrom = try number(value, key)
            case "excellentFrom": p.excellentFrom = try number(value, key)
            case "goodFrom": p.goodFrom = try number(value, key)
            case "fairFrom": p.fairFrom = try number(value, key)
            case "overAchievementFactor": p.overAchievementFactor = try number(value, key)
            case "weights": p.weights = try weights(value, key, allowed: ["budget", "output", "effect", "satisfaction"])
            case "weightsWithCost": p.weightsWithCost = try weights(value, key, allowed: ["budget", "cost", "output", "effect", "satisfaction"])
            case "gradeShares":
                guard case let .object(items) = value else { throw LoadError.invalid("gradeShares must be an object") }
                for (name, share) in items {
                    guard let grade = Grade(rawValue: name) else { throw LoadError.invalid("gradeShares: no grade \"\(name)\" (达成, 部分达成, 未达成)") }
                    let n = try number(share, "gradeShares.\(name)")
                    let band = band(grade)
                    guard n >= band.low, band.highIncluded ? n <= band.high : n < band.high else {
                        throw LoadError.invalid("gradeShares.\(name) must lie in its band")
                    }
                    p.gradeShares[grade] = n
                }
            default: throw LoadError.invalid("unknown setting \"\(key)\"")
            }
        }
        guard p.budgetRedBelow <= p.budgetYellowBelow, p.positiveRedBelow <= p.positiveYellowBelow, p.positiveYellowBelow <= p.positiveBlueFrom,
            p.fairFrom <= p.goodFrom, p.goodFrom <= p.excellentFrom
        else { throw LoadError.invalid("thresholds must rise: red ≤ yellow ≤ blue, 中 ≤ 良 ≤ 优") }
        return p
    }
}

extension IndicatorFramework.Level1 {
    /// The key of this 一级 in a profile's weights.
    var weightKey: String {
        switch self {
        case .output: "output"
        case .effect: "effect"
        case .satisfaction: "satisfaction"
        case .cost: "cost"
        }
    }
}
