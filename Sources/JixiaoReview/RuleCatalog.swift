import Foundation
import JixiaoModel

/// Every rule the review knows. The default profile runs them all at their own severity.
public enum RuleCatalog {
    public static let all: [Rule] =
        missing + direction + units + ranges + budget + plan + vague + consistency + format + incomplete + selfEvaluation

    static let standardLevel1: Set<String> = ["产出指标", "效益指标", "满意度指标"]
    static let standardLevel2: Set<String> = [
        "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
        "社会公众或服务对象满意度指标",
    ]
}

extension Decimal {
    /// As people write it: 29.25, 100, 0.5.
    var plain: String { description }
}
