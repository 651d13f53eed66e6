import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReview
import JixiaoStore
import Mustache

struct DocumentPage: PageModel {
    struct Section: PageModel {
        var title: String
        var text: String
    }
    struct ProjectRow: PageModel {
        var href: String
        var position: Int
        var code: String
        var name: String
        var budget: String
        var moneyUnit: String
        var plan: String
        var indicatorCount: Int
        var counts: SeverityCounts
        var incomplete: Bool
    }

    var title: String
    var crumbs: [Crumb]
    var id: Int
    var unitName: String
    var unitCode: String
    var region: String
    var year: String
    var version: Int
    var sourceName: String
    var updatedAt: String
    var overallGoals: [String]
    var subGoals: [Section]
    var measures: [Section]
    var projects: [ProjectRow]
    var totalBudget: String
    var counts: SeverityCounts
    var findings: [FindingView]
    var budgetChart: String
    var findingsChart: String
    var reportHref: String
    var historyHref: String
    var csvHref: String
    var xlsxHref: String
    var monitoringHref: String
    var evaluationHref: String
    var notice: String?
    var workflow: WorkflowPanel?
    /// While the targets are drafts: what could never be scored as written (for those in charge).
    var forecast: [String]
    /// The unit's 自评表 of the year, when one is kept beside the targets.
    var selfEvaluation: SelfEvaluationLink?
    /// What changed since the year before (when that year's targets are stored).
    var lastYear: LastYear?

    struct LastYear: PageModel {
        var href: String
        var year: Int
        var lines: [String]
    }

    struct SelfEvaluationLink: PageModel {
        var href: String
        var printed: String
        var computed: String
        var gap: String
        var grade: String
    }

    init(
        _ s: StoredDocument, notice: String? = nil, workflow: WorkflowPanel? = nil, forecast: [ScoreForecast] = [],
        selfEvaluation: StoredSelfEvaluation? = nil, lastYear: (id: Int, year: Int, lines: [String])? = nil
    ) {
        self.lastYear = lastYear.map { LastYear(href: Paths.document($0.id), year: $0.year, lines: $0.lines) }
        self.selfEvaluation = selfEvaluation.map { e in
            SelfEvaluationLink(
                href: Paths.selfEvaluation(e.id), printed: e.printedTotal?.money ?? "—", computed: e.computedTotal?.money ?? "—", gap: signedGap(e.gap),
                grade: e.printedGrades)
        }
        let d = s.document
        id = s.summary.id
        unitName = d.department.name
        title = "\(d.department.name) \(d.fiscalYear.map { "\($0) 年度" } ?? "")绩效目标"
        crumbs = [Crumb(href: Paths.home(), label: "首页")]
        unitCode = d.department.code ?? ""
        region = d.department.regionCode.map(Divisions.label(of:)) ?? "未注明"
        year = d.fiscalYear.map(String.init) ?? "未注明"
        version = s.summary.version
        sourceName = s.summary.sourceName ?? ""
        updatedAt = LocalTime.text(s.summary.updatedAt)
        overallGoals = d.overview.overallGoals
        subGoals = d.overview.subGoals.map { Section(title: $0.title, text: $0.text) }
        measures = d.overview.measures.map { Section(title: $0.title, text: $0.text) }
        projects = d.projects.enumerated().map { k, p in
            ProjectRow(
                href: Paths.project(s.summary.id, k + 1), position: k + 1, code: p.code ?? "", name: p.name,
                budget: p.budget.total?.money ?? "", moneyUnit: p.moneyUnit.rawValue,
                plan: p.spendingPlan.checkpoints.map { $0.map { "\($0)" } ?? "—" }.joined(separator: " / "),
                indicatorCount: p.indicators.count, counts: SeverityCounts(s.findings.filter { $0.project == k + 1 }), incomplete: !p.complete)
        }
        let budgets = d.projects.map { p in p.budget.total.map { $0 * p.moneyUnit.yuanPerUnit / 10_000 } }
        totalBudget = budgets.compactMap { $0 }.reduce(0, +).money
        counts = SeverityCounts(s.findings)
        findings = s.findings.filter { $0.project == nil }.enumerated().map { k, f in FindingView(f, number: k + 1, place: "部门整体") }
        budgetChart = Chart.projectBudgets(d)
        var byCategory: [FindingCategory: Int] = [:]
        for f in s.findings { byCategory[f.category, default: 0] += 1 }
        findingsChart = Chart.bars(
            title: "审核发现（按类别）", items: byCategory.sorted { $0.key < $1.key }.map { ($0.key.label, Double($0.value), "\($0.value) 条") },
            colour: "#b5532f")
        reportHref = Paths.report(s.summary.id)
        historyHref = Paths.history(s.summary.id)
        csvHref = Paths.documentCSV(s.summary.id)
        xlsxHref = Paths.documentXLSX(s.summary.id)
        monitoringHref = Paths.monitoring(s.summary.id)
        evaluationHref = Paths.evaluation(s.summary.id)
        self.notice = notice
        self.workflow = workflow
        self.forecast = forecast.filter { !$0.unscorable.isEmpty }.map { f in
            "项目\(f.position)“\(f.name)”：\(f.pointsAtRisk.money) 分无法评（"
                + f.unscorable.map { u in (u.row == 0 ? "预算执行" : "第 \(u.row) 行") + "：" + u.why }.joined(separator: "；") + "）"
        }
    }
}

// MARK: A project

/// A document's step, the steps the person acting may take from it, and those taken so far.
struct WorkflowPanel: PageModel {
    struct Button: PageModel {
        var step: String
        var label: String
        var primary: Bool
    }
    struct Event: PageModel {
        var at: String
        var user: String
        var label: String
        var reason: String?
        var notes: [String]
    }
    struct Attachable: PageModel {
        var value: String
        var label: String
    }

    var action: String
    var status: String
    var statusLabel: String
    var published: String?
    var steps: [Button]
    var canReturn: Bool
    var attachable: [Attachable]
    var events: [Event]

    init(_ s: StoredDocument, events: [WorkflowEvent]) {
        action = Paths.workflow(s.summary.id)
        status = s.summary.status.rawValue
        statusLabel = s.summary.status.label
        published = s.summary.publishedVersion.map {
            "第 \($0) 版已公开" + ($0 == s.summary.currentVersion ? "" : "（公众看到的是这一版，当前第 \(s.summary.currentVersion) 版尚未公开）")
        }
        let actor = Identity.current.actor
        steps = Workflow.Step.allCases.filter { $0 != .returnForChanges && Policy.decide(actor, $0.action, on: s.summary.access) == .allow }
            .map { Button(step: $0.rawValue, label: $0.label, primary: true) }
        canReturn = Policy.decide(actor, .returnForChanges, on: s.summary.access) == .allow
        // A reviewer returning the document can attach each reason to a finding (and so to its cell).
        attachable = s.findings.enumerated().filter { $0.element.project != nil }.map { k, f in
            Attachable(value: "\(k)", label: "项目\(f.project!) \(f.indicator.map { "第 \($0) 行 " } ?? "")\(f.message)")
        }
        self.events = events.reversed().map { e in
            Event(
                at: LocalTime.text(e.at), user: LocalTime.person(e.username), label: "\(e.step.label)（\(e.from.label) → \(e.to.label)）", reason: e.reason,
                notes: e.notes.map { n in (n.project.map { "项目\($0) " } ?? "") + n.note })
        }
    }
}

// MARK: The whole disclosure for print

// MARK: Import
