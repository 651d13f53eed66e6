import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import Mustache
import JixiaoReview
import JixiaoStore

// The view models of the pages: plain values the templates read (Mustache reads stored properties
// only, so everything a template shows is computed here).

struct SeverityCounts: PageModel {
    var errors: Int
    var warnings: Int
    var infos: Int

    init(_ counts: [Severity: Int]) {
        errors = counts[.error] ?? 0
        warnings = counts[.warning] ?? 0
        infos = counts[.info] ?? 0
    }

    init(_ findings: [Finding]) { self.init(Dictionary(findings.map { ($0.severity, 1) }, uniquingKeysWith: +)) }
}

// MARK: Home

struct HomePage: PageModel {
    struct UnitRow: PageModel {
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

// MARK: A unit's document

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

struct ProjectPage: PageModel {
    struct Saved: PageModel {
        var version: Int
        var changes: [FieldChange]
        var fixed: [String]
        var added: [String]
        var nothingChanged: Bool
    }

    var title: String
    var crumbs: [Crumb]
    var unitName: String
    var position: Int
    var projectCount: Int
    var version: Int
    var table: ProjectTable
    var counts: SeverityCounts
    var hasFindings: Bool
    var planChart: String
    var editHref: String
    /// This table alone as a workbook; the same as CSV.
    var xlsxHref: String
    var csvHref: String
    var previous: String?
    var next: String?
    var saved: Saved?
    var canEdit: Bool
    var statusLabel: String
    /// Monitoring is for those in whose care the document is.
    var actualsHref: String?

    init(
        _ s: StoredDocument, position: Int, saved: Saved? = nil, history: [AuditRecord] = [], returnNotes: [ReturnNote] = [], canEdit: Bool = false
    ) {
        let project = s.document.projects[position - 1]
        title = project.name
        unitName = s.document.department.name
        crumbs = [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.document(s.summary.id), label: unitName)]
        self.position = position
        projectCount = s.document.projects.count
        version = s.summary.version
        table = ProjectTable(project, position: position, year: s.document.fiscalYear, findings: s.findings, notes: returnNotes, history: history)
        counts = SeverityCounts(s.findings.filter { $0.project == position })
        hasFindings = !table.findings.isEmpty
        planChart = Chart.planCurve(title: "资金支出计划（累计 %）", checkpoints: project.spendingPlan.checkpoints.map { $0?.double })
        editHref = Paths.edit(s.summary.id, position)
        xlsxHref = Paths.projectXLSX(s.summary.id, position)
        csvHref = Paths.projectCSV(s.summary.id, position)
        previous = position > 1 ? Paths.project(s.summary.id, position - 1) : nil
        next = position < projectCount ? Paths.project(s.summary.id, position + 1) : nil
        self.saved = saved
        self.canEdit = canEdit
        statusLabel = s.summary.status.label
        actualsHref =
            Policy.decide(Identity.current.actor, .read, on: s.summary.access) == .allow ? Paths.actuals(s.summary.id, position) : nil
    }
}

// MARK: Workflow

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

struct ImportPage: PageModel {
    struct SourceLine {
        var number: Int
        var text: String
    }
    var title = "导入绩效目标文件"
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
    var error: String?
    var maxMegabytes: Int
}

struct ImportPreviewPage: PageModel {
    var title = "核对导入内容"
    var crumbs = [Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.importForm(), label: "导入")]
    var action: String
    var sourceName: String
    var unitName: String
    var year: String
    var overallGoals: [String]
    var tables: [ReportPage.Table]
    var counts: SeverityCounts
    var departmentFindings: [FindingView]
    var warnings: [String]
    var lines: [ImportPage.SourceLine]
    /// A 自评表: each project's table with the printed and the recomputed score.
    var selfEvaluation: [EvaluationPage.Table]

    init(_ pending: PendingImport, findings: [Finding], profile: EvaluationProfile) {
        let d = pending.document
        selfEvaluation =
            d.kind != .selfEvaluation
            ? []
            : SelfEvaluationTable.all(d, actuals: SelfEvaluation.reported(d), profile: profile).map {
                EvaluationPage.Table($0.table, problems: $0.score.problems)
            }
        action = Paths.pendingImport(pending.token)
        sourceName = pending.sourceName ?? ""
        unitName = d.department.name
        year = d.fiscalYear.map(String.init) ?? "未注明"
        overallGoals = d.overview.overallGoals
        tables = d.projects.enumerated().map { k, p in
            ReportPage.Table(position: k + 1, name: p.name, table: ProjectTable(p, position: k + 1, year: d.fiscalYear, findings: findings))
        }
        counts = SeverityCounts(findings)
        departmentFindings = findings.filter { $0.project == nil }.enumerated().map { k, f in FindingView(f, number: k + 1, place: "部门整体") }
        warnings = pending.warnings
        lines = pending.sourceText.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { k, l in
            ImportPage.SourceLine(number: k + 1, text: String(l.hasSuffix("\r") ? l.dropLast() : l))
        }
    }
}

// MARK: Keys the templates read, answered by hand (see `present`)

extension ImportPage.SourceLine: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "text": text
        default: nil
        }
    }
}
