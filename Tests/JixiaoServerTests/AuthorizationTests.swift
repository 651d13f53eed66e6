import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoAccess
import JixiaoModel
import JixiaoStore
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

/// Every route and page, as each role and as the public: allowed, 401 (or the sign-in page), 403,
/// 404 where the document's existence is not theirs to know, 409 where its step does not allow it.
@Suite(.needsShared) struct AuthorizationTests {
    enum Who: String, CaseIterable {
        case anonymous, editorA, editorP, reviewerA, reviewerP, admin
    }

    /// Document A (seed 002, 巨鹿, 130529) is a draft; document P (seed 000, 乐亭, 130225) is published.
    /// editorA works for A's unit, editorP for P's; reviewerA covers 邢台 (1305), reviewerP 唐山 (1302).
    struct Route {
        var method: HTTPRequest.Method
        var path: String
        var body: String?
        var expected: [Who: Int]
        /// A file upload instead of `body`.
        var upload: Data? = nil
    }

    static func expect(_ anonymous: Int, _ editorA: Int, _ editorP: Int, _ reviewerA: Int, _ reviewerP: Int, _ admin: Int) -> [Who: Int] {
        [.anonymous: anonymous, .editorA: editorA, .editorP: editorP, .reviewerA: reviewerA, .reviewerP: reviewerP, .admin: admin]
    }

