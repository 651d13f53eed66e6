import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoAccess
import JixiaoModel
import JixiaoReader
import JixiaoStore
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

/// Two `jixiao serve` over one PostgreSQL, as a bureau runs them behind a load balancer: whichever
/// answers, a person's session, uploads waiting to be confirmed, versions and the library are the same.
@Suite struct TwoServersTests {
    @Test(.enabled(if: TestDatabase.available.contains(.postgres), "needs PostgreSQL (JIXIAO_TEST_POSTGRES_URL; scripts/test.sh starts one)"))
    func requestsAlternateBetweenTwoServers() async throws {
        let location = try await TestDatabase.postgres.fresh()
        let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, location: location, loadSample: false)
        // Both start on the empty database at once: the migrations run once.
        async let first = buildApplication(configuration)
        async let second = buildApplication(configuration)
        let (a, storeA) = try await first
        let (b, storeB) = try await second
        _ = try await storeA.addUser(username: "admin", displayName: "管理员", passwordHash: TestServer.passwordHash, role: .administrator)
        do {
            try await a.test(.live) { one in
                try await b.test(.live) { two in
                    // Signed in on one, the session works on the other.
                    let form = try await WorkflowTests.loginForm(one)
                    let signedIn = try await WorkflowTests.login(two, form, user: "admin", password: TestServer.password)
                    #expect(signedIn.status == .seeOther)
                    let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix(Cookies.session + "=") })
                    let session: HTTPFields = [.cookie: String(cookie.prefix { $0 != ";" })]
                    let home = try await one.execute(uri: "/account", method: .get, headers: session)
                    #expect(home.status == .ok && String(buffer: home.body).contains("管理员"))
                    let token = String(cookie.dropFirst(Cookies.session.count + 1).prefix { $0 != ";" })
                    let csrf = try #require(try await storeB.session(token: token)?.csrf)

                    // An upload previewed on one is confirmed on the other.
                    let unit = LibraryWebTests.unit(1, satisfaction: "≥95%", timely: true)
                    let (headers, body) = ServerTests.multipart(Data(DocumentJSON.encode(unit).utf8), filename: "unit.json", csrf: csrf)
                    var uploadHeaders = headers
                    for field in session { uploadHeaders.append(field) }
                    let preview = try await one.execute(uri: "/import", method: .post, headers: uploadHeaders, body: body)
                    let previewPath = try #require(preview.headers[.location])
                    let confirmed = try await WebTests.post(
                        two, previewPath, [("csrf", csrf), ("action", "confirm")], headers: session)
                    let documentPath = String(try #require(confirmed.headers[.location]).prefix { $0 != "?" })
                    #expect(documentPath.hasPrefix("/documents/"))

                    // Alternating reads and writes: an edit on one, seen on the other; a stale edit refused on either.
                    let editURI = documentPath + "/projects/1/edit"
                    var editForm = try #require(HTMLForm(String(buffer: try await one.execute(uri: editURI, method: .get, headers: session).body)))
                    editForm["name"] = "2025年业务培训经费（调整）"
                    let saved = try await WebTests.post(two, editURI, editForm.fields + [("action", "save")], headers: session)
                    #expect(saved.status == .seeOther)
                    let project = String(buffer: try await one.execute(uri: documentPath + "/projects/1", method: .get, headers: session).body)
                    #expect(project.contains("<h1>2025年业务培训经费（调整）</h1>") && project.contains("· 第 2 版 ·"))
                    let stale = try await WebTests.post(one, editURI, editForm.fields + [("action", "save")], headers: session)
                    #expect(stale.status == .conflict)

                    // The library each keeps current is the one both read.
                    for (k, server) in [one, two, one, two].enumerated() {
                        let next = LibraryWebTests.unit(k + 2, satisfaction: "≥9\(k)%", timely: false)
                        let r = try await ServerTests.upload(
                            TestServer.Client(base: server, headers: session.appending(.init(name: .init("X-CSRF-Token")!, value: csrf)), csrf: csrf),
                            Data(DocumentJSON.encode(next).utf8), name: "unit\(k + 2).json")
                        #expect(r.status == .ok || r.status == .created, "\(String(buffer: r.body))")
                    }
                    for server in [one, two] {
                        let page = String(buffer: try await server.execute(uri: "/library?q=%E6%BB%A1%E6%84%8F", method: .get, headers: session).body)
                        #expect(page.contains("<td class=\"num\">5</td>"), "five units write 服务对象满意度")
                    }
                }
            }
        } catch {
            try? await storeA.close()
            try? await storeB.close()
            throw error
        }
        try await storeA.close()
        try await storeB.close()
    }
}

extension HTTPFields {
    fileprivate func appending(_ field: HTTPField) -> HTTPFields {
        var copy = self
        copy.append(field)
        return copy
    }
}
