import Foundation
import JixiaoModel

extension RuleCatalog {
    static let ranges: [Rule] = [
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
