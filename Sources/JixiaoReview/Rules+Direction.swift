import Foundation
import JixiaoModel

extension RuleCatalog {
    static let direction: [Rule] = [
        Rule(
            "cost-operator", .direction, .error,
            summary: "成本指标应写作“≤”（上限）",
            basis: "成本指标为反向指标，取值用“≤”（项目支出绩效目标设置惯例；财预〔2020〕10号反向指标计分）"
        ) { input in
            input.indicators.filter { $0.nature == .cost && ($0.op == .atLeast || $0.op == .greater) }.map { f in
                input.at(f, "成本指标“\(f.name)”的指标值写作“\(f.indicator.value)”：成本是上限，应写作“≤\(f.target.number!.plain)\(f.target.unit.map { " " + $0 } ?? "")”。")
            }
        },
        Rule(
            "reverse-rate-operator", .direction, .error,
            summary: "故障率、投诉率、破损率等反向比率应写作“≤”",
            basis: "反向指标取值用“≤”（项目支出绩效目标设置惯例）"
        ) { input in
            input.indicators.filter { $0.nature == .reverseRate && ($0.op == .atLeast || $0.op == .greater) }.map { f in
                input.at(f, "“\(f.name)”越低越好，指标值却写作“\(f.indicator.value)”：应改为上限（“≤”），如“≤2%”。")
            }
        },
        Rule(
            "positive-rate-operator", .direction, .error,
            summary: "完成率、合格率、及时率、满意度等正向比率不得写作“≤”或“<”",
            basis: "正向指标取值用“≥”（项目支出绩效目标设置惯例；满意度以“≥”设定）"
        ) { input in
            input.indicators.filter { ($0.nature == .positiveRate || $0.nature == .satisfaction) && ($0.op == .atMost || $0.op == .less) }.map { f in
                input.at(f, "“\(f.name)”越高越好，指标值却写作“\(f.indicator.value)”：应改为下限（“≥”），如“≥95%”。")
            }
        },
        Rule(
            "count-capped", .direction, .warning,
            summary: "数量指标以“≤”封顶不是产出目标",
            basis: "数量指标反映应提供的产出数量，取值用“≥”或“=”（项目支出绩效目标设置惯例）"
        ) { input in
            input.indicators.filter { $0.nature == .count && $0.level2 == .quantity && ($0.op == .atMost || $0.op == .less) }.map { f in
                input.at(f, "数量指标“\(f.name)”写作“\(f.indicator.value)”：数量是应完成的产出，应写作“≥”或“=”，而不是上限。")
            }
        },
        Rule(
            "duration-operator", .direction, .warning,
            summary: "办结时限、响应时间等时长和完成时间节点应写作“≤”（或“=”某日期）",
            basis: "时长类指标为反向指标，时间节点以“前”或“=”设定（项目支出绩效目标设置惯例）"
        ) { input in
            input.indicators.filter { ($0.nature == .duration || $0.nature == .deadline) && ($0.op == .atLeast || $0.op == .greater) }.map { f in
                f.nature == .deadline
                    ? input.at(f, "时间节点“\(f.name)”写作“\(f.indicator.value)”：完成时间应不晚于某日，请写作“≤”或“=”该日期（如“10 月底前”）。")
                    : input.at(f, "时长指标“\(f.name)”写作“\(f.indicator.value)”：时长越短越好，应写作“≤”。")
            }
        },
    ]
}
