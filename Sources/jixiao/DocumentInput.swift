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

    static func load(_ path: String) throws(Failure) -> (document: TargetDocument, warnings: [ReadWarning]) {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw Failure(file: path, reason: error.localizedDescription) }
        do {
            let result = try DocumentReader.read(data, name: url.lastPathComponent)
            return (result.document, result.warnings)
        } catch { throw Failure(file: path, reason: error.description) }
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
