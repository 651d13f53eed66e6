import Foundation
import JixiaoModel

/// Reads one 预算项目绩效目标表 from the lines it spans.
struct ProjectTableReader {
    let lines: SourceLines
    /// The lines the table spans.
    let region: Range<Int>
    /// The tokens of those lines.
    let tokens: [Token]
    /// Those tokens without white space.
    let squeezed: SqueezedText
    let endsDocument: Bool

    /// A table whose head is read and whose indicator rows are still to be cut.
    struct PreparedTable {
        var project: Project
        var warnings: [ReadWarning]
        var indicators: IndicatorTableReader?
        var lastLine: Int?

        /// Widths of the columns whose cells wrap, from a first reading.
        func learnWidths() -> [IndicatorColumn: Int] { indicators?.learnWidths() ?? [:] }

        func finish(widths: [IndicatorColumn: Int]) -> (Project, [ReadWarning]) {
            guard let indicators else { return (project, warnings) }
            var project = self.project
            var warnings = self.warnings
            let table = indicators.read(widths: widths)
            warnings += table.warnings
            project.indicators = table.rows.map(ProjectTableReader.indicator)
            project.complete = !table.cutOff
            if table.cutOff {
                warnings.append(ReadWarning(line: lastLine, message: "the text ends inside the table of \(project.name); its last row is incomplete"))
            }
            return (project, warnings)
        }
    }

