import Foundation
import JixiaoModel

/// Small SVG charts drawn on the server. Labels are user text, so every string written into the
/// SVG goes through `escape`.
package enum Chart {
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    private static func number(_ x: Double) -> String { String(format: "%.1f", x) }

    /// Labels longer than `limit` characters are cut with an ellipsis (the full text is the title).
    private static func short(_ s: String, _ limit: Int) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }

    /// Horizontal bars, one per item, with the value printed at the end of each bar.
    package static func bars(
        title: String, items: [(label: String, value: Double, text: String)], colour: String = "#3b6ea5", valueWidth: Double = 90
    ) -> String {
        let rowHeight = 22.0, labelWidth = 190.0, barWidth = 300.0, top = 28.0
        let height = top + Double(max(items.count, 1)) * rowHeight + 8
        let largest = items.map(\.value).max() ?? 0
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 \(number(labelWidth + barWidth + valueWidth)) \(number(height))" \
            width="\(number(labelWidth + barWidth + valueWidth))" height="\(number(height))"><title>\(escape(title))</title>\
            <text x="0" y="16" class="chart-title">\(escape(title))</text>
            """
        if items.isEmpty { svg += #"<text x="0" y="44" class="chart-label">（无数据）</text>"# }
        for (k, item) in items.enumerated() {
            let y = top + Double(k) * rowHeight
            let width = largest > 0 ? max(1, item.value / largest * barWidth) : 1
            svg += """
                <g><title>\(escape(item.label))：\(escape(item.text))</title>\
                <text x="\(number(labelWidth - 6))" y="\(number(y + 15))" text-anchor="end" class="chart-label">\(escape(short(item.label, 14)))</text>\
                <rect x="\(number(labelWidth))" y="\(number(y + 3))" width="\(number(width))" height="\(number(rowHeight - 6))" fill="\(colour)"/>\
                <text x="\(number(labelWidth + width + 4))" y="\(number(y + 15))" class="chart-value">\(escape(item.text))</text></g>
                """
        }
        return svg + "</svg>"
    }

    /// How often each target is written for an indicator: a bar per number (per range of numbers when
    /// there are many), the ones holding the 10th percentile, the median and the 90th marked.
    package static func distribution(title: String, _ distribution: IndicatorLibrary.Distribution, spread: IndicatorLibrary.TargetSpread) -> String {
        func written(_ d: Decimal) -> String { d.written(decimals: 0, upTo: 2) }
        let bins = distribution.bins
        let marks: [(Decimal, String)] = [(spread.p10, "10% 分位"), (spread.median, "中位数"), (spread.p90, "90% 分位")]
        // A mark goes on the first bar that reaches it.
        let place = marks.map { mark in (bins.firstIndex { $0.high >= mark.0 } ?? bins.count - 1, mark.1) }
        return bars(
            title: title,
            items: bins.enumerated().map { k, bin in
                let held = place.filter { $0.0 == k }.map(\.1)
                let label = distribution.exact ? spread.figure(bin.low) : "\(written(bin.low))–\(written(bin.high))\(spread.unit)"
                return (label, Double(bin.uses), "\(bin.uses) 处" + (held.isEmpty ? "" : "（\(held.joined(separator: "、"))）"))
            }, valueWidth: 230)
    }

    /// The cumulative spending plan (percent at the end of March, June, October and December),
    /// against the even pace a year of spending would follow.
    package static func planCurve(title: String, checkpoints: [Double?]) -> String {
        let months = [3.0, 6.0, 10.0, 12.0], names = ["3月底", "6月底", "10月底", "12月底"]
        let left = 40.0, top = 28.0, width = 320.0, height = 150.0
        func x(_ month: Double) -> Double { left + month / 12 * width }
        func y(_ percent: Double) -> Double { top + height - min(max(percent, 0), 100) / 100 * height }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 \(number(left + width + 30)) \(number(top + height + 30))" \
            width="\(number(left + width + 30))" height="\(number(top + height + 30))"><title>\(escape(title))</title>\
            <text x="0" y="16" class="chart-title">\(escape(title))</text>
            """
        for percent in stride(from: 0.0, through: 100, by: 25) {
            svg += """
                <line x1="\(number(left))" y1="\(number(y(percent)))" x2="\(number(left + width))" y2="\(number(y(percent)))" class="chart-grid"/>\
                <text x="\(number(left - 4))" y="\(number(y(percent) + 4))" text-anchor="end" class="chart-label">\(Int(percent))%</text>
                """
        }
        svg += #"<polyline points="\#(number(x(0))),\#(number(y(0))) \#(number(x(12))),\#(number(y(100)))" class="chart-even"/>"#
        let points = zip(months, checkpoints).compactMap { month, value in value.map { (month, $0) } }
        if !points.isEmpty {
            let line = ([(0.0, 0.0)] + points).map { "\(number(x($0.0))),\(number(y($0.1)))" }.joined(separator: " ")
            svg += #"<polyline points="\#(line)" class="chart-line"/>"#
        }
        for (month, value) in points {
            svg += """
                <circle cx="\(number(x(month)))" cy="\(number(y(value)))" r="3.5" class="chart-point"><title>\(number(value))%</title></circle>\
                <text x="\(number(x(month)))" y="\(number(y(value) - 7))" text-anchor="middle" class="chart-value">\(escape(String(format: "%g", value)))%</text>
                """
        }
        for (month, name) in zip(months, names) {
            svg += #"<text x="\#(number(x(month)))" y="\#(number(top + height + 18))" text-anchor="middle" class="chart-label">\#(name)</text>"#
        }
        if points.isEmpty { svg += #"<text x="\#(number(left + 10))" y="\#(number(top + 20))" class="chart-label">（未填写支出计划）</text>"# }
        return svg + "</svg>"
    }

    /// Each project's budget in 万元, as bars: the unit's page and its disclosure.
    package static func projectBudgets(_ d: TargetDocument) -> String {
        bars(
            title: "各项目预算（万元）",
            items: d.projects.compactMap { p in p.budget.total.map { $0 * p.moneyUnit.yuanPerUnit / 10_000 }.map { (p.name, $0.double, $0.money) } })
    }
}
