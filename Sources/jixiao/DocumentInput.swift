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
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw Failure(file: path, reason: error.localizedDescription) }
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
