import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoAccess
import JixiaoModel
import Mustache

/// The project edit page: the form as the person left it, with the choices of the framework.
struct EditPage: PageModel {
    struct PlanInput: PageModel {
        var name: String
        var label: String
        var value: String
    }
    struct Row {
        var index: Int
        var position: Int
        var level1Options: [Option]
        var level2Groups: [OptionGroup]
        var level3: String
        var description: String
        var opOptions: [Option]
        var amount: String
        var unit: String
        var text: String
        var basis: String
        var weight: String
        var original: String
        var canMoveUp: Bool
        var canMoveDown: Bool
        /// Named apart from the page's `error`: Mustache looks a nil value up in the enclosing page.
        var rowError: String?
    }
    struct Conflict: PageModel {
        var yourVersion: Int
        var currentVersion: Int
        var changes: [FieldChange]
    }

    var title: String
    var crumbs: [Crumb]
    var action: String
    var cancelHref: String
    var version: Int
    var name: String
    var code: String
    var moneyUnits: [Option]
    var budgetTotal: String
    var budgetFiscal: String
    var budgetOther: String
    var purpose: String
    var plan: [PlanInput]
    var goals: String
    var rows: [Row]
    var rowCount: Int
    var canAddRow: Bool
    var error: String?
    var notice: String?
    var conflict: Conflict?
    /// The document is approved or published: the form asks why it is changed.
    var needsReason: Bool
    var statusLabel: String
    var reason: String

    /// For each usual 二级 the project has no row under: what projects of its kind write there.
    var suggestions: [SuggestionGroup]

    struct SuggestionGroup: PageModel {
        var level2: String
        var items: [Suggestion]
    }

    struct Suggestion: PageModel {
        var name: String
        var note: String
        /// The row it adds (`ProjectForm.RowAction.use`).
        var action: String
    }

    /// The 二级 a project usually has, in the template's order.
    static let usualLevel2: [IndicatorFramework.Level2] = [.quantity, .quality, .timeliness, .cost, .social, .satisfaction]

    /// The suggestions for the usual 二级 the form has no row under, from `library` (二级 → groups).
    static func suggestions(
        _ form: ProjectForm, library: (IndicatorFramework.Level2) async throws -> [IndicatorLibrary.Group]
    ) async rethrows
        -> [SuggestionGroup]
    {
        let present = Set(form.rows.compactMap { IndicatorFramework.level2(named: $0.level2) })
        var groups: [SuggestionGroup] = []
        for level2 in usualLevel2 where !present.contains(level2) {
            let items = try await library(level2).map { g in
                let spread = g.targets.first
                let fields = [
                    "use", g.level1, g.level2, g.name, spread?.op?.rawValue ?? "", spread.map { $0.median.written(decimals: 0, upTo: 2) } ?? "",
                    spread?.unit ?? "",
                ]
                return Suggestion(
                    name: g.name, note: "\(g.units) 个单位用过" + (spread.map { "，常见 " + spreadText($0) } ?? ""),
                    action: fields.map { $0.replacingOccurrences(of: "|", with: "｜") }.joined(separator: "|"))
            }
            if !items.isEmpty { groups.append(SuggestionGroup(level2: level2.rawValue, items: items)) }
        }
        return groups
    }

