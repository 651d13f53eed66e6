import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoAccess
import JixiaoModel
import JixiaoReader
import JixiaoStore
import JixiaoTestSupport
import Logging
import Testing

@testable import JixiaoServer

/// The attacks of the hardening review, each through real HTTP.
@Suite struct HardeningTests {
    @Test(arguments: Backend.available)
    func aFileThatKilledTheServerIsRefusedAndTheServerStaysUp(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let editor = server.admin
            for file in [try OfficeFiles.wordFileWithAnInvalidByteInATagName(), try OfficeFiles.wordPackage("<?xml?><w:document/>")] {
                for dryRun in [true, false] {
                    let r = try await ServerTests.upload(editor, file, name: "bad.docx", dryRun: dryRun)
                    #expect(r.status == .unprocessableContent, "\(String(buffer: r.body))")
                }
            }
            #expect(try await server.anonymous.execute(uri: "/livez", method: .get).status == .ok)
        }
    }

    /// A unit editor registers, inside a jixiao/1 upload of their own, the hash of the file another
    /// unit will upload next: that unit's upload still lands, and no answer tells anyone the other's ids.
    @Test(.needsShared, arguments: Backend.available)
    func aClaimedHashDoesNotBlockAnotherUnitsImport(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let ids = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2], Shared.seedNames[0]])
            let (a, p) = (ids[Shared.seedNames[2]]!, ids[Shared.seedNames[0]]!)  // 巨鹿 (435001), 乐亭 (483001)
            let attacker = try await server.user("attacker", role: .unitEditor, units: ["435001"])
            let victim = try await server.user("victim", role: .unitEditor, units: ["483001"])
            // The victim's next file: the same table, saved again.
            let next = try Shared.seed(Shared.seedNames[0]) + Data("\n".utf8)
            var own = try DocumentReader.read(try Shared.seed(Shared.seedNames[2])).document
            own.projects[0].name += "（修订）"
            own.source = TargetDocument.Source(name: "next.txt", sha256: SHA256.hex(next))
            let planted = try ServerTests.json(try await ServerTests.upload(attacker, Data(DocumentJSON.encode(own).utf8), name: "own.json"))
            #expect(planted["outcome"]?.stringValue == "new-version" && planted["documentId"]?.decimalValue == Decimal(a))
            // The stored hash is of the bytes received, not the one claimed.
            #expect(planted["document"]?["source"]?["sha256"]?.stringValue != SHA256.hex(next))
            let landed = try ServerTests.json(try await ServerTests.upload(victim, next, name: "next.txt"))
            #expect(landed["outcome"]?.stringValue == "new-version" && landed["documentId"]?.decimalValue == Decimal(p), "\(landed["outcome"] as Any)")
            // The same file twice for the same unit and year is still "unchanged".
            let again = try ServerTests.json(try await ServerTests.upload(victim, next, name: "next.txt"))
            #expect(again["outcome"]?.stringValue == "unchanged" && again["documentId"]?.decimalValue == Decimal(p))
        }
    }

    @Test func writesWithoutSigningInAndOversizedJSONAreRefusedBeforeTheBodyIsUsed() async throws {
        try await TestServer.run(.sqlite) { server in
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: 20 << 20)
            let anonymous = try await server.anonymous.execute(
                uri: "/api/v1/documents/1/projects/1", method: .put, headers: [.contentType: "application/json"], body: big)
            #expect(anonymous.status == .unauthorized && anonymous.headers[.contentType] == "application/problem+json")
            let tooLarge = try await server.admin.execute(
                uri: "/api/v1/documents/1/projects/1", method: .put, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"version": 1, "project": {"name": ""# + String(repeating: "长", count: 1 << 19) + #""}}"#))
            #expect(tooLarge.status == .contentTooLarge && tooLarge.headers[.contentType] == "application/problem+json")
            // A page's form that is too large gets a page that says so.
            let browser = try await server.browser("admin")
            let page = try await WebTests.post(browser, "/account/tokens", [("csrf", browser.csrf!), ("name", String(repeating: "x", count: 12 << 20))])
            #expect(page.status == .contentTooLarge && String(buffer: page.body).contains("过大"), "\(String(buffer: page.body).prefix(300))")
        }
    }

    @Test func answersCarryTheSecurityHeaders() async throws {
        try await TestServer.run(.sqlite) { server in
            for uri in ["/api/v1/documents", "/", "/api/v1/documents/999"] {
                let r = try await server.anonymous.execute(uri: uri, method: .get)
                #expect(r.headers[.xContentTypeOptions] == "nosniff" && r.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(uri)")
                #expect(r.headers[.cacheControl] == "no-store", "\(uri)")
            }
        }
    }

    /// `curl -F file=@x.txt` names the part text/plain; a script may say application/json.
    @Test(.needsShared) func anUploadPartOfAnyTypeIsRead() async throws {
        try await TestServer.run(.sqlite) { server in
            for type in ["text/plain", "application/json", "application/octet-stream"] {
                let (headers, body) = ServerTests.multipart(try Shared.seed(Shared.seedNames[1]), filename: "seed.txt", type: type)
                let r = try await server.admin.execute(uri: "/api/v1/imports?dryRun=true", method: .post, headers: headers, body: body)
                #expect(r.status == .ok, "\(type): \(String(buffer: r.body).prefix(200))")
            }
            // A body with no part at all is the client's mistake, not the server's.
            let empty = try await server.admin.execute(
                uri: "/api/v1/imports?dryRun=true", method: .post, headers: [.contentType: "multipart/form-data; boundary=b"],
                body: ByteBuffer(string: "--b--\r\n"))
            #expect(empty.status == .badRequest)
        }
    }

    @Test(.needsShared) func aPreviewIsTheUploadersOnly() async throws {
        try await TestServer.run(.sqlite) { server in
            _ = try await server.user("one", role: .administrator)
            _ = try await server.user("two", role: .administrator)
            let one = try await server.browser("one"), two = try await server.browser("two")
            let (headers, body) = ServerTests.multipart(try Shared.seed(Shared.seedNames[1]), filename: "seed.txt", csrf: one.csrf!)
            let uploaded = try await one.execute(uri: "/import", method: .post, headers: headers, body: body)
            let preview = try #require(uploaded.headers[.location])
            #expect(try await one.execute(uri: preview, method: .get).status == .ok)
            #expect(try await two.execute(uri: preview, method: .get).status == .notFound)
            #expect(try await two.execute(uri: preview + "/export.csv", method: .get).status == .notFound)
            let confirm = try await WebTests.post(two, preview, [("csrf", two.csrf!), ("action", "save")])
            #expect(confirm.status == .notFound)
        }
    }

    /// The public sees a published document as published, with its own date: nothing of the draft after it.
    @Test(.needsShared) func thePublicListShowsNothingOfALaterDraft() async throws {
        try await TestServer.run(.sqlite) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[0]])[Shared.seedNames[0]]!
            var status = WorkflowStatus.draft
            for step in [Workflow.Step.submit, .approve, .publish] {
                status = try await server.store.transition(documentID: id, step: step, from: status, by: .system, reason: nil)
            }
            let published = try ServerTests.json(try await server.anonymous.execute(uri: "/api/v1/documents", method: .get))["items"]?.arrayValue?.first
            try await Task.sleep(for: .milliseconds(1100))
            // A new draft version by an edit.
            var document = try DocumentReader.read(try Shared.seed(Shared.seedNames[0])).document
            document.projects[0].name += "（修订）"
            document.source = nil
            _ = try await server.store.save(document, findings: [], reason: "edit", expectedVersion: 1, existingDocumentID: id, why: "修订")
            for client in [server.anonymous, try await server.user("other", role: .bureauReviewer, region: "130500")] {
                let item = try ServerTests.json(try await client.execute(uri: "/api/v1/documents", method: .get))["items"]?.arrayValue?.first
                #expect(item?["status"]?.stringValue == "published" && item?["version"]?.decimalValue == 1)
                #expect(item?["updatedAt"] == published?["updatedAt"])
                let page = String(buffer: try await client.execute(uri: "/documents/\(id)", method: .get).body)
                #expect(!page.contains("草稿") && !page.contains("第 2 版"))
            }
            let own = try ServerTests.json(try await server.admin.execute(uri: "/api/v1/documents", method: .get))["items"]?.arrayValue?.first
            #expect(own?["status"]?.stringValue == "draft" && own?["version"]?.decimalValue == 2)
        }
    }

    @Test(.needsShared) func actualsRefuseAShareBeyond100AndARowTwice() async throws {
        try await TestServer.run(.sqlite) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[0]])[Shared.seedNames[0]]!
            func put(_ indicators: String, spending: String = #"[{"month": 6, "amount": "1"}]"#) async throws -> TestResponse {
                try await server.admin.execute(
                    uri: "/api/v1/documents/\(id)/projects/1/actuals", method: .put, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"month": 6, "spending": \#(spending), "indicators": \#(indicators)}"#))
            }
            let share = try await put(#"[{"row": 1, "value": "10", "share": "1000000"}]"#)
            #expect(share.status == .unprocessableContent && String(buffer: share.body).contains("0–100"))
            let twice = try await put(#"[{"row": 1, "value": "10"}, {"row": 1, "value": "20"}]"#)
            #expect(twice.status == .unprocessableContent && String(buffer: twice.body).contains("重复"))
            let month = try await put("[]", spending: #"[{"month": 6, "amount": "1"}, {"month": 6, "amount": "2"}]"#)
            #expect(month.status == .unprocessableContent && String(buffer: month.body).contains("重复"))
            #expect(try await put("[]").status == .ok)
            // Row 1 (≥31 个) is judged by its number: a grade for it is refused, not kept as 未填报.
            let grade = try await put(#"[{"row": 1, "grade": "达成"}]"#)
            #expect(grade.status == .unprocessableContent && String(buffer: grade.body).contains("按数值评价"))
        }
    }

    /// Numbers at the limits of Int in paths, queries, bodies and forms: each answered, none trapping
    /// (an overflow kills the whole process).
    @Test func integersAtTheirLimitsDoNotTakeTheServerDown() async throws {
        try await TestServer.run(.sqlite) { server in
            let indicator = Indicator(level1: "产出指标", level2: "数量指标", level3: "次数", value: "≥3 次", target: ValueReader.read("≥3 次"))
            let document = TargetDocument(
                fiscalYear: 2025, department: Department(code: "999003", name: "边界单位"), overview: Overview(overallGoals: ["目标"]),
                projects: [Project(name: "项目", indicators: [indicator, indicator])])
            let imported = try ServerTests.json(try await ServerTests.upload(server.admin, Data(DocumentJSON.encode(document).utf8), name: "edge.json"))
            let id = try #require(imported["documentId"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue })
            let browser = try await server.browser("admin")
            for uri in ["/api/v1/documents/\(id)/projects/-9223372036854775808", "/documents/\(id)/projects/-9223372036854775808"] {
                #expect(try await server.admin.execute(uri: uri, method: .get).status == .notFound, "\(uri)")
            }
            for uri in ["/?offset=9223372036854775807", "/audit?offset=9223372036854775807"] {
                #expect(try await browser.execute(uri: uri, method: .get).status == .ok, "\(uri)")
            }
            let row = try await server.admin.execute(
                uri: "/api/v1/documents/\(id)/projects/1/actuals", method: .put, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"month": 6, "spending": [], "indicators": [{"row": -9223372036854775808, "value": "1"}]}"#))
            #expect(row.status == .unprocessableContent)
            let form = try #require(HTMLForm(String(buffer: try await browser.execute(uri: "/documents/\(id)/projects/1/edit", method: .get).body)))
            for action in ["down-9223372036854775807", "down--1", "up-9223372036854775807", "remove-9223372036854775807"] {
                let r = try await WebTests.post(browser, "/documents/\(id)/projects/1/edit", form.fields + [("action", action)])
                #expect(r.status.code < 500, "\(action)")
            }
            #expect(try await server.anonymous.execute(uri: "/livez", method: .get).status == .ok)
        }
    }

    /// A project without indicator rows, and a document without projects, do not take the server down
    /// when rows or return notes name them.
    @Test func emptyTablesAreRefusedNotTrapped() async throws {
        try await TestServer.run(.sqlite) { server in
            let document = TargetDocument(
                fiscalYear: 2025, department: Department(code: "999001", name: "空表单位"), overview: Overview(overallGoals: ["目标"]),
                projects: [Project(name: "没有指标的项目")])
            let imported = try ServerTests.json(try await ServerTests.upload(server.admin, Data(DocumentJSON.encode(document).utf8), name: "empty.json"))
            let id = try #require(imported["documentId"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue })
            let put = try await server.admin.execute(
                uri: "/api/v1/documents/\(id)/projects/1/actuals", method: .put, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"month": 6, "spending": [], "indicators": [{"row": 1, "value": "1"}]}"#))
            #expect(put.status == .unprocessableContent)
            var none = document
            none.projects = []
            none.department = Department(code: "999002", name: "无项目单位")
            let bare = try ServerTests.json(try await ServerTests.upload(server.admin, Data(DocumentJSON.encode(none).utf8), name: "none.json"))
            let bareID = try #require(bare["documentId"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue })
            var statuses: [HTTPResponse.Status] = []
            for step in [#"{"step": "submit"}"#, #"{"step": "return", "notes": [{"project": 1, "note": "请补充项目"}]}"#] {
                statuses.append(
                    try await server.admin.execute(
                        uri: "/api/v1/documents/\(bareID)/workflow", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: step)
                    ).status)
            }
            #expect(statuses == [.ok, .unprocessableContent])
            #expect(try await server.anonymous.execute(uri: "/livez", method: .get).status == .ok)
        }
    }

    @Test func theCurrentPasswordIsLockedOutLikeSignIn() async throws {
        try await TestServer.run(.sqlite) { server in
            let browser = try await server.browser("admin")
            func change(_ current: String) async throws -> TestResponse {
                try await WebTests.post(
                    browser, "/account/password",
                    [("csrf", browser.csrf!), ("current", current), ("new", "another long password 2"), ("repeat", "another long password 2")])
            }
            for _ in 0..<SignInPolicy.maxFailures { #expect(try await change("guess").status == .unprocessableContent) }
            let locked = try await change(TestServer.password)
            #expect(locked.status == .tooManyRequests && String(buffer: locked.body).contains("锁定"))
            // Sign-in is locked too, and answers exactly as for a name that does not exist.
            let form = try await WorkflowTests.loginForm(server.anonymous)
            let lockedSignIn = String(buffer: try await WorkflowTests.login(server.anonymous, form, user: "admin", password: TestServer.password).body)
            let unknown = String(buffer: try await WorkflowTests.login(server.anonymous, form, user: "nobody", password: "x").body)
            #expect(lockedSignIn.contains(SignInPolicy.refusal) && unknown.contains(SignInPolicy.refusal))
        }
    }

    @Test func negativeNumbersInAPathAreFoundSegmentBySegment() {
        for path in ["/api/v1/documents/1/projects/-9223372036854775808", "/documents/-1", "/-/-5", "/a/-12/b"] {
            #expect(IdentityMiddleware<BasicRequestContext>.hasNegativeNumber(path), "\(path)")
        }
        for path in ["/", "/documents/1/projects/2", "/-", "/-a1", "/a-1", "/x/-", "/static/jixiao-1.css"] {
            #expect(!IdentityMiddleware<BasicRequestContext>.hasNegativeNumber(path), "\(path)")
        }
    }

    @Test func aRedirectAfterSignInStaysOnThisSite() {
        for next in ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/ /evil.example"] {
            #expect(AccountController.safeNext(next) == "/", "\(next.debugDescription)")
        }
        #expect(AccountController.safeNext("/documents/1?x=1") == "/documents/1?x=1")
    }

    @Test func aStoreStillLockedAfterItsRetriesIsBusyAndAnswers503() async throws {
        let location = try await TestDatabase.sqlite.fresh()
        guard case let .sqlite(path) = location else { return }
        let store = try await Store.open(location, busyTimeout: .milliseconds(50))
        // Another process holds the write lock for a while.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None); db.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(3)",
            path,
        ]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData  // "held"
        await #expect {
            _ = try await store.addUser(username: "x", displayName: "x", passwordHash: "x", role: .administrator)
        } throws: { error in
            if case StoreError.busy = error { return true }
            return false
        }
        holder.waitUntilExit()
        try await store.close()
        // What the API answers for it: 503 with when to try again.
        let response = ErrorAnswers.apiAnswer(ErrorAnswers.userFacing(StoreError.busy, logger: Logger(label: "test")))
        #expect(response.status == .serviceUnavailable && response.headers[.retryAfter] == "1")
    }
}
