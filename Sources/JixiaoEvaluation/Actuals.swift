import Foundation
import JixiaoModel

/// What a unit reports during and after the year for one project: spending to date and how far
/// each indicator has come.
public struct ProjectActuals: Sendable, Equatable {
    /// Cumulative spending at the end of each month (1…12), in the table's money unit.
    public var spending: [Int: Decimal]
    /// By indicator row (1-based, as in the table).
    public var indicators: [Int: IndicatorActual]

    public init(spending: [Int: Decimal] = [:], indicators: [Int: IndicatorActual] = [:]) {
        self.spending = spending
        self.indicators = indicators
    }

    /// What a new report changes against the old one, as the audit log records it: the spending at
    /// `month` and each row's reported value, grade, reason, likelihood and explanation.
    public static func changes(in project: Project, from old: ProjectActuals, to new: ProjectActuals, month: Int) -> [FieldChange] {
        var out: [FieldChange] = []
        let text = { (d: Decimal?) in d.map { "\($0)" } ?? "" }
        if old.spending[month] != new.spending[month] {
            out.append(FieldChange(cell: "spending.\(month)", place: "截至 \(month) 月底支出", before: text(old.spending[month]), after: text(new.spending[month])))
        }
        func summary(_ a: IndicatorActual?) -> String {
            guard let a else { return "" }
            return [
                a.value.map { "\($0)" }, a.forecast.map { "全年预计 \($0)" }, a.grade?.rawValue, a.reason.map { "原因：\($0.rawValue)" }, a.likelihood?.rawValue,
                a.explanation,
            ]
            .compactMap { $0 }.joined(separator: "；")
        }
        for (k, i) in project.indicators.enumerated() {
            let before = summary(old.indicators[k + 1]), after = summary(new.indicators[k + 1])
            if before != after { out.append(FieldChange(cell: "i\(k + 1).actual", place: "第 \(k + 1) 行 \(i.level3) 完成值", before: before, after: after)) }
        }
        return out
    }

    /// Spending reported at or before `month` (the latest), or nil when none is.
    public func spent(by month: Int) -> Decimal? {
        spending.filter { $0.key <= month }.max { $0.key < $1.key }?.value
    }
}

/// 完成情况 of one indicator.
public struct IndicatorActual: Sendable, Equatable {
    /// The value reached, in the target's own unit (a percentage as 97 for 97%).
    public var value: Decimal?
    /// 全年预计完成值: what the unit expects by the year's end (monitoring, 财预〔2019〕136号).
    public var forecast: Decimal?
    /// For qualitative indicators.
    public var grade: Grade?
    /// The share of the weight given to a qualitative indicator, within its grade's band (0…100).
    public var share: Decimal?
    public var date: String?
    public var note: String?
    /// Why it deviates, and how likely the target still is (monitoring).
    public var reason: DeviationReason?
    public var likelihood: Likelihood?
    /// 偏差原因分析及改进措施 (self-evaluation).
    public var explanation: String?

    public init(
        value: Decimal? = nil, grade: Grade? = nil, share: Decimal? = nil, date: String? = nil, note: String? = nil,
        reason: DeviationReason? = nil, likelihood: Likelihood? = nil, explanation: String? = nil, forecast: Decimal? = nil
    ) {
        self.value = value
        self.forecast = forecast
        self.grade = grade
        self.share = share
        self.date = date
        self.note = note
        self.reason = reason
        self.likelihood = likelihood
        self.explanation = explanation
    }
}

/// The three grades of a qualitative indicator (rules-digest D1).
public enum Grade: String, Sendable, CaseIterable {
    case achieved = "达成"
    case partly = "部分达成"
    case missed = "未达成"
}

/// 偏差原因 (rules-digest H3).
public enum DeviationReason: String, Sendable, CaseIterable {
    case funding = "经费保障"
    case rules = "制度保障"
    case staff = "人员保障"
    case equipment = "硬件条件保障"
    case other = "其他"
}

/// 完成可能性 (rules-digest H3).
public enum Likelihood: String, Sendable, CaseIterable {
    case certain = "确定能"
    case possible = "有可能"
    case impossible = "完全不可能"
}
