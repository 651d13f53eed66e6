import ArgumentParser
import Foundation
import JixiaoApp
import JixiaoModel
import JixiaoStore

struct LibraryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "The indicator library learned from target documents: each indicator, who uses it, and the targets set for it.",
        discussion: """
            三级 names are folded so that spellings of one indicator meet (numbering, ★ and 指标1： marks, a unit in \
            brackets, spaces and punctuation, 满意率/满意度). Each group gives its 一级/二级, the units and years that \
            use it, and per operator and unit of measure the median target with its 10th and 90th percentiles. \
            Learned from the FILEs given, or, with no file, the library the database keeps (learned from every \
            stored document's current version and kept current on each import and edit). \
            Exit 0, or 2 when a file or the database cannot be read.
            """)

    @Argument(help: "Target documents (any file `read` takes, or jixiao/1 .json).")
    var files: [String] = []

    @OptionGroup var database: DatabaseOption

    @Option(help: "Only indicators whose name contains this (folded as names are).")
    var search: String?

    @Option(help: "Only indicators under this 二级 (e.g. 数量指标).")
    var level2: String?

    @Option(help: "With --db: units of this division code or its first digits (13, 1302) only.")
    var region: String?

    @Option(help: "With --db: documents of this year only.")
    var year: Int?

    @Flag(help: "With --db: build the stored library anew from every document's current version first.")
    var rebuild = false

    @Option(help: "text or json.")
    var format: ReviewCommand.Format = .text

    func run() async throws {
        let groups: [IndicatorLibrary.Group]
        if files.isEmpty {
            // The library the store keeps (current on every import and edit), a page at a time.
            groups = try await database.withStore { store in
                if rebuild { try await store.rebuildLibrary() }
                var all: [IndicatorLibrary.Group] = [], offset = 0
                let query = LibraryQuery(search: search, level2: level2, region: region, year: year)
                while true {
                    let page = try await store.library(query, page: Page(offset: offset, limit: 500), bases: true)
                    all += page.items
                    offset += page.items.count
                    if page.items.isEmpty || offset >= page.total { return all }
                }
            }
        } else {
            var documents: [TargetDocument] = []
            for file in files {
                do { documents.append(try DocumentInput.load(file).document) } catch {
                    DocumentInput.warn(error.description)
                    throw ExitCode(2)
                }
            }
            groups = IndicatorLibrary(documents).search(search, level2: level2)
        }
        if format == .json {
            print(JSONValue.object([("groups", .array(groups.map(\.json)))]).serialized(), terminator: "")
            return
        }
        if groups.isEmpty { print("没有找到指标") }
        for g in groups {
            let years = g.years.isEmpty ? "" : " · " + g.yearSpan
            print("\(g.name)  \(g.level1)/\(g.level2)  \(g.units) 个单位\(years)，\(g.uses) 处")
            for t in g.targets {
                let spread = t.count > 1 ? "（10%–90% 分位 \(t.p10.written(decimals: 0, upTo: 2))–\(t.p90.written(decimals: 0, upTo: 2))）" : ""
                print("    中位 \(t.figure(t.median))\(spread)，\(t.count) 处")
            }
            if !g.bases.isEmpty { print("    依据：\(g.bases.joined(separator: "；"))") }
        }
    }
}

extension IndicatorLibrary.Group {
    var json: JSONValue {
        .object([
            ("key", .string(key)), ("name", .string(name)), ("level1", .string(level1)), ("level2", .string(level2)), ("units", .number(Decimal(units))),
            ("years", .array(years.map { .number(Decimal($0)) })), ("uses", .number(Decimal(uses))),
            (
                "targets",
                .array(
                    targets.map { t in
                        .object([
                            ("op", t.op.map { .string($0.rawValue) } ?? .null), ("unit", .string(t.unit)), ("count", .number(Decimal(t.count))),
                            ("median", .number(t.median)), ("p10", .number(t.p10)), ("p90", .number(t.p90)),
                        ])
                    })
            ),
            ("bases", .array(bases.map(JSONValue.string))),
            (
                "examples",
                .array(
                    examples.map { e in
                        .object([("unit", .string(e.unit)), ("year", e.year.map { .number(Decimal($0)) } ?? .null), ("project", .string(e.project))])
                    })
            ),
        ])
    }
}
