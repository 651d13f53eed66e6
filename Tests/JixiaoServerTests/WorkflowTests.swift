import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoAccess
import JixiaoModel
import JixiaoReview
import JixiaoTestSupport
import Testing

@testable import JixiaoServer
@testable import JixiaoStore

/// The yearly workflow through the API, every transition allowed and refused; the audit log; and
/// the security of sign-in, sessions and forms.
@Suite struct WorkflowTests {
    static func step(_ client: any TestClientProtocol, _ id: Int, _ body: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/documents/\(id)/workflow", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    static func status(_ client: any TestClientProtocol, _ id: Int) async throws -> String? {
        try ServerTests.json(try await client.execute(uri: "/api/v1/documents/\(id)/workflow", method: .get))["status"]?.stringValue
    }

    static func version(_ client: any TestClientProtocol, _ id: Int) async throws -> Int {
        let r = try await client.execute(uri: "/api/v1/documents/\(id)", method: .get)
        return Int(r.headers[HTTPField.Name("Jixiao-Version")!] ?? "0") ?? 0
    }

    /// Changes row 1's value of project 1 through the API.
    static func editValue(_ client: any TestClientProtocol, _ id: Int, to value: String, reason: String? = nil) async throws -> TestResponse {
        let project = try ServerTests.json(try await client.execute(uri: "/api/v1/documents/\(id)/projects/1", method: .get))["project"]!
        let version = try await Self.version(client, id)
        var indicators = project["indicators"]!.arrayValue!.map { i in
            JSONValue.object([
                ("level1", i["level1"]!), ("level2", i["level2"]!), ("level3", i["level3"]!), ("description", i["description"] ?? .null),
                ("value", i["value"]!), ("basis", i["basis"] ?? .null),
            ])
        }
        if case let .object(fields) = indicators[0] { indicators[0] = .object(fields.map { $0.0 == "value" ? ("value", .string(value)) : $0 }) }
        let body = JSONValue.object([
            ("version", .number(Decimal(version))), ("reason", reason.map(JSONValue.string) ?? .null),
            (
                "project",
                .object([
                    ("name", project["name"]!), ("moneyUnit", project["moneyUnit"]!), ("code", project["code"] ?? .null), ("indicators", .array(indicators)),
                ])
            ),
        ])
        return try await client.execute(
            uri: "/api/v1/documents/\(id)/projects/1", method: .put, headers: [.contentType: "application/json"], body: ByteBuffer(string: body.serialized()))
    }

