import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

/// The attacks of the hardening review, through the binary: a file that used to kill the process,
/// two servers on one SQLite file, a tampered audit log, the database file's mode.
@Suite struct HardeningCommandTests {
    typealias CLI = ReadCommandTests

    static func write(_ data: Data, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    @Test func aBadWordFileIsReportedAndTheNextFilesStillLand() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.jixiao(["generate", "--out", dir.path, "--units", "2", "--projects", "2", "--indicators", "3"]).status == 0)
        let texts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted().map {
            dir.appendingPathComponent($0).path
        }
        let bad = try Self.write(OfficeFiles.wordFileWithAnInvalidByteInATagName(), "bad.docx", in: dir)
        let bare = try Self.write(OfficeFiles.wordPackage("<?xml?><w:document/>"), "bare.docx", in: dir)
        let db = dir.appendingPathComponent("j.sqlite").path
        let run = try CLI.jixiao(["import", texts[0], bad, bare, texts[1], "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.docx: cannot read") && run.stderr.contains("UTF-8"))
        #expect(run.stderr.contains("imported 2 new"), "\(run.stderr)")
        // The database file is the owner's alone.
        let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aJixiaoFileBeyondTheLimitsIsRefusedWithThePlace() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var document = TargetDocument(fiscalYear: 2025, department: Department(name: "测试单位"), overview: Overview(), projects: [Project(name: "项目")])
        document.projects[0].name = String(repeating: "长", count: 600_000)
        let long = try Self.write(Data(DocumentJSON.encode(document).utf8), "long.json", in: dir)
        document.projects[0].name = "正常\u{202E}名称"
        let bidi = try Self.write(Data(DocumentJSON.encode(document).utf8), "bidi.json", in: dir)
        document.projects[0].name = "正常"
        document.department.name = "单位\u{0}"
        let nul = try Self.write(Data(DocumentJSON.encode(document).utf8), "nul.json", in: dir)
        let db = dir.appendingPathComponent("j.sqlite").path
        let run = try CLI.jixiao(["import", long, bidi, nul, "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("long.json: cannot read") && run.stderr.contains("projects[0].name") && run.stderr.contains("500"))
        #expect(run.stderr.contains("bidi.json: cannot read") && run.stderr.contains("控制"))
        #expect(run.stderr.contains("nul.json: cannot read") && run.stderr.contains("department.name"))
        #expect(run.stderr.contains("imported 0 new"))
    }

    /// `≥1e309 个` is not read as "≥ 1": through `jixiao read`, the target is marked ambiguous.
    @Test func aNumberInExponentFormIsNotReadAsItsFirstDigit() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.jixiao(["generate", "--out", dir.path, "--units", "1", "--projects", "1", "--indicators", "3"]).status == 0)
        let file = dir.appendingPathComponent("unit-0001.txt")
        var text = try String(contentsOf: file, encoding: .utf8)
        let value = try #require(text.range(of: #"≥\d+ 件"#, options: .regularExpression))
        text.replaceSubrange(value, with: "≥1e309 件")
        try Data(text.utf8).write(to: file)
        let run = try CLI.jixiao(["read", file.path])
        let json = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        let indicators = try #require(((json["projects"] as? [[String: Any]])?.first?["indicators"]) as? [[String: Any]])
        let row = try #require(indicators.first { ($0["value"] as? String)?.contains("1e309") == true })
        let target = try #require(row["target"] as? [String: Any])
        #expect(target["ambiguous"] as? Bool == true, "\(target)")
    }

    /// A table cut off in its source stays cut off through `jixiao export --format xlsx` and `jixiao read`.
    @Test func aCutOffTableStaysCutOffThroughTheWorkbookExport() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.jixiao(["generate", "--out", dir.path, "--units", "1", "--projects", "2", "--indicators", "3"]).status == 0)
        let read = try CLI.jixiao(["read", dir.appendingPathComponent("unit-0001.txt").path])
        var document = try DocumentJSON.decode(read.stdout)
        document.projects[1].complete = false
        let json = dir.appendingPathComponent("cut.json")
        try Data(DocumentJSON.encode(document).utf8).write(to: json)
        let xlsx = dir.appendingPathComponent("cut.xlsx")
        #expect(try CLI.jixiao(["export", json.path, "--format", "xlsx", "--out", xlsx.path]).status == 0)
        let back = try DocumentJSON.decode(try CLI.jixiao(["read", xlsx.path]).stdout)
        #expect(back.projects.map(\.complete) == [true, false])
    }

    @Test func aTamperedAuditLogIsFound() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.jixiao(["generate", "--out", dir.path, "--units", "3", "--projects", "1", "--indicators", "2"]).status == 0)
        let texts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.map { dir.appendingPathComponent($0).path }
        let db = dir.appendingPathComponent("j.sqlite").path
        #expect(try CLI.jixiao(["import"] + texts + ["--db", db]).status == 0)
        let intact = try CLI.jixiao(["audit", "verify", "--db", db])
        let out = String(decoding: intact.stdout, as: UTF8.self)
        #expect(intact.status == 0 && out.contains("checked 3 lines") && out.contains("intact"), "\(out)")

        // Someone with the database's own rights drops a trigger and rewrites a line.
        let tamper = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP TRIGGER audit_log_no_update")
            db.execute("UPDATE audit_log SET username = 'someone else' WHERE id = 2")
            db.commit()
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", tamper, db]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let broken = try CLI.jixiao(["audit", "verify", "--db", db])
        let report = String(decoding: broken.stdout, as: UTF8.self)
        #expect(broken.status == 1)
        #expect(report.contains("broken at line 2") && report.contains("missing trigger audit_log_no_update") && report.contains("NOT intact"), "\(report)")
    }

    /// Two `jixiao serve` on one SQLite file, 20 imports at once split between them: each lands (or,
    /// if the lock cannot be had, is told to retry with 503), never a 400.
    @Test func twoServersOnOneSQLiteFileTakeParallelImports() async throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("shared.sqlite").path
        #expect(
            try CLI.jixiao(["user", "add", "admin", "--role", "administrator", "--password-stdin", "--db", db], input: "a long enough password 1\n").status == 0
        )
        let token =
            String(decoding: try CLI.jixiao(["token", "create", "admin", "--db", db]).stdout, as: UTF8.self)
            .split(whereSeparator: \.isNewline).last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        #expect(try CLI.jixiao(["generate", "--out", dir.path, "--units", "20", "--projects", "3", "--indicators", "4"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted().map {
            dir.appendingPathComponent($0).path
        }
        #expect(files.count == 20)

        let ports = [Self.freePort(), Self.freePort()]
        var servers: [Process] = []
        for port in ports {
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["serve", "--db", db, "--port", "\(port)", "--empty"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            servers.append(p)
        }
        defer { for s in servers { s.terminate(); s.waitUntilExit() } }
        for port in ports { try await Self.waitUntilUp(port) }

        let statuses = try await withThrowingTaskGroup(of: String.self) { group in
            for (k, file) in files.enumerated() {
                group.addTask {
                    let curl = Process()
                    curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    curl.arguments = [
                        "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(token)", "-F", "file=@\(file)",
                        "http://127.0.0.1:\(ports[k % 2])/api/v1/imports",
                    ]
                    let out = Pipe()
                    curl.standardOutput = out
                    try curl.run()
                    let code = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    curl.waitUntilExit()
                    return code
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == "200" || $0 == "503" }, "\(statuses.sorted())")
        #expect(statuses.filter { $0 == "200" }.count >= 18, "\(statuses.sorted())")
    }

    static func freePort() -> Int {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitUntilUp(_ port: Int) async throws {
        for _ in 0..<200 {
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            curl.arguments = ["curl", "-sf", "-o", "/dev/null", "http://127.0.0.1:\(port)/livez"]
            try curl.run()
            curl.waitUntilExit()
            if curl.terminationStatus == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the server on port \(port) did not start")
    }
}
