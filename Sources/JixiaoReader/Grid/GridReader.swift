import Foundation
import JixiaoModel

/// Reads a `Grid` into a document by its labels, never by its layout: the indicator grid is found by
/// its head (一级指标 … 指标值 in any of their forms), each row's levels by their names, its other
/// cells by the head's columns; the fields above (项目名称, 预算数 …) by their labels.
struct GridReader {
    /// A cell in reading order; `rowStart` where the source says a row begins.
    struct Item: Sendable, Equatable {
        var text: String
        var line: Int
        var rowStart: Bool
        /// What the text is as a label, worked out once.
        let label: Vocabulary.Label

        init(text: String, line: Int, rowStart: Bool) {
            self.text = text
            self.line = line
            self.rowStart = rowStart
            label = Vocabulary.Label(text)
        }
    }

    let layout: Grid.Layout
    private(set) var items: [Item]
    private var warnings: [ReadWarning] = []

    init(_ grid: Grid) {
        layout = grid.layout
        var items: [Item] = []
        for row in grid.rows {
            var first = true
            for cell in row.cells {
                let pieces = grid.layout == .runTogether ? Self.cutAtLabels(cell.text) : Self.labelAndValue(cell.text)
                for piece in pieces {
                    items.append(Item(text: piece, line: cell.line, rowStart: first))
                    first = false
                }
            }
        }
        // Office and HTML cells are whole: only text has labels broken over lines.
        self.items = grid.layout == .positioned ? items : Self.joiningSplitLabels(items)
    }

    /// Whether the source gives rows (else a row is told by its content).
    private var rowsKnown: Bool { layout != .paragraphs && layout != .runTogether }

    // MARK: - Cutting

