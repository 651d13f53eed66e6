import Foundation

/// A PDF's text through poppler's `pdftotext`. Raw mode (content-stream order) keeps each cell's text
/// together, as the reader expects of extracted text; layout mode puts the wrapped lines of neighbouring
/// cells side by side and loses which cell a fragment belongs to.
enum PDFText {
    static let timeout: TimeInterval = 60
    static let maxTextBytes = 32 << 20

    static func text(_ data: Data) throws(ReadError) -> String {
        let text = try run("pdftotext", ["-raw", "-enc", "UTF-8", "-eol", "unix"], data)
        guard text.contains(where: { !$0.isWhitespace }) else { throw .noText }
        return text
    }

    /// Each word with its box (`pdftotext -bbox-layout`).
    static func words(_ data: Data) throws(ReadError) -> String { try run("pdftotext", ["-bbox-layout", "-enc", "UTF-8"], data) }

    /// The pages' drawing as SVG (`pdftocairo -svg`), for the rules of its tables.
    static func drawing(_ data: Data) throws(ReadError) -> String { try run("pdftocairo", ["-svg"], data) }

    private static func run(_ name: String, _ options: [String], _ data: Data) throws(ReadError) -> String {
        guard let tool = executable(name) else { throw .toolMissing(name) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.txt")
        let process = Process()
        let errors = Pipe()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: input)
            process.executableURL = tool
            process.arguments = options + [input.path, output.path]
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        } catch {
            throw .damaged("\(name) could not be run: \(error.localizedDescription)")
        }
        // A hostile PDF must not hold the reader: stop the tool after the timeout.
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        deadline.cancel()
        if process.terminationReason == .uncaughtSignal { throw .damaged("\(name) did not finish within \(Int(timeout)) s") }
        switch process.terminationStatus {
        case 0: break
        case 3: throw .encrypted  // copying text is not permitted
        default:
            if message.localizedCaseInsensitiveContains("password") { throw .encrypted }
            throw .damaged("not a readable PDF" + (message.isEmpty ? "" : " (\(message.split(separator: "\n").first ?? ""))"))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        guard size <= maxTextBytes else { throw .tooLarge("the PDF's text is over \(maxTextBytes >> 20) MB") }
        guard let text = try? String(contentsOf: output, encoding: .utf8) else { throw .damaged("\(name) gave no readable text") }
        return text
    }

    /// Work done on another thread while the caller goes on; `value` waits for it (read it once).
    final class Background<Value: Sendable>: @unchecked Sendable {
        // Written once before `done` is signalled, read once after waiting on it.
        private var result: Value?
        private let done = DispatchSemaphore(value: 0)

        init(_ work: @escaping @Sendable () -> Value) {
            DispatchQueue.global().async {
                self.result = work()
                self.done.signal()
            }
        }

        var value: Value {
            done.wait()
            return result!
        }
    }

    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
