import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoAccess
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

/// 自评表 end to end: a unit's targets and its self-evaluation of the same year imported, both on the
/// unit's page, the self-evaluation re-checked against the targets, and a region's list ordered by the
/// gap between the printed and the recomputed total.
@Suite struct SelfEvaluationWebTests {
    /// Seed 002's first project (巨鹿县行政审批局本级 2022, 光纤租赁和短信机费用, 6 万元) as its unit
    /// published it after the year, in the national form. 5.4 of 6 spent: 90% × 10 = 9. Row 3 (81% of
    /// ≥90%) was given full marks: 10 × 81 ÷ 90 = 9 by the formula. Row 7's target printed ≥85% where the
    /// targets said ≥90%. Printed 99, recomputed 98: a gap of +1.
    static let juluSelfEvaluation = """
        2022年度项目支出绩效自评表
        单位名称 | 巨鹿县行政审批局本级 |
        项目名称 | 光纤租赁和短信机费用 | 主管部门 | 巨鹿县行政审批局 |
        项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        年度资金总额 | 6 | 6 | 5.4 | 10 | 90% | 9 |
        一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        产出指标 | 数量指标 | 固定电话使用数量及光纤数量 | ≥30 个 | 30个 | 15 | 15 |
        质量指标 | 电话及网络故障率 | ≤10% | 8% | 10 | 10 |
        时效指标 | 电话及网络缴费效率 | ≥90% | 81% | 10 | 10 |
        成本指标 | 电话及光纤支出费用 | ≤6 万元 | 5.4万元 | 15 | 15 |
        效益指标 | 社会效益指标 | 电话及网络运行的满意率 | ≤100% | 96% | 15 | 15 |
        可持续影响指标 | 持续提高电话及网络的稳定性 | ≤95% | 90% | 15 | 15 |
        满意度指标 | 服务对象满意度指标 | 活动参与者满意率 | ≥85% | 95% | 10 | 10 |
        总分 | 100 | 99 | 优 |
        """

    /// Seed 000's unit (乐亭县行政审批局本级 2025), no targets imported: 49% of ≥98% scored in full (50 of 50
    /// printed, 25 by the formula): printed 100, recomputed 75, a gap of +25.
    static let laotingSelfEvaluation = """
        2025年度项目支出绩效自评表
        单位名称 | 乐亭县行政审批局本级 |
        项目名称 | 公共资源“双盲评审”工作资金 |
        项目资金(万元) | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        年度资金总额 | 29.25 | 29.25 | 10 | 100% | 10 |
        一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        产出指标 | 质量指标 | 购买各种管理机、终端机产品合格率 | ≥98% | 49% | 50 | 50 |
        效益指标 | 社会效益指标 | 优化我县营商环境 | 有效改善 | 有效改善 | 30 | 30 |
        满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≥98% | 99% | 10 | 10 |
        总分 | 100 | 100 | 优 |
        """

    static func upload(_ client: any TestClientProtocol, _ text: String, name: String, csrf: String) async throws -> String {
        let (headers, body) = ServerTests.multipart(Data(text.utf8), filename: name, csrf: csrf)
        let uploaded = try await client.execute(uri: "/import", method: .post, headers: headers, body: body)
        #expect(uploaded.status == .seeOther)
        return try #require(uploaded.headers[.location])
    }

    @Test(.needsShared, arguments: Backend.available)
    func targetsAndTheirSelfEvaluationSideBySide(_ backend: Backend) async throws {
        try await TestServer.run(backend) { server in
            let id = try await WebTests.importSeeds(server.admin, only: [Shared.seedNames[2]])[Shared.seedNames[2]]!
            let client = try await server.browser("admin")

            // The upload page takes the 自评表 and says what it is, with its scores worked out again.
            let preview = try await Self.upload(client, Self.juluSelfEvaluation, name: "巨鹿自评.txt", csrf: client.csrf!)
            let previewPage = try await WebTests.page(client, preview)
            #expect(previewPage.contains("这是一份<strong>绩效自评表</strong>") && previewPage.contains("重算得分"))
            let confirmed = try await WebTests.post(client, preview, [("csrf", client.csrf!), ("action", "confirm")])
            #expect(confirmed.status == .seeOther)
            let page = try #require(confirmed.headers[.location])
            #expect(page.hasPrefix("/self-evaluations/"))
            let detail = try await WebTests.page(client, page)
            #expect(detail.contains("表中总分 <strong>99.00</strong>") && detail.contains("重算 <strong>98.00</strong>") && detail.contains("+1.00"))
            // Re-checked against the targets stored beside it: full marks for a missed target, a lowered target.
            #expect(detail.contains("self-full-marks-missed") && detail.contains("self-target-lowered"))
            #expect(detail.contains("href=\"/documents/\(id)\""))

            // The unit's page shows its targets and the self-evaluation of the year.
            let unit = try await WebTests.page(client, "/documents/\(id)")
            #expect(unit.contains("光纤租赁和短信机费用") && unit.contains("本年度绩效自评表：表中总分 99.00（优），按评分规则重算 98.00，相差 +1.00"))
            #expect(unit.contains("href=\"\(page)\""))

            // A second unit, through the API: the region's list puts the larger gap first.
            let api = try await ServerTests.upload(server.admin, Data(Self.laotingSelfEvaluation.utf8), name: "乐亭自评.txt")
            let result = try ServerTests.json(api)
            #expect(result["outcome"]?.stringValue == "self-evaluation" && result["selfEvaluationId"]?.decimalValue != nil)
            let list = try await WebTests.page(client, "/self-evaluations")
            let laoting = try #require(list.range(of: "乐亭县行政审批局本级")), julu = try #require(list.range(of: "巨鹿县行政审批局本级"))
            #expect(laoting.lowerBound < julu.lowerBound && list.contains("+25.00"))
            let json = try ServerTests.json(try await server.admin.execute(uri: "/api/v1/self-evaluations", method: .get))
            let gaps = try #require(json.arrayValue).map { $0["gap"]?.decimalValue }
            #expect(gaps == [25, 1])
            #expect(json.arrayValue?.last?["targetsDocumentId"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue } == id)

            // Only for those in charge: the public sees neither the list nor the table.
            #expect(try await server.anonymous.execute(uri: page, method: .get).status != .ok)
            #expect(try await server.anonymous.execute(uri: "/api/v1/self-evaluations", method: .get).status == .unauthorized)
            // The workbook with both scores.
            let xlsx = try await client.execute(uri: page + "/export.xlsx", method: .get)
            #expect(xlsx.status == .ok && Data(buffer: xlsx.body).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        }
    }
}
