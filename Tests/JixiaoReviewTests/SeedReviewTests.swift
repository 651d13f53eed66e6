import Foundation
import JixiaoModel
import JixiaoReader
import JixiaoTestSupport
import Testing

@testable import JixiaoReview

/// For each seed, the findings a careful reviewer expects, written by hand from the documents
/// (rule, project, row). The review must produce exactly these: all of them and nothing else.
@Suite(.needsShared) struct SeedReviewTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared").standardized

    static func review(_ name: String) throws -> [String] {
        let data = try Data(contentsOf: shared.appendingPathComponent("seeds/\(name).txt"))
        let document = try DocumentReader.read(data).document
        return ReviewEngine().review(document).map { f in
            "\(f.rule) \(f.project.map(String.init) ?? "-")" + (f.indicator.map { ".\($0)" } ?? "")
        }.sorted()
    }

    /// `rule P.R` for a row, `rule P` for a project.
    static func expected(_ lines: [String]) -> [String] { lines.sorted() }

    static func rows(_ rule: String, _ places: [String]) -> [String] { places.map { "\(rule) \($0)" } }

    @Test func seed000() throws {
        // 8 projects of the same template: each 效益 row is `1 逐年提升`-style (a placeholder 1 before a
        // grade word), and every 指标值确定依据 repeats the indicator (and its value) instead of naming a source.
        var want = (1...8).map { "placeholder-one \($0).5" }
        for p in 1...8 { for r in 1...6 { want.append("basis-restates-indicator \(p).\(r)") } }
        #expect(try Self.review("000_a8ba5af9fb959666") == Self.expected(want))
    }

    @Test func seed001() throws {
        let want =
            Self.rows("plan-blank-checkpoint", ["1", "3", "11", "13"])  // `100%` only; `50% 75% 100%`
            + Self.rows(
                "vague-grade-word",
                [
                    "1.8", "2.8", "3.8", "4.9", "6.7", "8.7", "9.11", "10.8", "11.5", "11.8", "12.5", "12.6", "12.8", "13.4", "13.8",
                ])  // 大幅提升, 大力保障, 保障需求, 服务达标, 使用正常, 及时, 符合要求, 保障安全 …
            + Self.rows("cost-unit", ["2.6", "3.7", "7.7"])  // 100% / ≥60% under 成本
            + Self.rows("cost-unit-mismatch", ["2.7", "6.4", "6.5", "6.6"])  // 元 in a 万元 table
            + Self.rows("satisfaction-of-own-staff", ["2.9", "3.9", "4.10", "5.9", "7.9", "8.9", "9.12", "11.9", "13.9"])
            + ["description-mismatch 4.7"]  // 踏勘等差旅费用 described as 次数
            + ["missing-output-level2 5", "wrong-level2 5.3"]  // 及时率 filed under 质量, so no 时效
            + Self.rows("count-capped", ["6.1", "7.1", "7.2", "7.3", "12.1", "12.2"])  // ≤600 户, ≤12场 …
            + Self.rows("duplicate-indicator", ["7.2", "7.3", "8.3", "9.9", "12.2"])  // 评审数量 ×3, 人数 ×2 …
            + ["value-is-basis 7.8", "value-number-with-words 7.9"]  // 三定方案; ≥95满意度调查
            + ["unit-contradicts-name 8.1"]  // 服务楼层数 9 人
            + Self.rows("value-repeats-name", ["8.4", "8.8", "9.5"])
            + ["costs-sum-above-budget 8"]  // 27.11 + 26.73 = 53.84 > 53.83
            + ["value-uncertain 1.3"]  // 续费时间 7 月底: a point in time, or seven months
        #expect(try Self.review("001_6e0cedb09d562f9a") == Self.expected(want))
    }

    @Test func seed002() throws {
        var want: [String] = []
        for p in 1...6 { want += ["plan-as-amounts \(p)", "template-goal \(p)"] }  // `1.50 3.00 …`; 目标内容 1
        want += ["positive-rate-operator 1.5", "rate-at-most-100 1.5"]  // 满意率 ≤100%
        want += ["positive-rate-operator 1.6", "description-mismatch 1.6"]  // 稳定性 described as 满意率 ≤95%
        want += ["count-in-percent 2.1", "rate-at-least-100 2.3", "cost-operator 2.4"]
        want += ["plan-blank-checkpoint 3", "plan-not-complete 3"]  // `2.25 4.50 6.75`
        want += ["reverse-rate-operator 3.2", "rate-at-least-100 3.3", "cost-operator 3.4"]  // 破损率 ≥98%
        want += ["cost-operator 4.4", "satisfaction-target-credible 4.5"]  // 满意程度 ≥100%
        want += ["rate-at-least-100 5.3", "cost-operator 5.4", "cost-above-budget 5.4"]  // ≥7.9 万元 of 5.00
        want += ["satisfaction-target-credible 5.5", "duplicate-indicator 5.6"]
        want += ["rate-at-least-100 6.3", "cost-operator 6.4", "satisfaction-target-credible 6.5"]
        #expect(try Self.review("002_a1f1e70e06024129") == Self.expected(want))
    }

    @Test func seed003() throws {
        // Every value glues a score to its explanation (`100100%全部完成`).
        var want: [String] = []
        for p in 1...3 { for r in 1...9 { want.append("value-number-with-words \(p).\(r)") } }
        want += ["cost-unit 1.4", "cost-unit 2.3", "cost-unit 3.4"]  // 财政预算支持 / 用时 under 成本
        want += ["number-words-disagree 1.9"]  // ≥99 … 不低于95%
        want += ["wrong-level2 2.4"]  // 财政预算支持 under 时效
        want += ["table-cut-off 4"]
        #expect(try Self.review("003_c1477b994350d6f3") == Self.expected(want))
    }

    @Test func seed004() throws {
        var want: [String] = []
        for p in 1...8 { want += ["missing-budget \(p)", "project-code-format \(p)"] }  // no 预算数; 131003001
        want += Self.rows("nonstandard-level-name", ["1.5", "2.4", "3.4", "3.5", "4.5", "5.5", "6.5", "7.4", "8.5"])  // 效果指标, 可持续性影响
        want += Self.rows("missing-output-level2", ["2", "3", "7"])  // 时效, 时效, 数量
        want += Self.rows("missing-unit", ["1.1", "3.1", "4.1"])  // `10000 以上`
        want += Self.rows(
            "vague-grade-word",
            [
                "2.2", "2.4", "2.5", "3.4", "4.5", "5.2", "5.5", "6.1", "6.2", "6.3", "7.1", "7.2", "7.4", "8.2", "8.3", "8.5",
            ])  // 良好, 完成, 达到, 促进
        want += Self.rows(
            "missing-basis",
            [
                "2.4", "2.5", "3.4", "3.5", "4.5", "5.5", "6.3", "6.5", "7.2", "7.4", "8.1", "8.3", "8.5",
            ])
        want += Self.rows("basis-restates-indicator", ["7.5", "8.6"])  // 办事群众满意度
        #expect(try Self.review("004_6d8e129d0ef6b336") == Self.expected(want))
    }
}
