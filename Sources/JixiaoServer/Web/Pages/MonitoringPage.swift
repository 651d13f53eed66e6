import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// A unit's monitoring at a month: each project's budget and indicator lights.
struct UnitMonitoringPage: PageModel {
    struct Project: PageModel {
        var href: String
        var position: Int
        var name: String
        var rate: String
        var planned: String
        var budgetLight: String
        var budgetLightLabel: String
        var light: String
        var lightLabel: String
        var red: Int
        var yellow: Int
        var missing: Int
    }
    var title: String
    var crumbs: [Crumb]
    var month: Int
    var monthOptions: [Option]
    var action: String
    var projects: [Project]
    var evaluationHref: String

    init(_ s: StoredDocument, month: Int, actuals: [Int: ProjectActuals], profile: EvaluationProfile) {
        title = "\(s.document.department.name) 运行监控"
        crumbs = [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.document(s.summary.id), label: s.document.department.name)]
        self.month = month
        monthOptions = monthPicker(month)
        action = Paths.monitoring(s.summary.id)
        evaluationHref = Paths.evaluation(s.summary.id)
        projects = s.document.projects.enumerated().map { k, p in
            let m = Monitoring.project(p, position: k + 1, actuals: actuals[k + 1] ?? ProjectActuals(), month: month, profile: profile)
            let tally = Monitoring.tally(m.indicators.map(\.light))
            return Project(
                href: Paths.actuals(s.summary.id, k + 1, query: ["month": "\(month)"]), position: k + 1, name: p.name, rate: percent(m.budget.rate),
                planned: percent(m.budget.planned), budgetLight: m.budget.light.rawValue, budgetLightLabel: m.budget.light.label, light: m.light.rawValue,
                lightLabel: m.light.label, red: tally[.red] ?? 0, yellow: tally[.yellow] ?? 0, missing: tally[.none] ?? 0)
        }
    }
}
