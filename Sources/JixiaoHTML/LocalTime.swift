import Foundation
import Synchronization

/// Times on the pages as people write them, in the server's time zone (`jixiao serve --time-zone`,
/// Asia/Shanghai by default): the database keeps UTC (ISO 8601), the pages show `2026-12-05 02:41`.
/// And work done by no signed-in person is shown as 系统.
package enum LocalTime {
    private static let zone = Mutex(TimeZone(identifier: "Asia/Shanghai")!)

    package static func use(_ zone: TimeZone) { self.zone.withLock { $0 = zone } }

    /// A stored timestamp (ISO 8601, UTC) as local date and time; anything else as it is.
    package static func text(_ stored: String) -> String {
        guard let date = try? Date(stored, strategy: .iso8601) else { return stored }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone.withLock { $0 }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// A user name as the pages show it: the system's work as 系统.
    package static func person(_ username: String) -> String { username == "system" ? "系统" : username }
}
