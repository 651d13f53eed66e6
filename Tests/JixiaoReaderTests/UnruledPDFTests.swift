import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoReader

/// A PDF whose table draws no rules (LibreOffice printing a web page): its words placed by their
/// positions alone. The pages are written as `pdftotext -bbox-layout` writes them, a block per cell or
/// run of text, every line 15 points high.
@Suite struct UnruledPDFTests {
    /// A word: its text, left edge, top and right edge.
    typealias Word = (text: String, x0: Double, y0: Double, x1: Double)

    static func page(_ blocks: [[Word]]) -> String {
        "<page width=\"600\" height=\"800\">"
            + blocks.map { block in
                "<block>" + block.map { "<word xMin=\"\($0.x0)\" yMin=\"\($0.y0)\" xMax=\"\($0.x1)\" yMax=\"\($0.y0 + 15)\">\($0.text)</word>" }.joined()
                    + "</block>"
            }.joined() + "</page>"
    }

    static func rows(_ pages: [[[Word]]]) throws -> [[String]] {
        let grid = try #require(
            PDFGrid.grid(boxes: "<doc>" + pages.map(page).joined() + "</doc>", drawing: "<svg>" + pages.map { _ in "<page></page>" }.joined() + "</svg>"))
        #expect(grid.layout == .positioned)
        return grid.rows.map { $0.cells.map(\.text) }
    }

    /// Columns: label 40–90, 二级 100–150, 三级 170–230, 指标值 260–300.
    static let head: [[Word]] = [[("一级指标", 40, 200, 88)], [("二级指标", 100, 200, 148)], [("三级指标", 170, 200, 218)], [("指标值", 262, 200, 298)]]

    /// The fields above the head stand in the table's columns, a label over two rows (资金支出计划 over
    /// its months and shares) in the first; the caption runs over the columns and stays text. Each 二级
    /// sits mid-row, a name wraps in its cell, and 产出指标, merged over two rows, is printed in their
    /// middle, touching the first: it goes to the first row of its span.
    @Test func columnsFromTheHeadAndLevelsInTheFirstRowOfTheirSpan() throws {
        let blocks: [[Word]] =
            [
                [("预算项目绩效目标表（2025", 60, 100, 200), ("年度）", 204, 100, 240)],
                [("项目名称", 40, 125, 88), ("测试项目", 100, 125, 148)],
                [("资金支出", 40, 150, 88), ("计划", 52, 166, 76)],
                [("3月底", 104, 150, 134), ("25", 100, 175, 112)],
                [("6月底", 174, 150, 204), ("50", 170, 175, 182)],
            ] + Self.head
            + [
                [("数量指标", 100, 238, 148)],
                [("购买设备", 170, 230, 218), ("数量", 170, 246, 194)],
                [("30台", 262, 238, 286)],
                [("产出指标", 40, 259, 88)],
                [("质量指标", 100, 280, 148)], [("验收合格率", 170, 280, 230)], [("≥98%", 262, 280, 292)],
                [("效益指标", 40, 320, 88)], [("社会效益指标", 100, 320, 160)], [("群众满意", 170, 320, 218)], [("提高", 262, 320, 286)],
            ]
        #expect(
            try Self.rows([blocks]) == [
                ["预算项目绩效目标表（2025", "年度）"],
                ["项目名称", "测试项目", "", ""],
                ["资金支出计划", "3月底", "6月底", ""],
                ["", "25", "50", ""],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "购买设备数量", "30台"],
                ["", "质量指标", "验收合格率", "≥98%"],
                ["效益指标", "社会效益指标", "群众满意", "提高"],
            ])
    }

    /// A table printed with its merged levels at the top of their rows keeps them there; a row cut by
    /// the page break (its value goes on at the top of the next page, with no name of its own) is one
    /// row, and the columns go on over the break.
    @Test func levelsAtTheTopAndARowCutByThePageBreak() throws {
        let first: [[Word]] =
            Self.head + [
                [("产出指标", 40, 230, 88)], [("质量指标", 100, 230, 148)], [("功能区建设", 170, 230, 230)], [("完成90", 262, 230, 292)],
            ]
        let second: [[Word]] = [
            [("分以上", 262, 50, 292)],
            [("时效指标", 100, 90, 148)], [("按时完成率", 170, 90, 230)], [("100%", 262, 90, 290)],
            [("满意度指标", 40, 130, 95)], [("满意度", 100, 130, 136)], [("群众满意度", 170, 130, 230)], [("≥95%", 262, 130, 292)],
        ]
        #expect(
            try Self.rows([first, second]) == [
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "质量指标", "功能区建设", "完成90分以上"],
                ["", "时效指标", "按时完成率", "100%"],
                ["满意度指标", "满意度", "群众满意度", "≥95%"],
            ])
    }

    /// Above the head: a value flowing over the columns a space at a time stays one cell (never the
    /// label's, set as near its value); 资金支出计划's months and shares are two rows however near they
    /// are printed, and a plan whose label and shares go on over the page break keeps its shares a row.
    @Test func fieldsFlowingOverColumnsAndAPlanOverThePageBreak() throws {
        let first: [[Word]] = [
            [("年度绩效目标", 40, 100, 88), ("1.保障运行", 100, 100, 170), ("2.提高效率", 173, 100, 233)],
            [("资金支出计", 40, 130, 88)], [("3月底", 104, 130, 134)], [("6月底", 174, 130, 204)],
        ]
        let second: [[Word]] =
            [[("划（%）", 40, 50, 88)], [("25", 100, 50, 112)], [("50", 170, 50, 182)]] + Self.head.map { $0.map { ($0.text, $0.x0, $0.y0 - 100, $0.x1) } } + [
                [("产出指标", 40, 130, 88)], [("数量指标", 100, 130, 148)], [("次数", 170, 130, 194)], [("≥10次", 262, 130, 292)],
            ]
        #expect(
            try Self.rows([first, second]) == [
                ["年度绩效目标", "1.保障运行 2.提高效率", "", ""],
                ["资金支出计划（%）", "3月底", "6月底", ""],
                ["", "25", "50", ""],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "次数", "≥10次"],
            ])
    }

    /// Read through to a document: the levels, names and values where they belong.
    @Test func theGridReadsIntoIndicators() throws {
        let blocks: [[Word]] =
            [[("项目名称", 40, 125, 88), ("测试项目", 100, 125, 148)]] + Self.head + [
                [("数量指标", 100, 238, 148)], [("购买设备", 170, 230, 218), ("数量", 170, 246, 194)], [("30台", 262, 238, 286)],
                [("产出指标", 40, 259, 88)],
                [("质量指标", 100, 280, 148)], [("验收合格率", 170, 280, 230)], [("≥98%", 262, 280, 292)],
            ]
        let grid = try #require(PDFGrid.grid(boxes: "<doc>" + Self.page(blocks) + "</doc>", drawing: "<svg><page></page></svg>"))
        var reader = GridReader(grid)
        let reading = reader.read()
        let indicators = try #require(reading?.0.projects.first?.indicators)
        #expect(indicators.map { [$0.level1, $0.level2, $0.level3, $0.value] } == [["产出指标", "数量指标", "购买设备数量", "30台"], ["产出指标", "质量指标", "验收合格率", "≥98%"]])
    }

    /// pdftotext's words damaged at random (positions, blocks, pages): a grid or none, never a crash or a hang.
    @Test func damagedWordsNeverCrashThePlacement() throws {
        let blocks: [[Word]] =
            [[("项目名称", 40, 125, 88), ("测试项目", 100, 125, 148)]] + Self.head + [
                [("数量指标", 100, 238, 148)], [("购买设备", 170, 230, 218), ("数量", 170, 246, 194)], [("30台", 262, 238, 286)],
                [("产出指标", 40, 259, 88)], [("质量指标", 100, 280, 148)], [("验收合格率", 170, 280, 230)], [("≥98%", 262, 280, 292)],
            ]
        let words = Data(("<doc>" + Self.page(blocks) + Self.page(blocks) + "</doc>").utf8)
        var rng = SplitMix(seed: 1205)
        var placed = 0
        let clock = ContinuousClock()
        var slowest: Duration = .zero
        for _ in 0..<600 {
            let damaged = String(decoding: OfficeFuzzTests.mutate(words, &rng), as: UTF8.self)
            let took = clock.measure {
                if let grid = PDFGrid.grid(boxes: damaged, drawing: "<svg><page></page><page></page></svg>") {
                    placed += 1
                    var reader = GridReader(grid)
                    _ = reader.read()
                }
            }
            slowest = max(slowest, took)
        }
        #expect(placed > 100, "\(placed) of 600 damaged pages still placed a table")
        #expect(slowest < .seconds(1), "slowest \(slowest)")
    }

    /// Words with no indicator head are no table: the text reading is left to read them.
    @Test func wordsWithoutAHeadAreNoTable() {
        let blocks: [[Word]] = [[("第一部分", 40, 100, 100)], [("总体绩效目标", 40, 130, 140)]]
        #expect(PDFGrid.grid(boxes: "<doc>" + Self.page(blocks) + "</doc>", drawing: "<svg><page></page></svg>") == nil)
    }
}
