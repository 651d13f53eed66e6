import ArgumentParser
import Foundation
import JixiaoApp
import JixiaoModel
import JixiaoReview
import JixiaoStore
import JixiaoSynthetic

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Make synthetic target documents: a county, or a province over several years (for trials and benchmarks).",
        discussion: """
            The same --seed always makes the same documents. Into --out each unit's document of each year becomes \
            DIR/unit-NNNN[-YEAR].txt (or .json with --format json); with --db they are imported there as `jixiao import` \
            would (reviewed, the library kept current), nothing written to disk. With --province the units are spread \
            over that province's counties and named after them, and a quarter of the indicator names are written in \
            the variants units use (numbered, ★, a unit in brackets, 满意率) for the indicator library to learn.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Folder to write into.") var out: String?
    @OptionGroup var database: DatabaseOption
    @Flag(help: "Import into --db (or DATABASE_URL) instead of writing files.") var store = false
    @Option(help: "Units (one document a year each).") var units: Int = 10
    @Option(help: "Projects per unit.") var projects: Int = 10
    @Option(help: "Indicators per project.") var indicators: Int = 10
    @Option(help: "A province's code (two digits, e.g. 13) to spread the units over.") var province: String?
    @Option(help: "Years of documents per unit, ending with --year.") var years: Int = 1
    @Option(help: "The last year.") var year: Int = 2025
    @Option(help: "Seed of the generator.") var seed: UInt64 = 2025
    @Option(help: "Share of indicators given a typical defect, 0 to 1.") var defects: Double = 0.1
    @Option(help: "text or json.") var format: Format = .text

    func validate() throws {
        guard units > 0, projects > 0, indicators > 0, years > 0 else { throw ValidationError("units, projects, indicators and years must be positive") }
        guard (0...1).contains(defects) else { throw ValidationError("--defects is a share between 0 and 1") }
        guard (out == nil) == store else { throw ValidationError("give --out FOLDER, or --store to import into the database") }
        if let province, Divisions.counties(in: province).isEmpty || province.count != 2 {
            throw ValidationError("--province is a province's two-digit code (13 for 河北省)")
        }
    }

    func run() async throws {
        var corpus = province.map { SyntheticCorpus.province($0, seed: seed) } ?? SyntheticCorpus(seed: seed)
        corpus.defectRate = defects
        // Year by year, so that each unit's years arrive in order (its review compares with the year before).
        let made = (0..<units * years).lazy.map { n in
            (n, corpus.document(unit: n % units, projects: projects, indicators: indicators, year: year - years + 1 + n / units))
        }
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (n, d) in made {
                let name = String(format: "unit-%04d", n % units + 1) + (years > 1 ? "-\(d.fiscalYear!)." : ".") + (format == .json ? "json" : "txt")
                let text = format == .json ? DocumentJSON.encode(d) : SyntheticCorpus.text(d)
                try Data(text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(name))
            }
            print("wrote \(units * years) documents to \(out)")
            return
        }
        try await database.withStore { store in
            let documents = Documents(store: store, engine: ReviewEngine())
            for (n, d) in made {
                _ = try await documents.save(d, by: .system)
                if (n + 1) % 1000 == 0 { FileHandle.standardError.write(Data("… \(n + 1) documents\n".utf8)) }
            }
        }
        print("imported \(units * years) documents into \(database.location)")
    }
}
