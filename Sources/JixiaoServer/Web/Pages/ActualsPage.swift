import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// Entering a project's actuals for a month, each row beside its target and light.
struct ActualsPage: PageModel {
    struct Row: PageModel {
        var index: Int
        var position: Int
        var level1: String
        var name: String
        var target: String
        var direction: String
        var qualitative: Bool
        var value: String
        /// 全年预计完成值, and what is due by the month (the share of the year, or the whole target).
        var forecast: String
        var due: String
        var gradeOptions: [Option]
        var share: String
        var reasonOptions: [Option]
        var likelihoodOptions: [Option]
        var note: String
        var explanation: String
        var light: String
        var lightLabel: String
        var progress: String
        /// The light of the actual to date, shown beside the forecast's when they differ.
        var toDate: String
        var toDateLabel: String
        var forecastProgress: String
        var differs: Bool
    }

    var title: String
    var crumbs: [Crumb]
    var action: String
    var month: Int
    var monthOptions: [Option]
    var spent: String
    var budget: String
    var moneyUnit: String
    var rate: String
    var planned: String
    var elapsed: String
    var budgetLight: String
    var budgetLightLabel: String
    var projectLight: String
    var projectLightLabel: String
    var rows: [Row]
    var canEdit: Bool
    var saved: Bool
    var error: String?
    var problems: [String]

    init(
        _ s: StoredDocument, position: Int, month: Int, actuals saved: ProjectActuals, profile: EvaluationProfile, form: FormFields?,
        saved wasSaved: Bool = false,
        error: String? = nil
    ) {
        let project = s.document.projects[position - 1]
        title = "完成情况：\(project.name)"
        crumbs = [
            Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.document(s.summary.id), label: s.document.department.name),
            Crumb(href: Paths.monitoring(s.summary.id, query: ["month": "\(month)"]), label: "运行监控"),
        ]
        action = Paths.actuals(s.summary.id, position)
        self.month = month
        monthOptions = monthPicker(month)
        moneyUnit = project.moneyUnit.rawValue
        let monitor = Monitoring.project(project, position: position, actuals: saved, month: month, profile: profile)
        spent = form?["spent"] ?? fieldText(saved.spending[month])
        budget = project.budget.total?.money ?? "—"
        rate = percent(monitor.budget.rate)
        planned = percent(monitor.budget.planned)
        elapsed = percent(monitor.budget.elapsed)
        budgetLight = monitor.budget.light.rawValue
        budgetLightLabel = monitor.budget.light.label
        projectLight = monitor.light.rawValue
        projectLightLabel = monitor.light.label
        rows = project.indicators.enumerated().map { k, i in
            let a = saved.indicators[k + 1], m = monitor.indicators[k]
            func field(_ name: String, _ fallback: String) -> String { form?["r\(k).\(name)"] ?? fallback }
            let grade = field("grade", a?.grade?.rawValue ?? "")
            let reason = field("reason", a?.reason?.rawValue ?? "")
            let likelihood = field("likelihood", a?.likelihood?.rawValue ?? "")
            return Row(
                index: k, position: k + 1, level1: i.level1, name: i.level3, target: i.value, direction: m.direction.label,
                qualitative: m.direction == .qualitative, value: field("value", fieldText(a?.value)), forecast: field("forecast", fieldText(a?.forecast)),
                due: m.accumulates ? "按时间进度" : "按全年目标",
                gradeOptions: [Option(value: "", label: "（未评）", selected: grade.isEmpty)]
                    + Grade.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == grade) },
                share: field("share", fieldText(a?.share)),
                reasonOptions: [Option(value: "", label: "（无偏差）", selected: reason.isEmpty)]
                    + DeviationReason.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == reason) },
                likelihoodOptions: [Option(value: "", label: "—", selected: likelihood.isEmpty)]
                    + Likelihood.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == likelihood) },
                note: field("note", a?.note ?? ""), explanation: field("explanation", a?.explanation ?? ""), light: m.light.rawValue,
                lightLabel: m.light.label, progress: m.percent.map { percent($0) } ?? "", toDate: m.toDate.rawValue, toDateLabel: m.toDate.label,
                forecastProgress: m.forecastPercent.map { percent($0) } ?? "", differs: m.toDate != m.light)
        }
        canEdit = Policy.decide(Identity.current.actor, .reportActuals, on: s.summary.access) == .allow
        self.saved = wasSaved
        self.error = error
        problems = monitor.problems
    }
}
