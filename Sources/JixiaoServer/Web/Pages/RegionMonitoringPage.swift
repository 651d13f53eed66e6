import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// The units in one's care, each with its lights.
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

        init(_ s: StoredDocument, lights: [Light], month: Int) {
            let tally = Monitoring.tally(lights)
            let worst = lights.max() ?? .none
            href = Paths.monitoring(s.summary.id, query: ["month": "\(month)"])
            name = s.document.department.name
            region = s.document.department.regionCode.map(Divisions.label(of:)) ?? ""
            year = s.document.fiscalYear.map(String.init) ?? ""
            light = worst.rawValue
            lightLabel = worst.label
            red = tally[.red] ?? 0
            yellow = tally[.yellow] ?? 0
            green = (tally[.green] ?? 0) + (tally[.blue] ?? 0)
            missing = tally[.none] ?? 0
        }
    }
    var title = "运行监控总览"
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
    var month: Int
    var monthOptions: [Option]
    var lightOptions: [Option]
    var year: String
    var units: [Unit]

    init(month: Int, year: Int?, light: Light?, units: [Unit]) {
        self.month = month
        monthOptions = monthPicker(month)
        lightOptions =
            [Option(value: "", label: "全部", selected: light == nil)]
            + Light.allCases.reversed().map { Option(value: $0.rawValue, label: $0.label, selected: $0 == light) }
        self.year = year.map(String.init) ?? ""
        self.units = units
    }
}
