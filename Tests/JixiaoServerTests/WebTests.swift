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

/// The web pages over real HTTP, on each database: what a person sees and what their forms do.
@Suite struct WebTests {
    static func page(_ client: any TestClientProtocol, _ uri: String, status: HTTPResponse.Status = .ok) async throws -> String {
        let r = try await client.execute(uri: uri, method: .get)
        #expect(r.status == status, "\(uri)")
        if status == .ok { #expect(r.headers[.contentType]?.hasPrefix("text/html") == true, "\(uri)") }
        return String(buffer: r.body)
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._*"))
        let body = fields.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }
        .joined(separator: "&")
        var all = headers
        all[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: uri, method: .post, headers: all, body: ByteBuffer(string: body))
    }

    /// Imports each seed through the API; returns document ids by seed name.
    static func importSeeds(_ client: any TestClientProtocol, only: [String] = Shared.seedNames) async throws -> [String: Int] {
        var ids: [String: Int] = [:]
        for name in only {
            let result = try ServerTests.json(try await ServerTests.upload(client, try Shared.seed(name), name: "\(name).txt"))
            ids[name] = result["documentId"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue }
        }
        return ids
    }

    @Test(.needsShared, arguments: Backend.available)
    func everyPageRendersForEverySeed(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let ids = try await Self.importSeeds(server.admin)
            let client = try await server.browser("admin")
            let home = try await Self.page(client, "/")
            for name in Shared.seedNames {
                let id = ids[name]!
                #expect(home.contains("href=\"/documents/\(id)\""))
                let document = try await Self.page(client, "/documents/\(id)")
                #expect(document.contains("部门整体绩效目标") && document.contains("<svg"))
                let report = try await Self.page(client, "/documents/\(id)/report")
                let projects = try ServerTests.json(try await client.execute(uri: "/api/v1/documents/\(id)", method: .get))["projects"]?.arrayValue ?? []
                let count = projects.count
                #expect(report.components(separatedBy: "<table class=\"official\">").count - 1 == count, "\(name)")
                for position in 1...count {
                    let project = try await Self.page(client, "/documents/\(id)/projects/\(position)")
                    #expect(project.contains("预算项目绩效目标表"))
                    // The head of the table holds the project's own name and code.
                    let p = projects[position - 1]
                    #expect(
                        HTMLForm.element(in: project, containing: "data-cell=\"name\"")?.contains(p["name"]?.stringValue ?? "?") == true, "\(name) \(position)")
                    #expect(HTMLForm.element(in: project, containing: "data-cell=\"code\"")?.contains(p["code"]?.stringValue ?? "") == true)
                    _ = try await Self.page(client, "/documents/\(id)/projects/\(position)/edit")
                }
                _ = try await Self.page(client, "/documents/\(id)/projects/\(count + 1)", status: .notFound)
            }
            let missing = try await Self.page(client, "/documents/999999", status: .notFound)
            #expect(missing.contains("没有这份绩效目标文件"))
            let unknown = try await client.execute(uri: "/no/such/page", method: .get)
            #expect(unknown.status == .notFound && unknown.headers[.contentType]?.hasPrefix("text/html") == true)
            // Search by unit name, by project name and by project code.
            let byUnit = try await Self.page(client, "/?q=" + "行政审批局".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(byUnit.contains("/documents/\(ids[Shared.seedNames[0]]!)\""))
            let byProject = try await Self.page(client, "/?q=" + "光纤租赁".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(byProject.contains("光纤租赁和短信机费用") && byProject.contains("/documents/\(ids[Shared.seedNames[2]]!)/projects/1\""))
        }
    }

    @Test(.needsShared, arguments: Backend.available)
    func aFindingIsMarkedOnItsCellAndGoesAwayWhenTheFormFixesIt(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let id = try await Self.importSeeds(server.admin)[Shared.seedNames[2]]!
            let client = try await server.browser("admin")
            let before = try await Self.page(client, "/documents/\(id)/projects/1")
            // “≤100%” for a satisfaction rate: marked on row 5's value cell, explained beside the table.
            let cell = try #require(HTMLForm.element(in: before, containing: "data-cell=\"i5.value\""))
            #expect(cell.contains("flagged sev-error") && cell.contains("≤100%") && cell.contains("class=\"mark sev-error\""))
            #expect(before.contains("data-rule=\"positive-rate-operator\""))

            var form = try #require(HTMLForm(try await Self.page(client, "/documents/\(id)/projects/1/edit")))
            #expect(form["r4.op"] == "≤" && form["r4.number"] == "100" && form["r4.unit"] == "%")
            form["r4.op"] = "≥"
            form["r4.number"] = "95"
            let saved = try await Self.post(client, "/documents/\(id)/projects/1/edit", form.fields + [("action", "save")])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location == "/documents/\(id)/projects/1?since=1")
            let after = try await Self.page(client, location)
            #expect(after.contains("已保存为第 2 版"))
            #expect(after.contains("第 5 行 指标值") && after.contains("≥95%"))
            #expect(after.contains("已解决的问题"))
            let fixedCell = try #require(HTMLForm.element(in: after, containing: "data-cell=\"i5.value\""))
            #expect(!fixedCell.contains("flagged") && fixedCell.contains("≥95%"))
            let rule = "data-rule=\"positive-rate-operator\""
            #expect(after.components(separatedBy: rule).count == before.components(separatedBy: rule).count - 1)

