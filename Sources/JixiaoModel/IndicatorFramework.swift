/// The canonical indicator framework (财预〔2021〕101号 and provincial practice): 一级 categories,
/// the 二级 categories under each, and the names real documents use for them.
public enum IndicatorFramework {
    public enum Level1: String, Sendable, CaseIterable {
        case output = "产出指标"
        case effect = "效益指标"
        case satisfaction = "满意度指标"
        case cost = "成本指标"
    }

    public enum Level2: String, Sendable, CaseIterable {
        case quantity = "数量指标"
        case quality = "质量指标"
        case timeliness = "时效指标"
        case cost = "成本指标"
        case economicCost = "经济成本指标"
        case socialCost = "社会成本指标"
        case ecologicalCost = "生态环境成本指标"
        case economic = "经济效益指标"
        case social = "社会效益指标"
        case ecological = "生态效益指标"
        case sustainable = "可持续影响指标"
        case satisfaction = "服务对象满意度指标"

        public var level1: Level1 {
            switch self {
            case .quantity, .quality, .timeliness, .cost: .output
            case .economicCost, .socialCost, .ecologicalCost: .cost
            case .economic, .social, .ecological, .sustainable: .effect
            case .satisfaction: .satisfaction
            }
        }
    }

    /// Names as written → canonical 一级. Keys are compared without white space.
    public static let level1Aliases: [String: Level1] = [
        "产出指标": .output, "产出": .output, "产出值": .output, "项目完成指标": .output, "项目完成": .output,
        "效益指标": .effect, "效益": .effect, "效果指标": .effect, "效果": .effect, "效益值": .effect, "实施效果指标": .effect,
        "实施效果": .effect, "影响力指标": .effect,
        "满意度指标": .satisfaction, "满意度": .satisfaction, "满意度值": .satisfaction,
        "成本指标": .cost,
    ]

    /// Names as written → canonical 二级.
    public static let level2Aliases: [String: Level2] = [
        "数量指标": .quantity, "数量": .quantity, "产出数量": .quantity, "产出值": .quantity, "数量值": .quantity,
        "质量指标": .quality, "质量": .quality, "产出质量": .quality, "质量值": .quality,
        "时效指标": .timeliness, "时效": .timeliness, "产出时效": .timeliness, "时效值": .timeliness,
        "成本指标": .cost, "成本": .cost, "产出成本": .cost, "成本值": .cost,
        "经济成本指标": .economicCost, "社会成本指标": .socialCost, "生态环境成本指标": .ecologicalCost,
        "经济效益指标": .economic, "经济效益": .economic,
        "社会效益指标": .social, "社会效益": .social,
        "生态效益指标": .ecological, "生态效益": .ecological, "环境效益指标": .ecological, "生态环境效益指标": .ecological,
        "可持续影响指标": .sustainable, "可持续影响": .sustainable, "可持续性影响": .sustainable,
        "可持续性影响指标": .sustainable,
        "服务对象满意度指标": .satisfaction, "服务对象满意度": .satisfaction,
        "社会公众或服务对象满意度指标": .satisfaction, "社会公众或服务对象满意度": .satisfaction,
        "社会公众满意度指标": .satisfaction, "满意度指标": .satisfaction,
    ]

    private static let level1Index = Dictionary(uniqueKeysWithValues: level1Aliases.map { (ByteKey($0.key), $0.value) })
    private static let level2Index = Dictionary(uniqueKeysWithValues: level2Aliases.map { (ByteKey($0.key), $0.value) })

    public static func level1(named name: String) -> Level1? {
        level1Index[ByteKey(name)] ?? level1Index[ByteKey(name.filter { !$0.isWhitespace })]
    }

    public static func level2(named name: String) -> Level2? {
        level2Index[ByteKey(name)] ?? level2Index[ByteKey(name.filter { !$0.isWhitespace })]
    }
}