    func read() -> PreparedTable {
        var warnings: [ReadWarning] = []

        // Title: `1.公共资源经费绩效目标表`
        let titleMark = Self.titleMark, nameLabel = Self.nameLabel  // read once, not per line
        let titleLine = region.first { lines.includes($0, titleMark) && !lines.includes($0, nameLabel) }
        // or a numbered heading `3. 政务外网费用` opening the table, above a title without a number.
        let headingLine = region.first.flatMap { Self.leadingSeq(lines[$0]) != nil && $0 != titleLine ? $0 : nil }
        // The title's own tokens: up to `…绩效目标表` and a `（2024年度）` after it. What follows on the same
        // line is read (`预算项目绩效目标表（2024年度） 483001 某局 金额单位：万元`, as a caption prints flattened).
        // One flag per token (a set would hash each token index it is asked about).
        var titleTokens = tokens.map { $0.line == headingLine }
        if let titleLine {
            let onLine = tokens.indices.filter { tokens[$0].line == titleLine }
            let titleEnd = onLine.first { lines.withBytes(of: tokens[$0]) { $0.firstOccurrence(of: titleMark) != nil } }.map { end in
                end + 1 < tokens.count && tokens[end + 1].line == titleLine && Self.isYearNote(lines.text(of: tokens[end + 1])) ? end + 1 : end
            }
            for k in onLine where titleEnd == nil || k <= titleEnd! { titleTokens[k] = true }
        }
        let seq = titleLine.flatMap { Self.leadingSeq(lines[$0]) } ?? headingLine.flatMap { Self.leadingSeq(lines[$0]) }

        let headerStart = squeezed.firstIndex(of: "一级指标") ?? squeezed.count
        let fields = LabeledFields(tokens: tokens, source: lines, squeezed: squeezed, upTo: headerStart, excluding: titleTokens)

        var project = Project(name: "")
        project.seq = seq
        if let code = fields.value(.code) {
            // Most codes are ASCII letters and digits only: kept whole, without looking at characters.
            if code.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0 & 0xDF) }) {
                project.code = code
            } else {
                let squeezedCode = code.filter { !$0.isWhitespace }
                let kept = squeezedCode.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
                project.code = kept.isEmpty ? squeezedCode : String(kept)
            }
        }
        project.name = fields.value(.name) ?? titleLine.map { Self.titleName(lines[$0]) } ?? ""

        // Unit line: `483001 乐亭县行政审批局本级 单位：万元`
        if let u = fields.first(.unitOfMoney) {
            let after = fields.text(fields.valueRange(of: u))
            project.moneyUnit = after.hasPrefix("元") ? .yuan : .tenThousandYuan
            let before = fields.text(Self.unitLineRange(fields: fields, unitLabel: u, excluding: titleTokens))
            project.unit = Self.budgetUnit(before)
        } else {
            project.moneyUnit = .tenThousandYuan
        }
        if let dep = fields.value(.department), project.unit.name == nil {
            project.unit = Self.budgetUnit(dep)
        }

        // Budget and purpose. Purpose text is often printed after the money cells.
        var purposeCandidates: [String] = []
        func amount(_ label: FieldLabel) -> Decimal? {
            guard let text = fields.value(label) else { return nil }
            let trimmed = Substring(text).drop(while: CellText.isSpace)
            guard let (n, written) = ValueReader.leadingNumber(trimmed) else {
                purposeCandidates.append(text)
                return nil
            }
            let rest = trimmed.dropFirst(written.count).drop { CellText.isSpace($0) || $0 == "万" || $0 == "元" }
            if !rest.isEmpty { purposeCandidates.append(String(rest)) }
            return n
        }
        project.budget = Budget(total: amount(.total), fiscal: amount(.fiscal), other: amount(.other))
        if let scale = fields.value(.scale) { purposeCandidates.insert(scale, at: 0) }
        project.purpose = fields.value(.purpose) ?? purposeCandidates.first

        project.spendingPlan = readPlan(fields: fields, total: project.budget.total)
        let goalText = fields.first(.goals).map { fields.tokenIndices(fields.valueRange(of: $0)) } ?? []
        project.goals = Self.entries(tokens, goalText, lines)
        let periodGoalText = fields.first(.periodGoals).map { fields.tokenIndices(fields.valueRange(of: $0)) } ?? []
        project.periodGoals = Self.entries(tokens, periodGoalText, lines)
        project.period = fields.value(.period)

        // Indicator table.
        guard headerStart < squeezed.count else {
            project.complete = !endsDocument
            if endsDocument {
                warnings.append(ReadWarning(line: (tokens.last?.line).map { $0 + 1 }, message: "the text ends before the indicator table of \(project.name)"))
            }
            return PreparedTable(project: project, warnings: warnings)
        }
        let header = Self.header(squeezed: squeezed, tokens: tokens, from: headerStart)
        var body = Array(tokens[header.endToken...])
        Self.removeRepeatedHeaders(&body, squeezed: SqueezedText(squeezed, tokens: header.endToken..<tokens.count))
        let indicators = IndicatorTableReader(
            header: header.columns.map(\.1), headerColumns: header.gridColumns, body: body, source: lines, endsDocument: endsDocument)
        return PreparedTable(project: project, warnings: warnings, indicators: indicators, lastLine: (body.last?.line).map { $0 + 1 })
    }

    static func indicator(_ row: RawIndicatorRow) -> Indicator {
        var value = row.text(.value)
        let nature = row.text(.nature)
        if !nature.isEmpty, let op = ValueReader.prefixOperators.first(where: { $0.0 == nature }) { value = op.1.rawValue + value }
        let unit = row.text(.unit)
        if !unit.isEmpty { CellText.append(unit, to: &value, spaced: true) }
        let description = row.text(.description)
        let basis = row.text(.basis)
        let weight = ValueReader.leadingNumber(Substring(row.text(.weight))).map(\.0)
        return Indicator(
            level1: row.level1, level2: row.level2, level3: row.text(.level3),
            description: description.isEmpty ? nil : description, value: value,
            basis: basis.isEmpty ? nil : basis, target: ValueReader.read(value), weight: weight)
    }

    // MARK: Head

    private static let titleMark = Array("绩效目标表".utf8), nameLabel = Array("项目名称".utf8)

    static func leadingSeq(_ line: String) -> Int? {
        // Over scalars: white space, digits and the marks are one scalar each.
        let scalars = line.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex, CellText.isBlank(scalars[i]) { i = scalars.index(after: i) }
        var number = 0, digits = 0
        while i < scalars.endIndex, (0x30...0x39).contains(scalars[i].value) {
            guard digits < 18 else { return nil }  // not a table's number, and past what Int holds
            number = number * 10 + Int(scalars[i].value - 0x30)
            digits += 1
            i = scalars.index(after: i)
        }
        guard digits > 0, i < scalars.endIndex, scalars[i] == "." || scalars[i] == "．" || scalars[i] == "、" else { return nil }
        return number
    }

    static func titleName(_ line: String) -> String {
        var t = CellText.normalize(line)
        if let n = leadingSeq(t) { t = String(t.dropFirst(String(n).count + 1)) }
        if let r = t.byteRange(of: "绩效目标表") { t = String(t[..<r.lowerBound]) }
        return t
    }

    /// `（2024年度）`
    static func isYearNote(_ text: String) -> Bool {
        (text.hasPrefix("（") || text.hasPrefix("(")) && text.includes("年")
            && (text.hasSuffix("）") || text.hasSuffix(")")) && text.count <= 10
    }

    /// The unit line is what precedes `单位：` on its own line (or row).
    static func unitLineRange(fields: LabeledFields, unitLabel: LabeledFields.Occurrence, excluding: [Bool]) -> Range<Int> {
        let labelToken = fields.squeezed.tokenIndex[unitLabel.start]
        let line = fields.tokens[labelToken].line
        let row = fields.tokens[labelToken].row
        var first = labelToken
        while first > 0 {
            let t = fields.tokens[first - 1]
            let sameRow = row != nil ? t.row == row : t.line == line
            if !sameRow || excluding[first - 1] { break }
            first -= 1
        }
        let previousLabelEnd = fields.occurrences.last { $0.end <= unitLabel.start }?.end ?? 0
        let start = max(fields.squeezed.tokenStart[first], previousLabelEnd)
        return start..<unitLabel.start
    }

    /// `483001 乐亭县行政审批局本级` → code and name.
    static func budgetUnit(_ text: String) -> BudgetUnit {
        let t = CellText.trimmedWhitespace(text)
        guard !t.isEmpty else { return BudgetUnit() }
        let digits = t.prefix(while: \.isASCIIDigit)
        let name = CellText.trimmedWhitespace(t.dropFirst(digits.count))
        return BudgetUnit(code: digits.count >= 3 ? String(digits) : nil, name: name.isEmpty ? nil : (digits.count >= 3 ? name : t))
    }

    /// Goal entries: numbered items (`1.` `2、`) at the start of a line or cell; numbering dropped.
    static func entries(_ tokens: [Token], _ indices: [Int], _ source: SourceLines) -> [String] {
        var entries: [String] = []
        var current = ""
        for i in indices {
            let t = tokens[i]
            let text = source.text(of: t)
            // Numbering starts an entry at a line or cell start, or mid-line when it is the next number (`1.甲 2.乙`).
            let n = OverviewReader.numbering(text)
            let numbered = n != nil && (t.gap != .space || i == indices.first || n!.number == entries.count + 2)
            if numbered || current.isEmpty && entries.isEmpty {
                if !current.isEmpty { entries.append(current) }
                current = ""
                let stripped = numbered ? OverviewReader.dropNumbering(text) : text
                CellText.append(stripped, to: &current, spaced: false)
            } else {
                CellText.append(text, to: &current, spaced: t.gap != .line)
            }
        }
        if !current.isEmpty { entries.append(current) }
        return entries.filter { !$0.isEmpty }
    }

    // MARK: Spending plan

    func readPlan(fields: LabeledFields, total: Decimal?) -> SpendingPlan {
        let planLabels = fields.occurrences.filter {
            if case .month = $0.label { return true }
            return $0.label == .plan
        }
        var cells: [(text: String, token: Token, number: Decimal, digits: String)] = []
        for o in planLabels {
            for i in fields.tokenIndices(fields.valueRange(of: o)) {
                let t = fields.tokens[i]
                let start = max(fields.squeezed.tokenStart[i], o.end)
                let end = min(fields.squeezed.tokenStart[i + 1], fields.valueRange(of: o).upperBound)
                guard start < end else { continue }
                let text = fields.text(start..<end)
                if let (number, digits) = ValueReader.leadingNumber(Substring(text)) { cells.append((text, t, number, digits)) }
            }
        }
        guard !cells.isEmpty else { return SpendingPlan() }
        let raw = cells.map(\.text).joined(separator: " ")
        let numbers = cells.map(\.number)
        let percent = cells.contains { $0.text.includes("%") || $0.text.includes("％") }
        var values = numbers
        if !percent, let total, total > 0, let top = numbers.max(), top <= total, !(top == 100 && total != 100) {
            // The digits as written: a Decimal's own would be read back from its description.
            let totalDigits = ValueReader.digits(of: total)
            values = cells.map { cell in
                let digits = ValueReader.integerAndScale(cell.digits.unicodeScalars).map { ($0.integer, -$0.scale) }
                return Self.percent(cell.number, of: total, digits: digits, totalDigits)
            }
        }

        // Place the values in their columns.
        var slots: [Decimal?] = [nil, nil, nil, nil]
        let monthColumns: [Int: Int] = Dictionary(
            fields.occurrences.compactMap { o -> (Int, Int)? in
                guard case let .month(m) = o.label, let c = fields.tokens[fields.squeezed.tokenIndex[o.start]].column else { return nil }
                return (c, m)
            }, uniquingKeysWith: { a, _ in a })
        if monthColumns.count == 4, cells.allSatisfy({ $0.token.column.flatMap { monthColumns[$0] } != nil }) {
            for (k, cell) in cells.enumerated() { slots[monthColumns[cell.token.column!]!] = values[k] }
        } else if values.count >= 4 {
            for k in 0..<4 { slots[k] = values[k] }
        } else {
            let line = cells[0].token.line
            let rawLine = lines[line]
            let leading = rawLine.prefix(while: CellText.isSpace).count
            let trailing = rawLine.reversed().prefix(while: CellText.isSpace).count
            let fromLeft = trailing >= 2 && leading < 2
            let fromRight = leading >= 2 && trailing < 2
            if fromLeft {
                for (k, v) in values.enumerated() { slots[k] = v }
            } else if fromRight {
                for (k, v) in values.enumerated() { slots[4 - values.count + k] = v }
            } else if values.count == 1 {
                if values[0] == 100 { slots[3] = 100 }
            } else {
                for (k, v) in values.enumerated() { slots[k] = v }
            }
        }
        return SpendingPlan(mar: slots[0], jun: slots[1], oct: slots[2], dec: slots[3], raw: raw)
    }

    /// `part` as a percentage of `total`, rounded half up to two places. In integers when both fit
    /// in 64 bits (Foundation's `Decimal` division costs tens of thousands of instructions); the
    /// result is the same, since an amount over a 64-bit total never lies within 10⁻³⁰ of a rounding
    /// boundary without being on it.
    static func percent(_ part: Decimal, of total: Decimal) -> Decimal {
        percent(part, of: total, digits: ValueReader.digits(of: part), ValueReader.digits(of: total))
    }

    /// `percent`, given each number's digits as an integer and a power of ten (nil past 64 bits).
    static func percent(_ part: Decimal, of total: Decimal, digits partDigits: (UInt64, Int)?, _ totalDigits: (UInt64, Int)?) -> Decimal {
        integerPercent(partDigits, of: totalDigits) ?? rounded(part / total * 100)
    }

    private static func integerPercent(_ part: (UInt64, Int)?, of total: (UInt64, Int)?) -> Decimal? {
        guard let (a, ea) = part, let (b, eb) = total, b > 0 else { return nil }
        // part / total × 10⁴, as numerator / denominator in integers.
        let shift = ea - eb + 4
        guard let power = ValueReader.powerOfTen(abs(shift)),
            case let (numerator, false) = shift >= 0 ? a.multipliedReportingOverflow(by: power) : (a, false),
            case let (denominator, false) = shift < 0 ? b.multipliedReportingOverflow(by: power) : (b, false)
        else { return nil }
        var hundredths = numerator / denominator
        if (numerator % denominator) * 2 >= denominator { hundredths += 1 }  // half up, as NSDecimalRound's .plain
        var exponent = -2
        while hundredths != 0, hundredths % 10 == 0, exponent < 0 {
            hundredths /= 10
            exponent += 1
        }
        return exponent == 0 ? Decimal(hundredths) : Decimal(sign: .plus, exponent: exponent, significand: Decimal(hundredths))
    }

    static func rounded(_ d: Decimal) -> Decimal {
        var value = d
        var result = Decimal()
        NSDecimalRound(&result, &value, 2, .plain)
        return result
    }

    // MARK: Indicator header

    struct Header {
        var columns: [(Int, IndicatorColumn)]
        var gridColumns: [Int: IndicatorColumn]
        var endToken: Int
    }

    static let columnLabels = IndicatorColumn.labels.map { (SqueezedText.label($0.0), $0.1) }

    static func header(squeezed: SqueezedText, tokens: [Token], from start: Int) -> Header {
        let labels = Self.columnLabels
        var p = start
        var columns: [(Int, IndicatorColumn)] = []
        var grid: [Int: IndicatorColumn] = [:]
        while let (chars, column) = labels.first(where: { squeezed.matches($0.0, at: p) }) {
            columns.append((p, column))
            if let c = tokens[squeezed.tokenIndex[p]].column { grid[c] = column }
            p += chars.count
        }
        // 绩效标准 is the basis beside a 指标值 column, else the value itself.
        let standard: IndicatorColumn = columns.contains { $0.1 == .value } ? .basis : .value
        columns = columns.map { ($0.0, $0.1 == .standard ? standard : $0.1) }
        grid = grid.mapValues { $0 == .standard ? standard : $0 }
        // The header ends with the token holding its last character.
        let endToken = p < squeezed.count ? squeezed.tokenIndex[p] : tokens.count
        if p < squeezed.count, squeezed.tokenStart[endToken] != p {
            return Header(columns: columns, gridColumns: grid, endToken: endToken + 1)
        }
        return Header(columns: columns, gridColumns: grid, endToken: endToken)
    }

    /// A header printed again after a page break is dropped; the token after it is marked.
    /// `squeezed` is the body's squeezed text as it comes. The headers are all found first and dropped
    /// from the last back, so that the places found stay true without squeezing the body again.
    static func removeRepeatedHeaders(_ body: inout [Token], squeezed: SqueezedText) {
        var headers: [Range<Int>] = []
        var from = 0
        while let at = squeezed.firstIndex(of: "一级指标二级指标", from: from) {
            let h = header(squeezed: squeezed, tokens: body, from: at)
            headers.append(squeezed.tokenIndex[at]..<h.endToken)
            from = squeezed.tokenStart[h.endToken]
        }
        for header in headers.reversed() {
            body.removeSubrange(header)
            let next = header.lowerBound
            if next < body.count {
                body[next].afterPageBreak = true
                if body[next].gap == .space { body[next].gap = .line }
            }
        }
    }
}
