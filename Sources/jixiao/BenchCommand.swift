import ArgumentParser
import Foundation
import JixiaoReader

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Jixiao's speed on this machine.",
        subcommands: [BenchRead.self]
    )
}

struct BenchRead: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read documents repeatedly and report MB/s, documents/s and peak memory."
    )

    @Argument(help: "Text files to read (e.g. the seeds).")
    var files: [String]

    @Option(help: "How many documents to read in all.")
    var documents: Int = 1000

    func run() throws {
        let inputs = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        guard !inputs.isEmpty else { throw ValidationError("give at least one file") }
        var bytes = 0
        var indicators = 0
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for i in 0..<documents {
                let data = inputs[i % inputs.count]
                let result = try DocumentReader.read(data)
                bytes += data.count
                indicators += result.document.projects.reduce(0) { $0 + $1.indicators.count }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let mb = Double(bytes) / 1_000_000
        print(String(format: "documents %d  bytes %d  indicators %d  time %.3f s", documents, bytes, indicators, seconds))
        print(String(format: "throughput %.2f MB/s  %.1f documents/s", mb / seconds, Double(documents) / seconds))
        print("peak memory \(PeakMemory.megabytes()) MB")
    }
}

enum PeakMemory {
    /// VmHWM from /proc: the process's peak resident set.
    static func megabytes() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return "unknown" }
        let kb = Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "") ?? 0
        return String(format: "%.1f", kb / 1024)
    }
}
