import Foundation
import Hummingbird
import JixiaoAccess
import JixiaoApp
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// The indicator library learned from every stored document: the list (search, 二级, region, year) and
/// one indicator's page. Signed in only: its figures count drafts; the uses listed are those of the
/// units in the person's care.
struct LibraryController: PageController {
    let documents: Documents
    let views: Views

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.library.routerPath, use: list)
        router.get(Paths.libraryEntry.routerPath, use: entry)
    }

    /// The query a list page or the API was given, checked: a region is a division code or its first
    /// digits, a year a plausible one; anything else is no filter.
    static func query(q: String?, level2: String?, region: String?, year: Int?, offset: Int?) throws -> (LibraryQuery, offset: Int) {
        let q = (q ?? "").trimmingCharacters(in: .whitespaces)
        guard q.count <= 100 else { throw Refused(.badRequest, "搜索词不能超过 100 个字。") }
        let region = region.flatMap { r in (2...6).contains(r.count) && r.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } ? r : nil }
        return (
            LibraryQuery(
                search: q.isEmpty ? nil : q, level2: level2.flatMap { $0.isEmpty ? nil : $0 }, region: region,
                year: year.flatMap { (1990...2100).contains($0) ? $0 : nil }),
            min(max(0, offset ?? 0), Paging.maxOffset)
        )
    }

    @Sendable func list(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard Identity.current.actor != nil else { throw AccessDenied(decision: .signIn) }
        let parameters = request.uri.queryParameters
        let (query, offset) = try Self.query(
            q: parameters.get("q"), level2: parameters.get("level2"), region: parameters.get("region"), year: parameters.get("year").flatMap { Int($0) },
            offset: parameters.get("offset").flatMap { Int($0) })
        let groups = try await store.library(query, page: Page(offset: offset, limit: Paging.size))
        let facets = try await store.facets(visibility: visibility)
        return views.render("library", LibraryListPage(query, offset: offset, groups: groups, facets: facets))
    }

    @Sendable func entry(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard Identity.current.actor != nil else { throw AccessDenied(decision: .signIn) }
        guard let key = context.parameters.get("key")?.removingPercentEncoding,
            let offset = Optional(min(max(0, request.uri.queryParameters.get("offset").flatMap { Int($0) } ?? 0), Paging.maxOffset)),
            let entry = try await store.libraryEntry(key: key, page: Page(offset: offset, limit: LibraryEntryPage.unitsPerPage), visibility: visibility)
        else { throw Refused(.notFound, "指标库里没有这个指标。") }
        var distribution: IndicatorLibrary.Distribution?
        if let main = entry.group.targets.first { distribution = try await store.libraryDistribution(key: entry.group.key, op: main.op, unit: main.unit) }
        return views.render("library-entry", LibraryEntryPage(entry, distribution: distribution, offset: offset))
    }
}
