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
        guard let tool = ExternalTool.executable(name) else { throw .toolMissing(name) }
        let folder = try ExternalTool.folder("jixiao-pdf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.txt")
        do { try data.write(to: input) } catch { throw .damaged("the PDF could not be written for \(name): \(error.localizedDescription)") }
        let outcome = try ExternalTool.run(tool, name: name, options + [input.path, output.path], timeout: timeout)
        if outcome.timedOut { throw .damaged("\(name) did not finish within \(Int(timeout)) s") }
        switch outcome.status {
        case 0: break
        case 3: throw .encrypted  // copying text is not permitted
        default:
            if outcome.message.localizedCaseInsensitiveContains("password") { throw .encrypted }
            throw .damaged("not a readable PDF" + (outcome.message.isEmpty ? "" : " (\(outcome.message.split(separator: "\n").first ?? ""))"))
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
}
