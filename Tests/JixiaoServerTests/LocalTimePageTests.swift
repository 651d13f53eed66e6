import Foundation
import HummingbirdTesting
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

/// The pages show stored times in the server's zone and the system's work as 系统.
@Suite struct LocalTimePageTests {
    @Test func aDocumentPageAndItsHistoryShowLocalTimes() async throws {
        try await TestServer.run(.sqlite, sample: true) { server in
            let browser = try await server.browser("admin")
            let page = String(buffer: try await browser.execute(uri: "/documents/1", method: .get).body)
            #expect(page.range(of: #"更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, options: .regularExpression) != nil)
            let history = String(buffer: try await browser.execute(uri: "/documents/1/history", method: .get).body)
            #expect(history.contains("系统") && !history.contains(">system<") && history.range(of: #"\d{2}:\d{2}:\d{2}Z"#, options: .regularExpression) == nil)
        }
    }
}
