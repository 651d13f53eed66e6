import ArgumentParser
import Foundation
import JixiaoModel
import JixiaoReader

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read target documents into the jixiao/1 JSON form (读取绩效目标文件).",
        discussion: """
            Reads files holding a department's performance-target disclosure (the overall goals and one \
            预算项目绩效目标表 per project): text (UTF-8, UTF-16 or GB18030), Word .docx, Excel .xlsx (our \
            own export, or a sheet with one indicator per row), and PDF with text in it (through pdftotext \
            from poppler-utils). The format is told by the file's content. With one file and no \
            --out, prints its JSON to standard output. With --out, writes DIR/NAME.json for each file.
            Warnings (a table cut off, a cell that could not be placed) go to standard error. With \
            --explain, prints the table grid as read: each row's cells and the label each matched.
            Exit status: 0 when every file was read, 1 when a file could not be read, 2 for bad usage.
            """
    )

    @Argument(help: "The files to read.")
    var files: [String]

    @Option(name: .long, help: "Write one .json per input into this folder.")
    var out: String?

    @Flag(name: .long, help: "Print the table grid as read (rows, cells and the label each cell matched) instead of the JSON.")
    var explain = false

    func validate() throws {
        if files.count > 1 && out == nil && !explain {
            throw ValidationError("several files need --out DIR (one JSON file is written per input)")
        }
    }

    func run() throws {
        var failed = false
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        }
        for file in files {
            let url = URL(fileURLWithPath: file)
            let name = url.lastPathComponent
            do {
                let data = try DocumentInput.bytes(file)
                if explain {
                    FileHandle.standardOutput.write(Data(try DocumentReader.explain(data).utf8))
                    continue
                }
                let result = try DocumentReader.read(data, name: name)
                for w in result.warnings { FileHandle.standardError.write(Data("\(file): \(w)\n".utf8)) }
                let json = DocumentJSON.encode(result.document)
                if let out {
                    let target = URL(fileURLWithPath: out).appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".json")
                    try Data(json.utf8).write(to: target)
                } else {
                    FileHandle.standardOutput.write(Data(json.utf8))
                }
            } catch let error as ReadError {
                FileHandle.standardError.write(Data("\(file): cannot read: \(error)\n".utf8))
                failed = true
            } catch let failure as DocumentInput.Failure {
                FileHandle.standardError.write(Data("\(failure)\n".utf8))
                failed = true
            } catch {
                FileHandle.standardError.write(Data("\(file): 无法写出结果 (cannot write the result): \(error.localizedDescription)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
