import Foundation
import JixiaoModel

extension RuleCatalog {
    static let units: [Rule] = [
        Rule(
            "cost-unit", .unit, .error,
            summary: "成本指标须以金额（元、万元）计量",
            basis: "成本指标反映成本控制要求，应为金额或单位成本（财预〔2021〕101号“成本控制要求”）"
        ) { input in
            input.indicators.filter { f in
                f.level2 == .cost && f.target.kind == .quantitative && !(f.target.unit.map(isMoney) ?? false)
            }.map { f in
                input.at(f, "成本指标“\(f.name)”的指标值“\(f.indicator.value)”不是金额：请写成“≤X 万元”或单位成本“≤X 元/人”，比率或是否类内容请移到质量或时效指标。")
            }
        },
        Rule(
            "count-in-percent", .unit, .warning,
            summary: "数量指标不应以百分比计量",
            basis: "数量指标以个、台、次、人等计量（项目支出绩效目标表模板）"
        ) { input in
            input.indicators.filter { f in
                f.level2 == .quantity && f.target.unit == "%" && !f.indicator.level3.includes("率")
            }.map { f in
                input.at(f, "数量指标“\(f.name)”的指标值“\(f.indicator.value)”是百分比：数量应写明个数和单位（如“≥60 台”），比率请归入质量指标。")
            }
        },
        Rule(
            "missing-unit", .unit, .warning,
            summary: "数值指标须写明计量单位",
            basis: "指标值由运算符、数值和计量单位组成（项目支出绩效目标表模板）"
        ) { input in
            input.indicators.filter { f in
                f.target.kind == .quantitative && f.target.unit == nil && f.target.text == nil
            }.map { f in
                input.at(f, "指标“\(f.name)”的指标值“\(f.indicator.value)”没有计量单位：请写明单位（如个、次、%、万元）。")
            }
        },
        Rule(
            "rate-not-percent", .unit, .warning,
            summary: "比率指标应以百分比计量",
            basis: "“率”类指标以%计量（项目支出绩效目标设置惯例）"
        ) { input in
            input.indicators.filter { f in
                f.nature.isRate && f.target.kind == .quantitative && f.target.unit != nil && f.target.unit != "%"
            }.map { f in
                input.at(f, "比率指标“\(f.name)”的指标值“\(f.indicator.value)”不是百分比：请写成“≥X%”。")
            }
        },
        Rule(
            "unit-contradicts-name", .unit, .warning,
            summary: "计量单位与指标名称矛盾（如楼层以“人”计）",
            basis: "计量单位应与指标所计对象一致（项目支出绩效目标表模板）",
            parameters: ["pairs": .words(["层:人", "楼:人", "人数:个", "人数:台", "台数:人", "次数:人", "栋:人"])]
        ) { input in
            let pairs = input.pairs("pairs")
            return input.indicators.compactMap { f in
                guard let unit = f.target.unit, let (word, _) = pairs.first(where: { unit == $0.1 && f.indicator.level3.includes($0.0) })
                else { return nil }
                return input.at(f, "指标“\(f.name)”计的是“\(word)”，单位却是“\(unit)”：请改用与对象一致的单位。")
            }
        },
    ]

    static func isMoney(_ unit: String) -> Bool {
        IndicatorNature.moneyUnits.contains(ByteKey(unit)) || unit.hasPrefix("元/") || unit.hasPrefix("万元/")
    }
}
