import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoAccess
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

/// A unit's page says what changed since its targets of the year before.
@Suite struct YearOverYearWebTests {
    @Test(.needsShared, arguments: Backend.available)
    func theUnitsPageComparesWithTheYearBefore(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let name = Shared.seedNames[0]
            let id = try await WebTests.importSeeds(server.admin, only: [name])[name]!
            // The same unit's 2024: one project fewer, the first project's 合格率 floor at ≥99 instead of ≥98.
            var earlier = try Shared.goldDocument(name)
            earlier.fiscalYear = 2024
            earlier.source = nil
            earlier.projects[0].indicators[1].value = "≥99 百分比"
            earlier.projects[0].indicators[1].target.number = 99
            let extra = Project(name: "2024年档案整理经费", budget: Budget(total: 3), indicators: [])
            earlier.projects.append(extra)
            let upload = try await ServerTests.upload(server.admin, Data(DocumentJSON.encode(earlier).utf8), name: "2024.json")
            let older = try #require(try ServerTests.json(upload)["documentId"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue })
            let client = try await server.browser("admin")
            let page = try await WebTests.page(client, "/documents/\(id)")
            #expect(page.contains("与 <a href=\"/documents/\(older)\">2024 年度</a>相比"))
            #expect(page.contains("不再有的项目 2024年档案整理经费") && page.contains("要求降低 质量指标 购买各种管理机、终端机产品合格率：≥99 百分比 → ≥98 百分比"))
            // The earlier year has no year before it stored: no comparison.
            #expect(!(try await WebTests.page(client, "/documents/\(older)")).contains("年度</a>相比"))
        }
    }
}
