import Foundation
import JixiaoModel

extension RuleCatalog {
    static let missing: [Rule] = [
        Rule(
            "missing-output-level2", .missing, .error,
            summary: "产出指标须含数量、质量、时效、成本四类二级指标",
            basis: "项目支出绩效目标表模板：产出指标下设数量、质量、时效、成本指标（财预〔2015〕88号；河北项目绩效目标表）",
            parameters: ["required": .words(["数量指标", "质量指标", "时效指标", "成本指标"])]
        ) { input in
            // In a table cut off in its source the missing rows may be in the part that was lost.
            guard let project = input.project, !project.indicators.isEmpty, project.complete else { return [] }
            let present = Set(input.indicators.compactMap(\.level2))
            return input.words("required").filter { required in
                IndicatorFramework.level2(named: required).map { !present.contains($0) } ?? true
            }.map { name in
                input.onProject(field: "level2", "项目“\(project.name)”缺少\(name)：产出指标应包括\(name)，请补充至少一条三级指标。")
            }
        },
        Rule(
            "missing-effect", .missing, .error,
            summary: "须有至少一条效益指标",
            basis: "绩效目标包括预期产出和效果（财预〔2021〕101号“绩效目标”定义）"
        ) { input in
            // In a table cut off in its source the missing rows may be in the part that was lost.
            guard let project = input.project, !project.indicators.isEmpty, project.complete else { return [] }
            guard !input.indicators.contains(where: { $0.level1 == .effect || $0.level2?.level1 == .effect }) else { return [] }
            return [input.onProject(field: "level1", "项目“\(project.name)”没有效益指标：请补充经济、社会、生态效益或可持续影响指标。")]
        },
        Rule(
            "missing-satisfaction", .missing, .warning,
            summary: "有服务对象的项目应设满意度指标",
            basis: "满意度指标反映服务对象对产出和效果的认可（项目支出绩效目标表模板）"
        ) { input in
            // In a table cut off in its source the missing rows may be in the part that was lost.
            guard let project = input.project, !project.indicators.isEmpty, project.complete else { return [] }
            guard !input.indicators.contains(where: { $0.level1 == .satisfaction || $0.nature == .satisfaction }) else { return [] }
            return [input.onProject(field: "level1", "项目“\(project.name)”没有满意度指标：项目有服务对象的，请补充服务对象满意度指标。")]
        },
        Rule(
            "missing-budget", .missing, .error,
            summary: "须填写预算数",
            basis: "项目支出绩效目标表须列明预算规模（项目支出绩效目标表模板）"
        ) { input in
            guard let project = input.project, project.budget.total == nil else { return [] }
            return [input.onProject(field: "budget", "项目“\(project.name)”未填写预算数：请填写预算数及其中财政资金、其他资金。")]
        },
        Rule(
            "missing-goals", .missing, .error,
            summary: "须填写绩效目标",
            basis: "绩效目标是预算安排的前提（财预〔2021〕101号）"
        ) { input in
            // A department-wide table's goals are the overview's (年度总体目标).
            guard let project = input.project, project.kind == .project, project.goals.isEmpty else { return [] }
            return [input.onProject(field: "goals", "项目“\(project.name)”未填写绩效目标：请写明项目年度预期达到的产出和效果。")]
        },
        Rule(
            "missing-basis", .missing, .warning,
            summary: "每条指标须填写指标值确定依据",
            basis: "指标值应有计划、行业、历史或其他标准作依据（财预〔2020〕10号评价标准）",
            parameters: ["templateHasColumn": .number(1)]
        ) { input in
            let missing = input.indicators.filter { ($0.indicator.basis ?? "").isEmpty }
            guard let project = input.project, !missing.isEmpty else { return [] }
            // A table with no basis in any row has no such column: said once for the table, and not
            // at all where the profile says the province's template has none.
            if missing.count == input.indicators.count {
                guard input.number("templateHasColumn") != 0 else { return [] }
                return [input.onProject(field: "basis", "项目“\(project.name)”的绩效指标表没有“指标值确定依据”一栏：请为每条指标注明计划标准、行业标准、历史标准或其他依据。")]
            }
            return missing.map { f in
                input.at(f, field: "basis", "指标“\(f.name)”未填写指标值确定依据：请注明计划标准、行业标准、历史标准或其他依据。")
            }
        },
        Rule(
            "basis-restates-indicator", .missing, .info,
            summary: "指标值确定依据只是重复指标名称或指标值",
            basis: "确定依据应说明指标值从何而来，不能只重复指标本身（财预〔2020〕10号评价标准）"
        ) { input in
            input.indicators.compactMap { f in
                let basis = f.squeezedBasis, name = f.squeezedName, value = f.squeezedValue, description = f.squeezedDescription
                guard !basis.isEmpty else { return nil }
                // Cheap test first: a restatement begins with the name or the description (or is the value).
                guard
                    basis.hasPrefix(name) || basis.hasPrefix(description) || basis == value
                        || basis == squeezed(f.target.text ?? "")
                else { return nil }
                var restatements = [
                    name, description, name + value, description + value, name + normalizedPercent(value), description + normalizedPercent(value),
                ]
                // A basis equal to the value restates it, unless the value is itself the misplaced basis.
                if !f.valueIsBasisDocument {
                    restatements.append(value)
                    if f.target.kind == .qualitative, let text = f.target.text { restatements.append(squeezed(text)) }
                }
                guard restatements.contains(basis) else { return nil }
                return input.at(f, field: "basis", "指标“\(f.name)”的确定依据“\(f.indicator.basis!)”只是重复了指标本身：请写明依据的计划、标准或历史数据。")
            }
        },
        Rule(
            "missing-value", .missing, .error,
            summary: "每条指标须填写指标值",
            basis: "指标值是年终考核的标准（项目支出绩效目标表模板）"
        ) { input in
            input.indicators.filter { $0.indicator.value.isEmpty }.map { f in
                input.at(f, "指标“\(f.name)”未填写指标值：请填写可考核的目标值。")
            }
        },
    ]
}

/// Without white space, to compare cells as people read them.
func squeezed(_ s: String) -> String {
    // Most cells have none: skip the (slow) per-character check.
    var copy = s
    let hasSpace = copy.withUTF8 { bytes in
        for (i, b) in bytes.enumerated() {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { return true }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { return true }  // U+00A0
            if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return true }  // U+3000
        }
        return false
    }
    return hasSpace ? s.filter { !$0.isWhitespace } : s
}
/// `≥98百分比` and `≥98%` are the same value.
func normalizedPercent(_ s: String) -> String { s.replacingOccurrences(of: "百分比", with: "%") }
