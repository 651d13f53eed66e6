import Foundation
import JixiaoModel

/// The columns an indicator table may have, recognised by their header labels.
enum IndicatorColumn: Sendable, Hashable {
    case level1, level2, level3, description, nature, value, unit, basis, weight, remark
    /// 绩效标准: the basis when the table also has a 指标值 column, else the value itself
    /// (resolved when the header is read).
    case standard

    static let count = 11

    /// A place of its own in a row's cells, which are read too often to hash.
    var slot: Int {
        switch self {
        case .level1: 0
        case .level2: 1
        case .level3: 2
        case .description: 3
        case .nature: 4
        case .value: 5
        case .unit: 6
        case .basis: 7
        case .weight: 8
        case .remark: 9
        case .standard: 10
        }
    }

    static let labels: [(String, IndicatorColumn)] = [
        ("一级指标", .level1), ("二级指标", .level2), ("三级指标", .level3),
        ("绩效指标描述", .description), ("指标描述", .description), ("指标内容", .description),
        ("指标解释", .description), ("指标说明", .description),
        ("指标性质", .nature), ("指标方向", .nature),
        ("指标值确定依据", .basis), ("指标值设定依据", .basis), ("指标值依据", .basis), ("确定依据", .basis),
        ("设定依据", .basis),
        ("指标值及单位", .value), ("年度指标值", .value), ("指标目标值", .value), ("指标值", .value),
        ("目标值", .value), ("标准值", .value),
        ("绩效标准", .standard), ("评价标准", .standard),
        ("度量单位", .unit), ("计量单位", .unit),
        ("权重", .weight), ("分值", .weight), ("备注", .remark),
    ].sorted { $0.0.count > $1.0.count }
}

/// One indicator row before its target is read.
struct RawIndicatorRow {
    var level1 = ""
    var level2 = ""
    private var cells = [String?](repeating: nil, count: IndicatorColumn.count)
    var line: Int
    /// Token position, to place merged 一级 cells printed away from their rows.
    var position: Int

    init(line: Int, position: Int) {
        self.line = line
        self.position = position
    }

    subscript(column: IndicatorColumn) -> String? {
        get { cells[column.slot] }
        set { cells[column.slot] = newValue }
    }

    func text(_ c: IndicatorColumn) -> String { cells[c.slot] ?? "" }
    var isPlaceholder: Bool { text(.level3).isEmpty && text(.description).isEmpty && text(.value).isEmpty }
}

struct IndicatorTableResult {
    var rows: [RawIndicatorRow]
    /// Tokens at the end that do not make a whole row (the text was cut off).
    var cutOff: Bool
    var warnings: [ReadWarning]
}

/// Reads the body of a 三级指标 table.
struct IndicatorTableReader {
    let header: [IndicatorColumn]
    /// Column index of each header label, when the source marks cells.
    let headerColumns: [Int: IndicatorColumn]
    let body: [Token]
    /// Where the tokens' text lies.
    let source: SourceLines
    let endsDocument: Bool
    /// For text without cell marks; made once, read twice.
    private let flow: FlowRowSegmenter?

    init(header: [IndicatorColumn], headerColumns: [Int: IndicatorColumn], body: [Token], source: SourceLines, endsDocument: Bool) {
        self.header = header
        self.headerColumns = headerColumns
        self.body = body
        self.source = source
        self.endsDocument = endsDocument
        let isGrid = body.contains(where: { $0.row != nil }) && !headerColumns.isEmpty
        flow = isGrid ? nil : FlowRowSegmenter(header: header, tokens: body, source: source, endsDocument: endsDocument)
    }

    /// Widths of the columns whose cells wrap (flowing text only).
    func learnWidths() -> [IndicatorColumn: Int] {
        flow?.learnWidths() ?? [:]
    }

    func read(widths: [IndicatorColumn: Int]) -> IndicatorTableResult {
        flow?.read(widths: widths) ?? readGrid()
    }

    // MARK: Grid (tabs, pipes)

    private func readGrid() -> IndicatorTableResult {
        var rowsByIndex: [(Int, [Int: [Token]])] = []
        for t in body {
            guard let r = t.row, let c = t.column else { continue }
            if rowsByIndex.last?.0 != r { rowsByIndex.append((r, [:])) }
            rowsByIndex[rowsByIndex.count - 1].1[c, default: []].append(t)
        }
        var rows: [RawIndicatorRow] = []
        var level1 = "", level2 = ""
        var cutOff = false
        for (k, (_, cells)) in rowsByIndex.enumerated() {
            guard let first = cells.values.first?.first else { continue }
            var row = RawIndicatorRow(line: first.line, position: 0)
            for (c, tokens) in cells {
                guard let role = headerColumns[c] else { continue }
                let text = FlowRowSegmenter.join(tokens[...], source)
                row[role] = row[role].map { $0 + text } ?? text
            }
            if !row.text(.level1).isEmpty { level1 = row.text(.level1); level2 = "" }
            if !row.text(.level2).isEmpty { level2 = row.text(.level2) }
            row.level1 = level1
            row.level2 = level2
            if row.isPlaceholder { continue }
            if row.text(.value).isEmpty {
                if endsDocument && k == rowsByIndex.count - 1 { cutOff = true; continue }
            }
            rows.append(row)
        }
        return IndicatorTableResult(rows: rows, cutOff: cutOff, warnings: [])
    }
}
