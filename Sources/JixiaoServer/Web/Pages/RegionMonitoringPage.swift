import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// The units in one's care, each with its lights, a page at a time.
struct RegionMonitoringPage: PageModel {
    struct Unit: PageModel {
        var href: String
        var name: String
        var region: String
        var year: String
        var light: String
        var lightLabel: String
        var red: Int
        var yellow: Int
        var green: Int
        var missing: Int

        init(_ row: RegionLightRow, month: Int) {
            let worst = Light(rawValue: row.lights.worst) ?? .none
            href = Paths.monitoring(row.documentID, query: ["month": "\(month)"])
            name = row.departmentName
            region = row.regionCode.map(Divisions.label(of:)) ?? ""
            year = row.fiscalYear.map(String.init) ?? ""
            light = worst.rawValue
            lightLabel = worst.label
            (red, yellow, green, missing) = (row.lights.red, row.lights.yellow, row.lights.green, row.lights.missing)
        }
    }
    var title = "运行监控总览"
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
    var month: Int
    var monthOptions: [Option]
    var lightOptions: [Option]
    var year: String
    var units: [Unit]
    var range: String
    var previous: String?
    var next: String?

    init(month: Int, year: Int?, light: Light?, rows: Paged<RegionLightRow>) {
        self.month = month
        monthOptions = monthPicker(month)
        lightOptions =
            [Option(value: "", label: "全部", selected: light == nil)]
            + Light.allCases.reversed().map { Option(value: $0.rawValue, label: $0.label, selected: $0 == light) }
        self.year = year.map(String.init) ?? ""
        units = rows.items.map { Unit($0, month: month) }
        let (offset, total) = (rows.page.offset, rows.total)
        func link(_ offset: Int) -> String {
            Paths.regionMonitoring(query: ["offset": "\(offset)", "year": year.map(String.init), "month": "\(month)", "light": light?.rawValue])
        }
        (previous, next, range) = Paging.links(offset: offset, size: rows.page.limit, total: total, link: link)
    }
}