            // Saving the form untouched keeps every value as written (nothing rewritten by the form).
            let again = try #require(HTMLForm(try await Self.page(client, "/documents/\(id)/projects/1/edit")))
            let unchanged = try await Self.post(client, "/documents/\(id)/projects/1/edit", again.fields + [("action", "save")])
            let page = try await Self.page(client, try #require(unchanged.headers[.location]))
            #expect(page.contains("内容没有变化"))
        }
    }

    @Test(.needsShared, arguments: Backend.available)
    func rowsAreAddedMovedAndRemovedBeforeSaving(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let id = try await Self.importSeeds(server.admin)[Shared.seedNames[2]]!
            let client = try await server.browser("admin")
            let uri = "/documents/\(id)/projects/1/edit"
            var form = try #require(HTMLForm(try await Self.page(client, uri)))
            let rows = Int(form["rows"]!)!
            let added = try await Self.post(client, uri, form.fields + [("action", "add")])
            #expect(added.status == .ok && String(buffer: added.body).contains("尚未保存"))
            form = try #require(HTMLForm(String(buffer: added.body)))
            #expect(Int(form["rows"]!) == rows + 1)
            form["r\(rows).level3"] = "新增指标"
            form["r\(rows).op"] = "≥"
            form["r\(rows).number"] = "3"
            form["r\(rows).unit"] = "次"
            let moved = try await Self.post(client, uri, form.fields + [("action", "up-\(rows)")])
            form = try #require(HTMLForm(String(buffer: moved.body)))
            #expect(form["r\(rows - 1).level3"] == "新增指标")
            let removed = try await Self.post(client, uri, form.fields + [("action", "remove-0")])
            form = try #require(HTMLForm(String(buffer: removed.body)))
            #expect(Int(form["rows"]!) == rows && form["r\(rows - 2).level3"] == "新增指标")
            // Nothing was saved by those buttons.
            #expect(try await client.execute(uri: "/api/v1/documents/\(id)", method: .get).headers[HTTPField.Name("Jixiao-Version")!] == "1")
            let saved = try await Self.post(client, uri, form.fields + [("action", "save")])
            #expect(saved.status == .seeOther)
            let document = try ServerTests.json(try await client.execute(uri: "/api/v1/documents/\(id)/projects/1", method: .get))
            let indicators = try #require(document["project"]?["indicators"]?.arrayValue)
            #expect(indicators.count == rows && indicators[rows - 2]["value"]?.stringValue == "≥3次")

            // A bad number is refused with the row named, and what was typed stays in the form.
            form = try #require(HTMLForm(try await Self.page(client, uri)))
            form["r0.number"] = "九十"
            let refused = try await Self.post(client, uri, form.fields + [("action", "save")])
            #expect(refused.status == .unprocessableContent)
            let body = String(buffer: refused.body)
            #expect(body.contains("第 1 行") && body.contains("九十"))
        }
    }

    @Test(.needsShared, arguments: Backend.available)
    func aStaleEditIsRefusedShowingTheOtherChangeAndKeepingTheForm(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let id = try await Self.importSeeds(server.admin)[Shared.seedNames[2]]!
            let client = try await server.browser("admin")
            let uri = "/documents/\(id)/projects/1/edit"
            var mine = try #require(HTMLForm(try await Self.page(client, uri)))
            var theirs = mine
            theirs["budgetTotal"] = "7.5"
            #expect(try await Self.post(client, uri, theirs.fields + [("action", "save")]).status == .seeOther)

            mine["name"] = "我改的项目名称"
            let refused = try await Self.post(client, uri, mine.fields + [("action", "save")])
            #expect(refused.status == .conflict)
            let page = String(buffer: refused.body)
            #expect(page.contains("别人已先保存了修改") && page.contains("预算数") && page.contains("7.5"))
            let kept = try #require(HTMLForm(page))
            #expect(kept["name"] == "我改的项目名称" && kept["version"] == "2")
            // The other person's change is still there; saving again now goes on top of it.
            let api = try ServerTests.json(try await client.execute(uri: "/api/v1/documents/\(id)/projects/1", method: .get))
            #expect(api["project"]?["name"]?.stringValue == "光纤租赁和短信机费用")
            #expect(try await Self.post(client, uri, kept.fields + [("action", "save")]).status == .seeOther)
        }
    }

    @Test(.needsShared, arguments: Backend.available)
    func importThroughTheUploadPage(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let client = try await server.browser("admin")
            let name = Shared.seedNames[4]
            let (headers, body) = ServerTests.multipart(try Shared.seed(name), filename: "\(name).txt", csrf: client.csrf!)
            let uploaded = try await client.execute(uri: "/import", method: .post, headers: headers, body: body)
            #expect(uploaded.status == .seeOther)
            let preview = try await Self.page(client, try #require(uploaded.headers[.location]))
            #expect(preview.contains("核对导入内容") && preview.contains("id=\"line-1\"") && preview.contains("预算项目绩效目标表"))
            #expect(try ServerTests.json(try await server.admin.execute(uri: "/api/v1/documents", method: .get))["total"]?.decimalValue == 0)
            let confirmed = try await Self.post(client, uploaded.headers[.location]!, [("csrf", client.csrf!), ("action", "confirm")])
            #expect(confirmed.status == .seeOther)
            let document = try await Self.page(client, try #require(confirmed.headers[.location]))
            #expect(document.contains("已导入并保存"))
            #expect(try ServerTests.json(try await server.admin.execute(uri: "/api/v1/documents", method: .get))["total"]?.decimalValue == 1)
            // The token is used up; an unknown one is a page that says so.
            _ = try await Self.page(client, uploaded.headers[.location]!, status: .notFound)
            // No file, or a file that is not a disclosure: refused on the page with the reason.
            let (h2, b2) = ServerTests.multipart(Data([0, 1, 2, 3]), filename: "bad.bin", csrf: client.csrf!)
            let bad = try await client.execute(uri: "/import", method: .post, headers: h2, body: b2)
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("无法读取"))
            let none = try await client.execute(
                uri: "/import", method: .post, headers: [.contentType: "text/plain", HTTPField.Name("X-CSRF-Token")!: client.csrf!],
                body: ByteBuffer(string: "x"))
            #expect(none.status == .badRequest)
        }
    }

    /// A cut the reader guessed (cells run together, a name beginning with a number) is shown on the
    /// preview: the warning with its line, and the value's cell marked by the review's `value-uncertain`.
    @Test(arguments: Backend.available)
    func aGuessedCutIsShownOnThePreviewToConfirm(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let client = try await server.browser("admin")
            let text = "项目名称校舍改造补助资金\n年度资金总额:16\n绩效指标一级指标二级指标指标内容指标值\n产出指标数量指标学校改造覆盖率100%\n质量指标3类设备验收合格率100%\n"
            let (headers, body) = ServerTests.multipart(Data(text.utf8), filename: "targets.txt", csrf: client.csrf!)
            let uploaded = try await client.execute(uri: "/import", method: .post, headers: headers, body: body)
            #expect(uploaded.status == .seeOther)
            let preview = try await Self.page(client, try #require(uploaded.headers[.location]))
            #expect(preview.contains("line 5: “3类设备验收合格率100%”") && preview.contains("也可能是上一行的指标值"))
            #expect(preview.contains("data-rule=\"value-uncertain\""))
        }
    }

    /// A Word file through the upload page: what was read is shown beside the text taken out of it, and
    /// the tables can be downloaded as Excel and CSV before anything is saved; a zip bomb is refused.
    @Test(.needsShared, arguments: Backend.available)
    func importAWordFileAndDownloadWhatWasRead(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let client = try await server.browser("admin")
            let gold = try Shared.goldDocument(Shared.seedNames[2])
            let (headers, body) = ServerTests.multipart(try OfficeFiles.docx(gold), filename: "巨鹿县绩效目标.docx", csrf: client.csrf!)
            let uploaded = try await client.execute(uri: "/import", method: .post, headers: headers, body: body)
            #expect(uploaded.status == .seeOther)
            let location = try #require(uploaded.headers[.location])
            let preview = try await Self.page(client, location)
            #expect(preview.contains("核对导入内容") && preview.contains("光纤租赁和短信机费用") && preview.contains("项目名称\t光纤租赁和短信机费用"))
            let xlsx = try await client.execute(uri: location + "/export.xlsx", method: .get)
            #expect(xlsx.status == .ok && Data(buffer: xlsx.body).starts(with: [0x50, 0x4B, 0x03, 0x04]))
            #expect(xlsx.headers[.contentDisposition]?.contains("filename*=UTF-8''%E5%B7%A8") == true)
            let csv = try await client.execute(uri: location + "/export.csv", method: .get)
            #expect(csv.status == .ok && String(buffer: csv.body).contains("光纤租赁和短信机费用"))
            // The downloads of an upload are for those who may import, like the upload itself.
            let stranger = try await server.user("reviewer", role: .bureauReviewer, region: "130000")
            #expect(try await stranger.execute(uri: location + "/export.xlsx", method: .get).status == .forbidden)
            let (h2, b2) = ServerTests.multipart(
                try OfficeFiles.zip([("word/document.xml", Data(repeating: 0x20, count: 40 << 20))]), filename: "bomb.docx", csrf: client.csrf!)
            let bomb = try await client.execute(uri: "/import", method: .post, headers: h2, body: b2)
            #expect(bomb.status == .unprocessableContent && String(buffer: bomb.body).contains("文件过大"))
        }
    }

    /// `<script>` in every text field of a document is stored as text and shown inert on every page.
    @Test(arguments: Backend.available)
    func userTextIsEscapedOnEveryPage(_ backend: Backend) async throws {
        let evil = "<script>alert(1)</script>\"'&'; DROP TABLE x;--"
        // Codes are at most 40 characters (DocumentLimits).
        let evilCode = "<i>\"'&';--</i>"
        let project = Project(
            seq: 1, code: evilCode, name: evil, unit: BudgetUnit(code: evilCode, name: evil), budget: Budget(total: 10, fiscal: 10), purpose: evil,
            spendingPlan: SpendingPlan(mar: 25, jun: 50, oct: 75, dec: 100, raw: evil), goals: [evil],
            indicators: [
                Indicator(level1: evil, level2: evil, level3: evil, description: evil, value: evil, basis: evil, target: .qualitative(evil)),
                Indicator(level1: "产出指标", level2: "数量指标", level3: evil, value: "≥3" + evil, target: .qualitative(evil)),
            ], period: evil, periodGoals: [evil])
        let document = TargetDocument(
            source: .init(name: evil), fiscalYear: 2025, department: Department(code: evilCode, name: evil, regionCode: "130100"),
            overview: Overview(overallGoals: [evil], subGoals: [.init(title: evil, text: evil)], measures: [.init(title: evil, text: evil)]),
            projects: [project])
        let json = Data(DocumentJSON.encode(document).utf8)
        try await TestServer.run(backend) { server in
            // Signed in as someone whose own name is hostile too (it is shown on every page).
            _ = try await server.store.addUser(username: "evil", displayName: evil, passwordHash: TestServer.passwordHash, role: .administrator)
            let client = try await server.browser("evil")
            let response = try await ServerTests.upload(server.admin, json, name: "<script>evil.json")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let imported = try ServerTests.json(response)
            let id = try #require(imported["documentId"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue })
            // An edit and a return put the text into the history and the workflow record as well.
            let form = try #require(HTMLForm(String(buffer: try await client.execute(uri: "/documents/\(id)/projects/1/edit", method: .get).body)))
            let edited = try await Self.post(
                client, "/documents/\(id)/projects/1/edit",
                form.fields.map { $0.0 == "name" ? ($0.0, evil + "2") : $0.0 == "code" ? ($0.0, "<b>1</b>") : $0 } + [("action", "save")])
            #expect(edited.status == .seeOther, "\(String(buffer: edited.body).components(separatedBy: "form-error").dropFirst().first?.prefix(300) ?? "")")
            _ = try await server.store.transition(documentID: id, step: .submit, from: .draft, by: .system, reason: evil)
            _ = try await server.store.transition(
                documentID: id, step: .returnForChanges, from: .submitted, by: .system, reason: evil, notes: [ReturnNote(project: 1, cell: "name", note: evil)])
            let (headers, body) = ServerTests.multipart(json, filename: "<script>evil.json", csrf: client.csrf!)
            let pending = try #require(try await client.execute(uri: "/import", method: .post, headers: headers, body: body).headers[.location])
            let query = evil.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for uri in [
                "/", "/?q=\(query)", "/documents/\(id)", "/documents/\(id)/projects/1", "/documents/\(id)/projects/1/edit", "/documents/\(id)/report",
                "/documents/\(id)/history", "/audit", "/account", pending,
            ] {
                let html = try await Self.page(client, uri)
                #expect(!html.contains("<script>alert"), "\(uri)")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&#39;; DROP TABLE x;--"), "\(uri)")
                // The only scripts are the site's own file.
                #expect(html.components(separatedBy: "<script").count - 1 == 1, "\(uri)")
                #expect(html.contains("<script src=\"/static/jixiao.js\" defer></script>"), "\(uri)")
            }
        }
    }

    @Test func staticFilesAndSecurityHeaders() async throws {
        try await TestServer.run(.sqlite, sample: true) { server in
            let client = server.anonymous
            let css = try await client.execute(uri: "/static/jixiao.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await client.execute(uri: "/static/nothing.css", method: .get).status == .notFound)
            // The icon every browser asks for.
            let icon = try await client.execute(uri: "/favicon.ico", method: .get)
            #expect(icon.status == .movedPermanently && icon.headers[.location] == "/static/favicon.svg")
            #expect(try await client.execute(uri: "/static/favicon.svg", method: .get).headers[.contentType] == "image/svg+xml")
            let home = try await client.execute(uri: "/", method: .get)
            #expect(String(buffer: home.body).contains(#"<link rel="icon" href="/static/favicon.svg""#))
            #expect(home.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(String(buffer: home.body).contains("示例县"))
        }
    }
}

