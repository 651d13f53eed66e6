import Foundation
import JixiaoTestSupport
import Testing

/// Runs the built `jixiao` binary as a user would.
@Suite(.needsShared) struct ReadCommandTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared").standardized
    static let seeds = ((try? FileManager.default.contentsOfDirectory(atPath: shared.appendingPathComponent("seeds").path)) ?? [])
        .filter { $0.hasSuffix(".txt") }.sorted()

    static var binary: URL {
        // The test runner lives in the build folder beside the executable.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("jixiao").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("jixiao")
    }

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    static func jixiao(_ arguments: [String], input: String? = nil, environment: [String: String]? = nil) throws -> Run {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        if let environment { p.environment = environment }
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = stdin
        try p.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: o, stderr: String(decoding: e, as: UTF8.self))
    }

    /// A page printed to PDF by Chromium, as a user's browser prints it.
    static func printToPDF(_ html: URL, _ pdf: URL, in dir: URL) throws {
        let chromium = Process()
        chromium.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        chromium.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(pdf.path)", html.absoluteString,
        ]
        chromium.standardOutput = FileHandle.nullDevice
        chromium.standardError = FileHandle.nullDevice
        try chromium.run()
        chromium.waitUntilExit()
        try #require(FileManager.default.fileExists(atPath: pdf.path), "Chromium printed no PDF")
    }

    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func oneFilePrintsItsJSON() throws {
        let run = try Self.jixiao(["read", Self.shared.appendingPathComponent("seeds/\(Self.seeds[0])").path])
        #expect(run.status == 0)
        let json = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
        #expect(json?["format"] as? String == "jixiao/1")
    }

    @Test func severalFilesWithOutWriteOneJSONEach() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = Self.seeds.map { Self.shared.appendingPathComponent("seeds/\($0)").path }
        let run = try Self.jixiao(["read"] + paths + ["--out", dir.path])
        #expect(run.status == 0)
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(written == Self.seeds.map { $0.replacingOccurrences(of: ".txt", with: ".json") })
    }

    @Test func unreadableFileExitsOneAndSaysWhichAndWhy() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let good = Self.shared.appendingPathComponent("seeds/\(Self.seeds[0])").path
        let missing = dir.appendingPathComponent("missing.txt").path
        let run = try Self.jixiao(["read", empty.path, missing, dir.path, good, "--out", dir.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("empty.txt: cannot read: 文件为空 (the file is empty)"))
        #expect(run.stderr.contains("missing.txt: cannot read: 找不到这个文件 (no such file)"))
        #expect(run.stderr.contains("\(dir.path): cannot read: 这是一个文件夹，不是文件 (a folder, not a file)"))
        // The good file was still written.
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(Self.seeds[0].replacingOccurrences(of: ".txt", with: ".json")).path))
    }

    @Test func badUsageExitsTwo() throws {
        #expect(try Self.jixiao(["read"]).status == 2)
        #expect(try Self.jixiao(["read", "a.txt", "b.txt"]).status == 2)
        #expect(try Self.jixiao(["read", "--bogus", "a.txt"]).status == 2)
    }

    @Test func helpExplainsTheCommand() throws {
        let run = try Self.jixiao(["read", "--help"])
        #expect(run.status == 0)
        #expect(String(decoding: run.stdout, as: UTF8.self).contains("--out"))
    }

    /// Every seed's output validates against ../shared/spec/document.schema.json (Python's
    /// jsonschema, an independent validator).
    @Test func outputValidatesAgainstTheSchema() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = Self.seeds.map { Self.shared.appendingPathComponent("seeds/\($0)").path }
        #expect(try Self.jixiao(["read"] + paths + ["--out", dir.path]).status == 0)
        let script = """
            import json, sys, glob, jsonschema
            schema = json.load(open(sys.argv[1]))
            files = sorted(glob.glob(sys.argv[2] + "/*.json"))
            assert files, "no output"
            for f in files:
                jsonschema.Draft202012Validator(schema).validate(json.load(open(f)))
            print(len(files), "valid")
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, Self.shared.appendingPathComponent("spec/document.schema.json").path, dir.path]
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(message)")
    }
}
