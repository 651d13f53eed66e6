import Foundation
import Testing

/// kill -9 in the middle of a bulk import: the database holds only whole documents, and running
/// the import again completes the rest.
@Suite struct CrashTests {
    typealias CLI = ReadCommandTests

    /// Per stored version: projects and indicators in the rows against those in its jixiao/1 body.
    static let inspect = """
        import json, sqlite3, sys
        db = sqlite3.connect(sys.argv[1])
        bad = 0
        versions = db.execute("SELECT id, body FROM document_versions").fetchall()
        for vid, body in versions:
            doc = json.loads(body)
            projects = db.execute("SELECT COUNT(*) FROM projects WHERE version_id = ?", (vid,)).fetchone()[0]
            indicators = db.execute("SELECT COUNT(*) FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.version_id = ?", (vid,)).fetchone()[0]
            if projects != len(doc["projects"]) or indicators != sum(len(p["indicators"]) for p in doc["projects"]):
                bad += 1
        documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        orphans = db.execute("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.document_id = d.id AND v.version = d.current_version)").fetchone()[0]
        print(len(versions), documents, bad, orphans)
        """

    static func inspect(_ db: String) throws -> [Int] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", inspect, db]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    @Test func killedImportLeavesWholeDocumentsAndARerunCompletes() async throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let county = dir.appendingPathComponent("county")
        #expect(try CLI.jixiao(["generate", "--out", county.path, "--units", "80", "--projects", "20", "--indicators", "10"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: county.path).sorted().map { county.appendingPathComponent($0).path }
        let db = dir.appendingPathComponent("crash.sqlite").path

        // Start the import and kill it once some documents have landed.
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["import"] + files + ["--db", db]
        let err = Pipe()
        p.standardError = err
        try p.run()
        var seen = ""
        while seen.components(separatedBy: "stored as document").count <= 20 {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)

        let after = try Self.inspect(db)  // versions, documents, broken versions, documents without their version
        #expect(after.count == 4)
        #expect(after[0] >= 19 && after[0] < files.count, "the import should have been cut short: \(after)")
        #expect(after[0] == after[1] && after[2] == 0 && after[3] == 0, "\(after)")

        // Again: what landed is unchanged, the rest lands.
        let rerun = try CLI.jixiao(["import"] + files + ["--db", db])
        #expect(rerun.status == 0)
        #expect(rerun.stderr.contains("imported \(files.count - after[1]) new, 0 new versions, \(after[1]) unchanged, 0 failed"))
        let final = try Self.inspect(db)
        #expect(final == [files.count, files.count, 0, 0])
    }
}
