import Testing

@testable import JixiaoHTML

/// One place for every page's URL: the route the router registers and the links made from it.
@Suite struct PathsTests {
    @Test func linksFillTheRouteInOrder() {
        #expect(Paths.project.route == "/documents/{id}/projects/{position}")
        #expect(Paths.project(7, 2) == "/documents/7/projects/2")
        #expect(Paths.home() == "/")
        #expect(Paths.pendingImport("ab12") == "/import/ab12")
    }

    @Test func queriesAreEncodedAndAnAbsentValueLeftOut() {
        #expect(Paths.actuals(3, 1, query: ["month": "6", "saved": "1"]) == "/documents/3/projects/1/actuals?month=6&saved=1")
        #expect(Paths.home(query: ["offset": "100", "q": "教育 费&x=1", "region": nil]) == "/?offset=100&q=%E6%95%99%E8%82%B2%20%E8%B4%B9%26x%3D1")
        #expect(Paths.login(query: ["next": "/documents/1?month=6"]) == "/login?next=%2Fdocuments%2F1%3Fmonth%3D6")
        // A value put into the path cannot add a segment.
        #expect(Paths.pendingImport("../audit") == "/import/..%2Faudit")
    }
}
