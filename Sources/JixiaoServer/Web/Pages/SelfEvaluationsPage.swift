import Foundation
import Hummingbird
import JixiaoAccess
import JixiaoApp
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReview
import JixiaoStore

struct SelfEvaluationListPage: PageModel {
    struct Row: PageModel {
        var href: String
        var unitName: String
        var year: Int
        var printed: String
        var computed: String
        var gap: String
        var over: Bool
        var grade: String
    }
    var title = "绩效自评复核"
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
    var year: String
    var rows: [Row]
    var range: String
    var previous: String?
    var next: String?

    init(_ stored: Paged<SelfEvaluationListing>, year: Int?) {
        self.year = year.map(String.init) ?? ""
        rows = stored.items.map { s in
            Row(
                href: Paths.selfEvaluation(s.id), unitName: s.departmentName, year: s.year, printed: s.printedTotal?.money ?? "—",
                computed: s.computedTotal?.money ?? "—", gap: signedGap(s.gap), over: (s.gap ?? 0) > 0, grade: s.grades)
        }
        let (offset, size, total) = (stored.page.offset, stored.page.limit, stored.total)
        func link(_ offset: Int) -> String { Paths.selfEvaluations(query: ["offset": "\(offset)", "year": year.map(String.init)]) }
        (previous, next, range) = Paging.links(offset: offset, size: size, total: total, counted: "份", link: link)
    }
}
