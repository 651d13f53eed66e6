import Foundation
import JixiaoModel

/// The department's part (部门整体绩效目标) as the lines it is printed in: headed and numbered the way
/// disclosures print it, so that a reader of the printed form gets the same overview back.
public enum OverviewText {
    public enum Style: Sendable { case title, heading, itemTitle, text }

    public struct Line: Sendable, Equatable {
        public var text: String
        public var style: Style
    }

    static let chineseNumbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    public static func lines(_ d: TargetDocument) -> [Line] {
        // `…2024年度部门预算…` states the budget year in words a reader recognises.
        var out = [Line(text: "\(d.department.name)\(d.fiscalYear.map { "\($0)年度" } ?? "")部门预算绩效目标", style: .title)]
        let goals = d.overview.overallGoals
        out.append(Line(text: "一、总体绩效目标", style: .heading))
        out += goals.enumerated().map { k, g in Line(text: goals.count > 1 ? "\(k + 1)、\(g)" : g, style: .text) }
        out.append(Line(text: "二、分项绩效目标", style: .heading))
        for (k, s) in d.overview.subGoals.enumerated() {
            let number = k < chineseNumbers.count ? chineseNumbers[k] : "\(k + 1)"
            out.append(Line(text: "（\(number)）绩效目标：\(s.title)", style: .itemTitle))
            if !s.text.isEmpty { out.append(Line(text: s.text, style: .text)) }
        }
        out.append(Line(text: "三、工作保障措施", style: .heading))
        for (k, s) in d.overview.measures.enumerated() {
            out.append(Line(text: "\(k + 1).\(s.title)", style: .itemTitle))
            if !s.text.isEmpty { out.append(Line(text: s.text, style: .text)) }
        }
        return out
    }
}
