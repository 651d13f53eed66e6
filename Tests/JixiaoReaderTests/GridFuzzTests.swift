import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoReader

/// The grid sources damaged at random — HTML, pipes, tabs, spaces, cells run together: whatever the
/// bytes, the reader answers with a document or a `ReadError`, never crashes, and never takes long.
@Suite struct GridFuzzTests {
    static let samples: [String] = [
        """
        <html><body><p>测试县测试局2024年度部门预算绩效目标</p><table><caption>预算项目绩效目标表（2024年度） 金额单位：万元</caption>
        <tr><td>项目名称</td><td colspan="3">测试项目</td></tr><tr><td>预算数</td><td>50</td><td>其中：财政资金</td><td>50</td></tr>
        <tr><td rowspan="2">资金支出计划（%）</td><td>3月底</td><td>6月底</td><td>12月底</td></tr><tr><td>10%</td><td>40%</td><td>100%</td></tr>
        <tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
        <tr><td rowspan="2">产出指标</td><td>数量指标</td><td>次数</td><td>&ge;20 次</td></tr><tr><td>质量指标</td><td>合格率</td><td>≥98%</td></tr>
        </table></body></html>
        """,
        "| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |\n| 101001-测试 | 项目 | 1,000.00 | 目标 | 产出指标 | 数量指标 | 人数 | ≥ | 5 | 人 |\n| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥ | 95 | % |\n",
        "项目名称\t测试\n预算数\t20\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t次数\t≥10次\n",
        "项目名称 测试项目\n主管部门 测试局 实施单位 [001]测试\n绩效指标 一级指标 二级指标 三级指标 指标值 备注\n产出指标 数量指标 工程 >=20平方米\n流转土地 >=60亩\n财政部门初审意见\n",
        "项目名称校舍改造年度资金总额:16\n绩效指标一级指标二级指标指标内容指标值\n产出指标数量指标覆盖率100%\n效益指标可持续影响指标发展水平稳步提高反映情况2280次\n",
        "项目名称\n\n测试\n\n一级指标\n\n二级指标\n\n三级指标\n\n指标值\n\n产出指标\n\n数量指标\n\n次数\n\n2\n\n附件:\n",
    ]

    /// Pieces of table syntax dropped in at random, beside the byte damage.
    static let syntax = [
        "<td>", "</tr>", "<tr>", "<table>", "</table>", "rowspan=\"9\"", "colspan=\"99999\"", "|", "||", "\t", "\n\n", "一级指标", "产出指标", "&#x0;", "&#1114112;",
        "<!--", "<script>", "项目名称:", "1.", "(万元)",
    ]

