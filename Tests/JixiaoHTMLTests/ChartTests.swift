import Foundation
import JixiaoModel
import Testing

@testable import JixiaoHTML

/// The library's distribution chart: a bar per number, or per tenth of the range when there are many,
/// with the percentiles marked on the bar that reaches them.
@Suite struct ChartTests {
    @Test func aBarPerNumberWithTheMarks() {
        let numbers: [(number: Decimal, uses: Int)] = [(80, 1), (90, 2), (95, 3)]
        let spread = IndicatorLibrary.TargetSpread(op: .atLeast, unit: "%", histogram: numbers.map { ($0.number, $0.uses) })
        let svg = Chart.distribution(title: "目标值分布", IndicatorLibrary.Distribution(numbers: numbers), spread: spread)
        // 80, 90, 90, 95, 95, 95: p10 = 85 (reached at 90), median 92.5 and p90 95 (reached at 95).
        #expect(svg.contains("<title>≥80%：1 处</title>"))
        #expect(svg.contains("<title>≥90%：2 处（10% 分位）</title>"))
        #expect(svg.contains("<title>≥95%：3 处（中位数、90% 分位）</title>"))
    }

    @Test func manyNumbersInTenRanges() {
        let numbers = (1...40).map { (number: Decimal($0), uses: 1) }
        let spread = IndicatorLibrary.TargetSpread(op: .atMost, unit: "元", histogram: numbers.map { ($0.number, $0.uses) })
        let svg = Chart.distribution(title: "目标值分布", IndicatorLibrary.Distribution(numbers: numbers), spread: spread)
        #expect(svg.components(separatedBy: "<rect").count == 11)
        #expect(svg.contains("<title>1–4.9元：4 处（10% 分位）</title>"))
        #expect(svg.contains("<title>36.1–40元：4 处</title>"))
    }

    @Test func textIsEscaped() {
        let spread = IndicatorLibrary.TargetSpread(op: nil, unit: "<b>", histogram: [(1, 1)])
        #expect(!Chart.distribution(title: "<script>", IndicatorLibrary.Distribution(numbers: [(1, 1)]), spread: spread).contains("<b>"))
    }
}
