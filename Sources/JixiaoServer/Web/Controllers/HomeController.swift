import Foundation
import JixiaoApp
import Hummingbird
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore

/// The home page: units by year and region, search and paging.
struct HomeController: PageController {
    let documents: Documents
    let views: Views

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.home.routerPath, use: home)
        // Browsers ask for /favicon.ico whatever the page names.
        router.get(Paths.favicon.routerPath) { _, _ in Response.redirect(to: Paths.icon(), type: .permanent) }
    }

    @Sendable func home(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let q = (query.get("q") ?? "").trimmingCharacters(in: .whitespaces)
        let region = query.get("region").flatMap { $0.count == 6 && $0.allSatisfy(\.isNumber) ? $0 : nil }
        let year = query.get("year").flatMap { Int($0) }.flatMap { (1990...2100).contains($0) ? $0 : nil }
        let offset = min(max(0, query.get("offset").flatMap { Int($0) } ?? 0), Paging.maxOffset)
        guard q.count <= 100 else { throw Refused(.badRequest, "搜索词不能超过 100 个字。") }

        let search = q.isEmpty ? nil : q
        var units = try await store.documents(
            region: region, year: year, search: search, page: Page(offset: offset, limit: Paging.size), visibility: visibility)
        var projects: [ProjectSummary] = [], projectTotal = 0
        if let search {
            let found = try await store.projects(year: year, search: search, page: Page(limit: 200), visibility: visibility)
            (projects, projectTotal) = (found.items, found.total)
            if units.total == 0, !projects.isEmpty {
                // Searching a project name or code finds the units that have it too.
                let ids = Set(projects.map(\.documentID))
                let all = try await store.documents(region: region, year: year, page: Page(limit: 500), visibility: visibility).items
                units.items = all.filter { ids.contains($0.id) }
                units.total = units.items.count
            }
        }
        let budgets = try await store.budgetTotals(documentIDs: units.items.map(\.id), visibility: visibility)
        let facets = try await store.facets(visibility: visibility)
        func link(_ offset: Int) -> String {
            Paths.home(query: ["offset": "\(offset)", "q": search, "region": region, "year": year.map(String.init)])
        }
        let pages = Paging.links(offset: offset, total: units.total, link: link)
        let page = HomePage(
            q: q,
            regionOptions: [Option(value: "", label: "全部行政区划", selected: region == nil)]
                + facets.regions.map { Option(value: $0, label: Divisions.label(of: $0), selected: $0 == region) },
            yearOptions: [Option(value: "", label: "全部年度", selected: year == nil)]
                + facets.years.map { Option(value: "\($0)", label: "\($0) 年度", selected: $0 == year) },
            years: HomePage.years(units.items, budgets: budgets), total: units.total, searched: search != nil,
            projects: projects.map { p in
                HomePage.ProjectHit(
                    href: Paths.project(p.documentID, p.position), name: p.name, code: p.code ?? "", unitName: p.departmentName,
                    year: p.fiscalYear.map(String.init) ?? "", budget: p.budgetTotal.map { "\($0.money) \(p.moneyUnit)" } ?? "")
            },
            projectTotal: projectTotal,
            previous: pages.previous, next: pages.next, range: pages.range)
        return views.render("home", page)
    }
}
