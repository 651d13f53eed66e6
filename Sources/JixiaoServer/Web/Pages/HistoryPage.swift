import Foundation
import JixiaoApp
import Hummingbird
import JixiaoAccess
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoStore
/// A document's history or the whole audit log (the `history` template).
struct HistoryPage: PageModel {
    struct Line: PageModel {
        var at: String
        var user: String
        var action: String
        var place: String
        var before: String
        var after: String
        var reason: String
        var version: String
    }
    var title: String
    var crumbs: [Crumb]
    var lines: [Line]
    var total: Int
    var csvHref: String

    init(title: String, records: [AuditRecord], total: Int, csvHref: String, crumbs: [Crumb]) {
        self.title = title
        self.crumbs = crumbs
        self.total = total
        self.csvHref = csvHref
        let actions = ["import": "导入", "edit": "修改"].merging(Workflow.Step.allCases.map { ($0.rawValue, $0.label) }) { a, _ in a }
        lines = records.reversed().map { r in
            Line(
                at: LocalTime.text(r.at), user: LocalTime.person(r.username), action: actions[r.action] ?? r.action,
                place: (r.projectPosition.map { "项目\($0) " } ?? "") + (r.place ?? ""), before: r.before ?? "", after: r.after ?? "",
                reason: r.reason ?? "", version: r.version.map { "第 \($0) 版" } ?? "")
        }
    }
}
