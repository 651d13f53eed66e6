import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoAccess
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

/// Monitoring and self-evaluation end to end: a seed imported, actuals entered for June and December
/// through the form, the lights and the score as worked out by hand.
@Suite struct EvaluationWebTests {
    /// Seed 002, project 1 (光纤租赁和短信机费用, 6.00 万元; plan 1.50/3.00/4.50/6.00 read as 25/50/75/100%).
    /// Rows: 1 ≥30 个, 2 ≤10%, 3 ≥90%, 4 ≤6 万元, 5 ≤100%, 6 ≤95%, 7 ≥90%.
    @Test(.needsShared, arguments: Backend.available)
    func juneAndDecemberThroughTheForm(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2]])[Shared.seedNames[2]]!
            _ = try await server.user("editor", role: .unitEditor, units: ["435001"])
            let editor = try await server.browser("editor")
            let uri = "/documents/\(id)/projects/1/actuals"
            func save(month: Int, _ values: [String: String]) async throws -> TestResponse {
                var form = try #require(HTMLForm(String(buffer: try await editor.execute(uri: "\(uri)?month=\(month)", method: .get).body)))
                for (name, value) in values { form[name] = value }
                return try await WebTests.post(editor, uri, form.fields)
            }
            func lights(month: Int) async throws -> [String] {
                let page = String(buffer: try await editor.execute(uri: "\(uri)?month=\(month)", method: .get).body)
                return page.components(separatedBy: "data-light=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            }

            // June. Budget: 3 of 6 = 50% against a plan of 50% → 100 → green.
            // r1 12 of 30 × 6/12 = 15 → 80% green (a count: the June share is due); r3 86 of ≥90 → 95.6% green and
            // r7 95 of ≥90 → 105.6% green (rates: the whole target is due at any month);
            // r2 5 ≤ 10, r4 3 ≤ 6, r5 96 ≤ 100 green; r6 97 > 95 → red, which needs a reason.
            let june = [
                "spent": "3", "r0.value": "12", "r1.value": "5", "r2.value": "86", "r3.value": "3", "r4.value": "96", "r5.value": "97", "r6.value": "95",
            ]
            let refused = try await save(month: 6, june)
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("第 6 行偏离目标"))
            var withReason = june
            withReason["r5.reason"] = "其他"
            withReason["r5.likelihood"] = "有可能"
            #expect(try await save(month: 6, withReason).status == .seeOther)
            #expect(try await lights(month: 6) == ["green", "green", "green", "green", "green", "red", "green"])
            let monitoring = String(buffer: try await editor.execute(uri: "/documents/\(id)/monitoring?month=6", method: .get).body)
            #expect(monitoring.contains("light-red\">红灯") && monitoring.contains("50.0%"))

            // December: the year's figures (as in the CLI test). 5.4 of 6 = 90% → 9 of 10; r3 81 of ≥90 → 11.25 of 12.5;
            // r5 96 ≤ 100, r6 90 ≤ 95 full; the rest full: 9 + 12.5 × 3 + 11.25 + 15 + 15 + 10 = 97.75 → 优.
            let december = [
                "spent": "5.4", "r0.value": "30", "r1.value": "8", "r2.value": "81", "r2.reason": "经费保障", "r2.explanation": "缴费延迟，已催办",
                "r3.value": "6", "r4.value": "96", "r5.value": "90", "r6.value": "95",
            ]
            #expect(try await save(month: 12, december).status == .seeOther)
            #expect(try await lights(month: 12) == ["green", "green", "green", "green", "green", "green", "green"])
            let evaluation = String(buffer: try await editor.execute(uri: "/documents/\(id)/evaluation", method: .get).body)
            #expect(evaluation.contains(#"class="num">97.75</td>"#) && evaluation.contains("自评等级：优"))
            // The same table to download, as a workbook and as CSV; not for the public.
            let xlsx = try await editor.execute(uri: "/documents/\(id)/evaluation.xlsx", method: .get)
            #expect(xlsx.status == .ok && Data(buffer: xlsx.body).starts(with: [0x50, 0x4B, 0x03, 0x04]))
            let csv = String(buffer: try await editor.execute(uri: "/documents/\(id)/evaluation.csv", method: .get).body)
            #expect(csv.contains("自评等级") && csv.contains(",11.25,缴费延迟，已催办,97.75,优"))
            #expect(try await server.anonymous.execute(uri: "/documents/\(id)/evaluation.csv", method: .get).status == .notFound)
            // Every report is in the audit log, with who made it.
            let log = try ServerTests.json(try await server.admin.execute(uri: "/api/v1/audit?document=\(id)&project=1", method: .get))
            let reports = log["items"]!.arrayValue!.filter { $0["action"]?.stringValue == "actual" }
            #expect(reports.count >= 8 && reports.allSatisfy { $0["user"]?.stringValue == "editor" })
            // A reviewer reads the lights but does not report; the public sees neither.
            _ = try await server.user("reviewer", role: .bureauReviewer, region: "130500")
            let reviewer = try await server.browser("reviewer")
            #expect(try await reviewer.execute(uri: "\(uri)?month=6", method: .get).status == .ok)
            #expect(try await WebTests.post(reviewer, uri, [("csrf", reviewer.csrf!), ("month", "6")]).status == .forbidden)
            #expect(try await server.anonymous.execute(uri: "/documents/\(id)/evaluation", method: .get).status == .notFound)
            let region = String(buffer: try await reviewer.execute(uri: "/monitoring?month=12", method: .get).body)
            #expect(region.contains("巨鹿县行政审批局本级"))
        }
    }

    /// The same year through the JSON API: PUT the actuals, GET the monitoring and the evaluation.
    @Test(.needsShared, arguments: Backend.available)
    func throughTheAPI(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2]])[Shared.seedNames[2]]!
            let editor = try await server.user("editor", role: .unitEditor, units: ["435001"])
            func put(_ body: String) async throws -> TestResponse {
                try await editor.execute(
                    uri: "/api/v1/documents/\(id)/projects/1/actuals", method: .put, headers: [.contentType: "application/json"], body: ByteBuffer(string: body)
                )
            }
            // June without a reason for the red row 6: refused, naming it.
            let rows = #"{"row": 1, "value": "12"}, {"row": 2, "value": "5"}, {"row": 3, "value": "86"}, {"row": 4, "value": "3"}, {"row": 5, "value": "96"}"#
            let refused = try await put(#"{"month": 6, "spending": [{"month": 6, "amount": "3"}], "indicators": [\#(rows), {"row": 6, "value": "97"}]}"#)
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("第 6 行"))
            let saved = try await put(
                #"{"month": 6, "spending": [{"month": 6, "amount": "3"}], "indicators": [\#(rows), {"row": 6, "value": "97", "reason": "其他"}, {"row": 7, "value": "95"}]}"#
            )
            #expect(saved.status == .ok)
            let monitor = try ServerTests.json(saved)
            #expect(monitor["light"]?.stringValue == "red" && monitor["budget"]?["light"]?.stringValue == "green")
            #expect(monitor["indicators"]?.arrayValue?.map { $0["light"]?.stringValue ?? "" } == ["green", "green", "green", "green", "green", "red", "green"])
            // A row the table does not have is refused.
            #expect(try await put(#"{"month": 6, "spending": [], "indicators": [{"row": 99, "value": "1"}]}"#).status == .unprocessableContent)
            let back = try ServerTests.json(try await editor.execute(uri: "/api/v1/documents/\(id)/projects/1/actuals", method: .get))
            #expect(back["spending"]?.arrayValue?.first?["amount"]?.decimalValue == 3 && back["indicators"]?.arrayValue?.count == 7)
            let june = try ServerTests.json(try await editor.execute(uri: "/api/v1/documents/\(id)/monitoring?month=6", method: .get))
            #expect(june["projects"]?.arrayValue?.first?["light"]?.stringValue == "red" && june["projects"]?.arrayValue?.last?["light"]?.stringValue == "none")
            // December (as worked out in the CLI test): 97.75, 优.
            let december =
                #"{"month": 12, "spending": [{"month": 6, "amount": "3"}, {"month": 12, "amount": "5.4"}], "indicators": [{"row": 1, "value": "30"}, {"row": 2, "value": "8"}, {"row": 3, "value": "81", "reason": "经费保障", "explanation": "缴费延迟"}, {"row": 4, "value": "6"}, {"row": 5, "value": "96"}, {"row": 6, "value": "90"}, {"row": 7, "value": "95"}]}"#
            #expect(try await put(december).status == .ok)
            let evaluation = try ServerTests.json(try await editor.execute(uri: "/api/v1/documents/\(id)/evaluation", method: .get))
            let first = evaluation["projects"]?.arrayValue?.first
            #expect(first?["total"]?.decimalValue == Decimal(string: "97.75") && first?["grade"]?.stringValue == "优")
            // The region's overview follows the report (its lights kept as reports come in): the first project
            // green at December, the others not reported.
            let region = try await WebTests.page(server.admin, "/monitoring?month=12")
            let row = try #require(region.range(of: "/documents/\(id)/monitoring?month=12"))
            let line = String(region[row.lowerBound...].prefix { $0 != "\n" })
            #expect(line.contains("light-green") && line.contains("<td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td>"), "\(line)")
            #expect(!(try await WebTests.page(server.admin, "/monitoring?month=12&light=none")).contains("/documents/\(id)/monitoring"))
            // The public sees none of it; a reviewer reads but does not report.
            #expect(try await server.anonymous.execute(uri: "/api/v1/documents/\(id)/evaluation", method: .get).status == .notFound)
            let reviewer = try await server.user("reviewer", role: .bureauReviewer, region: "130500")
            #expect(try await reviewer.execute(uri: "/api/v1/documents/\(id)/monitoring?month=12", method: .get).status == .ok)
            let byReviewer = try await reviewer.execute(
                uri: "/api/v1/documents/\(id)/projects/1/actuals", method: .put, headers: [.contentType: "application/json"], body: ByteBuffer(string: december)
            )
            #expect(byReviewer.status == .forbidden)
        }
    }
}
