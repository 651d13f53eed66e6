import Foundation
import JixiaoModel
import JixiaoReader
import JixiaoTestSupport
import SQLKit
import Testing

@testable import JixiaoStore

/// The library a store keeps: worked out by hand on a few units, kept current through imports and
/// edits, and the same as the library built again from scratch.
@Suite struct LibraryStoreTests {
    typealias Row = (level2: String, name: String, value: String, basis: String?)

    static func document(_ unit: String, year: Int, project: String = "政务服务中心运行维护费", region: String = "130225", _ rows: [Row]) -> TargetDocument {
        let indicators = rows.map { r in
            Indicator(
                level1: r.level2.hasPrefix("服务对象") ? "满意度指标" : "产出指标", level2: r.level2, level3: r.name, value: r.value, basis: r.basis,
                target: ValueReader.read(r.value))
        }
        return TargetDocument(
            fiscalYear: year, department: Department(code: unit, name: "单位\(unit)", regionCode: region),
            projects: [Project(code: "\(region)\(year % 100)P\(unit)", name: "\(year)年\(project)", indicators: indicators)])
    }

    /// Three units, two years: 满意度 spelled three ways, 培训人次 twice (once in words).
    static let units = [
        document(
            "101", year: 2024,
            [("服务对象满意度指标", "1.服务对象满意度（%）", "≥90%", "上年度调查"), ("数量指标", "培训人次", "≥200人次", nil), ("时效指标", "按时办结率", "≥95%", nil)]),
        document("102", year: 2025, [("服务对象满意度指标", "★服务对象满意率", "≥95%", "上年度调查")]),
        document(
            "103", year: 2025, project: "网络运行维护费", region: "130229",
            [("服务对象满意度指标", "服务对象 满意度", "≥80%", "行业标准"), ("数量指标", "培训人次", "较上年有所增加", nil)]),
    ]

