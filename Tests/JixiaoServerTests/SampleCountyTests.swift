import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoAccess
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

/// The sample county a first user meets: one county, and the year as its units reported it — lights of
/// every colour, scores where the year was reported, 未填报 where nothing was.
@Suite struct SampleCountyTests {
    @Test func theSampleShowsTheYear() async throws {
        try await TestServer.run(.sqlite, sample: true) { server in
            let client = try await server.browser("admin")
            let listing = try await server.admin.execute(uri: "/api/v1/documents?limit=50", method: .get)
            // Chinese as UTF-8, readable in a terminal, not \u-escaped.
            let raw = String(buffer: listing.body)
            #expect(raw.contains("示例县") && !raw.contains(#"\u"#))
            let documents = try ServerTests.json(listing)
            let items = try #require(documents["items"]?.arrayValue)
            #expect(items.count == 6)
            // One county: every unit in the same division.
            #expect(Set(items.compactMap { $0["regionCode"]?.stringValue }) == ["130225"])
            // Named as people know it, on the pages and in the API.
            #expect(Set(items.compactMap { $0["regionName"]?.stringValue }) == ["河北省唐山市乐亭县"])
            let home = try await WebTests.page(client, "/")
            #expect(home.contains("河北省唐山市乐亭县（130225）") && !home.contains(">行政区划 130225<"))
            // The region's lights at the year's end: a unit with red, yellow and green projects; units not reported.
            let region = try await WebTests.page(client, "/monitoring?year=2025&month=12")
            #expect(region.contains("light-red") && region.contains("light-yellow") && region.contains("light-green") && region.contains("light-none"))
            #expect(region.contains("<td>河北省唐山市乐亭县（130225）</td>") && region.contains("共 6 个"))
            // Only the units whose worst light is red.
            let red = try await WebTests.page(client, "/monitoring?year=2025&month=12&light=red")
            #expect(red.contains("light-red") && !red.contains("light-none") && !red.contains("light-green"))
            func id(_ unit: String) throws -> Int {
                try #require(items.first { $0["unitName"]?.stringValue == unit }?["id"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue })
            }
            let approvals = try id("示例县行政审批局本级")
            let lights = try ServerTests.json(try await server.admin.execute(uri: "/api/v1/documents/\(approvals)/monitoring?month=12", method: .get))
            #expect(lights["projects"]?.arrayValue?.map { $0["light"]?.stringValue ?? "" } == ["green", "yellow", "red", "red"])
            // June for the finance bureau: a forecast turns a red row to yellow, its light to date shown beside it.
            let june = try await WebTests.page(client, "/documents/\(try id("示例县财政局本级"))/projects/3/actuals?month=6")
            #expect(june.contains("全年预计") && june.contains(#"data-to-date="red""#))
            // Scores where the year was reported; 未填报, no score and no grade, where it was not.
            let evaluation = try await WebTests.page(client, "/documents/\(try id("示例县教育局本级"))/evaluation")
            #expect(evaluation.contains("未填报") && evaluation.contains("自评等级：优"))
            let none = try await WebTests.page(client, "/documents/\(try id("示例县交通运输局本级"))/evaluation")
            #expect(none.contains("未填报") && !none.contains("<td>差</td>"))
        }
    }
}
