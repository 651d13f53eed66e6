import Foundation
import JixiaoModel

/// The official tables as CSV: one indicator a row with its project's head fields, UTF-8 with a BOM
/// so that Excel opens it in Chinese. Text that a spreadsheet would run as a formula is neutralised.
public enum CSVExport {
    public static let columns = [
        "单位", "年度", "项目序号", "项目编码", "项目名称", "金额单位", "预算数", "财政资金", "其他资金", "3月底(%)", "6月底(%)", "10月底(%)", "12月底(%)",
        "行", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", "权重",
    ]

    public static func document(_ d: TargetDocument) -> Data {
        var text = "\u{FEFF}" + columns.map(field).joined(separator: ",") + "\r\n"
        for (k, p) in d.projects.enumerated() {
            let head: [String] = [
                d.department.name, d.fiscalYear.map(String.init) ?? "", "\(k + 1)", p.code ?? "", p.name, p.moneyUnit.rawValue,
                plain(p.budget.total), plain(p.budget.fiscal), plain(p.budget.other),
            ] + p.spendingPlan.checkpoints.map(plain)
            // A project without indicators still has its line, so that no project is lost.
            let rows = p.indicators.isEmpty ? [nil] : p.indicators.map { Optional($0) }
            for (r, i) in rows.enumerated() {
                let cells = head + [
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
