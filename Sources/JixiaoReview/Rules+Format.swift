import Foundation
import JixiaoModel

extension RuleCatalog {
    static let format: [Rule] = [
        Rule(
            "project-code-format", .format, .warning,
            summary: "项目编码应为预算管理一体化的 21 位编码",
            basis: "预算管理一体化项目代码：6 位行政区划 + 2 位年度 + “P” + 12 位字母数字（预算管理一体化规范；各地实践）"
        ) { input in
            // A department-wide table is no budget project and has no project code.
            guard let project = input.project, project.kind == .project else { return [] }
            guard let code = project.code, !code.isEmpty else {
                return [input.onProject(field: "code", "项目“\(project.name)”没有项目编码：请填写预算管理一体化系统中的 21 位项目编码。")]
            }
            guard !isUnifiedCode(code) else { return [] }
            return [input.onProject(field: "code", "项目编码“\(code)”不是预算管理一体化的 21 位编码（6 位区划 + 2 位年度 + P + 12 位）：请按一体化系统中的编码填写。")]
        },
        Rule(
            "region-code-mismatch", .format, .warning,
            summary: "项目编码的行政区划与单位所在地不一致",
            basis: "一体化项目代码前 6 位为单位所在行政区划代码（GB/T 2260）"
        ) { input in
            guard let project = input.project, let code = project.code, isUnifiedCode(code),
                let region = input.document.department.regionCode ?? majorityRegion(input.document), !code.hasPrefix(region)
            else { return [] }
            return [input.onProject(field: "code", "项目编码“\(code)”的区划代码 \(code.prefix(6)) 与本单位的 \(region) 不一致：请核对编码是否属于本单位。")]
        },
        Rule(
            "code-year-after-budget", .format, .warning,
            summary: "项目编码年度晚于预算年度",
            basis: "一体化项目代码第 7–8 位为入库年度，不应晚于预算年度"
        ) { input in
            guard let project = input.project, let code = project.code, isUnifiedCode(code), let year = input.document.fiscalYear,
                let codeYear = Int(code.dropFirst(6).prefix(2)).map({ 2000 + $0 }), codeYear > year
            else { return [] }
            return [input.onProject(field: "code", "项目编码“\(code)”的年度为 \(codeYear)，晚于预算年度 \(year)：请核对编码或预算年度。")]
        },
        Rule(
            "nonstandard-level-name", .format, .info,
            summary: "一级、二级指标名称不是标准名称（如“效果指标”）",
            basis: "项目支出绩效目标表一级指标为产出、效益、满意度，二级指标名称以模板为准（财预〔2015〕88号；河北模板）",
            parameters: ["level1": .words(Array(standardLevel1).sorted()), "level2": .words(Array(standardLevel2).sorted())]
        ) { input in
            let l1 = input.wordSet("level1"), l2 = input.wordSet("level2")
            var reported = Set<ByteKey>()
            var hits: [Hit] = []
            for f in input.indicators {
                for (written, allowed, canonical, field) in [
                    (f.indicator.level1, l1, f.level1?.rawValue, "level1"), (f.indicator.level2, l2, f.level2?.rawValue, "level2"),
                ] where !written.isEmpty && !allowed.contains(ByteKey(written)) && !reported.contains(ByteKey(written)) {
                    reported.insert(ByteKey(written))
                    let suggestion = canonical.map { "，标准名称为“\($0)”" } ?? ""
                    hits.append(input.at(f, field: field, "指标名称“\(written)”不是标准名称\(suggestion)：请按模板填写。"))
                }
            }
            return hits
        },
    ]

    /// `^\d{8}P[0-9A-Z]{12}$`
    static func isUnifiedCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 21, bytes[8] == UInt8(ascii: "P") else { return false }
        let digit = UInt8(ascii: "0")...UInt8(ascii: "9"), upper = UInt8(ascii: "A")...UInt8(ascii: "Z")
        return bytes[0..<8].allSatisfy(digit.contains) && bytes[9...].allSatisfy { digit.contains($0) || upper.contains($0) }
    }

    static func majorityRegion(_ d: TargetDocument) -> String? {
        let regions = d.projects.compactMap(\.code).filter(isUnifiedCode).map { String($0.prefix(6)) }
        let counts = Dictionary(regions.map { ($0, 1) }, uniquingKeysWith: +)
        return counts.max { $0.value < $1.value }?.key
    }

    static let incomplete: [Rule] = [
        Rule(
            "table-cut-off", .incomplete, .error,
            summary: "原文在表格中途结束",
            basis: "绩效目标表应完整（READING.md：complete 为 false）"
        ) { input in
            guard let project = input.project, !project.complete else { return [] }
            return [input.onProject("项目“\(project.name)”的绩效目标表在原文中没有结束（文件被截断）：请提供完整的表格。")]
        },
        Rule(
            "no-indicators", .incomplete, .error,
            summary: "项目没有任何绩效指标",
            basis: "项目支出绩效目标表须列明三级指标（项目支出绩效目标表模板）"
        ) { input in
            guard let project = input.project, project.complete, project.indicators.isEmpty else { return [] }
            return [input.onProject(field: "indicators", "项目“\(project.name)”没有任何绩效指标：请填写产出、效益、满意度指标。")]
        },
    ]
}
