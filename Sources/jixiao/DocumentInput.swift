import Foundation
import JixiaoModel
import JixiaoReader

/// A document given on the command line: a `jixiao/1` JSON file or any file the reader takes.
enum DocumentInput {
    struct Failure: Error, CustomStringConvertible {
        var file: String
        var reason: String
        var description: String { "\(file): cannot read: \(reason)" }
    }

    /// A file's bytes, or why it cannot be opened.
    static func bytes(_ path: String) throws(Failure) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw Failure(file: path, reason: openFailure(path, error)) }
    }

    /// Why a file would not open, said as the reader's refusals are (中文 first).
    private static func openFailure(_ path: String, _ error: any Error) -> String {
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) { return "找不到这个文件 (no such file)" }
        if isFolder.boolValue { return "这是一个文件夹，不是文件 (a folder, not a file)" }
        if !FileManager.default.isReadableFile(atPath: path) { return "没有读取这个文件的权限 (permission denied)" }
        return "无法打开文件 (\(error.localizedDescription))"
    }

    static func load(_ path: String) throws(Failure) -> (document: TargetDocument, warnings: [ReadWarning]) {
        let data = try bytes(path)
        do {
            let result = try DocumentReader.read(data, name: URL(fileURLWithPath: path).lastPathComponent)
            return (result.document, result.warnings)
        } catch { throw Failure(file: path, reason: error.description) }
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
