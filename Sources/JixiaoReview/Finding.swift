import JixiaoModel

/// The fixed categories of review.md. Every rule belongs to exactly one.
public enum FindingCategory: String, Sendable, CaseIterable, Comparable {
    case missing, direction, unit, range, budget, plan, vague, consistency, format, incomplete, score

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// Chinese name for people.
    public var label: String {
        switch self {
        case .missing: "缺项"
        case .direction: "方向"
        case .unit: "单位"
        case .range: "取值范围"
        case .budget: "预算"
        case .plan: "支出计划"
        case .vague: "不可考核"
        case .consistency: "前后矛盾"
        case .format: "格式"
        case .incomplete: "不完整"
        case .score: "评分"
        }
    }
}

public enum Severity: String, Sendable, CaseIterable, Comparable {
    case error, warning, info

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    public var label: String {
        switch self {
        case .error: "错误"
        case .warning: "警告"
        case .info: "提示"
        }
    }
}

/// One thing the review found: what, where, how to fix it, and on which rule it rests.
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var category: FindingCategory
    public var severity: Severity
    /// 1-based position of the project in the document; nil for the department level.
    public var project: Int?
    public var projectCode: String?
    /// 1-based row within the project's indicators.
    public var indicator: Int?
    /// The field at fault: value, level1, level2, level3, description, basis, code, budget, spendingPlan, goals, purpose.
    public var field: String?
    public var message: String
    public var basis: String

    public init(
        rule: String, category: FindingCategory, severity: Severity, project: Int? = nil, projectCode: String? = nil,
        indicator: Int? = nil, field: String? = nil, message: String, basis: String
    ) {
        self.rule = rule
        self.category = category
        self.severity = severity
        self.project = project
        self.projectCode = projectCode
        self.indicator = indicator
        self.field = field
        self.message = message
        self.basis = basis
    }

    public var json: JSONValue {
        .object([
            ("rule", .string(rule)), ("category", .string(category.rawValue)), ("severity", .string(severity.rawValue)),
            ("project", project.map { .number(.init($0)) } ?? .null), ("projectCode", projectCode.map(JSONValue.string) ?? .null),
            ("indicator", indicator.map { .number(.init($0)) } ?? .null), ("field", field.map(JSONValue.string) ?? .null),
            ("message", .string(message)), ("basis", .string(basis)),
        ])
    }
}
