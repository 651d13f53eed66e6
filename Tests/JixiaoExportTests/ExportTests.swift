import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

import JixiaoReader

@testable import JixiaoExport

@Suite(.needsShared) struct ExportTests {
    /// RFC 4180 records, to read the export back independently of how it was written.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else {
                field.append(c)
            }
        }
        return records
    }

    @Test(arguments: Shared.seedNames)
    func everyIndicatorOfASeedIsARow(_ name: String) throws {
        let document = try Shared.goldDocument(name)
        let data = CSVExport.document(document)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let rows = Self.records(String(decoding: data.dropFirst(3), as: UTF8.self))
        #expect(rows.first == CSVExport.columns)
        let expected = document.projects.map { max(1, $0.indicators.count) }.reduce(0, +)
        #expect(rows.count - 1 == expected)
        // Every value comes back as written, in its column.
        var line = 1
        for (k, p) in document.projects.enumerated() {
            for (r, i) in p.indicators.enumerated() {
                let row = rows[line]
                #expect(row[2] == "\(k + 1)" && row[4] == p.name && row[13] == "\(r + 1)")
                #expect(row[16] == i.level3 && row[18] == i.value && row[19] == (i.basis ?? ""))
                line += 1
            }
            if p.indicators.isEmpty { line += 1 }
        }
    }

    @Test func spreadsheetFormulasStayText() {
        #expect(CSVExport.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVExport.field("+1") == "'+1" && CSVExport.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVExport.field("-2+3") == "'-2+3" && CSVExport.field("-2.5") == "-2.5")
        #expect(CSVExport.field("a,b") == "\"a,b\"" && CSVExport.field("≥98%") == "≥98%")
    }
}