/// The fields of the first form in a page, as a browser would submit them: inputs, textareas and
/// the selected option of each select, in document order.
struct HTMLForm {
    private(set) var fields: [(String, String)] = []

    init?(_ html: String) {
        // The page's own form, not the sign-out form in the header.
        var from = html.startIndex
        var found: Range<String.Index>?
        while let r = html.range(of: "<form method=\"post\"", range: from..<html.endIndex) {
            if !html[r.upperBound...].hasPrefix(" action=\"/logout\"") { found = r; break }
            from = r.upperBound
        }
        guard let start = found, let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex) else { return nil }
        let form = String(html[start.upperBound..<end.lowerBound])
        let pattern = try! NSRegularExpression(
            pattern: #"<input([^>]*)>|<textarea[^>]*name="([^"]*)"[^>]*>(.*?)</textarea>|<select[^>]*name="([^"]*)"[^>]*>(.*?)</select>"#,
            options: [.dotMatchesLineSeparators])
        let text = form as NSString
        for m in pattern.matches(in: form, range: NSRange(location: 0, length: text.length)) {
            func group(_ k: Int) -> String? { m.range(at: k).location == NSNotFound ? nil : text.substring(with: m.range(at: k)) }
            if let attributes = group(1) {
                guard let name = Self.attribute("name", in: attributes) else { continue }
                fields.append((name, Self.unescape(Self.attribute("value", in: attributes) ?? "")))
            } else if let name = group(2) {
                fields.append((name, Self.unescape(group(3) ?? "")))
            } else if let name = group(4), let options = group(5) {
                let selected = try! NSRegularExpression(pattern: #"<option value="([^"]*)" selected>"#).firstMatch(
                    in: options, range: NSRange(location: 0, length: (options as NSString).length)
                )
                .map { (options as NSString).substring(with: $0.range(at: 1)) }
                let first = try! NSRegularExpression(pattern: #"<option value="([^"]*)""#).firstMatch(
                    in: options, range: NSRange(location: 0, length: (options as NSString).length)
                )
                .map { (options as NSString).substring(with: $0.range(at: 1)) }
                fields.append((name, Self.unescape(selected ?? first ?? "")))
            }
        }
    }

    subscript(_ name: String) -> String? {
        get { fields.first { $0.0 == name }?.1 }
        set { if let k = fields.firstIndex(where: { $0.0 == name }) { fields[k].1 = newValue ?? "" } }
    }

    static func attribute(_ name: String, in attributes: String) -> String? {
        guard let r = attributes.range(of: " \(name)=\"") else { return nil }
        return String(attributes[r.upperBound...].prefix { $0 != "\"" })
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The element (from its `<` to its end tag) whose start tag contains `marker`.
    static func element(in html: String, containing marker: String) -> String? {
        guard let r = html.range(of: marker), let open = html[..<r.lowerBound].lastIndex(of: "<"),
            let close = html.range(of: "</td>", range: r.upperBound..<html.endIndex)
        else { return nil }
        return String(html[open..<close.upperBound])
    }
}
