import Foundation

/// The common Excel template where each row is one indicator, with columns for the project (名称, 编码,
/// 预算数 …) beside 一级/二级/三级, the value and its basis. Its rows are regrouped by project and written
/// out as the official table, so that one reader reads both forms and values are read one way.
struct IndicatorList {
    enum Column: Hashable {
        case field(FieldLabel)
        case indicator(IndicatorColumn)
        case unitCode
    }

    var columns: [Int: Column]
    var moneyUnit: String?
    var rows: ArraySlice<[String]>

    /// The sheet's header when it has a project column and a 三级 column; nil for other layouts. The
    /// header may take two rows (`绩效指标` over `一级指标 | 二级指标 | 三级指标`, merged cells above).
    init?(_ sheet: Workbook.Sheet) {
        let rows = sheet.rows
        // A header of one row first: a row of labels under a title is not a header's lower half.
        for height in [1, 2] {
            for k in rows.indices.prefix(30) where k + height <= rows.count {
                let header = height == 1 ? rows[k] : Self.combined(rows[k], rows[k + 1])
                guard let (columns, unit) = Self.columns(header) else { continue }
                self.columns = columns
                moneyUnit = unit ?? Self.statedMoneyUnit(rows[..<k])
                self.rows = rows[(k + height)...]
                return
            }
        }
        return nil
    }

    /// Two header rows as one: the lower row's label where it has one, else the upper's.
    static func combined(_ upper: [String], _ lower: [String]) -> [String] {
        (0..<max(upper.count, lower.count)).map { c in
            let below = c < lower.count ? lower[c].trimmingCharacters(in: .whitespaces) : ""
            return below.isEmpty ? (c < upper.count ? upper[c] : "") : below
        }
    }

    /// What each header cell names, and a money unit written in one (`预算数（万元）`).
    static func columns(_ header: [String]) -> ([Int: Column], String?)? {
        var columns: [Int: Column] = [:]
        var unit: String?
        for (c, cell) in header.enumerated() {
            var label = CellText.normalize(cell).filter { !$0.isWhitespace }
            // `预算数（万元）` gives the money unit; `三级指标（指标名称）` a note that is not part of the label.
            for (open, close) in [("（", "）"), ("(", ")")] {
                if let o = label.range(of: open), label.hasSuffix(close), o.lowerBound > label.startIndex {
                    let inner = String(label[o.upperBound...].dropLast())
                    if ["元", "万元"].contains(inner) { unit = inner }
                    label = String(label[..<o.lowerBound])
                }
            }
            if ["单位编码", "单位代码", "部门编码", "预算单位编码"].contains(label) {
                columns[c] = .unitCode
            } else if ["单位名称", "实施单位", "部门名称"].contains(label) {
                columns[c] = .field(.department)
            } else if let (_, column) = IndicatorColumn.labels.first(where: { $0.0 == label }) {
                columns[c] = .indicator(column)
            } else if label == "指标名称" {
                columns[c] = .indicator(.level3)
            } else if let (_, field) = FieldLabel.all.first(where: { $0.0 == label }) {
                columns[c] = .field(field)
            }
        }
        let values = Set(columns.values)
        guard values.contains(.indicator(.level3)), values.contains(.field(.name)) || values.contains(.field(.code)) else { return nil }
        return (columns, unit)
    }

    /// `金额单位：万元` in a line above the header.
    static func statedMoneyUnit(_ rows: ArraySlice<[String]>) -> String? {
        for cell in rows.joined() {
            let t = CellText.normalize(cell)
            for label in ["金额单位：", "单位：", "金额单位:", "单位:"] {
                if let r = t.range(of: label) {
                    let rest = t[r.upperBound...].trimmingCharacters(in: .whitespaces)
                    if rest.hasPrefix("万元") { return "万元" }
                    if rest.hasPrefix("元") { return "元" }
                }
            }
        }
        return nil
    }

    static let header: [IndicatorColumn: String] = [
        .level1: "一级指标", .level2: "二级指标", .level3: "三级指标", .description: "绩效指标描述", .nature: "指标性质",
        .value: "指标值", .unit: "度量单位", .basis: "指标值确定依据", .standard: "绩效标准", .weight: "权重", .remark: "备注",
    ]

    /// The projects as official tables in text, one after another.
    var text: String {
        struct Group {
            var key: String
            var first: [Column: String] = [:]
            var rows: [[String]] = []
        }
        let indicatorOrder: [IndicatorColumn] = [.level1, .level2, .level3, .description, .nature, .value, .unit, .basis, .standard, .weight, .remark]
        let present = indicatorOrder.filter { c in columns.values.contains(.indicator(c)) }
        var groups: [Group] = []
        var carried: [Column: String] = [:]
        for row in rows {
            var cells: [Column: String] = [:]
            for (c, column) in columns where c < row.count {
                let v = row[c].trimmingCharacters(in: .whitespacesAndNewlines)
                if !v.isEmpty { cells[column] = v }
            }
            if cells.isEmpty { continue }
            // A project's own cells are often merged or left blank after its first row.
            for column in [Column.field(.name), .field(.code), .field(.department), .unitCode] {
                if let v = cells[column] { carried[column] = v } else if let v = carried[column] { cells[column] = v }
            }
            let key = (cells[.field(.code)] ?? "") + "\u{1}" + (cells[.field(.name)] ?? "")
            if groups.last?.key != key { groups.append(Group(key: key)) }
            for (column, v) in cells where groups[groups.count - 1].first[column] == nil { groups[groups.count - 1].first[column] = v }
            groups[groups.count - 1].rows.append(present.map { cells[.indicator($0)] ?? "" })
        }
        var lines: [String] = []
        for g in groups {
            let v = { (f: FieldLabel) in g.first[.field(f)] ?? "" }
            lines.append("\(v(.name))绩效目标表")
            let unit = [g.first[.unitCode], g.first[.field(.department)]].compactMap { $0 }.joined(separator: " ")
            lines.append([unit, moneyUnit.map { "单位：\($0)" } ?? ""].filter { !$0.isEmpty }.joined(separator: "\t"))
            lines.append("项目名称\t\(v(.name))")
            if !v(.code).isEmpty { lines.append("项目编码\t\(v(.code))") }
            lines.append("预算数\t\(v(.total))\t其中：财政资金\t\(v(.fiscal))\t其他资金\t\(v(.other))")
            if !v(.purpose).isEmpty { lines.append("预算规模及资金用途\t\(v(.purpose))") }
            if !v(.scale).isEmpty { lines.append("预算规模及资金用途\t\(v(.scale))") }
            lines.append("年度绩效目标\t\(v(.goals))")
            lines.append(present.map { Self.header[$0]! }.joined(separator: "\t"))
            lines += CellRows.lines(g.rows)
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