    @Test(.needsShared, arguments: Backend.available)
    func submittingWithErrorsIsRefusedUnlessTheProfileAllowsIt(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2]])[Shared.seedNames[2]]!
            let editor = try await server.user("editor", role: .unitEditor, units: ["435001"])
            let refused = try await Self.step(editor, id, #"{"step": "submit"}"#)
            #expect(refused.status == .conflict && String(buffer: refused.body).contains("错误"))
            #expect(try await Self.status(editor, id) == "draft")
        }
        try await TestServer.run(backend, profile: ReviewProfile(allowSubmitWithErrors: true)) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2]])[Shared.seedNames[2]]!
            let editor = try await server.user("editor", role: .unitEditor, units: ["435001"])
            #expect(try await Self.step(editor, id, #"{"step": "submit"}"#).status == .ok)
            #expect(try await Self.status(editor, id) == "submitted")
        }
    }

    @Test(.needsShared, arguments: Backend.available)
    func everyTransitionAllowedAndRefused(_ backend: Backend) async throws {
        try await TestServer.run(backend, profile: ReviewProfile(allowSubmitWithErrors: true)) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2]])[Shared.seedNames[2]]!
            let editor = try await server.user("editor", role: .unitEditor, units: ["435001"])
            let reviewer = try await server.user("reviewer", role: .bureauReviewer, region: "130500")
            func expectStep(_ client: any TestClientProtocol, _ step: String, _ status: HTTPResponse.Status, _ body: String? = nil) async throws {
                let r = try await Self.step(client, id, body ?? #"{"step": "\#(step)"}"#)
                #expect(r.status == status, "\(step): \(String(buffer: r.body))")
            }
            // draft: only submit (by the unit)
            for step in ["return", "approve", "publish"] { try await expectStep(reviewer, step, .conflict) }
            try await expectStep(reviewer, "submit", .forbidden)
            try await expectStep(editor, "submit", .ok)
            // submitted: return or approve (by the bureau); no edits, no second submit, no publishing
            #expect(try await Self.editValue(editor, id, to: "≥40 个").status == .conflict)
            try await expectStep(editor, "submit", .conflict)
            try await expectStep(reviewer, "publish", .conflict)
            try await expectStep(editor, "approve", .forbidden)
            try await expectStep(reviewer, "return", .unprocessableContent)  // a return needs a reason
            try await expectStep(
                reviewer, "return", .ok,
                #"{"step": "return", "reason": "满意度指标写反了", "notes": [{"project": 1, "cell": "i5.value", "rule": "positive-rate-operator", "note": "满意率应为下限"}]}"#
            )
            let events = try ServerTests.json(try await editor.execute(uri: "/api/v1/documents/\(id)/workflow", method: .get))["events"]!.arrayValue!
            #expect(events.last?["notes"]?.arrayValue?.first?["cell"]?.stringValue == "i5.value")
            // returned: the unit edits (no reason needed) and submits again; nothing else
            for step in ["approve", "publish", "return"] { try await expectStep(reviewer, step, .conflict) }
            #expect(try await Self.editValue(editor, id, to: "≥40 个").status == .ok)
            #expect(try await Self.status(editor, id) == "returned")
            try await expectStep(editor, "submit", .ok)
            try await expectStep(reviewer, "approve", .ok)
            // approved: publish only; an edit needs a reason and makes a new draft
            for step in ["submit", "approve", "return"] { try await expectStep(server.admin, step, .conflict) }
            try await expectStep(reviewer, "publish", .ok)
            let published = try await Self.version(server.admin, id)
            #expect(try await Self.status(server.anonymous, id) == nil)  // the public reads documents, not their workflow
            #expect(try await Self.version(server.anonymous, id) == published)
            // published: read-only; a correction (with its reason) starts a new version, the public keeps the published one
            for step in ["submit", "approve", "return", "publish"] { try await expectStep(server.admin, step, .conflict) }
            #expect(try await Self.editValue(editor, id, to: "≥50 个").status == .unprocessableContent)
            #expect(try await Self.editValue(editor, id, to: "≥50 个", reason: "更正数量").status == .ok)
            #expect(try await Self.status(editor, id) == "draft")
            #expect(try await Self.version(editor, id) == published + 1)
            #expect(try await Self.version(server.anonymous, id) == published)
            let publicValue = try ServerTests.json(try await server.anonymous.execute(uri: "/api/v1/documents/\(id)/projects/1", method: .get))
            #expect(publicValue["project"]?["indicators"]?.arrayValue?.first?["value"]?.stringValue == "≥40 个")
        }
    }

    /// A value edited three times by two people: its whole history, in the API and on the page.
    @Test(.needsShared, arguments: Backend.available)
    func theAuditLogKeepsEveryChangeOfAValue(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2]])[Shared.seedNames[2]]!
            let first = try await server.user("wang", role: .unitEditor, units: ["435001"])
            let second = try await server.user("li", role: .unitEditor, units: ["435001"])
            #expect(try await Self.editValue(first, id, to: "≥31 个").status == .ok)
            #expect(try await Self.editValue(second, id, to: "≥32 个").status == .ok)
            #expect(try await Self.editValue(first, id, to: "≥33 个").status == .ok)
            let log = try ServerTests.json(try await first.execute(uri: "/api/v1/audit?document=\(id)&project=1", method: .get))
            let changes = log["items"]!.arrayValue!.filter { $0["cell"]?.stringValue == "i1.value" }
            #expect(changes.map { $0["user"]?.stringValue ?? "" } == ["wang", "li", "wang"])
            #expect(changes.map { $0["before"]?.stringValue ?? "" } == ["≥30 个", "≥31 个", "≥32 个"])
            #expect(changes.map { $0["after"]?.stringValue ?? "" } == ["≥31 个", "≥32 个", "≥33 个"])
            #expect(changes.map { $0["version"]?.decimalValue ?? 0 } == [2, 3, 4])
            // On the project page the value's cell shows its history.
            let page = String(buffer: try await server.browser("admin").execute(uri: "/documents/\(id)/projects/1", method: .get).body)
            let cell = try #require(HTMLForm.element(in: page, containing: "data-cell=\"i1.value\""))
            #expect(cell.contains("改过 3 次") && cell.contains("wang") && cell.contains("li") && cell.contains("≥31 个 → ≥32 个"))
            // The log cannot be rewritten, not even by a direct statement to the database.
            await #expect(throws: (any Error).self) { try await server.store.database.raw("UPDATE audit_log SET username = 'x'").run() }
            await #expect(throws: (any Error).self) { try await server.store.database.raw("DELETE FROM audit_log").run() }
            // It exports as CSV.
            let csv = try await server.browser("admin").execute(uri: "/documents/\(id)/history.csv", method: .get)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8" && String(buffer: csv.body).contains("≥31 个"))
        }
    }

    // MARK: Security

    static func loginForm(_ client: any TestClientProtocol) async throws -> (cookie: String, csrf: String) {
        let r = try await client.execute(uri: "/login", method: .get)
        let cookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix(Cookies.form + "=") })
        let csrf = try #require(HTMLForm(String(buffer: r.body))?["csrf"])
        return (String(cookie.prefix { $0 != ";" }), csrf)
    }

    static func login(
        _ client: any TestClientProtocol, _ form: (cookie: String, csrf: String), user: String, password: String, extraCookie: String? = nil
    )
        async throws -> TestResponse
    {
        try await WebTests.post(
            client, "/login", [("csrf", form.csrf), ("username", user), ("password", password)],
            headers: [.cookie: ([form.cookie] + (extraCookie.map { [$0] } ?? [])).joined(separator: "; ")])
    }

    @Test func wrongPasswordsLockTheAccount() async throws {
        try await TestServer.run(.sqlite) { server in
            let form = try await Self.loginForm(server.anonymous)
            for _ in 0..<SignInPolicy.maxFailures {
                let r = try await Self.login(server.anonymous, form, user: "admin", password: "wrong password")
                #expect(r.status == .unauthorized && String(buffer: r.body).contains("用户名或密码不正确"))
            }
            let locked = try await Self.login(server.anonymous, form, user: "admin", password: TestServer.password)
            #expect(locked.status == .unauthorized && String(buffer: locked.body).contains("锁定"))
            // An unknown name gets the same answer as a wrong password; SQL in it is only text.
            let unknown = try await Self.login(server.anonymous, form, user: "x' OR '1'='1", password: "y")
            #expect(unknown.status == .unauthorized && String(buffer: unknown.body).contains("用户名或密码不正确"))
        }
    }

    @Test func signInMakesANewSessionAndItsCookieIsSafe() async throws {
        try await TestServer.run(.sqlite) { server in
            let form = try await Self.loginForm(server.anonymous)
            // A session id planted in the browser beforehand is not the one signed in.
            let planted = "\(Cookies.session)=" + String(repeating: "a", count: 64)
            let r = try await Self.login(server.anonymous, form, user: "admin", password: TestServer.password, extraCookie: planted)
            #expect(r.status == .seeOther)
            let cookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix(Cookies.session + "=") })
            #expect(!cookie.hasPrefix(planted) && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let token = String(cookie.dropFirst(Cookies.session.count + 1).prefix { $0 != ";" })
            let signedIn = try await server.store.session(token: token),
                plantedSession = try await server.store.session(token: String(repeating: "a", count: 64))
            #expect(signedIn != nil && plantedSession == nil)
            // Behind HTTPS the cookie is Secure.
            let secure = try await WebTests.post(
                server.anonymous, "/login", [("csrf", form.csrf), ("username", "admin"), ("password", TestServer.password)],
                headers: [.cookie: form.cookie, HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(secure.headers[values: .setCookie].contains { $0.hasPrefix(Cookies.session + "=") && $0.contains("Secure") })
            // Signing out ends the session.
            let session = TestServer.Client(base: server.base, headers: [.cookie: "\(Cookies.session)=\(token)"], csrf: nil)
            let account = try await session.execute(uri: "/account", method: .get)
            let csrf = try #require(HTMLForm(String(buffer: account.body))?["csrf"])
            #expect(try await WebTests.post(session, "/logout", [("csrf", csrf)]).status == .seeOther)
            #expect(try await server.store.session(token: token) == nil)
            #expect(try await session.execute(uri: "/account", method: .get).status == .seeOther)
        }
    }

    @Test(.needsShared) func aFormWithoutItsTokenIsRefused() async throws {
        try await TestServer.run(.sqlite) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2]])[Shared.seedNames[2]]!
            let browser = try await server.browser("admin")
            let uri = "/documents/\(id)/projects/1/edit"
            var form = try #require(HTMLForm(String(buffer: try await browser.execute(uri: uri, method: .get).body)))
            #expect(form["csrf"] == browser.csrf)
            form["name"] = "被伪造的名称"
            let withoutToken = form.fields.filter { $0.0 != "csrf" }
            #expect(try await WebTests.post(browser, uri, withoutToken + [("action", "save")]).status == .forbidden)
            #expect(
                try await WebTests.post(browser, uri, withoutToken + [("csrf", String(repeating: "0", count: 64)), ("action", "save")]).status == .forbidden)
            // Another site's page posting the whole form (with a stolen token even) is refused by its origin.
            let crossSite = try await WebTests.post(browser, uri, form.fields + [("action", "save")], headers: [.origin: "https://evil.example"])
            #expect(crossSite.status == .forbidden)
            // The API with the session cookie wants the token in a header.
            let api = try await browser.execute(uri: "/api/v1/documents/\(id)/review", method: .post)
            #expect(api.status == .forbidden)
            let withHeader = try await browser.execute(
                uri: "/api/v1/documents/\(id)/review", method: .post, headers: [HTTPField.Name("X-CSRF-Token")!: browser.csrf!])
            #expect(withHeader.status == .ok)
            #expect(try await Self.version(server.admin, id) == 1)
            #expect(try await WebTests.post(browser, uri, form.fields + [("action", "save")]).status == .seeOther)
        }
    }

    @Test func passwordChangeEndsOtherSessions() async throws {
        try await TestServer.run(.sqlite) { server in
            let here = try await server.browser("admin"), elsewhere = try await server.browser("admin")
            let weak = try await WebTests.post(
                here, "/account/password", [("csrf", here.csrf!), ("current", TestServer.password), ("new", "short"), ("repeat", "short")])
            #expect(weak.status == .unprocessableContent)
            let new = "新的密码 horse 2026"
            let changed = try await WebTests.post(
                here, "/account/password", [("csrf", here.csrf!), ("current", TestServer.password), ("new", new), ("repeat", new)])
            #expect(changed.status == .ok && String(buffer: changed.body).contains("密码已修改"))
            #expect(try await here.execute(uri: "/account", method: .get).status == .ok)
            #expect(try await elsewhere.execute(uri: "/account", method: .get).status == .seeOther)
            // Tokens: made on the account page, used by a script, revoked.
            let made = String(buffer: try await WebTests.post(here, "/account/tokens", [("csrf", here.csrf!), ("name", "月报脚本")]).body)
            let token = try #require(made.range(of: #"<code class="token">[0-9a-f]{64}"#, options: .regularExpression).map { String(made[$0].suffix(64)) })
            let script = TestServer.Client(base: server.base, headers: [.authorization: "Bearer \(token)"], csrf: nil)
            #expect(try await script.execute(uri: "/api/v1/audit", method: .get).status == .ok)
            let id = try #require(try await server.store.tokens(userID: 1).first { $0.name == "月报脚本" }?.id)
            #expect(try await WebTests.post(here, "/account/tokens/\(id)/revoke", [("csrf", here.csrf!)]).status == .ok)
            #expect(try await script.execute(uri: "/api/v1/audit", method: .get).status == .unauthorized)
        }
    }
}