/// Every seed's workbook opened by an independent reader (Python's openpyxl): the sheets, the merged
/// head and 一级/二级 cells, numbers as numbers, every indicator in its row, the print setup.
@Suite(.needsShared) struct WorkbookTests {
    static let checker = #"""
        import json, sys, openpyxl
        expected = json.load(open(sys.argv[2]))
        wb = openpyxl.load_workbook(sys.argv[1])
        assert wb.sheetnames == ["部门整体绩效目标"] + [f"项目{k + 1}" for k in range(len(expected["projects"]))], wb.sheetnames
        assert wb["部门整体绩效目标"]["A1"].value.startswith(expected["unit"])
        for k, p in enumerate(expected["projects"]):
            ws = wb[f"项目{k + 1}"]
            merges = {str(m) for m in ws.merged_cells.ranges}
            last = openpyxl.utils.get_column_letter(p["columns"])
            t = 1
            if p["heading"]:
                assert f"A1:{last}1" in merges and ws["A1"].value == p["heading"], (k, ws["A1"].value)
                t = 2
            assert f"A{t}:{last}{t}" in merges and ws[f"A{t}"].value.startswith("预算项目绩效目标表"), (k, merges)
            assert (ws[f"A{t + 1}"].value or "") == p["unitLine"] and ws.cell(t + 1, p["columns"]).value.startswith("金额单位："), (k, ws[f"A{t + 1}"].value)
            n = t + 2
            assert ws[f"A{n}"].value == "项目名称" and ws[f"B{n}"].value == p["name"], (k, ws[f"B{n}"].value)
            assert f"B{n}:{last}{n}" in merges
            if p["budget"] is not None:
                b = ws[f"B{n + 2}"]
                assert isinstance(b.value, (int, float)) and abs(b.value - p["budget"]) < 1e-9, (k, b.value)
                assert b.number_format == "0.00"
            assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
            # The indicator rows: 三级 and 指标值 in their columns; 一级 merged over its run.
            rows = {}
            for r in ws.iter_rows(min_row=1, values_only=True):
                if r[2] is not None: rows.setdefault(r[2], []).append(r)
            head = next(i for i, r in enumerate(ws.iter_rows(values_only=True), 1) if r[0] == "一级指标")
            for j, i in enumerate(p["indicators"]):
                r = head + 1 + j
                assert (ws.cell(r, 3).value or "") == i["level3"], (k, j, ws.cell(r, 3).value, i["level3"])
                assert (ws.cell(r, p["valueColumn"]).value or "") == i["value"], (k, j, ws.cell(r, p["valueColumn"]).value)
            for run in p["level1Runs"]:
                first, count = head + 1 + run[0], run[1]
                if count > 1: assert f"A{first}:A{first + count - 1}" in merges, (k, run, sorted(merges))
        print("ok")
        """#

    @Test(arguments: Shared.seedNames)
    func openpyxlReadsWhatWeWrote(_ name: String) throws {
        let document = try Shared.goldDocument(name)
        let data = try XLSXExport.document(document)
        // What the reader should find, from the document.
        let projects: [JSONValue] = document.projects.map { p in
            let table = OfficialTable(p, year: document.fiscalYear)
            var runs: [JSONValue] = []
            var k = 0
            while k < p.indicators.count {
                var end = k + 1
                while end < p.indicators.count, p.indicators[end].level1 == p.indicators[k].level1 { end += 1 }
                runs.append(.array([.number(Decimal(k)), .number(Decimal(end - k))]))
                k = end
            }
            return .object([
                ("name", .string(p.name)), ("heading", table.heading.map { .string($0) } ?? .null), ("unitLine", .string(table.unitLine)),
                ("columns", .number(Decimal(table.columns))), ("budget", p.budget.total.map { .number($0) } ?? .null),
                ("valueColumn", .number(Decimal(4 + (table.showDescription ? 1 : 0)))),
                ("indicators", .array(p.indicators.map { .object([("level3", .string($0.level3)), ("value", .string($0.value))]) })),
                ("level1Runs", .array(runs)),
            ])
        }
        let complaint = try Self.openpyxl(Self.checker, data, expected: .object([("unit", .string(document.department.name)), ("projects", .array(projects))]))
        #expect(complaint == nil, "\(name): \(complaint ?? "")")
    }

    /// A table cut off in its source comes back from its own workbook still cut off.
    @Test func aCutOffTableStaysCutOffThroughItsWorkbook() throws {
        var document = try Shared.goldDocument(Shared.seedNames[0])
        document.projects[1].complete = false
        let back = try DocumentReader.read(try XLSXExport.document(document)).document
        #expect(back.projects.map(\.complete) == document.projects.map(\.complete))
        let one = try DocumentReader.read(try XLSXExport.project(document.projects[1], year: document.fiscalYear)).document
        #expect(one.projects.map(\.complete) == [false])
        document.projects[1].complete = true
        #expect(try DocumentReader.read(try XLSXExport.document(document)).document.projects.allSatisfy(\.complete))
    }

    /// Runs a Python check on a workbook with what it should find; nil when it prints `ok`, else what it said.
    static func openpyxl(_ script: String, _ workbook: Data, expected: JSONValue) throws -> String? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try workbook.write(to: dir.appendingPathComponent("t.xlsx"))
        try Data(script.utf8).write(to: dir.appendingPathComponent("check.py"))
        try Data(expected.serialized().utf8).write(to: dir.appendingPathComponent("expected.json"))
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", dir.appendingPathComponent("check.py").path, dir.appendingPathComponent("t.xlsx").path, dir.appendingPathComponent("expected.json").path,
        ]
        let out = Pipe(), err = Pipe()
        python.standardOutput = out
        python.standardError = err
        try python.run()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        return python.terminationStatus == 0 && said.contains("ok") ? nil : String(complaint.suffix(800))
    }

    /// The 自评表 workbook: a sheet per project, the head merged, figures as numbers, the total row.
    @Test func selfEvaluationWorkbook() throws {
        let rows = [
            SelfEvaluationTable.Row(level1: "产出指标", level2: "数量指标", name: "测试次数", target: "≥10 次", actual: "8", weight: 45, score: 36, explanation: "设备晚到"),
            SelfEvaluationTable.Row(level1: "满意度指标", level2: "服务对象满意度指标", name: "满意度", target: "≥95%", actual: "96", weight: 45, score: 45, explanation: ""),
        ]
        let table = SelfEvaluationTable(
            position: 1, name: "测试项目", year: 2024, moneyUnit: "万元", budget: 10, spent: 9, rate: "90.0%", budgetWeight: 10, budgetScore: 9,
            rows: rows, total: 90, grade: "优")
        var second = table
        second.position = 2
        let data = try XLSXExport.selfEvaluation([table, second], unitLine: "100001 测试局")
        #expect(throws: XLSXExport.Failure.self) { try XLSXExport.selfEvaluation([table, table], unitLine: "") }
        let checker = #"""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            assert wb.sheetnames == ["自评1", "自评2"], wb.sheetnames
            ws = wb["自评1"]
            merges = {str(m) for m in ws.merged_cells.ranges}
            assert ws["A1"].value == "项目支出绩效自评表（2024年度）" and "A1:H1" in merges
            assert ws["A2"].value == "100001 测试局" and ws["H2"].value == "金额单位：万元"
            assert ws["B3"].value == "1. 测试项目" and "B3:H3" in merges
            assert ws["B5"].value == 10 and ws["C5"].value == 9 and ws["E5"].value == "90.0%" and ws["F5"].value == 9 and "F5:H5" in merges
            assert [c.value for c in ws[6]] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
            assert ws["C7"].value == "测试次数" and ws["F7"].value == 45 and ws["G7"].value == 36 and ws["H7"].value == "设备晚到"
            assert ws["G7"].number_format == "0.00"
            assert ws["A9"].value == "总分" and "A9:E9" in merges and ws["G9"].value == 90 and ws["H9"].value == "自评等级：优"
            assert ws.page_setup.orientation == "landscape"
            print("ok")
            """#
        let complaint = try Self.openpyxl(checker, data, expected: .null)
        #expect(complaint == nil, "\(complaint ?? "")")
        // The same table as CSV, one indicator a row.
        let csv = String(decoding: CSVExport.selfEvaluation([table], unit: "测试局").dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(csv.count == 3 && csv[1] == "测试局,2024,1,测试项目,万元,10,9,90.0%,10,9,1,产出指标,数量指标,测试次数,≥10 次,8,45,36,设备晚到,90,优")
    }
}

/// Each seed → jixiao/1 → the workbook → read back by our own reader: the answer key again.
@Suite(.needsShared) struct WorkbookRoundTripTests {
    @Test(arguments: Shared.seedNames)
    func aSeedsWorkbookReadsBackToItsAnswerKey(_ name: String) throws {
        let read = try DocumentReader.read(Shared.seed(name)).document
        let document = try DocumentJSON.decode(Data(DocumentJSON.encode(read).utf8))
        let result = try DocumentReader.read(XLSXExport.document(document), name: "\(name).xlsx")
        #expect(result.format == .xlsx)
        let mismatches = try Shared.readBackMismatches(name, result.document)
        #expect(mismatches == [])
    }
}

/// The 自评表 of a project with nothing reported: dashes for the scores, 未填报 for the grade.
@Suite struct UnreportedTableTests {
    @Test func scoresAreDashesAndTheGradeSaysUnreported() {
        let row = SelfEvaluationTable.Row(level1: "产出指标", level2: "数量指标", name: "次数", target: "≥3 次", actual: "—", weight: 50, score: 0, explanation: "")
        let table = SelfEvaluationTable(
            position: 1, name: "项目", year: 2025, moneyUnit: "万元", budget: 10, spent: nil, rate: "—", budgetWeight: 10, budgetScore: 0, rows: [row],
            total: 0, grade: "未填报", reported: false)
        let cells = table.grid.flatMap { $0 }
        #expect(cells.first { $0.key == "total" }?.text == "—" && cells.first { $0.key == "i1.score" }?.text == "—")
        #expect(cells.first { $0.key == "grade" }?.text == "自评等级：未填报")
    }
}
