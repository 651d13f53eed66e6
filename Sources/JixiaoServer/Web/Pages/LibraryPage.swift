import Foundation
import Mustache
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// A target spread as a line: `≥95%（10%–90% 分位 ≥90%–≥98%，120 处）`.
func spreadText(_ s: IndicatorLibrary.TargetSpread) -> String {
    s.count > 1 ? "\(s.figure(s.median))（10%–90% 分位 \(s.figure(s.p10))–\(s.figure(s.p90))，\(s.count) 处）" : "\(s.figure(s.median))（1 处）"
}

struct LibraryListPage: PageModel {
    struct Row {
        var href: String
        var name: String
        var level1: String
        var level2: String
        var units: Int
        var uses: Int
        var years: String
        var common: String
    }
    var title = "指标库"
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
    var q: String
    var level2Options: [Option]
    var regionOptions: [Option]
    var yearOptions: [Option]
    var filtered: Bool
    var rows: [Row]
    var range: String
    var previous: String?
    var next: String?

    init(_ query: LibraryQuery, offset: Int, groups: Paged<IndicatorLibrary.Group>, facets: (regions: [String], years: [Int])) {
        q = query.search ?? ""
        level2Options =
            [Option(value: "", label: "全部二级指标", selected: query.level2 == nil)]
            + IndicatorFramework.Level2.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == query.level2) }
        regionOptions =
            [Option(value: "", label: "全部行政区划", selected: query.region == nil)]
            + facets.regions.map { Option(value: $0, label: Divisions.label(of: $0), selected: $0 == query.region) }
        yearOptions =
            [Option(value: "", label: "全部年度", selected: query.year == nil)]
            + facets.years.map { Option(value: "\($0)", label: "\($0) 年度", selected: $0 == query.year) }
        filtered = query.region != nil || query.year != nil
        rows = groups.items.map { g in
            Row(
                href: Paths.libraryEntry(g.key), name: g.name, level1: g.level1, level2: g.level2, units: g.units, uses: g.uses, years: g.yearSpan,
                common: g.targets.first.map(spreadText) ?? "（文字目标）")
        }
        let total = groups.total
        func link(_ offset: Int) -> String {
            Paths.library(
                query: ["offset": "\(offset)", "q": query.search, "level2": query.level2, "region": query.region, "year": query.year.map(String.init)])
        }
        (previous, next, range) = Paging.links(offset: offset, total: total, after: "指标", link: link)
    }
}

struct LibraryEntryPage: PageModel {
    /// Units (with their year) a page: each may use the indicator in many projects.
    static let unitsPerPage = 10

    struct Spread: PageModel {
        var text: String
    }
    struct Year: PageModel {
        var year: String
        var units: Int
        var uses: Int
    }
    struct Use {
        var href: String
        var unitName: String
        var region: String
        var year: String
        var projectName: String
        var level3: String
        var value: String
        var peerFinding: String?
    }
    var title: String
    var crumbs = [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.library(), label: "指标库")]
    var key: String
    var level1: String
    var level2: String
    var units: Int
    var uses: Int
    var years: String
    var spreads: [Spread]
    var chart: String?
    var bases: [String]
    var byYear: [Year]
    var rows: [Use]
    var range: String
    var previous: String?
    var next: String?

    init(_ entry: LibraryEntry, distribution: IndicatorLibrary.Distribution?, offset: Int) {
        let g = entry.group
        (title, key, level1, level2, units, uses, years) = (g.name, g.key, g.level1, g.level2, g.units, g.uses, g.yearSpan)
        spreads = g.targets.map { Spread(text: spreadText($0)) }
        chart = g.targets.first.flatMap { main in
            distribution.flatMap { $0.bins.isEmpty ? nil : Chart.distribution(title: "目标值分布（\(main.op?.rawValue ?? "")…\(main.unit)）", $0, spread: main) }
        }
        bases = g.bases
        byYear = entry.byYear.map { Year(year: $0.year == 0 ? "未注明" : "\($0.year)", units: $0.units, uses: $0.uses) }
        rows = entry.uses.items.map { u in
            Use(
                href: Paths.project(u.documentID, u.projectPosition), unitName: u.departmentName, region: u.regionCode.map(Divisions.label(of:)) ?? "",
                year: u.fiscalYear.map(String.init) ?? "", projectName: u.projectName, level3: u.level3, value: u.value, peerFinding: u.peerFinding)
        }
        let total = entry.uses.total, key = g.key
        func link(_ offset: Int) -> String { Paths.libraryEntry(key, query: ["offset": "\(offset)"]) }
        (previous, next, range) = Paging.links(offset: offset, size: Self.unitsPerPage, total: total, before: "按单位和年度：", link: link)
    }
}

// MARK: Keys the templates read, answered by hand (see `present`): a page has a hundred of these rows.

extension LibraryListPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "name": self.name
        case "level1": level1
        case "level2": level2
        case "units": units
        case "uses": uses
        case "years": years
        case "common": common
        default: nil
        }
    }
}

extension LibraryEntryPage.Use: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "unitName": unitName
        case "region": region
        case "year": year
        case "projectName": projectName
        case "level3": level3
        case "value": value
        case "peerFinding": present(peerFinding)
        default: nil
        }
    }
}
