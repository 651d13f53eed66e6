import Foundation
import JixiaoModel
import Testing

/// `jixiao library` on hand-built documents: spellings grouped, units counted, the targets' spread.
@Suite struct LibraryCommandTests {
    typealias CLI = ReadCommandTests

    static func document(_ unit: String, year: Int, name: String, number: Decimal) -> TargetDocument {
        let row = Indicator(
            level1: "满意度指标", level2: "服务对象满意度指标", level3: name, value: "≥\(number)%", basis: "问卷调查",
            target: Target(kind: .quantitative, op: .atLeast, number: number, unit: "%"))
        return TargetDocument(
            fiscalYear: year, department: Department(code: unit, name: "单位\(unit)"), projects: [Project(name: "项目\(unit)", indicators: [row])])
    }

    @Test func filesMakeOneGroupWithItsSpread() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for (unit, name, number) in [("101", "1.服务对象满意度（%）", Decimal(90)), ("102", "★服务对象满意率", 95), ("103", "服务对象 满意度", 80)] {
            let file = dir.appendingPathComponent("\(unit).json")
            try Data(DocumentJSON.encode(Self.document(unit, year: 2025, name: name, number: number)).utf8).write(to: file)
            files.append(file.path)
        }
        let run = try CLI.jixiao(["library"] + files)
        let text = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == 0)
        #expect(text.contains("服务对象满意度指标  3 个单位 · 2025，3 处"))
        #expect(text.contains("中位 ≥90%（10%–90% 分位 82–94），3 处"))
        let json = try JSONValue.parse(try CLI.jixiao(["library", "--format", "json", "--search", "满意率"] + files).stdout)
        let group = try #require(json["groups"]?.arrayValue?.first)
        #expect(group["key"]?.stringValue == "服务对象满意度" && group["units"]?.decimalValue == 3)
        #expect(group["targets"]?.arrayValue?.first?["p90"]?.decimalValue == 94)
        #expect(try CLI.jixiao(["library", dir.appendingPathComponent("none.txt").path]).status == 2)

        // Imported, the database's library says the same; rebuilt from scratch, still the same.
        let db = dir.appendingPathComponent("library.sqlite").path
        #expect(try CLI.jixiao(["import"] + files + ["--db", db]).status == 0)
        let stored = try CLI.jixiao(["library", "--db", db])
        #expect(stored.status == 0 && String(decoding: stored.stdout, as: UTF8.self) == text)
        #expect(try CLI.jixiao(["library", "--db", db, "--rebuild"]).stdout == stored.stdout)
        #expect(String(decoding: try CLI.jixiao(["library", "--db", db, "--year", "2024"]).stdout, as: UTF8.self) == "没有找到指标\n")
    }
}
