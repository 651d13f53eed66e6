import Foundation
import JixiaoModel

extension RuleCatalog {
    static let ranges: [Rule] = [
        Rule(
            "peer-range", .range, .info,
            summary: "指标值明显宽于其他单位对同一指标的常见要求（比率低于 10% 分位，单位成本高于 90% 分位）",
            basis: "指标值应参考历史标准、行业标准和同类项目水平设定，不宜明显偏低（财预〔2021〕101号 指标值设定）",
            parameters: ["minUnits": .number(5), "perUnitWords": .words(["每", "单价", "人均", "平均", "单位成本", "标准"])]
        ) { input in
            guard let peers = input.peers else { return [] }
            let minUnits = input.number("minUnits")
            let perUnit = input.words("perUnitWords")
            return input.indicators.compactMap { f in
                guard f.target.kind == .quantitative, let n = f.target.number, let g = peers.group(of: f.indicator.level3), Decimal(g.units) >= minUnits,
                    let s = g.spread(f.op, unit: f.target.unit), Decimal(s.count) >= minUnits
                else { return nil }
                let peersText = "\(g.units) 个单位用过这个指标，\(s.count) 处同样写作“\(s.figure(s.median))”这类目标"
                if f.op == .atMost || f.op == .less {
                    guard perUnit.contains(where: f.indicator.level3.includes), n > s.p90 else { return nil }
                    return input.at(
                        f,
                        "指标“\(f.name)”的目标“\(f.indicator.value)”高于其他单位的常见水平：\(peersText)，90% 分位为“\(s.figure(s.p90))”，中位数为“\(s.figure(s.median))”。请核实成本是否偏高，或在指标值确定依据中说明。"
                    )
                }
                guard s.unit == "%", n < s.p10 else { return nil }
                return input.at(
                    f,
                    "指标“\(f.name)”的目标“\(f.indicator.value)”低于其他单位的常见水平：\(peersText)，10% 分位为“\(s.figure(s.p10))”，中位数为“\(s.figure(s.median))”。请核实目标是否偏低，或在指标值确定依据中说明。"
                )
            }
        },
        Rule(
            "rate-over-100", .range, .error,
            summary: "百分比不能超过 100",
            basis: "比率取值在 0 至 100% 之间（项目支出绩效目标设置惯例）"
        ) { input in
            input.indicators.filter { $0.target.unit == "%" && ($0.target.number ?? 0) > 100 }.map { f in
                input.at(f, "指标“\(f.name)”的指标值“\(f.indicator.value)”超过 100%，无法达到：请改为不超过 100% 的值。")
            }
        },
        Rule(
            "rate-at-least-100", .range, .warning,
            summary: "“≥100%”实为“=100%”",
            basis: "比率不超过 100%，“≥100%”只能取等号（项目支出绩效目标设置惯例）"
        ) { input in
            // A satisfaction of ≥100% is the credibility rule's business.
            input.indicators.filter { $0.target.unit == "%" && $0.target.number == 100 && $0.op == .atLeast && $0.nature != .satisfaction }.map { f in
                input.at(f, "指标“\(f.name)”写作“\(f.indicator.value)”：比率不会超过 100%，应写作“=100%”。")
            }
        },
        Rule(
            "rate-at-most-100", .range, .error,
            summary: "比率写作“≤100%”恒成立，无法考核",
            basis: "指标值应可考核（量化易评；财预〔2021〕101号）"
        ) { input in
            input.indicators.filter { $0.target.unit == "%" && $0.target.number == 100 && ($0.op == .atMost) }.map { f in
                input.at(f, "指标“\(f.name)”写作“\(f.indicator.value)”：任何比率都不超过 100%，这个目标总能达到、无法考核。请写出真正的目标值（如“≥95%”）。")
            }
        },
        Rule(
            "negative-amount", .range, .error,
            summary: "数值不能为负",
            basis: "产出、成本和比率均不为负（项目支出绩效目标设置惯例）"
        ) { input in
            input.indicators.filter { $0.indicator.value.hasPrefix("-") || $0.indicator.value.includes("≥-") || $0.indicator.value.includes("≤-") }.map { f in
                input.at(f, "指标“\(f.name)”的指标值“\(f.indicator.value)”为负数：请检查数值。")
            }
        },
        Rule(
            "satisfaction-target-credible", .range, .warning,
            summary: "满意度目标应在可信区间（默认不低于 85%，不写 100%）",
            basis: "满意度目标一般设为 85%～95%，100% 难以达到也不可信（各地实践；财预〔2021〕101号未定下限）",
            parameters: ["minimum": .number(85), "maximum": .number(99)]
        ) { input in
            let low = input.number("minimum"), high = input.number("maximum")
            return input.indicators.compactMap { f in
                guard f.nature == .satisfaction, f.target.unit == "%", let n = f.target.number,
                    f.op != .atMost, f.op != .less
                else { return nil }
                if n < low {
                    return input.at(f, "满意度“\(f.name)”目标为“\(f.indicator.value)”，低于 \(low.plain)%：目标过低，请参照以往调查结果设定。")
                }
                if n > high {
                    return input.at(f, "满意度“\(f.name)”目标为“\(f.indicator.value)”：100% 满意难以达到，也无从检验，请设为 \(low.plain)%～\(high.plain)% 之间的值。")
                }
                return nil
            }
        },
    ]
}
