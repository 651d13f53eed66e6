import Foundation
import JixiaoModel

/// The official tables as CSV: one indicator a row with its project's head fields, UTF-8 with a BOM
/// so that Excel opens it in Chinese. Text that a spreadsheet would run as a formula is neutralised.
public enum CSVExport {
    public static let columns = [
        "单位", "年度", "项目序号", "项目编码", "项目名称", "金额单位", "预算数", "财政资金", "其他资金", "3月底(%)", "6月底(%)", "10月底(%)", "12月底(%)",
        "行", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", "权重",
    ]

    /// Every project's table, or only the one at `position` (1-based).
    public static func document(_ d: TargetDocument, only position: Int? = nil) -> Data {
        var text = "\u{FEFF}" + columns.map(field).joined(separator: ",") + "\r\n"
        for (k, p) in d.projects.enumerated() where position == nil || position == k + 1 {
            let head: [String] =
                [
                    d.department.name, d.fiscalYear.map(String.init) ?? "", "\(k + 1)", p.code ?? "", p.name, p.moneyUnit.rawValue,
                    plain(p.budget.total), plain(p.budget.fiscal), plain(p.budget.other),
                ] + p.spendingPlan.checkpoints.map(plain)
            // A project without indicators still has its line, so that no project is lost.
            let rows = p.indicators.isEmpty ? [nil] : p.indicators.map { Optional($0) }
            for (r, i) in rows.enumerated() {
                let cells =
                    head + [
                        i == nil ? "" : "\(r + 1)", i?.level1 ?? "", i?.level2 ?? "", i?.level3 ?? "", i?.description ?? "", i?.value ?? "",
                        i?.basis ?? "", plain(i?.weight),
                    ]
                text += cells.map(field).joined(separator: ",") + "\r\n"
            }
        }
        return Data(text.utf8)
    }

    static func plain(_ d: Decimal?) -> String { d.map { "\($0)" } ?? "" }

    /// A field quoted when it must be; a leading = + - @ (or tab, CR) gets an apostrophe so that it stays text.
    public static func field(_ s: String) -> String {
        var s = s
        let negativeNumber = s.first == "-" && s.count > 1 && s.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        if let first = s.first, "=+-@\t\r".contains(first), !negativeNumber { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension CSVExport {
    public static let selfEvaluationColumns = [
        "单位", "年度", "项目序号", "项目名称", "金额单位", "年初预算数", "全年执行数", "执行率", "预算执行分值", "预算执行得分",
        "行", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "总分", "自评等级",
    ]

    /// The 自评表 of each project, one indicator a row with its project's figures.
    public static func selfEvaluation(_ tables: [SelfEvaluationTable], unit: String) -> Data {
        var text = "\u{FEFF}" + selfEvaluationColumns.map(field).joined(separator: ",") + "\r\n"
        for t in tables {
            let head = [
                unit, t.year.map(String.init) ?? "", "\(t.position)", t.name, t.moneyUnit, plain(t.budget), plain(t.spent), t.rate, plain(t.budgetWeight),
                plain(t.budgetScore),
            ]
            let rows = t.rows.isEmpty ? [nil] : t.rows.map { Optional($0) }
            for (k, r) in rows.enumerated() {
                let cells =
                    head + [
                        r == nil ? "" : "\(k + 1)", r?.level1 ?? "", r?.level2 ?? "", r?.name ?? "", r?.target ?? "", r?.actual ?? "", plain(r?.weight),
                        plain(r?.score), r?.explanation ?? "", plain(t.total), t.grade,
                    ]
                text += cells.map(field).joined(separator: ",") + "\r\n"
            }
        }
        return Data(text.utf8)
    }
}