    static func routes(a: Int, p: Int) throws -> [Route] {
        let seedA = try Shared.seed(Shared.seedNames[2]), seedP = try Shared.seed(Shared.seedNames[0])
        let staleEdit = #"{"version": 999, "reason": "更正", "project": {"name": "x", "moneyUnit": "万元", "indicators": []}}"#
        let stalePlan = #"{"version": 999, "reason": "更正", "plan": {"mar": "25"}}"#
        let staleIndicator = #"{"version": 999, "reason": "更正", "indicator": {"level1": "产出指标", "level2": "数量指标", "level3": "x", "value": "≥1"}}"#
        let approve = #"{"step": "approve"}"#
        let actuals = #"{"month": 6, "spending": [{"month": 6, "amount": "1"}], "indicators": []}"#
        let readA = expect(404, 200, 404, 200, 404, 200)
        let everyone = expect(200, 200, 200, 200, 200, 200)
        let readP = everyone
        return [
            // The JSON API
            Route(method: .get, path: "/api/v1/units", expected: everyone),
            Route(method: .get, path: "/api/v1/documents", expected: everyone),
            Route(method: .get, path: "/api/v1/projects", expected: everyone),
            Route(method: .get, path: "/api/v1/documents/\(a)", expected: readA),
            Route(method: .get, path: "/api/v1/documents/\(p)", expected: readP),
            Route(method: .get, path: "/api/v1/documents/\(a)/findings", expected: readA),
            Route(method: .get, path: "/api/v1/documents/\(p)/findings", expected: readP),
            Route(method: .post, path: "/api/v1/documents/\(a)/review", expected: readA),
            Route(method: .get, path: "/api/v1/documents/\(a)/projects/1", expected: readA),
            Route(method: .get, path: "/api/v1/documents/\(p)/projects/1", expected: readP),
            Route(method: .put, path: "/api/v1/documents/\(a)/projects/1", body: staleEdit, expected: expect(401, 409, 404, 403, 404, 409)),
            Route(method: .put, path: "/api/v1/documents/\(p)/projects/1", body: staleEdit, expected: expect(401, 403, 409, 403, 403, 409)),
            Route(method: .post, path: "/api/v1/documents/\(a)/projects", body: staleEdit, expected: expect(401, 409, 404, 403, 404, 409)),
            Route(method: .put, path: "/api/v1/documents/\(a)/projects/1/spending-plan", body: stalePlan, expected: expect(401, 409, 404, 403, 404, 409)),
            Route(method: .post, path: "/api/v1/documents/\(p)/projects/1/indicators", body: staleIndicator, expected: expect(401, 403, 409, 403, 403, 409)),
            Route(method: .get, path: "/api/v1/documents/\(a)/workflow", expected: readA),
            Route(method: .get, path: "/api/v1/documents/\(p)/workflow", expected: expect(401, 403, 200, 403, 200, 200)),
            Route(method: .post, path: "/api/v1/documents/\(a)/workflow", body: approve, expected: expect(401, 403, 404, 409, 404, 409)),
            Route(method: .post, path: "/api/v1/documents/\(p)/workflow", body: approve, expected: expect(401, 403, 403, 403, 409, 409)),
            Route(method: .get, path: "/api/v1/audit", expected: expect(401, 403, 403, 200, 200, 200)),
            Route(method: .get, path: "/api/v1/audit?document=\(a)", expected: readA),
            Route(method: .get, path: "/api/v1/audit?document=\(p)", expected: expect(401, 403, 200, 403, 200, 200)),
            Route(method: .get, path: "/api/v1/documents/999999", expected: expect(404, 404, 404, 404, 404, 404)),
            Route(method: .get, path: "/api/v1/documents/\(a)/projects/1/actuals", expected: readA),
            Route(method: .get, path: "/api/v1/documents/\(p)/projects/1/actuals", expected: expect(401, 403, 200, 403, 200, 200)),
            Route(method: .put, path: "/api/v1/documents/\(a)/projects/1/actuals", body: actuals, expected: expect(401, 200, 404, 403, 404, 200)),
            Route(method: .put, path: "/api/v1/documents/\(p)/projects/1/actuals", body: actuals, expected: expect(401, 403, 200, 403, 403, 200)),
            Route(method: .get, path: "/api/v1/documents/\(a)/monitoring?month=6", expected: readA),
            Route(method: .get, path: "/api/v1/documents/\(p)/evaluation", expected: expect(401, 403, 200, 403, 200, 200)),
            // Imports: reading a file is for those who may import; storing it for those whose unit it is.
            Route(method: .post, path: "/api/v1/imports?dryRun=true", expected: expect(401, 200, 200, 403, 403, 200), upload: seedA),
            Route(method: .post, path: "/api/v1/imports", expected: expect(401, 200, 403, 403, 403, 200), upload: seedA),
            Route(method: .post, path: "/api/v1/imports", expected: expect(401, 403, 200, 403, 403, 200), upload: seedP),
            // The pages (303: the sign-in page)
            Route(method: .get, path: "/", expected: everyone),
            Route(method: .get, path: "/documents/\(a)", expected: readA),
            Route(method: .get, path: "/documents/\(p)", expected: readP),
            Route(method: .get, path: "/documents/\(a)/report", expected: readA),
            Route(method: .get, path: "/documents/\(p)/report", expected: readP),
            Route(method: .get, path: "/documents/\(a)/export.csv", expected: readA),
            Route(method: .get, path: "/documents/\(p)/export.csv", expected: readP),
            Route(method: .get, path: "/documents/\(a)/export.xlsx", expected: readA),
            Route(method: .get, path: "/documents/\(p)/export.xlsx", expected: readP),
            Route(method: .get, path: "/documents/\(a)/projects/1", expected: readA),
            Route(method: .get, path: "/documents/\(p)/projects/1", expected: readP),
            Route(method: .get, path: "/documents/\(a)/projects/1/export.xlsx", expected: readA),
            Route(method: .get, path: "/documents/\(p)/projects/1/export.csv", expected: readP),
            Route(method: .get, path: "/documents/\(a)/projects/1/edit", expected: expect(404, 200, 404, 403, 404, 200)),
            Route(method: .get, path: "/documents/\(p)/projects/1/edit", expected: expect(303, 403, 200, 403, 403, 200)),
            // A page's form posted by the public carries no form token: refused as forged (403) before
            // anything else, the same for every path, so nothing about the document shows.
            Route(
                method: .post, path: "/documents/\(a)/projects/1/edit", body: "version=999&rows=0&name=x&moneyUnit=万元&action=save",
                expected: expect(403, 409, 404, 403, 404, 409)),
            Route(method: .post, path: "/documents/\(a)/workflow", body: "step=approve", expected: expect(403, 403, 404, 409, 404, 409)),
            Route(method: .post, path: "/documents/999999/workflow", body: "step=approve", expected: expect(403, 404, 404, 404, 404, 404)),
            Route(method: .get, path: "/documents/\(a)/history", expected: readA),
            Route(method: .get, path: "/documents/\(p)/history", expected: expect(303, 403, 200, 403, 200, 200)),
            Route(method: .get, path: "/documents/\(a)/history.csv", expected: readA),
            Route(method: .get, path: "/audit", expected: expect(303, 403, 403, 200, 200, 200)),
            Route(method: .get, path: "/audit.csv", expected: expect(303, 403, 403, 200, 200, 200)),
            Route(method: .get, path: "/import", expected: expect(303, 200, 200, 403, 403, 200)),
            Route(method: .get, path: "/account", expected: expect(303, 200, 200, 200, 200, 200)),
            Route(method: .get, path: "/login", expected: everyone),
            // Monitoring and self-evaluation: internal, for those in whose care the document is.
            Route(method: .get, path: "/documents/\(a)/monitoring", expected: readA),
            Route(method: .get, path: "/documents/\(p)/monitoring", expected: expect(303, 403, 200, 403, 200, 200)),
            Route(method: .get, path: "/documents/\(a)/evaluation", expected: readA),
            Route(method: .get, path: "/documents/\(p)/evaluation", expected: expect(303, 403, 200, 403, 200, 200)),
            Route(method: .get, path: "/documents/\(a)/evaluation.xlsx", expected: readA),
            Route(method: .get, path: "/documents/\(p)/evaluation.csv", expected: expect(303, 403, 200, 403, 200, 200)),
            Route(method: .get, path: "/documents/\(a)/projects/1/actuals", expected: readA),
            Route(method: .post, path: "/documents/\(a)/projects/1/actuals", body: "month=6", expected: expect(403, 303, 404, 403, 404, 303)),
            Route(method: .post, path: "/documents/\(p)/projects/1/actuals", body: "month=6", expected: expect(403, 403, 303, 403, 403, 303)),
            Route(method: .get, path: "/monitoring", expected: expect(303, 200, 200, 200, 200, 200)),
            Route(method: .get, path: "/documents/999999", expected: expect(404, 404, 404, 404, 404, 404)),
        ]
    }

