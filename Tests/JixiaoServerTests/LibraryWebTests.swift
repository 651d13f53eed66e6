import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoModel
import JixiaoReader
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

/// The indicator library over real HTTP, on each database: six units, one of which sets its
/// satisfaction target far below the others'.
@Suite struct LibraryWebTests {
    /// Unit `k`'s targets: 服务对象满意度 at `satisfaction`, a count, and (for the first five) 按时办结率.
    static func unit(_ k: Int, satisfaction: String, timely: Bool) -> TargetDocument {
        var rows: [Indicator] = [
            Indicator(level1: "产出指标", level2: "数量指标", level3: "培训人次", value: "≥\(100 * k)人次", target: ValueReader.read("≥\(100 * k)人次")),
            Indicator(
                level1: "满意度指标", level2: "服务对象满意度指标", level3: k == 2 ? "★服务对象满意率" : "服务对象满意度", value: satisfaction, basis: "上年度调查",
                target: ValueReader.read(satisfaction)),
        ]
        if timely {
            rows.insert(Indicator(level1: "产出指标", level2: "时效指标", level3: "按时办结率", value: "≥95%", target: ValueReader.read("≥95%")), at: 1)
        }
        return TargetDocument(
            fiscalYear: 2025, department: Department(code: "90\(k)001", name: "示范单位\(k)", regionCode: "130225"),
            projects: [Project(code: "1302252500\(k)", name: "2025年业务培训经费", budget: Budget(total: 10), indicators: rows)])
    }

    static let key = "服务对象满意度"
    static let keyPath = "/library/" + key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

    @Test(arguments: Backend.available)
    func fromAnIndicatorToItsPeers(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            var ids: [Int] = []
            for (k, value) in ["≥90%", "≥95%", "≥96%", "≥98%", "≥92%", "≥60%"].enumerated() {
                let r = try await ServerTests.upload(
                    server.admin, Data(DocumentJSON.encode(Self.unit(k + 1, satisfaction: value, timely: k < 5)).utf8), name: "unit\(k + 1).json")
                ids.append(try #require(try ServerTests.json(r)["documentId"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue }))
            }
            // The sixth came after five peers: its ≥60% is below their 10th percentile (90 + 2 × 0.4 = 90.8).
            let api = try ServerTests.json(try await server.admin.execute(uri: "/api/v1/documents/\(ids[5])/findings", method: .get))
            let peer = try #require(api["findings"]?.arrayValue?.first { $0["rule"]?.stringValue == "peer-range" })
            #expect(peer["message"]?.stringValue?.contains("5 个单位用过这个指标") == true)
            #expect(peer["message"]?.stringValue?.contains("10% 分位为“≥90.8%”") == true)

            // The list, signed in only.
            #expect(try await server.anonymous.execute(uri: "/api/v1/library", method: .get).status == .unauthorized)
            let list = try ServerTests.json(try await server.admin.execute(uri: "/api/v1/library", method: .get))
            #expect(list["total"]?.decimalValue == 3)
            // Six units each: 培训人次 before 服务对象满意度 (by folded name), 按时办结率 after them.
            #expect(list["items"]?.arrayValue?.map { $0["key"]?.stringValue } == ["培训人次", Self.key, "按时办结率"])
            let first = try #require(list["items"]?.arrayValue?[1])
            #expect(first["units"]?.decimalValue == 6)
            let spread = try #require(first["targets"]?.arrayValue?.first)
            // 60, 90, 92, 95, 96, 98: median 93.5; p10 = 60 + 30 × 0.5 = 75.
            #expect(spread["median"]?.decimalValue == Decimal(string: "93.5") && spread["p10"]?.decimalValue == 75)
            #expect(try await server.admin.execute(uri: "/api/v1/library?region=13x", method: .get).status == .badRequest)
            let entry = try ServerTests.json(try await server.admin.execute(uri: "/api/v1" + Self.keyPath, method: .get))
            let uses = try #require(entry["uses"]?.arrayValue)
            #expect(uses.count == 6 && uses.filter { $0["peerFinding"]?.stringValue != nil }.map { $0["unitName"]?.stringValue } == ["示范单位6"])
            #expect(try await server.admin.execute(uri: "/api/v1/library/%E6%B2%A1%E6%9C%89", method: .get).status == .notFound)

            // The pages: the project's indicator links to its library page, which marks the outlier.
            let client = try await server.browser("admin")
            let project = try await WebTests.page(client, "/documents/\(ids[0])/projects/1")
            #expect(project.contains("<a href=\"\(Self.keyPath)\">服务对象满意度</a>：6 个单位用过，常见 ≥93.5%"))
            let library = try await WebTests.page(client, "/library?q=%E6%BB%A1%E6%84%8F%E7%8E%87")
            #expect(library.contains("<a href=\"\(Self.keyPath)\">服务对象满意度</a>") && library.contains("共 1 个指标"))
            let page = try await WebTests.page(client, Self.keyPath)
            #expect(page.contains("<svg") && page.contains("中位数") && page.contains("上年度调查"))
            let row = try #require(page.range(of: "<tr class=\"outside\">"))
            let outlier = String(page[row.lowerBound...].prefix { $0 != "\n" })
            #expect(outlier.contains("示范单位6") && outlier.contains("href=\"/documents/\(ids[5])/projects/1\""))
            // The public is sent to sign in.
            #expect(try await server.anonymous.execute(uri: "/library", method: .get).status == .seeOther)

            // Editing the sixth unit's project (no 时效指标): the form suggests what projects of its kind use.
            let uri = "/documents/\(ids[5])/projects/1/edit"
            let edit = try await WebTests.page(client, uri)
            let form = try #require(HTMLForm(edit))
            let suggestion = "use|产出指标|时效指标|按时办结率|≥|95|%"
            #expect(
                edit.contains("value=\"\(suggestion)\" class=\"suggestion\">加入“按时办结率”</button> <span class=\"hint\">5 个单位用过，常见 ≥95%（10%–90% 分位 ≥95%–≥95%，5 处）"))
            let added = String(buffer: try await WebTests.post(client, uri, form.fields + [("action", suggestion)]).body)
            #expect(added.contains(">按时办结率</textarea>") && !added.contains("加入“按时办结率”"))
        }
    }
}
