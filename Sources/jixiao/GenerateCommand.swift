import ArgumentParser
import Foundation
import JixiaoModel
import JixiaoSynthetic

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic county of target documents (for trials and benchmarks).",
        discussion: "The same --seed always writes the same files. Each unit becomes DIR/unit-NNNN.txt (or .json with --format json)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Folder to write into.") var out: String
    @Option(help: "Units (one document each).") var units: Int = 10
    @Option(help: "Projects per unit.") var projects: Int = 10
    @Option(help: "Indicators per project.") var indicators: Int = 10
    @Option(help: "Seed of the generator.") var seed: UInt64 = 2025
    @Option(help: "Share of indicators given a typical defect, 0 to 1.") var defects: Double = 0.1
    @Option(help: "text or json.") var format: Format = .text

    func validate() throws {
        guard units > 0, projects > 0, indicators > 0 else { throw ValidationError("units, projects and indicators must be positive") }
        guard (0...1).contains(defects) else { throw ValidationError("--defects is a share between 0 and 1") }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let documents = SyntheticCorpus(seed: seed, defectRate: defects).documents(units: units, projects: projects, indicators: indicators)
        for (k, d) in documents.enumerated() {
            let name = String(format: "unit-%04d.", k + 1) + (format == .json ? "json" : "txt")
            let text = format == .json ? DocumentJSON.encode(d) : SyntheticCorpus.text(d)
            try Data(text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(name))
        }
        print("wrote \(documents.count) documents to \(out)")
    }
}
