import Foundation
import Testing

@testable import JixiaoHTML

/// Times on the pages as people write them, in the server's zone; the system's work as 系统.
@Suite struct LocalTimeTests {
    @Test func storedTimesAreShownInTheServersZone() {
        #expect(LocalTime.text("2026-12-04T18:41:36Z") == "2026-12-05 02:41")
        #expect(LocalTime.text("not a time") == "not a time")
        #expect(LocalTime.person("system") == "系统" && LocalTime.person("admin") == "admin")
    }
}
