import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import JixiaoModel
import JixiaoStore
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

import JixiaoAccess

typealias Backend = TestDatabase

/// The server over real HTTP (Hummingbird's live test server on a free port).
@Suite struct ServerTests {
    /// The server over live HTTP with an administrator; `body` gets a client that sends the
    /// administrator's API token.
    static func withServer(
        _ backend: Backend, sample: Bool = false, maxUpload: Int = 10 << 20, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestServer.run(backend, sample: sample, maxUpload: maxUpload) { server in try await body(server.admin) }
    }

    static func json(_ r: TestResponse) throws -> JSONValue { try JSONValue.parse(Data(buffer: r.body)) }

    /// An upload as a browser sends it: the form token first (for a page), then the file.
    static func multipart(_ data: Data, filename: String, csrf: String? = nil, type: String = "application/octet-stream") -> (HTTPFields, ByteBuffer) {
        let boundary = "jixiao-\(UUID().uuidString)"
        var body = Data((csrf.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\($0)\r\n" } ?? "").utf8)
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
    }

    static func upload(_ client: any TestClientProtocol, _ data: Data, name: String, dryRun: Bool = false) async throws -> TestResponse {
        let (headers, body) = multipart(data, filename: name)
        return try await client.execute(uri: "/api/v1/imports" + (dryRun ? "?dryRun=true" : ""), method: .post, headers: headers, body: body)
    }

    @Test(.needsShared, arguments: Backend.available)
    func importListReadBackEditAndConflict(_ backend: Backend) async throws {
        try await Self.withServer(backend) { client in
            var ids: [String: Int] = [:]
            for name in Shared.seedNames {
                let r = try await Self.upload(client, try Shared.seed(name), name: "\(name).txt")
                #expect(r.status == .ok)
                let result = try Self.json(r)
                #expect(result["outcome"]?.stringValue == "created")
                ids[name] = result["documentId"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue }
            }
            // The same file again changes nothing.
            let again = try Self.json(try await Self.upload(client, try Shared.seed(Shared.seedNames[0]), name: "again.txt"))
            #expect(again["outcome"]?.stringValue == "unchanged")

            let list = try Self.json(try await client.execute(uri: "/api/v1/documents?limit=2&offset=1", method: .get))
            #expect(list["total"]?.decimalValue == 5 && list["items"]?.arrayValue?.count == 2 && list["offset"]?.decimalValue == 1)
            let units = try Self.json(try await client.execute(uri: "/api/v1/units?region=130306", method: .get))
            #expect(units["total"]?.decimalValue == 1)
            let projects = try Self.json(
                try await client.execute(uri: "/api/v1/projects?q=公共资源".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, method: .get))
            #expect((projects["total"]?.decimalValue ?? 0) > 0)

            // Each document reads back equal to its answer key.
            for name in Shared.seedNames {
                let r = try await client.execute(uri: "/api/v1/documents/\(ids[name]!)", method: .get)
                #expect(r.status == .ok)
                #expect(r.headers[HTTPField.Name("Jixiao-Version")!] == "1")
                let diff = Shared.mismatches(try Shared.gold(name), try Self.json(r))
                #expect(diff.isEmpty, "\(name): \(diff.prefix(5))")
            }

            // Edit a project: the review runs again and a new version is made.
            let id = ids[Shared.seedNames[2]]!
            // (A project's JSON is kept once made: asked twice, the same bytes; after the edit, the new version's.)
            let first = try await client.execute(uri: "/api/v1/documents/\(id)/projects/1", method: .get)
            let second = try await client.execute(uri: "/api/v1/documents/\(id)/projects/1", method: .get)
            #expect(first.status == .ok && second.status == .ok && first.body == second.body)
            #expect(second.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try Self.json(second)["version"]?.decimalValue == 1)
            let edit = """
                {"version": 1, "project": {"name": "光纤租赁和短信机费用", "moneyUnit": "万元", "budgetTotal": "6.00", "budgetFiscal": "6.00",
                 "plan": {"mar": "25", "jun": "50", "oct": "75", "dec": "100"}, "goals": ["保障全年光纤和短信机正常运行"],
                 "indicators": [{"level1": "产出指标", "level2": "成本指标", "level3": "电话及光纤支出费用", "value": "≤6 万元", "basis": "合同"}]}}
                """
            let saved = try await client.execute(
                uri: "/api/v1/documents/\(id)/projects/1", method: .put, headers: [.contentType: "application/json"], body: ByteBuffer(string: edit))
            #expect(saved.status == .ok)
            let detail = try Self.json(saved)
            #expect(detail["version"]?.decimalValue == 2)
            #expect(!(detail["findings"]?.arrayValue ?? []).contains { $0["rule"]?.stringValue == "template-goal" })
            let after = try Self.json(try await client.execute(uri: "/api/v1/documents/\(id)/projects/1", method: .get))
            #expect(after["version"]?.decimalValue == 2 && after["project"]?["goals"]?.arrayValue?.first?.stringValue == "保障全年光纤和短信机正常运行")
            #expect(try await client.execute(uri: "/api/v1/documents/\(id)/projects/99", method: .get).status == .notFound)

            // A second edit from the old version is refused and nothing is lost.
            let stale = try await client.execute(
                uri: "/api/v1/documents/\(id)/projects/1", method: .put, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: edit.replacingOccurrences(of: "保障全年", with: "另一人改的")))
            #expect(stale.status == .conflict)
            #expect(stale.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(try Self.json(stale)["currentVersion"]?.decimalValue == 2)
            let current = try Self.json(try await client.execute(uri: "/api/v1/documents/\(id)", method: .get))
            #expect(current["projects"]?.arrayValue?.first?["goals"]?.arrayValue?.first?.stringValue == "保障全年光纤和短信机正常运行")
            // The old version stays readable.
            let old = try await client.execute(uri: "/api/v1/documents/\(id)?version=1", method: .get)
            #expect(Shared.mismatches(try Shared.gold(Shared.seedNames[2]), try Self.json(old)).isEmpty)

            // Spending plan and a new indicator.
            let plan = try await client.execute(
                uri: "/api/v1/documents/\(id)/projects/2/spending-plan", method: .put, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"version": 2, "plan": {"mar": "10", "jun": "40", "oct": "80", "dec": "100"}}"#))
            #expect(plan.status == .ok)
            #expect(try Self.json(plan)["project"]?["spendingPlan"]?["mar"]?.decimalValue == 10)
            let row = try await client.execute(
                uri: "/api/v1/documents/\(id)/projects/2/indicators", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"version": 3, "indicator": {"level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "群众满意度", "value": "≥90%"}}"#))
            #expect(row.status == .created)
            #expect(try Self.json(row)["project"]?["indicators"]?.arrayValue?.last?["target"]?["number"]?.decimalValue == 90)
        }
    }

    /// The API's upload takes Word and Excel files too (a dry run: read and reviewed, nothing saved);
    /// a file that cannot be read is a 422 that says why.
    @Test(.needsShared, arguments: Backend.available)
    func uploadWordAndExcelFiles(_ backend: Backend) async throws {
        try await Self.withServer(backend) { client in
            let name = Shared.seedNames[3]
            let gold = try Shared.goldDocument(name)
            let docx = try Self.json(try await Self.upload(client, try OfficeFiles.docx(gold), name: "targets.docx", dryRun: true))
            #expect(docx["outcome"]?.stringValue == "dry-run")
            #expect(try Shared.readBackMismatches(name, try DocumentJSON.document(from: docx["document"]!)).isEmpty)
            let rows: [[OfficeFiles.Cell?]] = [
                ["项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"].map { .text($0) },
                [.text("测试项目"), .number("10"), .text("产出指标"), .text("数量指标"), .text("测试次数"), .text("≥10 次")],
            ]
            let xlsx = try Self.json(try await Self.upload(client, try OfficeFiles.xlsx(rows: rows), name: "targets.xlsx", dryRun: true))
            #expect(xlsx["document"]?["projects"]?.arrayValue?.first?["indicators"]?.arrayValue?.first?["level3"]?.stringValue == "测试次数")
            let legacy = try await Self.upload(client, Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 512), name: "old.xls")
            #expect(legacy.status == .unprocessableContent && String(buffer: legacy.body).contains(".xlsx"))
            #expect(try Self.json(try await client.execute(uri: "/api/v1/documents", method: .get))["total"]?.decimalValue == 0)
        }
    }

    @Test(.needsShared, arguments: Backend.available)
    func badInputIsRefusedWithTheRightStatus(_ backend: Backend) async throws {
        try await Self.withServer(backend, maxUpload: 64 * 1024) { client in
            let imported = try Self.json(try await Self.upload(client, try Shared.seed(Shared.seedNames[0]), name: "a.txt"))
            let id = NSDecimalNumber(decimal: imported["documentId"]!.decimalValue!).intValue

            // 422 naming the field.
            let bad = try await client.execute(
                uri: "/api/v1/documents/\(id)/projects/1", method: .put, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"version": 1, "project": {"name": "x", "moneyUnit": "万元", "budgetTotal": "abc", "indicators": []}}"#))
            #expect(bad.status == .unprocessableContent)
            #expect(try Self.json(bad)["field"]?.stringValue == "project.budgetTotal")
            let empty = try await client.execute(
                uri: "/api/v1/documents/\(id)/projects/1", method: .put, headers: [.contentType: "application/json"],
                body: ByteBuffer(
                    string:
                        #"{"version": 1, "project": {"name": "x", "moneyUnit": "万元", "indicators": [{"level1": "产出指标", "level2": "数量指标", "level3": "a", "value": " "}]}}"#
                ))
            #expect(empty.status == .unprocessableContent)
            #expect(try Self.json(empty)["field"]?.stringValue == "project.indicators[0].value")
            let plan = try await client.execute(
                uri: "/api/v1/documents/\(id)/projects/1/spending-plan", method: .put, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"version": 1, "plan": {"dec": "120"}}"#))
            #expect(plan.status == .unprocessableContent)
            #expect(try Self.json(plan)["field"]?.stringValue == "plan.dec")

            // 400 for requests that do not fit the API.
            #expect(try await client.execute(uri: "/api/v1/documents/abc", method: .get).status == .badRequest)
            let malformed = try await client.execute(
                uri: "/api/v1/documents/\(id)/projects/1", method: .put, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{"))
            #expect(malformed.status == .badRequest)
            #expect(malformed.headers[.contentType]?.hasPrefix("application/problem+json") == true)

            // 404.
            #expect(try await client.execute(uri: "/api/v1/documents/999", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/documents/\(id)/projects/99", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/no/such/page", method: .get).status == .notFound)

            // 413 for an upload over the limit; 422 for a file that is not a target document.
            let big = try await Self.upload(client, Data(repeating: UInt8(ascii: "a"), count: 100 * 1024), name: "big.txt")
            #expect(big.status == .contentTooLarge)
            let unreadable = try await Self.upload(client, Data([0, 1, 2, 3]), name: "x.bin")
            #expect(unreadable.status == .unprocessableContent)

            // Dry run: the parsed document and findings, nothing saved.
            let dry = try await Self.upload(client, try Shared.seed(Shared.seedNames[3]), name: "\(Shared.seedNames[3]).txt", dryRun: true)
            #expect(dry.status == .ok)
            let result = try Self.json(dry)
            #expect(result["outcome"]?.stringValue == "dry-run")
            #expect((result["findings"]?.arrayValue?.count ?? 0) > 0)
            #expect(Shared.mismatches(try Shared.gold(Shared.seedNames[3]), result["document"]!).isEmpty)
            let list = try Self.json(try await client.execute(uri: "/api/v1/documents", method: .get))
            #expect(list["total"]?.decimalValue == 1)
        }
    }

    @Test func operationsEndpointsAndTheSampleCounty() async throws {
        try await TestServer.run(.sqlite, sample: true, metricsToken: "scraper-secret") { server in
            let client = server.admin
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let spec = try Self.json(try await client.execute(uri: "/openapi.json", method: .get))
            #expect(spec["openapi"]?.stringValue == "3.1.0")
            let documents = try Self.json(try await client.execute(uri: "/api/v1/documents", method: .get))
            #expect((documents["total"]?.decimalValue ?? 0) >= 5)
            // Metrics only for the scraper's token: not for the public, not for a person's API token.
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer scraper-secret"])
            let scraped = String(buffer: metrics.body)
            #expect(scraped.contains("hb_requests") && scraped.contains("http_response_status_code=\"200\""))
            // Errors are counted apart, and only for answers that are errors.
            #expect(!scraped.contains("error_type=\"200\""), "\(scraped.split(separator: "\n").filter { $0.contains("error_type") }.prefix(3))")
            #expect(try await server.anonymous.execute(uri: "/metrics", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
        }
    }
}
