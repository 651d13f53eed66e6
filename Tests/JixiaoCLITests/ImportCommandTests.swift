import Foundation
import JixiaoTestSupport
import Testing

@Suite(.needsShared) struct ImportCommandTests {
    typealias CLI = ReadCommandTests

    @Test func importsSkipsBadFilesAndIsIdempotent() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("t.sqlite").path
        let bad = dir.appendingPathComponent("bad.txt")
        try Data([0x00, 0x01, 0x02]).write(to: bad)
        let seeds = CLI.seeds.map { CLI.shared.appendingPathComponent("seeds/\($0)").path }
        let first = try CLI.jixiao(["import"] + seeds + [bad.path, "--db", db])
        #expect(first.status == 1)  // the bad file
        #expect(first.stderr.contains("bad.txt: cannot read"))
        #expect(first.stderr.contains("imported 5 new, 0 new versions, 0 unchanged, 1 failed"))
        let again = try CLI.jixiao(["import"] + seeds + ["--db", db])
        #expect(again.status == 0)
        #expect(again.stderr.contains("imported 0 new, 0 new versions, 5 unchanged, 0 failed"))
    }

    @Test func aChangedFileBecomesANewVersion() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("t.sqlite").path
        let file = dir.appendingPathComponent("unit.txt")
        let text = try String(contentsOf: CLI.shared.appendingPathComponent("seeds/\(CLI.seeds[0])"), encoding: .utf8)
        try Data(text.utf8).write(to: file)
        #expect(try CLI.jixiao(["import", file.path, "--db", db]).status == 0)
        try Data(text.replacingOccurrences(of: "预算数 29.25", with: "预算数 30.25").utf8).write(to: file)
        let run = try CLI.jixiao(["import", file.path, "--db", db])
        #expect(run.status == 0)
        #expect(run.stderr.contains("stored as version 2 of document 1"))
    }
}