    @Test(arguments: TestDatabase.available)
    func groupsAndFiguresWorkedOutByHand(_ kind: TestDatabase) async throws {
        try await StoreTests.withStore(kind) { store in
            for d in Self.units { _ = try await store.save(d, findings: []) }
            let page = try await store.library()
            #expect(page.total == 3)
            #expect(page.items.map(\.key) == ["服务对象满意度", "培训人次", "按时办结率"])
            let satisfaction = page.items[0]
            #expect(satisfaction.units == 3 && satisfaction.uses == 3 && satisfaction.years == [2024, 2025])
            #expect(satisfaction.level1 == "满意度指标" && satisfaction.level2 == "服务对象满意度指标")
            // 80, 90, 95: the median 90; p10 = 80 + 10 × 0.2; p90 = 90 + 5 × 0.8.
            #expect(satisfaction.targets == [.init(op: .atLeast, unit: "%", count: 3, median: 90, p10: 82, p90: 94)])
            // The same as the library learned from the documents at hand.
            let inMemory = IndicatorLibrary(Self.units)
            #expect(page.items.map(\.name) == inMemory.groups.map(\.name))
            #expect(page.items.map(\.targets) == inMemory.groups.map(\.targets))
            #expect(page.items.map(\.units) == inMemory.groups.map(\.units))

            #expect(try await store.library(LibraryQuery(search: "满意率")).items.map(\.key) == ["服务对象满意度"])
            #expect(try await store.library(LibraryQuery(level2: "数量指标")).items.map(\.key) == ["培训人次"])
            // By region and year: units and uses counted there.
            let there = try await store.library(LibraryQuery(region: "130229"))
            #expect(there.items.map(\.key) == ["培训人次", "服务对象满意度"] && there.items.allSatisfy { $0.units == 1 })
            #expect(try await store.library(LibraryQuery(year: 2024)).items.map(\.key) == ["培训人次", "按时办结率", "服务对象满意度"])

            let entry = try #require(try await store.libraryEntry(key: "服务对象满意度"))
            #expect(entry.group.bases == ["上年度调查", "行业标准"])
            #expect(entry.byYear.map(\.year) == [2024, 2025] && entry.byYear.map(\.units) == [1, 2])
            #expect(entry.uses.total == 3 && Set(entry.uses.items.map(\.value)) == ["≥90%", "≥95%", "≥80%"])
            #expect(entry.uses.items.first { $0.value == "≥80%" }?.departmentName == "单位103")
            #expect(try await store.libraryEntry(key: "没有的指标") == nil)

            // What projects of the kind (…运行维护费) write for 时效指标, else the library's.
            #expect(try await store.suggestions(projectName: "2026年办公楼运行维护费", level2: "时效指标").map(\.key) == ["按时办结率"])
            #expect(try await store.suggestions(projectName: "2026年宣传经费", level2: "数量指标").map(\.key) == ["培训人次"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func keptCurrentLikeABuildFromScratch(_ kind: TestDatabase) async throws {
        try await StoreTests.withStore(kind) { store in
            var ids: [Int] = []
            for d in Self.units { ids.append(try await store.save(d, findings: []).documentID) }
            // Unit 101 edits its table: 满意度 raised, 培训人次 dropped, a row added.
            var edited = Self.units[0]
            edited.projects[0].indicators[0] = Indicator(
                level1: "满意度指标", level2: "服务对象满意度指标", level3: "服务对象满意度", value: "≥98%", basis: "上年度调查", target: ValueReader.read("≥98%"))
            edited.projects[0].indicators.remove(at: 1)
            edited.projects[0].indicators.append(
                Indicator(level1: "产出指标", level2: "质量指标", level3: "验收合格率", value: "100%", basis: nil, target: ValueReader.read("100%")))
            _ = try await store.save(edited, findings: [], expectedVersion: 1, existingDocumentID: ids[0])
            let training = try await store.library(LibraryQuery(search: "培训人次")).items
            #expect(training.map(\.units) == [1] && training[0].targets.isEmpty)
            #expect(try await store.library(names: ["服务对象满意度"]).groups[0].targets[0].median == 95)

            let kept = try await Self.tables(store)
            #expect(try await store.rebuildLibrary() == 4)
            #expect(try await Self.tables(store) == kept)

            // Unit 103's next year: 103 counts once, its years grow.
            _ = try await store.save(Self.document("103", year: 2026, [("服务对象满意度指标", "服务对象满意度", "≥85%", nil)]), findings: [])
            let satisfaction = try await store.library(LibraryQuery(search: "满意度")).items[0]
            #expect(satisfaction.units == 3 && satisfaction.years == [2024, 2025, 2026] && satisfaction.uses == 4)
            let again = try await Self.tables(store)
            try await store.rebuildLibrary()
            #expect(try await Self.tables(store) == again)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDistributionIsKeptWithItsSpread(_ kind: TestDatabase) async throws {
        try await StoreTests.withStore(kind) { store in
            // 20 units, 培训人次 ≥ 100, 110, … 290 (and ≥100 twice): ten ranges of 19 each, worked out once.
            var numbers: [(number: Decimal, uses: Int)] = []
            for k in 0..<20 {
                let value = 100 + 10 * k
                numbers.append((Decimal(value), k == 0 ? 2 : 1))
                var rows: [Row] = [("数量指标", "培训人次", "≥\(value)人次", nil)]
                if k == 0 { rows.append(("数量指标", "培训人次（人次）", "≥100人次", nil)) }
                _ = try await store.save(Self.document("2\(k)", year: 2025, rows), findings: [])
            }
            let counted = try #require(try await store.libraryDistribution(key: "培训人次", op: .atLeast, unit: "人次"))
            #expect(!counted.exact && counted.bins.map(\.uses) == [3, 2, 2, 2, 2, 2, 2, 2, 2, 2])
            #expect(counted == IndicatorLibrary.Distribution(numbers: numbers))
            // Few numbers: one bar each.
            #expect(try await store.libraryDistribution(key: "服务对象满意度", op: .atLeast, unit: "%") == nil)
            // Another unit's number moves the kept bars.
            _ = try await store.save(Self.document("299", year: 2025, [("数量指标", "培训人次", "≥290人次", nil)]), findings: [])
            let moved = try #require(try await store.libraryDistribution(key: "培训人次", op: .atLeast, unit: "人次"))
            #expect(moved.bins.map(\.uses) == [3, 2, 2, 2, 2, 2, 2, 2, 2, 3])
        }
    }

    /// Every library table as text, in a fixed order (a spread's bookkeeping left out).
    static func tables(_ store: Store) async throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for table in Store.libraryTables {
            let rows = try await store.database.raw("SELECT * FROM \(unsafeRaw: table)").all()
            out[table] = try rows.map { r in
                try r.allColumns.filter { !["generation", "computed", "median", "p10", "p90", "bins"].contains($0) }.sorted().map { c in
                    if let n = try? r.decode(column: c, as: Int.self) { return "\(c)=\(n)" }
                    return "\(c)=\(try r.decode(column: c, as: String?.self) ?? "nil")"
                }.joined(separator: " ")
            }.sorted()
        }
        return out
    }
}
