import Foundation
import HummingbirdTesting
import Testing

@testable import JixiaoServer

/// Five pages of the sample county as a person sees them, compared with the HTML kept beside this file
/// (`Snapshots/`), so that a change to a template or a page model shows in review as a change to the
/// page. Times and form tokens are masked. `JIXIAO_RECORD_SNAPSHOTS=1` writes them anew.
@Suite struct SnapshotTests {
    static let pages = [
        ("home", "/"), ("document", "/documents/1"), ("project", "/documents/1/projects/1"),
        ("region-monitoring", "/monitoring?year=2025&month=12"), ("evaluation", "/documents/1/evaluation"),
    ]
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// What changes from run to run: the clock and the session's form token.
    static func masked(_ html: String) -> String {
        html.replacing(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?/, with: "YYYY-MM-DD hh:mm")
            .replacing(/name="csrf" value="[0-9a-f]+"/, with: #"name="csrf" value="…""#)
    }

    @Test func theSampleCountysPagesAreAsKept() async throws {
        let record = ProcessInfo.processInfo.environment["JIXIAO_RECORD_SNAPSHOTS"] == "1"
        try await TestServer.run(.sqlite, sample: true) { server in
            let client = try await server.browser("admin")
            for (name, uri) in Self.pages {
                let html = Self.masked(try await WebTests.page(client, uri))
                let file = Self.folder.appendingPathComponent("\(name).html")
                if record {
                    try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
                    try Data(html.utf8).write(to: file)
                    continue
                }
                let kept = try String(contentsOf: file, encoding: .utf8)
                let (new, old) = (html.split(separator: "\n", omittingEmptySubsequences: false), kept.split(separator: "\n", omittingEmptySubsequences: false))
                let first = zip(new, old).enumerated().first { $0.element.0 != $0.element.1 }
                #expect(
                    html == kept,
                    "\(name) (\(uri)) differs from Snapshots/\(name).html at line \((first?.offset ?? min(new.count, old.count)) + 1): \(first.map { "now «\($0.element.0)», kept «\($0.element.1)»" } ?? "lengths \(new.count) and \(old.count) lines"); JIXIAO_RECORD_SNAPSHOTS=1 writes it anew"
                )
            }
        }
    }
}
