import Foundation
import JixiaoModel

/// What an indicator measures, decided from its 二级, its name (三级 and description) and its
/// unit together. Every direction, unit and range rule asks this one classifier.
public enum IndicatorNature: String, Sendable, CaseIterable {
    /// Money spent: 成本, 费用, 经费 (reverse: ≤).
    case cost
    /// A rate that should be low: 故障率, 投诉率, 破损率 (reverse: ≤).
    case reverseRate
    /// 满意度, 满意率, 好评率 (positive: ≥).
    case satisfaction
    /// A rate that should be high: 合格率, 完成率, 及时率 (positive: ≥).
    case positiveRate
    /// How long something takes: 办结时限, 响应时间 (reverse: ≤).
    case duration
    /// A point in time: 7 月底, 12月底前.
    case deadline
    /// How many: 数量, 人数, 次数 (positive: ≥ or =).
    case count
    case other

    static let reverseRateWords = ["故障率", "破损率", "差错率", "投诉率", "失误率", "事故率", "停机率", "损坏率", "出错率", "返工率", "发生率", "错误率", "不合格率", "违规率", "失败率", "流失率", "空置率"]
    static let satisfactionWords = ["满意度", "满意率", "好评率", "满意程度", "满意比例", "好差评"]
    /// `减少投诉率 ≥10%` is a reduction to reach, not a rate to keep low.
    static let reductionWords = ["减少", "降低", "下降", "压减", "减低"]
    static let costWords = ["成本", "费用", "经费", "资金", "支出", "工资", "价格", "单价", "金额", "预算"]
    static let durationWords = ["时限", "时长", "耗时", "用时", "时间", "周期", "期限"]
    static let countEndings = ["数量", "人数", "次数", "件数", "个数", "户数", "项数", "台数", "场次", "数"]
    static let moneyUnits: Set<ByteKey> = Set(["元", "万元", "亿元", "千元", "万"].map(ByteKey.init))
    static let timeUnits: Set<ByteKey> = Set(["天", "日", "小时", "分钟", "工作日", "个月", "月", "年", "周", "秒"].map(ByteKey.init))
    static let countUnits: Set<ByteKey> = Set(
        [
            "个", "台", "套", "次", "件", "人", "人次", "项", "栋", "层", "条", "户", "家", "所", "座", "辆", "张", "份", "场", "册",
            "本", "篇", "期", "批", "处", "间", "种", "类", "部", "块", "支", "只", "株", "棵", "名", "户次", "件次", "万人次", "万人",
        ].map(ByteKey.init))

    public static func of(_ i: Indicator) -> IndicatorNature {
        Words(i).nature(level2: IndicatorFramework.level2(named: i.level2))
    }

    /// From the name and unit alone, to tell whether the 二级 it is filed under fits.
    public static func byName(_ i: Indicator) -> IndicatorNature {
        Words(i).nature(level2: nil)
    }

    /// What the name, description, value and unit say, looked up once: both natures derive from it.
    struct Words {
        let unit: String?
        let satisfaction, reverseRate, reduction, deadline, rateName, rateWithPercent, costWord, durationWord, timely, countEnding: Bool

        /// Groups of the matcher below.
        enum Group: Int { case satisfaction, reverseRate, reduction, cost, duration, timely, rate }
        static let matcher = KeywordMatcher(groups: [
            satisfactionWords, reverseRateWords, reductionWords, costWords, durationWords, ["及时"], ["率"],
        ])

        init(_ i: Indicator) {
            let name = i.level3
            unit = i.target.unit
            let inName = Self.matcher.groups(in: name)
            let inText = inName | (i.description.map(Self.matcher.groups(in:)) ?? 0)
            func has(_ mask: UInt64, _ g: Group) -> Bool { mask & (1 << UInt64(g.rawValue)) != 0 }
            satisfaction = has(inText, .satisfaction)
            reverseRate = has(inText, .reverseRate)
            reduction = has(inName, .reduction)
            deadline = unit == "月底" || i.value.includes("月底") || i.value.includes("年底")
            rateName = name.endsWith("率")
            rateWithPercent = has(inName, .rate) && unit == "%"
            costWord = has(inName, .cost)
            // `服务周期内空气质量`: a window (…内) the indicator is measured in, not a duration.
            durationWord = has(inName, .duration) && !["周期内", "时间内", "期限内", "时限内"].contains { name.includes($0) }
            timely = has(inName, .timely)
            countEnding = countEndings.contains(where: name.endsWith)
        }

        func nature(level2: IndicatorFramework.Level2?) -> IndicatorNature {
            if level2 == .satisfaction || satisfaction { return .satisfaction }
            if reverseRate, !reduction { return .reverseRate }
            if deadline { return .deadline }
            if rateName || rateWithPercent { return .positiveRate }
            // Money under an effect (增加收入 ≥6万元, 节约资金) is a benefit, not a cost.
            let effect = level2.map { $0.level1 == .effect } ?? false
            if let unit, !effect, moneyUnits.contains(ByteKey(unit)) || unit.beginsWith("元/") || unit.beginsWith("万元/") { return .cost }
            if level2 == .cost || level2 == .economicCost { return .cost }
            if costWord, !rateName, unit == nil || moneyUnits.contains(ByteKey(unit!)), level2 != .quantity { return .cost }
            if durationWord, unit.map({ timeUnits.contains(ByteKey($0)) }) ?? true, !timely { return .duration }
            if level2 == .quantity || countEnding || unit.map({ countUnits.contains(ByteKey($0)) }) == true { return .count }
            return .other
        }
    }

    public var isRate: Bool { self == .satisfaction || self == .positiveRate || self == .reverseRate }

    public var label: String {
        switch self {
        case .cost: "成本"
        case .reverseRate: "反向比率"
        case .satisfaction: "满意度"
        case .positiveRate: "正向比率"
        case .duration: "时长"
        case .deadline: "时间节点"
        case .count: "数量"
        case .other: "其他"
        }
    }
}