    /// Seeds A (draft) and P (published), and a client for each role.
    static func setUp(_ server: TestServer) async throws -> (a: Int, p: Int, clients: [Who: TestServer.Client]) {
        let a = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2]])[Shared.seedNames[2]]!
        let p = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[0]])[Shared.seedNames[0]]!
        var status = WorkflowStatus.draft
        for step in [Workflow.Step.submit, .approve, .publish] {
            status = try await server.store.transition(documentID: p, step: step, from: status, by: .system, reason: nil)
        }
        let clients: [Who: TestServer.Client] = [
            .anonymous: server.anonymous, .admin: server.admin,
            .editorA: try await server.user("editorA", role: .unitEditor, units: ["435001"]),
            .editorP: try await server.user("editorP", role: .unitEditor, units: ["483001"]),
            .reviewerA: try await server.user("reviewerA", role: .bureauReviewer, region: "130500"),
            .reviewerP: try await server.user("reviewerP", role: .bureauReviewer, region: "130200"),
        ]
        return (a, p, clients)
    }

    @Test(arguments: Backend.available)
    func everyRouteAsEveryRole(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let (a, p, clients) = try await Self.setUp(server)
            for route in try Self.routes(a: a, p: p) {
                for who in Who.allCases {
                    var headers: HTTPFields = [:]
                    var body = route.body.map { ByteBuffer(string: $0) }
                    if let text = route.body {
                        headers[.contentType] = text.hasPrefix("{") ? "application/json" : "application/x-www-form-urlencoded"
                    }
                    if let file = route.upload { (headers, body) = ServerTests.multipart(file, filename: "seed.txt") }
                    let r = try await clients[who]!.execute(uri: route.path, method: route.method, headers: headers, body: body)
                    #expect(
                        Int(r.status.code) == route.expected[who],
                        "\(route.method) \(route.path) as \(who): \(r.status.code) \(String(buffer: r.body).prefix(200))")
                    if r.status == .seeOther, route.method == .get { #expect(r.headers[.location]?.hasPrefix("/login?next=") == true) }
                }
            }
            // Lists show each role what it may see: the public only the published document.
            let publicList = try ServerTests.json(try await server.anonymous.execute(uri: "/api/v1/documents", method: .get))
            #expect(publicList["total"]?.decimalValue == 1 && publicList["items"]?.arrayValue?.first?["id"]?.decimalValue == Decimal(p))
            let editorList = try ServerTests.json(try await clients[.editorA]!.execute(uri: "/api/v1/documents", method: .get))
            #expect(editorList["total"]?.decimalValue == 2)
            let home = String(buffer: try await server.anonymous.execute(uri: "/", method: .get).body)
            #expect(home.contains("乐亭县") && !home.contains("巨鹿县"))
            // The audit log shows each reviewer only their region's documents, in the API, the page and its CSV.
            let everything = try ServerTests.json(try await server.admin.execute(uri: "/api/v1/audit?limit=500", method: .get))["items"]?.arrayValue ?? []
            #expect(Set(everything.compactMap { $0["documentId"]?.decimalValue }) == [Decimal(a), Decimal(p)])
            func lines(of document: Int) -> [String] {
                everything.filter { $0["documentId"]?.decimalValue == Decimal(document) }.compactMap { $0["id"]?.decimalValue }.map { "\($0)," }
            }
            for (who, mine, other) in [(Who.reviewerA, a, p), (.reviewerP, p, a)] {
                let items = try ServerTests.json(try await clients[who]!.execute(uri: "/api/v1/audit?limit=500", method: .get))["items"]?.arrayValue ?? []
                let ids = Set(items.compactMap { $0["documentId"]?.decimalValue })
                #expect(ids == [Decimal(mine)], "\(who) sees the audit of \(ids)")
                let csv = String(buffer: try await clients[who]!.execute(uri: "/audit.csv", method: .get).body)
                let starts = Set(csv.split(separator: "\r\n").map { String($0.prefix { $0 != "," }) + "," })
                #expect(lines(of: mine).allSatisfy(starts.contains) && !lines(of: other).contains(where: starts.contains), "\(who)")
                #expect(String(buffer: try await clients[who]!.execute(uri: "/audit", method: .get).body).contains("共 \(items.count) 条"))
                #expect(try await clients[who]!.execute(uri: "/api/v1/audit?document=\(other)", method: .get).status != .ok)
            }
            // A bad API token is refused outright.
            let bad = try await server.anonymous.execute(uri: "/api/v1/documents", method: .get, headers: [.authorization: "Bearer nonsense"])
            #expect(bad.status == .unauthorized && bad.headers[.wwwAuthenticate] == "Bearer")
        }
    }
}
