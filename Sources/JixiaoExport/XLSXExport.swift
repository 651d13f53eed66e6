import CXlsxWriter
import Foundation
import JixiaoModel

/// The official tables as an Excel workbook, written by libxlsxwriter: a sheet for the department's
/// overall goals and one per project with its 预算项目绩效目标表 (merged head and 一级/二级 cells, borders,
/// wrapped text, a CJK font, numbers as numbers, A4 landscape, one page wide).
public enum XLSXExport {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func document(_ d: TargetDocument) throws -> Data {
        try write { book, formats in
            guard let overview = workbook_add_worksheet(book, "部门整体绩效目标") else { throw Failure(description: "cannot add the overview sheet") }
            worksheet_set_column(overview, 0, 0, 100, formats.text)
            for (row, line) in OverviewText.lines(d).enumerated() {
                let format: Format
                switch line.style {
                case .title: format = formats.title
                case .heading: format = formats.heading
                case .itemTitle: format = formats.bold
                case .text: format = formats.text
                }
                worksheet_write_string(overview, UInt32(row), 0, line.text, format)
            }
            for (k, p) in d.projects.enumerated() { try sheet(book, name: "项目\(k + 1)", p, year: d.fiscalYear, formats) }
            markIncomplete(book, d.projects.indices.filter { !d.projects[$0].complete }.map { $0 + 1 })
        }
    }

    public static func project(_ p: Project, year: Int?) throws -> Data {
        try write { book, formats in
            try sheet(book, name: "项目", p, year: year, formats)
            markIncomplete(book, p.complete ? [] : [1])
        }
    }

    /// Tables cut off in their source stay `complete: false` when the workbook is read back; the sheets say it on print.
    static func markIncomplete(_ book: Book, _ positions: [Int]) {
        guard !positions.isEmpty else { return }
        workbook_set_custom_property_string(book, Project.incompleteWorkbookProperty, positions.map(String.init).joined(separator: ","))
    }

    typealias Format = UnsafeMutablePointer<lxw_format>?
    typealias Book = UnsafeMutablePointer<lxw_workbook>

    struct Formats {
        var title, heading, bold, text, label, value, money, number: Format
    }

    /// Makes a workbook in a temporary file (libxlsxwriter writes files), returns its bytes.
    static func write(_ fill: (Book, Formats) throws -> Void) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        guard let book = workbook_new(url.path) else { throw Failure(description: "cannot start a workbook") }
        func format(_ set: (Format) -> Void) -> Format {
            let f = workbook_add_format(book)
            format_set_font_name(f, "宋体")
            format_set_font_size(f, 10.5)
            set(f)
            return f
        }
        let cell = { (f: Format) in
            format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        }
        let formats = Formats(
            title: format { f in
                format_set_bold(f); format_set_font_size(f, 16)
                format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
            },
            heading: format { f in
                format_set_bold(f); format_set_font_size(f, 12)
            },
            bold: format { f in format_set_bold(f) },
            text: format { f in format_set_text_wrap(f) },
            label: format { f in
                cell(f)
                format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                format_set_bg_color(f, 0xEEF2F6)
            },
            value: format { f in cell(f) },
            money: format { f in
                cell(f); format_set_num_format(f, "0.00")
            },
            number: format { f in
                cell(f); format_set_num_format(f, "General")
            })
        do { try fill(book, formats) } catch {
            workbook_close(book)
            throw error
        }
        let result = workbook_close(book)
        guard result == LXW_NO_ERROR else { throw Failure(description: "cannot write the workbook (libxlsxwriter error \(result.rawValue))") }
        return try Data(contentsOf: url)
    }

    static func sheet(_ book: Book, name: String, _ project: Project, year: Int?, _ formats: Formats) throws {
        let table = OfficialTable(project, year: year)
        // Characters across a landscape A4 page, shared as on the printed page.
        try gridSheet(
            book, name: name, heading: table.heading, title: "预算项目绩效目标表" + (year.map { "（\($0)年度）" } ?? ""), unitLine: table.unitLine,
            moneyUnit: table.moneyUnit, columns: table.columns, cells: table.placed(), widths: table.columnWidths.map { Double($0) * 1.5 }, formats)
        if !project.complete, let sheet = workbook_get_worksheet_by_name(book, name) {
            worksheet_set_footer(sheet, "&C" + Project.incompleteNote)
        }
    }

    /// The 项目支出绩效自评表 of each project, a sheet each.
    public static func selfEvaluation(_ tables: [SelfEvaluationTable], unitLine: String) throws -> Data {
        try write { book, formats in
            for t in tables {
                try gridSheet(
                    book, name: "自评\(t.position)", heading: nil, title: "项目支出绩效自评表" + (t.year.map { "（\($0)年度）" } ?? ""), unitLine: unitLine,
                    moneyUnit: t.moneyUnit, columns: t.columns, cells: OfficialTable.placed(t.grid, columns: t.columns),
                    widths: [14, 14, 22, 16, 16, 9, 9, 30], formats)
            }
        }
    }

    /// One table on a sheet: an optional heading, the title, the unit and money unit, then the grid
    /// with its merges, borders and number formats; A4 landscape, one page wide, the head repeated.
    static func gridSheet(
        _ book: Book, name: String, heading: String?, title: String, unitLine: String, moneyUnit: String, columns: Int,
        cells: [(row: Int, column: Int, cell: OfficialTable.Cell)], widths: [Double], _ formats: Formats
    ) throws {
        guard let sheet = workbook_add_worksheet(book, name) else { throw Failure(description: "cannot add the sheet “\(name)”") }
        let last = UInt16(columns - 1)
        for c in 0..<columns { worksheet_set_column(sheet, UInt16(c), UInt16(c), widths[min(c, widths.count - 1)], nil) }
        var top: UInt32 = 0
        if let heading {
            worksheet_merge_range(sheet, top, 0, top, last, heading, formats.heading)
            top += 1
        }
        worksheet_merge_range(sheet, top, 0, top, last, title, formats.title)
        worksheet_merge_range(sheet, top + 1, 0, top + 1, last - 1, unitLine, formats.text)
        worksheet_write_string(sheet, top + 1, last, "金额单位：\(moneyUnit)", formats.text)
        worksheet_repeat_rows(sheet, 0, top + 1)
        top += 2
        for (r, c, cell) in cells {
            let row = top + UInt32(r), column = UInt16(c)
            let format =
                cell.label
                ? formats.label
                : cell.number == nil ? formats.value : cell.key.hasPrefix("spendingPlan") || cell.key.hasSuffix("weight") ? formats.number : formats.money
            if cell.rowspan > 1 || cell.colspan > 1 {
                worksheet_merge_range(sheet, row, column, row + UInt32(cell.rowspan - 1), column + UInt16(cell.colspan - 1), cell.text, format)
            }
            if let n = cell.number {
                worksheet_write_number(sheet, row, column, NSDecimalNumber(decimal: n).doubleValue, format)
            } else if cell.rowspan == 1 && cell.colspan == 1 {
                worksheet_write_string(sheet, row, column, cell.text, format)
            }
        }
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 9)  // A4
        worksheet_fit_to_pages(sheet, 1, 0)
    }
}
