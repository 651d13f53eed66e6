import Foundation

/// The programs the reader runs on a file (poppler for PDF, LibreOffice for old Office files): found on
/// the PATH, run in a folder of the caller's, and stopped after a time limit, so that a hostile file
/// cannot hold the reader.
enum ExternalTool {
    struct Outcome {
        var status: Int32
        var timedOut: Bool
        /// What the program wrote to standard error.
        var message: String
    }

    static func run(_ tool: URL, name: String, _ arguments: [String], timeout: TimeInterval) throws(ReadError) -> Outcome {
        let process = Process()
        let errors = Pipe()
        process.executableURL = tool
        process.arguments = arguments
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw .damaged("\(name) could not be run: \(error.localizedDescription)") }
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        deadline.cancel()
        return Outcome(status: process.terminationStatus, timedOut: process.terminationReason == .uncaughtSignal, message: message)
    }

    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A fresh folder for one run's files.
    static func folder(_ prefix: String) throws(ReadError) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .damaged("no temporary folder: \(error.localizedDescription)")
        }
        return folder
    }
}