    init(
        _ form: ProjectForm, documentID: Int, position: Int, unitName: String, projectName: String, status: WorkflowStatus,
        error: InvalidInput? = nil, notice: String? = nil, conflict: Conflict? = nil, suggestions: [SuggestionGroup] = []
    ) {
        self.suggestions = suggestions
        needsReason = Workflow.editNeedsReason(status)
        statusLabel = status.label
        reason = form.reason
        title = "修改：\(projectName)"
        let projectHref = Paths.project(documentID, position)
        crumbs = [
            Crumb(href: Paths.home(), label: "首页"), Crumb(href: Paths.document(documentID), label: unitName), Crumb(href: projectHref, label: projectName),
        ]
        action = Paths.edit(documentID, position)
        cancelHref = projectHref
        version = form.version
        name = form.name
        code = form.code
        moneyUnits = MoneyUnit.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == form.moneyUnit) }
        budgetTotal = form.budgetTotal
        budgetFiscal = form.budgetFiscal
        budgetOther = form.budgetOther
        purpose = form.purpose
        plan = zip(ProjectForm.planFields, ["3月底", "6月底", "10月底", "12月底"]).enumerated().map { k, p in
            PlanInput(name: "plan.\(p.0)", label: p.1, value: form.plan[k])
        }
        goals = form.goals
        let errorRow = error.flatMap { Self.row(of: $0.field) }
        rows = form.rows.enumerated().map { k, r in
            Row(
                index: k, position: k + 1, level1Options: Self.level1Options(r.level1), level2Groups: Self.level2Groups(r.level2),
                level3: r.level3, description: r.description, opOptions: Self.opOptions(r.op), amount: r.number, unit: r.unit, text: r.text,
                basis: r.basis, weight: r.weight, original: r.original, canMoveUp: k > 0, canMoveDown: k < form.rows.count - 1,
                rowError: errorRow == k ? error?.reason : nil)
        }
        rowCount = form.rows.count
        canAddRow = form.rows.count < ProjectForm.maxRows
        self.error = error.map { e in "\(Self.place(of: e.field))：\(e.reason)" }
        self.notice = notice
        self.conflict = conflict
    }

    /// The row an `Input` field path names (`project.indicators[3].value` → 3).
    static func row(of field: String) -> Int? {
        guard let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"), field.hasPrefix("project.indicators[") else { return nil }
        return Int(field[field.index(after: open)..<close])
    }

    static func place(of field: String) -> String {
        if let row = row(of: field) { return "第 \(row + 1) 行" }
        let names = [
            "project.name": "项目名称", "project.code": "项目编码", "project.moneyUnit": "金额单位", "project.budgetTotal": "预算数",
            "project.budgetFiscal": "财政资金", "project.budgetOther": "其他资金", "project.purpose": "预算规模及资金用途",
            "project.plan.mar": "3月底支出计划", "project.plan.jun": "6月底支出计划", "project.plan.oct": "10月底支出计划",
            "project.plan.dec": "12月底支出计划", "project.goals": "绩效目标", "project.indicators": "绩效指标", "reason": "修改原因",
        ]
        return names[field] ?? (field.hasPrefix("project.goals") ? "绩效目标" : field)
    }

    static func level1Options(_ current: String) -> [Option] {
        var names = IndicatorFramework.Level1.allCases.map(\.rawValue)
        if !current.isEmpty, !names.contains(current) { names.insert(current, at: 0) }  // a name as written stays as written
        return names.map { Option(value: $0, label: $0, selected: $0 == current) }
    }

    static func level2Groups(_ current: String) -> [OptionGroup] {
        var groups = IndicatorFramework.Level1.allCases.map { l1 in
            OptionGroup(
                label: l1.rawValue,
                options: IndicatorFramework.Level2.allCases.filter { $0.level1 == l1 }.map {
                    Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == current)
                })
        }
        if !current.isEmpty, !IndicatorFramework.Level2.allCases.contains(where: { $0.rawValue == current }) {
            groups.insert(OptionGroup(label: "原文", options: [Option(value: current, label: current, selected: true)]), at: 0)
        }
        return groups
    }

    static func opOptions(_ current: String) -> [Option] {
        [Option(value: "", label: "（无）", selected: current.isEmpty)]
            + ComparisonOperator.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == current) }
    }
}

// MARK: Keys the templates read, answered by hand (see `present`)

extension EditPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "index": index
        case "position": position
        case "level1Options": level1Options
        case "level2Groups": level2Groups
        case "level3": level3
        case "description": description
        case "opOptions": opOptions
        case "amount": amount
        case "unit": unit
        case "text": text
        case "basis": basis
        case "weight": weight
        case "original": original
        case "canMoveUp": canMoveUp
        case "canMoveDown": canMoveDown
        case "rowError": present(rowError)
        default: nil
        }
    }
}