    /// A page as pdftotext and pdftocairo describe it: a 2 × 3 table whose first column's cell spans
    /// both rows (its borders drawn row by row, no rule between), and a line of text above.
    static let pdfWords = """
        <doc><page width="600" height="800">
        <word xMin="40" yMin="20" xMax="200" yMax="35">测试局2024年度部门预算绩效目标</word>
        <word xMin="45" yMin="110" xMax="95" yMax="125">产出指标</word>
        <word xMin="105" yMin="85" xMax="150" yMax="100">次数</word>
        <word xMin="205" yMin="85" xMax="240" yMax="100">≥10次</word>
        <word xMin="105" yMin="135" xMax="150" yMax="150">合格</word>
        <word xMin="105" yMin="151" xMax="150" yMax="166">率</word>
        <word xMin="205" yMin="135" xMax="240" yMax="150">≥98%</word>
        </page></doc>
        """
    static let pdfDrawing: String = {
        func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
            "<path style=\"fill:rgb(20%,20%,20%);\" d=\"M \(x0) \(y0) L \(x1) \(y0) L \(x1) \(y1) L \(x0) \(y1) Z\"/>"
        }
        var paths: [String] = []
        for (top, bottom) in [(80.0, 130.0), (130.0, 180.0)] {
            for x in [40.0, 100.0, 200.0, 300.0] { paths.append(rect(x, top, x + 0.75, bottom)) }
            // Rules between the rows, but not across the merged first column.
            paths.append(rect(100, top, 300, top + 0.75))
        }
        paths.append(rect(40, 80, 100, 80.75))
        return "<svg><defs><path d=\"M 0 0 L 1 1\"/></defs><pageSet><page>" + paths.joined() + "</page></pageSet></svg>"
    }()

    @Test func aDrawnTableBoxesEachCellAndAMergedCellStandsInItsFirstRow() throws {
        let grid = try #require(PDFGrid.grid(boxes: Self.pdfWords, drawing: Self.pdfDrawing))
        #expect(grid.rows.map { $0.cells.map(\.text) } == [["测试局2024年度部门预算绩效目标"], ["产出指标", "次数", "≥10次"], ["合格率", "≥98%"]])
        #expect(PDFGrid.grid(boxes: Self.pdfWords, drawing: "<svg><pageSet><page></page></pageSet></svg>") == nil)
    }

    /// The same table drawn as Word and LibreOffice draw one: lines across the whole table, the rule
    /// between the rows stopping short of the merged first column.
    @Test func aTableOfLongLinesIsCutIntoItsCells() throws {
        func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
            "<path style=\"fill:none;stroke-width:0.75;\" d=\"M \(x0) \(y0) L \(x1) \(y1) \"/>"
        }
        var paths = [40.0, 100.0, 200.0, 300.0].map { line($0, 80, $0, 180) }
        paths += [line(40, 80, 300, 80), line(100, 130, 300, 130), line(40, 180, 300, 180)]
        let drawing = "<svg><defs></defs><pageSet><page>" + paths.joined() + "</page></pageSet></svg>"
        let grid = try #require(PDFGrid.grid(boxes: Self.pdfWords, drawing: drawing))
        #expect(grid.rows.map { $0.cells.map(\.text) } == [["测试局2024年度部门预算绩效目标"], ["产出指标", "次数", "≥10次"], ["合格率", "≥98%"]])
    }

    @Test func damagedPDFWordsAndDrawingsNeverCrashTheGrid() {
        var rng = SplitMix(seed: 77)
        var gridded = 0
        for _ in 0..<600 {
            let words = String(decoding: OfficeFuzzTests.mutate(Data(Self.pdfWords.utf8), &rng), as: UTF8.self)
            let drawing = String(decoding: OfficeFuzzTests.mutate(Data(Self.pdfDrawing.utf8), &rng), as: UTF8.self)
            if let grid = PDFGrid.grid(boxes: words, drawing: drawing) {
                gridded += 1
                var reader = GridReader(grid)
                _ = reader.read()
            }
        }
        // Most damage leaves some rules standing; some leaves none.
        #expect(gridded > 300 && gridded < 600, "\(gridded) of 600 damaged pages still drew a table")
    }

    @Test func damagedGridsNeverCrashOrHangTheReader() throws {
        var rng = SplitMix(seed: 1204)
        var outcomes = (read: 0, refused: 0)
        var slowest: Duration = .zero
        let clock = ContinuousClock()
        for sample in Self.samples {
            for _ in 0..<500 {
                var data = Data(sample.utf8)
                if rng.next() % 2 == 0 {
                    data = OfficeFuzzTests.mutate(data, &rng)
                } else {
                    var text = Array(data)
                    for _ in 0..<(1 + rng.next() % 4) {
                        let piece = Self.syntax[Int(rng.next() % UInt64(Self.syntax.count))]
                        // At a character boundary, so that the text stays UTF-8.
                        var at = Int(rng.next() % UInt64(text.count + 1))
                        while at < text.count, text[at] & 0xC0 == 0x80 { at += 1 }
                        text.insert(contentsOf: Array(piece.utf8), at: at)
                    }
                    data = Data(text)
                }
                let started = clock.now
                do {
                    _ = try DocumentReader.read(data, name: "fuzz")
                    outcomes.read += 1
                } catch {
                    outcomes.refused += 1
                }
                slowest = max(slowest, clock.now - started)
            }
        }
        #expect(outcomes.read + outcomes.refused == Self.samples.count * 500)
        #expect(outcomes.read > 0 && outcomes.refused > 0, "\(outcomes)")
        #expect(slowest < .seconds(2), "the slowest damaged table took \(slowest)")
    }
}
