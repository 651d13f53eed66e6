import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReview
import JixiaoStore
import Mustache

struct HomePage: PageModel {
    struct UnitRow {
        var href: String
        var name: String
        var code: String
        var projectCount: Int
        var budget: String
        var counts: SeverityCounts
        var version: Int
    }
    struct RegionGroup: PageModel {
        var region: String
        var units: [UnitRow]
    }
    /// One table per year, the units in it grouped by region.
    struct YearGroup: PageModel {
        var year: String
        var regions: [RegionGroup]
    }
    struct ProjectHit: PageModel {
        var href: String
        var name: String
        var code: String
        var unitName: String
        var year: String
        var budget: String
    }

    var title = "绩效目标一览"
    var crumbs: [Crumb] = []
    var q: String
    var regionOptions: [Option]
    var yearOptions: [Option]
    var years: [YearGroup]
    var total: Int
    var searched: Bool
    var projects: [ProjectHit]
    var projectTotal: Int
    var previous: String?
    var next: String?
    var range: String

    static func years(_ documents: [DocumentSummary], budgets: [Int: Decimal]) -> [YearGroup] {
        let sorted = documents.sorted { a, b in
            let (ya, yb) = (a.fiscalYear ?? 0, b.fiscalYear ?? 0)
            if ya != yb { return ya > yb }
            return (a.regionCode ?? "", a.departmentName) < (b.regionCode ?? "", b.departmentName)
        }
        var years: [YearGroup] = []
        for d in sorted {
            let year = d.fiscalYear.map { "\($0) 年度" } ?? "年度未注明"
            let region = d.regionCode.map(Divisions.label(of:)) ?? "未注明行政区划"
            let row = UnitRow(
                href: Paths.document(d.id), name: d.departmentName, code: d.departmentCode ?? "", projectCount: d.projectCount,
                budget: budgets[d.id]?.money ?? "", counts: SeverityCounts(d.findingCounts), version: d.version)
            if years.last?.year != year { years.append(YearGroup(year: year, regions: [])) }
            let y = years.count - 1
            if years[y].regions.last?.region != region { years[y].regions.append(RegionGroup(region: region, units: [])) }
            years[y].regions[years[y].regions.count - 1].units.append(row)
        }
        return years
    }
}

// A page lists a hundred units: their rows answer their keys by hand (see `present`).
extension HomePage.UnitRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "name": self.name
        case "code": code
        case "projectCount": projectCount
        case "budget": budget
        case "counts": counts
        case "version": version
        default: nil
        }
    }
}

extension SeverityCounts: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "errors": errors
        case "warnings": warnings
        case "infos": infos
        default: nil
        }
    }
}

// MARK: A unit's document