    /// `项目名称：测试项目` → the label and its value, as two cells.
    static func labelAndValue(_ text: String) -> [String] {
        guard text.utf8.contains(0x3A) || text.includes("：") else { return [text] }
        guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }), colon != text.startIndex else { return [text] }
        let label = String(text[...colon]), value = CellText.trimmedWhitespace(text[text.index(after: colon)...])
        guard !value.isEmpty, Vocabulary.field(label) != nil, !Vocabulary.isHeading(label) else { return [text] }
        return [label, value]
    }

    /// `项目名称农村义务教育…` → `项目名称`, `农村义务教育…`: cells run together, cut at every label.
    static func cutAtLabels(_ text: String) -> [String] {
        // Over scalars, each folded on its own; a blank folds to nothing and is passed over in a label.
        let scalars = Array(text.unicodeScalars)
        let folded = scalars.map { Vocabulary.foldScalar($0) }
        var pieces: [String] = []
        var pending = String.UnicodeScalarView()
        var i = 0
        func flush() {
            let t = CellText.trimmedWhitespace(String(pending))
            if !t.isEmpty { pieces.append(t) }
            pending = String.UnicodeScalarView()
        }
        while i < scalars.count {
            // `绩效目标表` is a title, not the label 绩效目标.
            if let length = labelLength(folded, at: i), i + length == scalars.count || !["表", "申"].contains(folded[i + length]) {
                flush()
                pending.append(contentsOf: scalars[i..<i + length])
                flush()
                i += length
                // `年度资金总额:16`: the colon belongs to the label.
                while i < scalars.count, folded[i] == ":" { i += 1 }
            } else {
                pending.append(scalars[i])
                i += 1
            }
        }
        flush()
        return pieces
    }

    private static let labelsByFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = Dictionary(
        grouping: Vocabulary.runTogetherLabels.filter { $0.unicodeScalars.count >= 4 }.map { Array($0.unicodeScalars) }, by: { $0[0] })

    /// Scalars of the longest label at `i` (blanks inside it passed over).
    private static func labelLength(_ folded: [Unicode.Scalar?], at i: Int) -> Int? {
        guard let first = folded[i], let candidates = labelsByFirst[first] else { return nil }
        for label in candidates {  // longest first
            var k = i, matched = 0
            while k < folded.count, matched < label.count {
                if let c = folded[k] {
                    guard c == label[matched] else { break }
                    matched += 1
                }
                k += 1
            }
            if matched == label.count { return k - i }
        }
        return nil
    }

    /// Labels printed down a narrow merged cell (`年度` / `总体` / `目标`) or wrapped (`主管部门` /
    /// `及编码`) joined back into one.
    static func joiningSplitLabels(_ items: [Item]) -> [Item] {
        var out: [Item] = []
        var i = 0
        while i < items.count {
            // The longest run of up to five short pieces that spells a label, read as far as the
            // pieces still begin one (a unit in brackets may follow a whole label).
            var joined = Vocabulary.fold(items[i].text), longest = 1
            var k = 1
            while items[i].text.utf8.count <= 18, i + k < items.count, k < 5, items[i + k].text.utf8.count <= 18 {
                let next = joined + Vocabulary.fold(items[i + k].text)
                let unitAfterLabel = Vocabulary.isExactLabel(folded: joined) && ["(万元)", "(元)"].contains { $0.beginsWith(Vocabulary.fold(items[i + k].text)) }
                guard Vocabulary.labelPrefixes.contains(next) || unitAfterLabel || Vocabulary.isExactLabel(folded: next) else { break }
                joined = next
                k += 1
                if Vocabulary.isExactLabel(folded: joined) { longest = k }
            }
            // Not when the first piece is already a whole label and the rest are not its tail.
            if longest > 1, !(items[i].label.field != nil && longest > 2 && items[i].label.field != Vocabulary.Label(joined).field) {
                let run = items[i..<i + longest]
                out.append(Item(text: run.map(\.text).joined(), line: run.first!.line, rowStart: run.first!.rowStart))
                i += longest
            } else {
                out.append(items[i])
                i += 1
            }
        }
        return out
    }

    // MARK: - Reading

    /// The document, or nil when the grid holds no indicator head and no labelled project.
    mutating func read() -> (TargetDocument, [ReadWarning])? {
        let heads = indicatorHeads()
        guard !heads.isEmpty else { return nil }
        var projects: [Project] = []
        var department = Department(name: "")
        var overview = Overview()
        var fieldsStart = 0
        var selfEvaluation = false
        // The department part (部门整体绩效目标) above the first table, read as the flowing text reads it.
        if let first = tableStart(before: heads[0].range.lowerBound), first > 0 {
            let lines = rowTexts(0..<first)
            if lines.contains(where: { line in OverviewReader.partNames.contains { line.contains($0.0) } }) {
                overview = OverviewReader(lines: lines).read()
            }
            let above = readFields(0..<first)
            department = Department(code: above.departmentCode, name: above.department ?? "")
            fieldsStart = first
        }
        for (k, head) in heads.enumerated() {
            let nextHead = k + 1 < heads.count ? heads[k + 1].range.lowerBound : items.count
            let end = indicatorsEnd(from: head.range.upperBound, before: nextHead)
            let fields = readFields(fieldsStart..<head.range.lowerBound)
            if department.name.isEmpty, let name = fields.department { department.name = name }
            if department.code == nil { department.code = fields.departmentCode }
            overview.overallGoals += fields.kind == .department ? fields.goals.map(Self.unnumbered) : []
            overview.subGoals += fields.duties
            var template = fields.project(moneyUnit: moneyUnit(fieldsStart..<head.range.lowerBound))
            if template.unit.name == nil, let name = fields.department {
                // A table naming its 预算部门 and no 实施单位: the unit is that department.
                let (code, bare) = Self.codeAndName(name)
                template.unit = BudgetUnit(code: code ?? fields.departmentCode, name: bare)
            }
            var table = readIndicators(head, end, template: template)
            if department.name.isEmpty, let row = table.departmentRow { department = Department(code: row.code, name: row.name) }
            if !head.selfEvaluation {
                // 分值 / 权重 beside a target is the row's weight.
                for p in table.projects.indices {
                    for k in table.projects[p].indicators.indices {
                        table.projects[p].indicators[k].weight = table.projects[p].indicators[k].points
                        table.projects[p].indicators[k].points = nil
                    }
                }
            } else {
                selfEvaluation = true
                var printed = fields.execution
                printed.planned = printed.planned ?? fields.total
                printed.budgetPoints = printed.budgetPoints ?? table.budgetPoints
                printed.budgetScore = printed.budgetScore ?? table.budgetScore
                for k in table.projects.indices { table.projects[k].printed = printed }
                if let last = table.projects.indices.last {
                    readTotal(end.index..<min(nextHead, end.index + 80), into: &table.projects[last].printed!)
                }
            }
            projects += table.projects
            fieldsStart = end.index
        }
        // The heading names the unit: in a cell, or over a row's words (`某局` `2024` `年度部门预算…`), or
        // two rows where a PDF wrapped it.
        if department.name.isEmpty, let issuer = items.prefix(40).lazy.compactMap({ DocumentReader.issuer(inHeading: $0.text) }).first {
            department.name = issuer
        }
        if department.name.isEmpty, items.prefix(40).contains(where: { $0.text.includes("部门") }) {
            let lines = rowTexts(items.prefix(40).indices)
            if let issuer = (lines + zip(lines, lines.dropFirst()).map { $0 + $1 }).lazy.compactMap(DocumentReader.issuer(inHeading:)).first {
                department.name = issuer
            }
        }
        if department.name.isEmpty, let unit = projects.first?.unit.name { department = Department(code: projects.first?.unit.code, name: unit) }
        if department.name.isEmpty { warnings.append(ReadWarning(line: nil, message: "no budget unit is named above the tables")) }
        for p in projects.indices where projects[p].unit.code == nil && projects[p].unit.name == department.name {
            projects[p].unit.code = department.code
        }
        let coded = DocumentReader.codedRegionAndYear(projects)
        department.regionCode = coded.region
        let document = TargetDocument(
            fiscalYear: fiscalYear() ?? coded.year, department: department, overview: overview, projects: projects,
            kind: selfEvaluation ? .selfEvaluation : .targets)
        return (document, warnings)
    }

    /// A self-evaluation's 总分 (its points and the score, or the score alone out of 100) and its
    /// 自评等级, from the rows after the indicator grid.
    func readTotal(_ range: Range<Int>, into printed: inout PrintedEvaluation) {
        guard let at = range.first(where: { Vocabulary.fold(items[$0].text).beginsWith("总分") }) else { return }
        var figures: [Decimal] = []
        let own = Vocabulary.fold(items[at].text).dropFirst(2)
        if let n = Self.figure(String(own)) { figures.append(n) }
        var k = at + 1
        while k < range.upperBound, figures.count < 2 {
            if !items[k].text.isEmpty {  // the blanks of a merged cell
                guard let n = Self.figure(items[k].text) else { break }
                figures.append(n)
            }
            k += 1
        }
        if figures.count == 2 {
            printed.totalPoints = figures[0]
            printed.totalScore = figures[1]
        } else if let score = figures.first {
            // A 自评表 is scored out of 100 (财预〔2020〕10号): one figure beside 总分 is the score.
            printed.totalPoints = 100
            printed.totalScore = score
        }
        // The grade beside the total, or after its own label (`自评等级`, `评价等级`).
        let label = (k..<range.upperBound).first { Vocabulary.fold(items[$0].text).endsWith("等级") }
        let from = label.map { $0 + 1 } ?? k
        for i in from..<min(range.upperBound, from + 8) {
            let f = Vocabulary.fold(items[i].text)
            if Self.gradeWords.contains(f) {
                printed.grade = f
                break
            }
        }
    }

    static let gradeWords: Set<String> = ["优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较好", "一般", "较差"]

    /// Where the first table starts: its title or its first project label.
    func tableStart(before head: Int) -> Int? {
        guard
            let first = (0..<head).first(where: { i in
                (!rowsKnown || items[i].rowStart)
                    && (items[i].label.title || items[i].label.field.map { $0 == .projectName || $0 == .projectCode } == true)
            })
        else { return nil }
        // `1. 某项目` on the row above is the table's numbered heading.
        guard first > 0, let above = (0..<first).last(where: { !rowsKnown || items[$0].rowStart }),
            items[above].text.wholeMatch(of: Patterns.firstHeading) != nil
        else { return first }
        return above
    }

    /// The items of a range as lines, a row a line.
    func rowTexts(_ range: Range<Int>) -> [String] {
        var lines: [String] = []
        for i in range {
            if items[i].rowStart || lines.isEmpty || !rowsKnown { lines.append(items[i].text) } else { lines[lines.count - 1] += " " + items[i].text }
        }
        return lines
    }

    /// `1.完成测试 2.提高质量` → the two goals without their numbers; a text not numbered 1, 2, … stays whole.
    static func numberedItems(_ text: String) -> [String] {
        guard text.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return [text] }
        // A number after anything but a digit or a point (lines of a cell may have been joined),
        // not followed by a digit (`1.5万`).
        let starts = text.matches(of: Patterns.listNumber).filter { m in
            m.range.lowerBound == text.startIndex
                || !text[text.index(before: m.range.lowerBound)].isASCIIDigit && text[text.index(before: m.range.lowerBound)] != "."
        }
        let numbers = starts.compactMap { Int($0.output.1) }
        guard let first = starts.first, text[..<first.range.lowerBound].allSatisfy(\.isWhitespace), numbers == Array(1...max(1, numbers.count)) else {
            return [unnumbered(text)]
        }
        var items: [String] = []
        for (k, m) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].range.lowerBound : text.endIndex
            let item = CellText.trimmedWhitespace(text[m.range.upperBound..<end])
            if !item.isEmpty { items.append(item) }
        }
        return items
    }

    static func unnumbered(_ goal: String) -> String {
        guard let match = goal.prefixMatch(of: Patterns.leadingNumber) else { return goal }
        return String(goal[match.range.upperBound...])
    }

    // MARK: The indicator head

    struct Head {
        var range: Range<Int>
        var columns: [Vocabulary.Column]
        /// Columns of a grid holding several projects, before the levels (单位名称 项目名称 预算数 …).
        var projectColumns: [Vocabulary.Column]
        /// The columns after the levels, the first being the indicator's name.
        var tail: [Vocabulary.Column]
        /// How many level columns come before the name: 2 (一级, 二级), or 1 in a two-level table.
        var levelCount: Int
        /// Where positions are known: the cells of the head's row and where the head starts in it.
        var rowWidth = 0
        var startInRow = 0

        /// A 自评表's head: what was achieved and the points it earned beside the targets.
        var selfEvaluation: Bool { columns.contains(.actual) || columns.contains(.score) }

        /// The columns by position, a two-level table's last level column holding the name.
        var positioned: [Vocabulary.Column] {
            guard !columns.contains(.level3), let last = columns.lastIndex(where: { $0 == .level1 || $0 == .level2 }) else { return columns }
            var c = columns
            c[last] = .level3
            return c
        }
    }

    /// Runs of head labels holding a level and a value column.
    func indicatorHeads() -> [Head] {
        var heads: [Head] = []
        var i = 0
        while i < items.count {
            guard items[i].label.column != nil else {
                i += 1
                continue
            }
            var j = i
            var columns: [Vocabulary.Column] = []
            // Where cells stand at their columns, a merged head cell's blanks keep their places.
            while j < items.count, let c = items[j].label.column ?? (layout == .positioned && items[j].text.isEmpty ? .ignored : nil),
                j == i || !rowsKnown || !items[j].rowStart
            {
                columns.append(c)
                j += 1
            }
            // The row under a merged head cell (`年度指标值` over `指标性质 | 指标值 | 度量单位`) takes its place.
            if layout == .positioned, j < items.count, items[j].rowStart {
                var k = j + 1
                while k < items.count, !items[k].rowStart { k += 1 }
                let under = items[j..<k].compactMap(\.label.column)
                let blanksAfter = { (p: Int) in
                    (p + 1..<p + under.count).allSatisfy { $0 < columns.count && columns[$0] == .ignored && items[i + $0].text.isEmpty }
                }
                if under.count == k - j, under.count > 1,
                    let p = columns.indices.first(where: { [.value, .score].contains(columns[$0]) && blanksAfter($0) })
                {
                    columns.replaceSubrange(p..<p + under.count, with: under)
                    j = k
                }
            }
            // A head over two rows (`年度指标值` above `指标性质 | 指标值 | 度量单位`): the second row is
            // all head labels.
            while rowsKnown, layout != .positioned, j < items.count, items[j].rowStart {
                var k = j + 1
                while k < items.count, !items[k].rowStart { k += 1 }
                let row = items[j..<k].filter { !$0.text.isEmpty }
                guard !row.isEmpty, row.allSatisfy({ $0.label.column != nil }) else { break }
                columns += row.map { $0.label.column! }
                j = k
            }
            if var head = Self.head(i..<j, layout == .positioned ? columns : Self.inReadingOrder(columns)) {
                if layout == .positioned {
                    let rowStart = (0...i).last { items[$0].rowStart } ?? 0
                    let rowEnd = (i + 1..<items.count).first { items[$0].rowStart } ?? items.count
                    head.rowWidth = rowEnd - rowStart
                    head.startInRow = i - rowStart
                }
                heads.append(head)
            }
            i = j
        }
        return heads
    }

    /// The head's columns in the order of a row's cells, where the source gave them otherwise: labels
    /// of a first head row printed before the levels go after them, and a label over several columns
    /// (`年度指标值` over `指标性质 | 指标值 | 度量单位`, `自评得分` over `单项指标得分 | 权重占比 | 折算得分`)
    /// gives its place to the columns under it.
    static func inReadingOrder(_ columns: [Vocabulary.Column]) -> [Vocabulary.Column] {
        let levels: Set<Vocabulary.Column> = [.level1, .level2, .level3]
        let rowColumns: Set<Vocabulary.Column> = [.value, .actual, .points, .score, .deviation]
        var out = columns
        if let firstLevel = out.firstIndex(where: levels.contains), out[..<firstLevel].contains(where: rowColumns.contains) {
            let lastLevel = out[firstLevel...].firstIndex { !levels.contains($0) } ?? out.endIndex
            let early = out[..<firstLevel].filter { !rowColumns.contains($0) && $0 != .description && $0 != .basis }
            let moved = out[..<firstLevel].filter { rowColumns.contains($0) || $0 == .description || $0 == .basis }
            out = early + Array(out[firstLevel..<lastLevel]) + moved + Array(out[lastLevel...])
        }
        // Found on the columns as given, then replaced all at once.
        var groups: [Int: [Vocabulary.Column]] = [:]
        var below = Set<Int>()
        for (spanning, under) in [
            (Vocabulary.Column.value, Set<Vocabulary.Column>([.valueOperator, .value, .valueUnit])),
            (.score, [.singleScore, .weightShare, .score]),
        ] {
            // The first label of the family, and members of it after some column not of it: a second row.
            guard let at = out.firstIndex(of: spanning), let gap = out[(at + 1)...].firstIndex(where: { !under.contains($0) }) else { continue }
            let members = out.indices.filter { $0 > gap && under.contains(out[$0]) }
            guard !members.isEmpty else { continue }
            var group = members.map { out[$0] }
            if spanning == .value, !group.contains(.value) {
                // `符号 | 单位` printed with the value's own cell left unlabelled between them.
                group.insert(.value, at: group.firstIndex(of: .valueUnit) ?? group.endIndex)
            }
            groups[at] = group
            below.formUnion(members)
        }
        if !groups.isEmpty {
            out = out.indices.flatMap { k in below.contains(k) ? [] : groups[k] ?? [out[k]] }
        }
        return out
    }

    static func head(_ range: Range<Int>, _ columns: [Vocabulary.Column]) -> Head? {
        let levels: Set<Vocabulary.Column> = [.level1, .level2, .level3]
        guard columns.contains(where: levels.contains), columns.contains(.value) else { return nil }
        let firstLevel = columns.firstIndex(where: levels.contains)!
        let projectColumns = columns[..<firstLevel].filter { [.unitName, .projectName, .projectCode, .budget, .goal].contains($0) }
        var tail: [Vocabulary.Column]
        if let third = columns.firstIndex(of: .level3) {
            tail = Array(columns[third...])
        } else {
            // Two levels: the last level column holds the indicator's name.
            let last = columns.lastIndex { $0 == .level1 || $0 == .level2 }!
            tail = [.level3] + columns[(last + 1)...]
        }
        tail = tail.filter { !levels.contains($0) || $0 == .level3 }
        let levelCount = max(1, columns.count { $0 == .level1 || $0 == .level2 } - (columns.contains(.level3) ? 0 : 1))
        return Head(range: range, columns: columns, projectColumns: Array(projectColumns), tail: tail, levelCount: min(levelCount, 2))
    }

    /// `cutOff`: the table says so itself (`Project.incompleteNote`, as Jixiao prints it).
    enum EndReason { case mark, nextTable, endOfText, cutOff }

    /// Where an indicator grid ends: an approval row or the page around it, the next table's
    /// fields, or the end of the text.
    func indicatorsEnd(from start: Int, before next: Int) -> (index: Int, reason: EndReason) {
        for i in start..<next {
            let text = items[i].text
            if text.beginsWith(Project.incompleteNote) { return (i, .cutOff) }
            if items[i].label.end { return (i, .mark) }
            guard !rowsKnown || items[i].rowStart else { continue }
            if let f = items[i].label.field, f == .projectName || f == .projectCode { return (i, .nextTable) }
            // The next table's title (`2.某项目绩效目标表`) above its fields, or its numbered heading
            // (`2.` `某项目`) on the row above the title.
            if items[i].label.title, i > start { return (i, .nextTable) }
            if i > start, text.prefixMatch(of: Patterns.tableNumber) != nil,
                let title = (i + 1..<min(next, i + 8)).first(where: { !rowsKnown || items[$0].rowStart }), items[title].label.title
            {
                return (i, .nextTable)
            }
        }
        return (next, next == items.count ? .endOfText : .nextTable)
    }

    // MARK: Fields

    struct Fields {
        var name: String?
        var code: String?
        var department: String?
        var departmentCode: String?
        var unit: BudgetUnit?
        var total: Decimal?
        var fiscal: Decimal?
        var other: Decimal?
        var goals: [String] = []
        var periodGoals: [String] = []
        var period: String?
        var purpose: String?
        var duties: [Overview.Section] = []
        var kind: Project.Kind = .project
        var title: String?
        /// 资金支出计划: the months its heads name (3, 6, 10, 12) and the cells under them, as written.
        var planMonths: [Int] = []
        var planCells: [String] = []
        /// Self-evaluations: the budget's execution as printed, and what was achieved of the goals.
        var execution = PrintedEvaluation()

        func project(moneyUnit: MoneyUnit) -> Project {
            Project(
                code: code, name: kind == .department ? (title ?? name ?? "") : (name ?? title ?? ""), unit: unit ?? BudgetUnit(),
                moneyUnit: moneyUnit, budget: Budget(total: total, fiscal: fiscal, other: other), purpose: purpose,
                spendingPlan: spendingPlan(), goals: kind == .department ? [] : goals, period: period, periodGoals: periodGoals, kind: kind)
        }

        /// Shares of the budget by the end of each quarter: percentages as written, or amounts turned
        /// into shares of the total; without month heads, four cells are the four quarters and a
        /// lone 100% is the year's end.
        func spendingPlan() -> SpendingPlan {
            let cells = planCells.compactMap { text in ValueReader.leadingNumber(Substring(text)).map { (text: text, number: $0.0) } }
            guard !cells.isEmpty else { return SpendingPlan() }
            let percent = cells.contains { $0.text.includes("%") || $0.text.includes("％") }
            var values = cells.map(\.number)
            if !percent, let total, total > 0, let top = values.max(), top <= total, !(top == 100 && total != 100) {
                values = values.map { ProjectTableReader.percent($0, of: total) }
            }
            var slots: [Decimal?] = [nil, nil, nil, nil]
            let quarter = [3: 0, 6: 1, 9: 2, 10: 2, 12: 3]
            if planMonths.count == values.count, planMonths.allSatisfy({ quarter[$0] != nil }) {
                for (month, v) in zip(planMonths, values) { slots[quarter[month]!] = v }
            } else if values.count >= 4 {
                for k in 0..<4 { slots[k] = values[k] }
            } else if values.count == 1, values[0] == 100 {
                slots[3] = 100
            } else {
                for (k, v) in values.enumerated() { slots[k] = v }
            }
            return SpendingPlan(mar: slots[0], jun: slots[1], oct: slots[2], dec: slots[3], raw: cells.map(\.text).joined(separator: " "))
        }

        mutating func set(_ field: Vocabulary.Field, _ value: String) {
            switch field {
            case .projectName: name = name ?? value
            case .projectCode: code = code ?? value
            case .department:
                guard department == nil else { return }
                let (c, n) = GridReader.codeAndName(value)
                department = n
                departmentCode = departmentCode ?? c
            case .departmentCode: departmentCode = value
            case .unit:
                guard unit == nil else { return }
                let (c, n) = GridReader.codeAndName(value)
                unit = BudgetUnit(code: c, name: n)
            case .total: total = total ?? GridReader.money(value)
            case .fiscal: fiscal = fiscal ?? GridReader.money(value)
            case .other: other = other ?? GridReader.money(value)
            case .goals: goals += GridReader.numberedItems(value)
            case .periodGoals: periodGoals += GridReader.numberedItems(value)
            case .period: period = period ?? value
            case .purpose: purpose = purpose ?? value
            case .executed: execution.executed = execution.executed ?? GridReader.money(value)
            case .rate: execution.rate = execution.rate ?? GridReader.percent(value)
            case .achieved: execution.achieved += GridReader.numberedItems(value)
            case .duties, .ignored, .spendingPlan: break
            }
        }

        /// A value running on: a new row of goals is another goal, a piece of the same row (text cut
        /// at spaces) belongs to the value before.
        mutating func extend(_ field: Vocabulary.Field, _ value: String, newRow: Bool) {
            switch field {
            case .achieved where newRow: execution.achieved += GridReader.numberedItems(value)
            case .goals where newRow: goals += GridReader.numberedItems(value)
            case .periodGoals where newRow: periodGoals += GridReader.numberedItems(value)
            case .goals: goals[goals.count - 1] += " " + value
            case .periodGoals: periodGoals[periodGoals.count - 1] += " " + value
            case .projectName where !newRow: name = name.map { $0 + " " + value }
            case .department where !newRow: department = department.map { $0 + " " + value }
            case .unit where !newRow: if let old = unit?.name { unit?.name = old + " " + value }
            default: break
            }
        }
    }

    /// Labels and their values: a value goes to the first label waiting for one that takes it (a
    /// money label takes an amount), so a label whose cell was left blank does not shift the rest.
    func readFields(_ range: Range<Int>) -> Fields {
        var fields = Fields()
        var waiting: [(Vocabulary.Field, Int)] = []
        var last: Vocabulary.Field?
        var inDuties = false
        var inPlan = false
        var rowHadValue = false
        var unitNameAt = -1
        var budgetGrid: BudgetGrid?
        for i in range {
            let item = items[i]
            if budgetGrid == nil, let grid = BudgetGrid(heads: i, in: items, before: range.upperBound, rowsKnown: rowsKnown) {
                budgetGrid = grid
                if let caption = (0..<i).last(where: { items[$0].rowStart }), let m = items[caption].text.firstMatch(of: Patterns.points) {
                    fields.execution.budgetPoints = ValueReader.decimal(m.1.unicodeScalars)  // `预算执行情况(万元) (20分)`
                }
            }
            if let grid = budgetGrid, i < grid.end {
                if i >= grid.firstRow { budgetGrid!.take(item) }
                continue
            } else if let grid = budgetGrid {
                grid.apply(to: &fields)
                budgetGrid = nil
            }
            // Labels left waiting in a row of label-value pairs had no value: blank cells.
            if rowsKnown, item.rowStart {
                if rowHadValue { waiting.removeAll() }
                rowHadValue = false
            }
            if item.text.isEmpty { continue }
            // Titles and duty heads are short; most cells are not folded here.
            let folded = item.text.utf8.count <= 120 ? Vocabulary.fold(item.text) : ""
            if fields.title == nil, !folded.isEmpty, folded.includes("绩效目标表") || folded.includes("自评表"),
                folded.includes("部门整体") || folded.includes("单位整体"),
                !folded.includes(".xls"), !folded.includes(".doc")
            {
                fields.kind = .department
                fields.title = CellText.trimmedWhitespace(item.text.split(separator: ":").last.map(String.init) ?? item.text)
                continue
            }
            if inDuties {
                // A duty row: the duty, then its tasks, projects and amounts; the row is read at its start.
                if rowsKnown, !item.rowStart { continue }
                let row = rowItems(from: i)
                if row.allSatisfy({ Self.dutyHeads.contains(Vocabulary.fold($0)) }) { continue }
                if item.label.field == nil, row.count > 1 {
                    fields.duties.append(Overview.Section(title: row[0], text: row.dropFirst().joined(separator: " ")))
                    continue
                }
                inDuties = false
            }
            if inPlan {
                // `3月底` heads (or `3` and `月底` cut apart), then the shares or amounts under them.
                if let m = item.text.wholeMatch(of: Patterns.month), let month = Int(m.1) {
                    fields.planMonths.append(month)
                    continue
                }
                if ["月底", "月"].contains(item.text), !fields.planMonths.isEmpty || fields.planCells.last != nil {
                    if let last = fields.planCells.popLast(), let month = Int(last) { fields.planMonths.append(month) }
                    continue
                }
                if item.label.field == nil, ValueReader.leadingNumber(Substring(item.text)) != nil {
                    fields.planCells.append(item.text)
                    continue
                }
                inPlan = false
            }
            if let field = item.label.field {
                inPlan = field == .spendingPlan
                inDuties = field == .duties
                // Labels whose values are not read wait no longer once a label that is read comes.
                if field != .ignored { waiting.removeAll { $0.0 == .ignored } }
                // A plan or duties label heads cells of its own, read above. A label over another of
                // the same field (`年度总体目标` over `年初设定目标`) gives way to it.
                if !item.label.heading, field != .spendingPlan, field != .duties {
                    if field == .goals || field == .achieved { waiting.removeAll { $0.0 == field } }
                    waiting.append((field, i))
                }
                last = nil
                continue
            }
            if Self.dutyHeads.contains(folded) || i == unitNameAt { continue }
            let value = item.text
            // An amount goes to the first amount label waiting (a text label before it keeps waiting
            // for its text); anything else to the first label that takes it.
            let amountLabels: Set<Vocabulary.Field> = [.total, .fiscal, .other, .executed, .rate]
            // A label right before its value takes it (`预算数 6.84 到位数 6.84 执行数 6.84`).
            let adjacent = Self.money(value) != nil && waiting.last.map { $0.1 == i - 1 && Self.takes($0.0, value) } == true
            let k =
                adjacent
                ? waiting.count - 1
                : Self.money(value) != nil
                    ? waiting.firstIndex { amountLabels.contains($0.0) } ?? waiting.firstIndex { Self.takes($0.0, value) }
                    : waiting.firstIndex { Self.takes($0.0, value) }
            if let k {
                let field = waiting[k].0
                if adjacent {
                    waiting.removeLast()
                } else if amountLabels.contains(field) {
                    let at = waiting[k].1
                    waiting.removeAll { w in amountLabels.contains(w.0) && w.1 <= at }
                } else {
                    waiting.removeSubrange(...k)
                }
                fields.set(field, value)
                last = field
                rowHadValue = true
            } else if fields.unit == nil, case let (code?, name) = Self.codeAndName(value), name.unicodeScalars.contains(where: CellText.isWide) {
                // `483001 乐亭县行政审批局本级` over the table, with no label: the budget unit.
                fields.unit = BudgetUnit(code: code, name: name)
            } else if fields.unit == nil, value.wholeMatch(of: Patterns.bareCode) != nil, i + 1 < range.upperBound,
                case let name = items[i + 1].text, !items[i + 1].rowStart || !rowsKnown, items[i + 1].label.field == nil,
                name.unicodeScalars.contains(where: CellText.isWide), name.count < 40
            {
                // The same with the code and the name in cells of their own.
                fields.unit = BudgetUnit(code: value, name: name)
                unitNameAt = i + 1

            } else if let last, item.rowStart || layout == .spaced {
                fields.extend(last, value, newRow: item.rowStart)
            } else if item.rowStart, let goal = last ?? (fields.goals.isEmpty ? nil : .goals), goal == .goals {
                fields.extend(goal, value, newRow: true)
            }
        }
        if let grid = budgetGrid { grid.apply(to: &fields) }
        return fields
    }

    /// A self-evaluation's budget execution grid: a row of heads (全年预算数 | 全年执行数 | 分值 |
    /// 执行率 | 得分), then rows of a label (年度资金总额, 其中:财政拨款 …) and its figures.
    struct BudgetGrid {
        var heads: [Vocabulary.BudgetHead]
        /// Where the heads end and where the grid does: the first label that is not a money row's.
        var firstRow: Int
        var end: Int
        var rows: [(label: Vocabulary.Field?, cells: [String])] = []
        /// A 部门整体支出总额 row: the table is the department's as a whole, named by that row.
        var departmentWide: String?

        init?(heads start: Int, in items: [Item], before limit: Int, rowsKnown: Bool) {
            var k = start
            var heads: [Vocabulary.BudgetHead] = []
            while k < limit, let h = items[k].label.budgetHead, k == start || !rowsKnown || !items[k].rowStart {
                heads.append(h)
                k += 1
            }
            guard heads.count >= 3, Set(heads).count == heads.count, heads.contains(.rate) || heads.contains(.executed) else { return nil }
            self.heads = heads
            firstRow = k
            end = k
            while end < limit {
                let item = items[end]
                if item.text.isEmpty || GridReader.isFigure(item.text) {
                    end += 1
                } else if GridReader.isMoneyRow(item) {
                    end += 1
                } else {
                    break
                }
            }
        }

        mutating func take(_ item: Item) {
            if item.text.isEmpty { return }
            if GridReader.isFigure(item.text) {
                if rows.isEmpty { rows.append((nil, [])) }
                rows[rows.count - 1].cells.append(item.text)
            } else {
                rows.append((item.label.field, []))
                let f = Vocabulary.fold(item.text)
                if departmentWide == nil, f.includes("部门整体") || f.includes("单位整体") {
                    departmentWide = f.endsWith("总额") ? String(f.dropLast(2)) : f
                }
            }
        }

        /// Figures to heads: a percentage is the rate; before it, amounts fill the heads in order,
        /// a blank 年初预算数 the first left out when there are fewer amounts than heads.
        func assigned(_ cells: [String]) -> [Vocabulary.BudgetHead: Decimal] {
            var out: [Vocabulary.BudgetHead: Decimal] = [:]
            func fill(_ heads: ArraySlice<Vocabulary.BudgetHead>, _ cells: ArraySlice<String>) {
                var heads = Array(heads)
                while heads.count > cells.count, let initial = heads.firstIndex(of: .initial) { heads.remove(at: initial) }
                for (h, c) in zip(heads, cells) { out[h] = h == .rate ? GridReader.percent(c) : GridReader.money(c) }
            }
            if let h = heads.firstIndex(of: .rate), let c = cells.firstIndex(where: { $0.includes("%") || $0.includes("％") }) {
                fill(heads[..<h], cells[..<c])
                out[.rate] = GridReader.percent(cells[c])
                fill(heads[(h + 1)...], cells[(c + 1)...])
            } else {
                fill(heads[...], cells[...])
            }
            return out
        }

        /// The first row is the budget's; a 财政 row gives the fiscal amount, an 其他 row the other.
        func apply(to fields: inout Fields) {
            if let departmentWide {
                fields.kind = .department
                fields.title = fields.title ?? departmentWide
            }
            for (k, row) in rows.enumerated() where !row.cells.isEmpty {
                let figures = assigned(row.cells)
                let amount = figures[.planned] ?? figures[.initial]
                if k == 0 || row.label == .total {
                    guard fields.execution.planned == nil else { continue }
                    fields.execution.planned = amount
                    fields.execution.executed = figures[.executed]
                    fields.execution.rate = figures[.rate]
                    fields.execution.budgetPoints = figures[.points] ?? fields.execution.budgetPoints
                    fields.execution.budgetScore = figures[.score]
                    fields.total = fields.total ?? amount
                } else if row.label == .fiscal {
                    fields.fiscal = fields.fiscal ?? amount
                } else if row.label == .other {
                    fields.other = fields.other ?? amount
                }
            }
        }
    }

    /// A figure of a budget grid: an amount, a percentage, or a dash for none.
    static func isFigure(_ text: String) -> Bool {
        let f = Vocabulary.fold(text)
        return ["—", "-", "－", "/", "——", "--"].contains(f) || money(f) != nil || percent(f) != nil
    }

    /// A row label of a budget grid: 年度资金总额, 其中:当年财政拨款, 上年结转资金, 其他资金.
    static func isMoneyRow(_ item: Item) -> Bool {
        if let f = item.label.field, [.total, .fiscal, .other].contains(f) { return true }
        let f = Vocabulary.fold(item.text)
        return f.unicodeScalars.count <= 16 && ["资金", "拨款", "总额", "支出"].contains { f.includes($0) }
    }

    /// `100%`, `100.00`, `98.5％`: a percent number.
    static func percent(_ text: String) -> Decimal? {
        var t = Vocabulary.fold(text)
        if t.endsWith("%") || t.endsWith("％") { t.removeLast() }
        return money(t)
    }

    /// The texts of the row that starts at `i` (the one item where rows are not known).
    private func rowItems(from i: Int) -> [String] {
        guard rowsKnown else { return [items[i].text] }
        var row = [items[i].text]
        var k = i + 1
        while k < items.count, !items[k].rowStart {
            if !items[k].text.isEmpty { row.append(items[k].text) }
            k += 1
        }
        return row
    }

    static let dutyHeads: Set<String> = ["部门职能", "年度目标任务", "支出项目名称", "预算金额", "预算金额(万元)", "预算金额(元)", "职责", "工作任务"]

    static func takes(_ field: Vocabulary.Field, _ value: String) -> Bool {
        switch field {
        case .total, .fiscal, .other: Self.money(value) != nil
        case .departmentCode, .projectCode:
            value.count(where: \.isASCIIDigit) >= 3 && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        default: true
        }
    }

    /// `10000万元`, `250万`, `3,309,840.00`, `:16`.
    static func money(_ text: String) -> Decimal? {
        guard text.utf8.count <= 40, text.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return nil }
        var t = Vocabulary.fold(text)
        t.removeAll { $0 == "," }
        while t.beginsWith(":") { t.removeFirst() }
        for suffix in ["万元", "万", "元"] where t.endsWith(suffix) {
            t.removeLast(suffix.count)
            break
        }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCIIDigit || $0 == "." }), t.first!.isASCIIDigit else { return nil }
        return ValueReader.decimal(t.unicodeScalars)
    }

    /// `[015001]武汉市青山区教育局`, `820001-井研县马踏镇人民政府`, `314002-成安县民政局机关`.
    static func codeAndName(_ text: String) -> (code: String?, name: String) {
        guard text.utf8.first(where: { $0 != 0x20 }).map({ (0x30...0x39).contains($0) || $0 == 0x5B || $0 >= 0x80 || $0 == 0x28 }) == true,
            text.utf8.contains(where: { (0x30...0x39).contains($0) })
        else { return (nil, text) }
        if let m = text.wholeMatch(of: Patterns.bracketedCode) { return (String(m.1), String(m.2)) }
        if let m = text.wholeMatch(of: Patterns.dashedCode) { return (String(m.1), String(m.2)) }
        if let m = text.wholeMatch(of: Patterns.spacedCode) { return (String(m.1), String(m.2)) }
        return (nil, text)
    }

    /// 金额单位:元, 单位:万元, (万元) above the grid; 万元 where none is printed.
    func moneyUnit(_ range: Range<Int>) -> MoneyUnit {
        for i in range {
            // `金额单位:` and `元` may stand as a label and its value.
            var f = Vocabulary.fold(items[i].text)
            if f.endsWith("单位:"), i + 1 < range.upperBound { f += Vocabulary.fold(items[i + 1].text) }
            if f.includes("单位:元") || f.endsWith("(元)") || f.includes("金额单位元") { return .yuan }
            if f.includes("单位:万元") || f.includes("(万元)") { return .tenThousandYuan }
        }
        return .tenThousandYuan
    }

    // MARK: Indicators

    struct Table {
        var projects: [Project]
        var departmentRow: (code: String?, name: String)?
        /// A self-evaluation's budget row inside its indicator grid: its 分值 and 得分.
        var budgetPoints: Decimal?
        var budgetScore: Decimal?
    }

    mutating func readIndicators(_ head: Head, _ ending: (index: Int, reason: EndReason), template: Project) -> Table {
        let end = ending.index
        var template = template
        var table = Table(projects: [], departmentRow: nil)
        var project = template
        var level1 = "", level2 = ""
        var pending: [Item] = []
        var started = false
        // Cells run together whose cut into name and value had another reading.
        var guessed: [Item] = []

        func finishProject() {
            if started || !project.indicators.isEmpty { table.projects.append(project) }
        }
        func emit(_ cells: [Item]) {
            guard !cells.isEmpty else { return }
            if let indicator = indicator(cells, head.tail, level1: level1, level2: level2) {
                project.indicators.append(indicator)
            } else {
                warnings.append(
                    ReadWarning(
                        line: cells[0].line, message: "an indicator row without a name and a value was left out: \(cells.map(\.text).joined(separator: " | "))")
                )
            }
        }

        /// A project's own columns (项目名称, 预算数 …) of a grid holding several: a name starts the next project.
        func startProject(_ assigned: [Vocabulary.Column: String]) {
            if let unit = assigned[.unitName], !unit.isEmpty {
                let (code, name) = Self.codeAndName(unit)
                template.unit = BudgetUnit(code: code, name: name)
            }
            guard let name = assigned[.projectName], !name.isEmpty else { return }
            finishProject()
            project = template
            project.complete = true
            project.name = name
            project.goals = assigned[.goal].map { Self.numberedItems($0) } ?? []
            project.budget = Budget(total: assigned[.budget].flatMap(Self.money))
            project.code = assigned[.projectCode]
            project.unit = template.unit
            started = true
            level1 = ""
            level2 = ""
        }
        /// A row whose cells stand at their columns; a shorter row lacks its leftmost cells, which
        /// span rows from above.
        func readPositioned(_ row: [Item]) {
            let columns = head.positioned
            let offset = max(0, head.rowWidth - row.count) - head.startInRow
            var assigned: [(column: Vocabulary.Column, text: String)] = []
            for (j, cell) in row.enumerated() where columns.indices.contains(offset + j) {
                assigned.append((columns[offset + j], cell.text))
            }
            let byColumn = Dictionary(assigned.map { ($0.column, $0.text) }, uniquingKeysWith: { a, b in a.isEmpty ? b : a })
            if !head.projectColumns.isEmpty {
                let unit = byColumn[.unitName] ?? ""
                if byColumn[.projectName]?.isEmpty ?? true, byColumn[.level3]?.isEmpty ?? true, Self.codeAndName(unit).code != nil {
                    // A department's or unit's total row.
                    if table.departmentRow == nil, !started { table.departmentRow = Self.codeAndName(unit) }
                    return
                }
                startProject(byColumn)
            }
            // A level's own name says which it is (a two-level table's 一级 column holds 二级 names);
            // an unknown name goes by its column.
            for (column, text) in assigned where !text.isEmpty && (column == .level1 || column == .level2) {
                let named = Vocabulary.Label(text).level
                setLevel(text, first: named == 0 ? column == .level1 : named == 1)
            }
            let tail = assigned.filter { head.tail.contains($0.column) && !$0.text.isEmpty }
            guard !tail.isEmpty else { return }  // a placeholder row
            let before = project.indicators.count
            if let indicator = indicator(assigned: tail, level1: level1, level2: level2) {
                project.indicators.append(indicator)
            } else {
                warnings.append(
                    ReadWarning(
                        line: row[0].line, message: "an indicator row without a name and a value was left out: \(tail.map(\.text).joined(separator: " | "))"))
            }
            lastRowShort = project.indicators.count == before
        }

        // Whether the last row read was shorter than the others: the text may end inside it.
        var lastRowShort = false
        // A row's cells waiting for the rest of it on the next lines, and over how many.
        var carried: [Item] = []
        var carriedRows = 0
        var longestRow = 0
        // Whether the cell before was a level: two in a row are a 一级 and its 二级.
        var lastWasLevel = false
        func setLevel(_ written: String, first: Bool) {
            let text = Self.levelName(written)
            if first {
                level1 = text
                level2 = ""
            } else {
                level2 = text
            }
        }
        /// A row as the source gives it: its leading levels (by position in a full row, else by
        /// their names, no more than the head has level columns), then its cells.
        func readRow(_ given: [Item]) {
            // `……` rows and cells stand for rows left out.
            let cells = given.filter { !Self.isEllipsis($0.text) }
            guard !cells.isEmpty else { return }
            // Cells cut by the source fill a row; text cut at spaces may fill one by chance.
            let full =
                layout == .cells && cells.count == head.levelCount + head.tail.count
                && !(cells.count > 1 && cells[0].label.level == 2 && cells[1].label.level == 0)
            var k = 0
            while k < cells.count, k < head.levelCount {
                let text = cells[k].text
                let named1 = cells[k].label.level == 1, named2 = cells[k].label.level == 2
                if full {
                    // 一级 then 二级; a two-level table's one level column holds the category (二级).
                    setLevel(text, first: head.levelCount == 2 && k == 0)
                } else if named1 {
                    setLevel(text, first: true)
                } else if named2 {
                    if k > 0, cells[k - 1].label.level == 2 {
                        // `成本指标` then `经济成本指标`: the first was the 一级; after any other 二级, a
                        // name like `服务对象满意度` is the indicator's own.
                        guard Self.mayHoldLevel2(cells[k - 1].text) else { break }
                        level1 = level2
                    }
                    setLevel(text, first: false)
                } else if layout == .cells, cells.count - k > head.tail.count {
                    // More cells than the columns after the levels: this one is a level all the same
                    // (`日效性指标`, a 二级 name the vocabulary does not know).
                    setLevel(text, first: cells.count - k > head.tail.count + 1 && head.levelCount == 2)
                } else {
                    break
                }
                k += 1
            }
            // A level printed again (a long-term column set beside the year's): not a name.
            while k < cells.count, [level1, level2].contains(cells[k].text) { k += 1 }
            var rest = Array(cells[k...])
            guard !rest.isEmpty else { return }  // a placeholder row: a level with nothing after it
            if !carried.isEmpty {
                // The next line goes on with it when it has no levels and is no row of its own.
                if k == 0, !Self.rowReachesItsFigures(rest.map(\.text), head.tail) || rest.count < head.tail.count - 1 {
                    rest = carried + rest
                } else {
                    emit(carried)
                    carriedRows = 0
                }
                carried = []
            }
            if rest[0].label.budgetHead == .rate || rest[0].label.field == .rate {
                // The budget's own row in the indicator grid (`预算执行率 | 10 | 100% | 10`).
                let figures = Self.assign(rest.map(\.text), to: head.tail).filter { !$0.text.isEmpty }
                table.budgetPoints = figures.first { $0.column == .points || $0.column == .weightShare }.flatMap { Self.money($0.text) }
                table.budgetScore = figures.first { $0.column == .score }.flatMap { Self.money($0.text) }
                lastRowShort = table.budgetScore == nil
                return
            }
            // A name whose other cells went to the next lines (a cell with line breaks in a page
            // flattened to text): read on with them.
            if layout == .cells, !Self.rowReachesItsFigures(rest.map(\.text), head.tail), carriedRows < 2, rest.count < head.tail.count {
                carried = rest
                carriedRows += 1
                return
            }
            carriedRows = 0
            let count = rest.count
            let before = project.indicators.count
            emit(rest)
            lastRowShort = project.indicators.count == before || count < longestRow
            longestRow = max(longestRow, count)
        }
        /// A cell of a stream whose rows are not given: a level starts a row, a row ends once whole.
        func readStreamed(_ cell: Item) {
            let named1 = cell.label.level == 1, named2 = cell.label.level == 2
            if named1 || named2 {
                emit(pending)
                pending = []
                if named2, lastWasLevel, !level2.isEmpty, level2 != cell.text {
                    if Self.mayHoldLevel2(level2) {
                        level1 = level2
                    } else {
                        pending.append(cell)  // a name like `服务对象满意度` after its 二级
                        lastWasLevel = false
                        return
                    }
                }
                setLevel(cell.text, first: named1)
                lastWasLevel = true
                return
            }
            lastWasLevel = false
            pending.append(cell)
            if rowIsWhole(pending, head.tail) {
                emit(pending)
                pending = []
            }
        }

        var i = head.range.upperBound
        // Rows as the source gives them, or cut from the stream by levels and complete rows.
        while i < end {
            var row: [Item] = [items[i]]
            i += 1
            if rowsKnown {
                while i < end, !items[i].rowStart {
                    row.append(items[i])
                    i += 1
                }
            }
            if layout == .positioned {
                readPositioned(row)
                continue
            }
            var cells = row
            if layout == .runTogether {
                cells = cells.flatMap { cell in
                    let (pieces, isGuess) = Self.cutIndicatorText(cell)
                    if isGuess { guessed.append(cell) }
                    return pieces
                }
            }
            // Project columns, before the levels.
            let firstLevel = cells.firstIndex { $0.label.level != 0 }
            if rowsKnown, !head.projectColumns.isEmpty {
                let before = Array(cells[..<(firstLevel ?? cells.count)])
                if firstLevel == nil, let first = before.first, Self.codeAndName(first.text).code != nil, before.count <= 2 {
                    // A department's or unit's total row (`820-马踏镇部门 | 8,827,620.53`).
                    if table.departmentRow == nil, !started { table.departmentRow = Self.codeAndName(first.text) }
                    continue
                }
                if firstLevel != nil, !before.isEmpty {
                    startProject(Dictionary(zip(head.projectColumns.suffix(before.count), before.map(\.text)), uniquingKeysWith: { a, _ in a }))
                    cells.removeFirst(before.count)
                }
            }
            if rowsKnown {
                readRow(cells)
            } else {
                for cell in cells { readStreamed(cell) }
            }
        }
        pending = carried + pending
        if !pending.isEmpty {
            // The last cells of a cut-off text: kept when they make a row.
            if let indicator = indicator(pending, head.tail, level1: level1, level2: level2) { project.indicators.append(indicator) }
            lastRowShort = true
        }
        if !head.projectColumns.isEmpty, started {
            finishProject()
        } else {
            table.projects.append(project)
        }
        markGuessedCuts(guessed, in: &table.projects)
        // Only the last project of a grid can be cut off by the end of the text.
        for k in table.projects.indices.dropLast() { table.projects[k].complete = true }
        if let last = table.projects.indices.last {
            table.projects[last].complete =
                switch ending.reason {
                case .mark, .nextTable: true
                case .cutOff: false
                case .endOfText: !lastRowShort
                }
        }
        return table
    }

    /// Whether a row's cells reach the columns that make it whole: the value, and in a self-evaluation
    /// the actual or the score (a 偏差原因 or a description may be left blank).
    static func rowReachesItsFigures(_ cells: [String], _ tail: [Vocabulary.Column]) -> Bool {
        let optional: Set<Vocabulary.Column> = [.ignored, .deviation, .description, .basis, .standard, .points, .score, .weightShare, .singleScore]
        let needed = tail.contains(.actual) ? tail.firstIndex(of: .actual)! : tail.lastIndex { !optional.contains($0) } ?? 0
        let assigned = assign(cells, to: tail)
        return assigned.contains { a in (tail.firstIndex(of: a.column) ?? 0) >= needed }
    }

    /// `……`, `...`: a row left out.
    static func isEllipsis(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0 == "…" || $0 == "." || $0 == "。" || $0 == "·" || CellText.isBlank($0) }
    }

    /// Whether a 二级 name can stand as a 一级 over another 二级 (`成本指标` over `经济成本指标`).
    static func mayHoldLevel2(_ text: String) -> Bool { ["成本指标", "成本"].contains(Vocabulary.fold(text)) }

    /// Where rows are not given: a row is whole once its name and value (and the columns after the
    /// value) are filled.
    func rowIsWhole(_ cells: [Item], _ tail: [Vocabulary.Column]) -> Bool {
        let assigned = Self.assign(cells.map(\.text), to: tail, whole: false)
        guard let last = tail.lastIndex(where: { $0 != .ignored }) else { return false }
        return assigned.count > last || (assigned.count == tail.count)
            || (assigned.last?.column == .value && !tail[(tail.firstIndex(of: .value) ?? 0)...].dropFirst().contains { $0 != .ignored })
    }

    /// Cells to columns in order. A description or standard column is passed over for a cell that
    /// cannot be one when cells are fewer than columns; with more cells than columns (a name with
    /// spaces cut apart), the value is the last cell that reads as one and the extra cells join the name.
    static func assign(_ cells: [String], to columns: [Vocabulary.Column], whole: Bool = true) -> [(column: Vocabulary.Column, text: String)] {
        if cells.count > columns.count, let v = columns.firstIndex(of: .value) {
            let valueCell = cells.lastIndex { ValueReader.read($0).kind == .quantitative } ?? (cells.count - (columns.count - v))
            let before = Array(cells[..<valueCell]), after = Array(cells[(valueCell + 1)...])
            let beforeColumns = Array(columns[..<v]), afterColumns = Array(columns[(v + 1)...])
            var out: [(Vocabulary.Column, String)] = []
            if !beforeColumns.isEmpty, !before.isEmpty {
                let extra = max(0, before.count - beforeColumns.count)
                out.append((beforeColumns[0], before[...extra].joined(separator: " ")))
                out += zip(beforeColumns.dropFirst(), before.dropFirst(extra + 1)).map { ($0, $1) }
            }
            out.append((.value, cells[valueCell]))
            out += zip(afterColumns, after).map { ($0, $1) }
            return out
        }
        var out: [(column: Vocabulary.Column, text: String)] = []
        var c = 0
        for (k, cell) in cells.enumerated() {
            let cellsLeft = cells.count - k
            while c < columns.count, columns.count - c > cellsLeft || !whole, !fits(cell, columns[c], after: out.last),
                columns[c] != .level3, columns[c] != .value
            {
                c += 1
            }
            guard c < columns.count else { break }
            if figureColumns.contains(columns[c]), !fits(cell, columns[c]), fits(cell, .description) {
                // Words where a figure belongs: the description the head left unnamed (`指标解释` of Hebei).
                out.append((.description, cell))
            } else {
                out.append((columns[c], cell))
            }
            c += 1
        }
        return out
    }

    static let figureColumns: Set<Vocabulary.Column> = [.points, .score, .weightShare, .singleScore]

    /// `10`, `6.25`, `20分`: a row's points or score.
    static func figure(_ text: String) -> Decimal? {
        var f = Vocabulary.fold(text)
        if f.endsWith("分") { f.removeLast() }
        return money(f)
    }

    /// Whether a cell can stand in a column that may be left out.
    static func fits(_ cell: String, _ column: Vocabulary.Column, after previous: (column: Vocabulary.Column, text: String)? = nil) -> Bool {
        switch column {
        case .points, .score, .weightShare, .singleScore: return figure(cell) != nil
        // A unit follows a number: after words (`有效`) the next cell is something else.
        case .valueUnit where previous?.column == .value && !(previous!.text.unicodeScalars.contains { $0.properties.numericType != nil }):
            return false
        case .description, .standard:
            let f = Vocabulary.fold(cell)
            return descriptionStarts.contains { f.beginsWith($0) } || Vocabulary.standards.contains { f.contains($0) }
                || (ValueReader.read(cell).kind == .qualitative && f.count > 12)
        case .valueOperator: return ["≥", "≤", ">", "<", "=", ">=", "<=", "≧", "≦", "═", "＝", "定性", "定量"].contains(Vocabulary.fold(cell))
        case .valueUnit: return cell.count <= 6 && ValueReader.leadingNumber(Substring(cell)) == nil
        default: return true
        }
    }

    static let descriptionStarts = ["反映", "用于", "指", "衡量", "考核", "是否", "通过"]

    /// One indicator from a row's cells after its levels.
    func indicator(_ cells: [Item], _ tail: [Vocabulary.Column], level1: String, level2: String) -> Indicator? {
        indicator(assigned: Self.assign(cells.map(\.text), to: tail), level1: level1, level2: level2)
    }

    func indicator(assigned: [(column: Vocabulary.Column, text: String)], level1: String, level2: String) -> Indicator? {
        var name = "", value = "", op = "", unit = ""
        var description: String?, basis: String?, actual: String?, deviation: String?
        var points: Decimal?, score: Decimal?, share: Decimal?
        for (column, text) in assigned {
            switch column {
            case .actual: actual = text.isEmpty ? nil : text
            case .points: points = Self.figure(text)
            case .weightShare: share = Self.figure(text)
            case .score: score = Self.figure(text)
            case .deviation: deviation = Self.noneWords.contains(Vocabulary.fold(text)) ? nil : text
            case .level3: name = text
            case .value: value = text
            case .valueOperator: op = ["定性", "定量"].contains(Vocabulary.fold(text)) ? "" : text
            case .valueUnit: unit = text
            case .description: description = text
            case .basis: basis = text
            case .standard:
                if Vocabulary.standards.contains(where: { Vocabulary.fold(text).contains($0) }) && Vocabulary.fold(text).count <= 12 {
                    basis = text
                } else {
                    description = text
                }
            default: break
            }
        }
        let written = [op, value, unit].filter { !$0.isEmpty }.joined(separator: " ")
        guard !name.isEmpty, !value.isEmpty, Self.completeValue(written) else { return nil }
        return Indicator(
            level1: level1, level2: level2, level3: name, description: description, value: written, basis: basis, target: ValueReader.read(written),
            actual: actual, points: points ?? share, score: score, deviation: deviation)
    }

    /// A level as written, without the spaces printed between its characters (`产 出 指 标`) and the
    /// points some tables give it (`(50分)`).
    static func levelName(_ written: String) -> String {
        var text = CellText.normalize(written)
        if let m = text.firstMatch(of: Patterns.points), m.range.upperBound == text.endIndex {
            text = CellText.trimmedWhitespace(text[..<m.range.lowerBound])
        }
        return text
    }

    /// What a blank 偏差原因 is written as.
    static let noneWords: Set<String> = ["", "无", "/", "-", "—", "——", "无偏差", "不适用"]

    /// An operator alone (`>` at the end of a cut-off text) is not a value.
    static func completeValue(_ v: String) -> Bool {
        Vocabulary.fold(v).contains { !["≥", "≤", ">", "<", "=", "≧", "≦"].contains($0) }
    }

    /// Indicator cells run together: `校舍维修改造质量合格率100%` → name and value; `…次数反映…情况2280次`
    /// → name, description, value. A cut is a guess where the cell begins with a number and goes on to
    /// another (`3类行业审批事项全部实现智能审批100%`): the first is read as the start of the name, but it may
    /// as well be the value of the row before.
    static func cutIndicatorText(_ item: Item) -> (pieces: [Item], isGuess: Bool) {
        let text = item.text
        guard item.label.column == nil, item.label.level == 0 else { return ([item], false) }
        var isGuess = false
        var pieces: [String] = []
        var rest = Substring(text)
        let phrases = qualitativeTargets.filter { text.includes($0) }
        let describes = text.includes("反映")
        while !rest.isEmpty {
            // The earliest of: a value, a 反映 starting a description, a qualitative target.
            var cut: (Range<Substring.Index>, keep: Bool)?
            var value = rest.firstMatch(of: valuePattern)
            // A number the cell begins with starts the name (`3类行业…`): the value is the next one.
            if let m = value, m.range.lowerBound == rest.startIndex, pieces.last.map({ !$0.isEmpty }) != true {
                value = rest[m.range.upperBound...].firstMatch(of: valuePattern)
                isGuess = isGuess || value != nil
            }
            if let m = value { cut = (m.range, true) }
            if describes, let r = rest.dropFirst().firstRange(of: "反映"), cut == nil || r.lowerBound < cut!.0.lowerBound {
                cut = (r.lowerBound..<r.lowerBound, false)
            }
            for phrase in phrases {
                if let r = rest.firstRange(of: phrase), r.lowerBound > rest.startIndex, cut == nil || r.lowerBound < cut!.0.lowerBound { cut = (r, true) }
            }
            guard let (range, _) = cut else {
                pieces.append(String(rest))
                break
            }
            let before = CellText.trimmedWhitespace(rest[..<range.lowerBound])
            if !before.isEmpty { pieces.append(before) }
            if range.isEmpty {
                // A description runs to the next value.
                let description = rest[range.lowerBound...]
                if let m = description.firstMatch(of: valuePattern) {
                    pieces.append(CellText.trimmedWhitespace(description[..<m.range.lowerBound]))
                    rest = description[m.range.lowerBound...]
                } else if let q = phrases.compactMap({ description.firstRange(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
                    pieces.append(CellText.trimmedWhitespace(description[..<q.lowerBound]))
                    rest = description[q.lowerBound...]
                } else {
                    pieces.append(String(description))
                    rest = ""
                }
                continue
            }
            pieces.append(String(rest[range]))
            rest = rest[range.upperBound...]
        }
        return (pieces.filter { !$0.isEmpty }.map { Item(text: $0, line: item.line, rowStart: false) }, isGuess)
    }

    /// Marks the indicators read from guessed cuts: the value `ambiguous` (the review's `value-uncertain`
    /// shows it on its cell in the import preview) and a warning with the place and the text as written.
    mutating func markGuessedCuts(_ cells: [Item], in projects: inout [Project]) {
        guard !cells.isEmpty else { return }
        let folded = cells.map { Vocabulary.fold($0.text) }
        for p in projects.indices {
            for k in projects[p].indicators.indices {
                let indicator = projects[p].indicators[k]
                let name = Vocabulary.fold(indicator.level3), value = Vocabulary.fold(indicator.value)
                guard !name.isEmpty, !value.isEmpty, let c = folded.firstIndex(where: { $0.includes(name) && $0.includes(value) }) else { continue }
                projects[p].indicators[k].target.ambiguous = true
                warnings.append(
                    ReadWarning(
                        line: cells[c].line,
                        message: "“\(cells[c].text)”各栏连在一起，开头的数字读作三级指标“\(indicator.level3)”的一部分，也可能是上一行的指标值，请对照原表核对"))
            }
        }
    }

    nonisolated(unsafe) static let valuePattern =
        /(?:[≥≤≧≦><=]=?)?\s*\d+(?:[.,]\d+)*\s*(?:%|％|百分比|万元|万人次|万人|人次|平方米|立方米|公里|个月|工作日|小时|元\/[^\d\s]{1,3}|[次个件人名户家所栋座条年月天日周套台张份场层项辆册本篇期批处间亩米吨种类部块支只株棵头分秒万元]|M|m|km|kg|t)?/
    static let qualitativeTargets = [
        "不超预算", "稳步提高", "持续改善", "逐步提高", "明显提升", "大幅提升", "显著提高", "有效提升", "有效改善", "稳步提升", "持续提升",
        "明显改善", "巩固提高", "不断提高", "进一步提高", "按时完成", "及时完成", "全面完成", "符合标准", "达到标准",
    ]

    // MARK: Year

    /// The first `2020年` (or `2020 年度`) of the grid, read row by row: a title whose words a PDF placed
    /// apart (`（` `2023` `年度）`) still names its year before the prose below it.
    func fiscalYear() -> Int? {
        // The first cell naming one, unless a row before it (among the first few hundred cells) does.
        let cell = items.firstIndex { $0.text.utf8.contains(0xE5) && $0.text.firstMatch(of: Patterns.year) != nil }  // 年 is E5 B9 B4
        for line in rowTexts(0..<min(cell.map { $0 + 1 } ?? 200, 400, items.count)) where line.utf8.contains(0xE5) {
            if let m = line.firstMatch(of: Patterns.year) { return Int(m.1) }
        }
        guard let cell, let m = items[cell].text.firstMatch(of: Patterns.year) else { return nil }
        return Int(m.1)
    }
}

extension GridReader {
    /// A reading that left nothing out: every table named, with a budget where the text names one,
    /// and indicators, every indicator with its levels, name and value; no warning but that a table
    /// was cut off.
    static func isWhole(_ d: TargetDocument, _ warnings: [ReadWarning], text: [UInt8]) -> Bool {
        let namesBudgets = text.withUnsafeBufferPointer { t in budgetLabels.contains { t.firstOccurrence(of: $0) != nil } }
        // The flowing text reader knows no 自评表: what was achieved and scored is the grid's to read.
        let scores = text.withUnsafeBufferPointer { t in selfEvaluationLabels.contains { t.firstOccurrence(of: $0) != nil } }
        return !scores && warnings.count <= d.projects.count(where: { !$0.complete }) && !d.projects.isEmpty
            && d.projects.allSatisfy { p in
                !p.name.isEmpty && (p.budget.total != nil || !namesBudgets) && (!p.indicators.isEmpty || !p.complete)
                    && p.indicators.allSatisfy { !$0.level3.isEmpty && !$0.value.isEmpty && !($0.level1.isEmpty && $0.level2.isEmpty) }
            }
    }

    private static let budgetLabels = ["预算数", "资金总额", "预算金额", "预算安排"].map { Array($0.utf8) }
    /// Head labels only a 自评表 has (prose may well speak of 自评 or 得分).
    private static let selfEvaluationLabels = ["实际完成值", "全年实际值", "自评得分", "实际完成指标值"].map { Array($0.utf8) }

    /// Whether a grid's reading is kept over the text's: where there is none, or where it explains more
    /// (or as much, `onATie`, for cells boxed by drawn rules, which text cannot place as surely).
    static func wins(_ document: TargetDocument, _ warnings: [ReadWarning], over text: DocumentReader.Result?, onATie: Bool) -> Bool {
        guard let text, document.kind != .selfEvaluation else { return true }
        let mine = quality(document, warnings), theirs = quality(text.document, text.warnings)
        return mine > theirs || onATie && mine == theirs
    }

    /// How much of a table a reading explains: indicators with a name, a level and a value that reads,
    /// less what it had to leave out.
    static func quality(_ d: TargetDocument, _ warnings: [ReadWarning]) -> Int {
        -3 * warnings.count
            + d.projects.reduce(0) { sum, p in
                sum + (p.name.isEmpty ? 0 : 2) + (p.budget.total == nil ? 0 : 1)
                    + p.indicators.reduce(0) { s, i in
                        s + (i.level3.isEmpty ? 0 : 1) + (i.value.isEmpty ? 0 : 1) + (i.level1.isEmpty && i.level2.isEmpty ? 0 : 1)
                            + (i.target.ambiguous ? 0 : 1)
                    }
            }
    }
}

extension GridReader {
    /// The grid as read, for a person asking why a table read the way it did: its layout, each
    /// row's cells with the label each matched, and the indicator heads found.
    static func explain(_ data: Data) throws(ReadError) -> String {
        let reader = GridReader(try DocumentReader.grid(data))
        var out = "layout: \(reader.layout.rawValue)\n"
        let heads = reader.indicatorHeads()
        for (k, item) in reader.items.enumerated() {
            if item.rowStart || k == 0 { out += k == 0 ? "line \(item.line):" : "\nline \(item.line):" }
            var marks: [String] = []
            if heads.contains(where: { $0.range.lowerBound == k }) { marks.append("indicator head") }
            if let c = Vocabulary.column(item.text) { marks.append("column \(c)") }
            if let f = Vocabulary.field(item.text) { marks.append("field \(f)") }
            if Vocabulary.isLevel1(item.text) { marks.append("一级") } else if Vocabulary.isLevel2(item.text) { marks.append("二级") }
            if item.label.end { marks.append("end") }
            out += " [\(item.text)]" + (marks.isEmpty ? "" : "<\(marks.joined(separator: ", "))>")
            if !reader.rowsKnown { out += "\n" }
        }
        return out + "\n"
    }
}

/// The patterns the grid reader tries on many cells, built once (a regex literal is compiled anew
/// each time its expression runs).
enum Patterns {
    nonisolated(unsafe) static let firstHeading = /1\s*[.、．](\s*\S.*)?/
    nonisolated(unsafe) static let listNumber = /(?:目标\s*)?(\d{1,2})\s*[.、．:：](?!\d)/
    nonisolated(unsafe) static let leadingNumber = /\s*(目标\s*\d+|\d+|[(（]\d+[)）])\s*[:：、.．]\s*/
    nonisolated(unsafe) static let month = /(\d{1,2})\s*月底?/
    nonisolated(unsafe) static let bareCode = /\d{6,9}/
    nonisolated(unsafe) static let bracketedCode = /\s*[\[【(（]\s*(\d{3,})\s*[\]】)）]\s*(.+)/
    nonisolated(unsafe) static let dashedCode = /\s*(\d{3,})\s*[-－—_]\s*(.+)/
    nonisolated(unsafe) static let spacedCode = /\s*(\d{6,9})\s+(\D.+)/
    nonisolated(unsafe) static let year = /(?:^|\D)(20\d\d)\s*年/
    nonisolated(unsafe) static let departmentHeading = /20\d\d\s*年度?部门(预算|整体)/
    nonisolated(unsafe) static let pdfWord = /<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)<\/word>/
    nonisolated(unsafe) static let tableNumber = /\d{1,3}\s*[.、．]/
    nonisolated(unsafe) static let colspan = /(?i)colspan\s*=\s*["']?(\d+)/
    nonisolated(unsafe) static let points = /[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/
}
