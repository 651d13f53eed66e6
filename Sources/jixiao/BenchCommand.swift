import ArgumentParser
import Foundation
import JixiaoEvaluation
import JixiaoExport
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore
import JixiaoSynthetic

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Jixiao's speed on this machine.",
        subcommands: [BenchRead.self, BenchReview.self, BenchImport.self, BenchLibrary.self, BenchScore.self, BenchExport.self, BenchSelfEvaluations.self]
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

    @Option(help: "How many times to read them; with more than one, the best and the median run are reported (time on a shared machine varies).")
    var runs: Int = 1

    func run() throws {
        let inputs = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        guard !inputs.isEmpty else { throw ValidationError("give at least one file") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        var bytes = 0
        var indicators = 0
        let sorted = try seconds(runs: runs) {
            bytes = 0
            indicators = 0
            for i in 0..<documents {
                let data = inputs[i % inputs.count]
                let result = try DocumentReader.read(data)
                bytes += data.count
                indicators += result.document.projects.reduce(0) { $0 + $1.indicators.count }
            }
        }
        let mb = Double(bytes) / 1_000_000
        let best = sorted[0]
        print(String(format: "documents %d  bytes %d  indicators %d  time %.3f s", documents, bytes, indicators, best))
        print(String(format: "throughput %.2f MB/s  %.1f documents/s", mb / best, Double(documents) / best))
        if runs > 1 {
            let median = sorted[sorted.count / 2]
            print(String(format: "best of %d runs above; median %.2f MB/s, slowest %.2f MB/s", runs, mb / median, mb / sorted[sorted.count - 1]))
        }
        print("peak memory \(PeakMemory.megabytes()) MB")
    }
}

/// The seconds each of `runs` runs of `body` took, fastest first.
func seconds(runs: Int, _ body: () throws -> Void) rethrows -> [Double] {
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<runs {
        let elapsed = try clock.measure(body)
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return times.sorted()
}

struct BenchSelfEvaluations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "self-evaluations",
        abstract: "Read, re-check (review) and re-score 自评表 repeatedly, on one core, and report documents/s."
    )

    @Argument(help: "自评表 files (e.g. ../shared/corpus/self-evaluations/*.txt).")
    var files: [String]

    @Option(help: "How many documents in all.")
    var documents: Int = 1000

    @Option(help: "How many times; the best and the median run are reported.")
    var runs: Int = 1

    func run() throws {
        let inputs = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        guard !inputs.isEmpty else { throw ValidationError("give at least one file") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        let engine = ReviewEngine()
        var findings = 0, rows = 0
        let sorted = try seconds(runs: runs) {
            findings = 0
            rows = 0
            for i in 0..<documents {
                let document = try DocumentReader.read(inputs[i % inputs.count]).document
                guard document.kind == .selfEvaluation else { throw ValidationError("\(files[i % files.count]) is not a 自评表") }
                findings += engine.review(document).count
                rows += SelfEvaluation.scores(document).computed.map { _ in document.projects.reduce(0) { $0 + $1.indicators.count } } ?? 0
            }
        }
        print(
            String(
                format: "documents %d  findings %d  rows scored %d  time %.3f s  %.1f documents/s", documents, findings, rows, sorted[0],
                Double(documents) / sorted[0]))
        if runs > 1 { print(String(format: "best of %d runs above; median %.3f s", runs, sorted[sorted.count / 2])) }
        print("peak memory \(PeakMemory.megabytes()) MB")
    }
}

struct BenchReview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a synthetic corpus (seeded, so runs repeat) and report projects/s."
    )

    @Option(help: "Projects in all (split into units of 10 projects of 10 indicators).")
    var projects: Int = 10_000

    @Option(help: "Seed of the synthetic corpus.")
    var seed: UInt64 = 2025

    @Option(help: "How many times to review the corpus; the best run is reported.")
    var runs: Int = 3

    func run() {
        let units = max(1, projects / 10)
        let corpus = SyntheticCorpus(seed: seed).documents(units: units, projects: 10, indicators: 10)
        let engine = ReviewEngine()
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        var findings = 0
        for _ in 0..<max(1, runs) {
            var count = 0
            let t = clock.measure { for d in corpus { count += engine.review(d).count } }
            best = min(best, t)
            findings = count
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print(
            String(
                format: "projects %d  indicators %d  findings %d  best of %d: %.3f s  %.0f projects/s", units * 10, units * 100, findings, runs, seconds,
                Double(units * 10) / seconds))
    }
}

struct BenchScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Monitor (at June) and score a synthetic province with actuals (seeded), and report the time."
    )

    @Option(help: "Units.") var units = 200
    @Option(help: "Projects per unit.") var projects = 20
    @Option(help: "Indicators per project.") var indicators = 10
    @Option(help: "How many times; the best run is reported.") var runs = 3

    func run() {
        let corpus = SyntheticCorpus(seed: 2025).documents(units: units, projects: projects, indicators: indicators)
        // Actuals for every project: spending by June and December, a value or grade for every row.
        var random = SplitMix64(seed: 7)
        let actuals: [[ProjectActuals]] = corpus.map { d in
            d.projects.map { p in
                let budget = p.budget.total ?? 100
                var a = ProjectActuals(spending: [6: budget * Decimal(random.next(in: 20...70)) / 100, 12: budget * Decimal(random.next(in: 70...105)) / 100])
                for (k, i) in p.indicators.enumerated() {
                    a.indicators[k + 1] =
                        i.target.kind == .qualitative
                        ? IndicatorActual(grade: Grade.allCases[random.next(in: 0...2)])
                        : IndicatorActual(value: (i.target.number ?? 1) * Decimal(random.next(in: 50...130)) / 100, reason: .funding)
                }
                return a
            }
        }
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        var total: Decimal = 0
        var reds = 0
        for _ in 0..<max(1, runs) {
            var sum: Decimal = 0, red = 0
            let t = clock.measure {
                for (d, projectActuals) in zip(corpus, actuals) {
                    for (k, p) in d.projects.enumerated() {
                        if Monitoring.project(p, position: k + 1, actuals: projectActuals[k], month: 6).light == .red { red += 1 }
                        sum += SelfEvaluation.project(p, position: k + 1, actuals: projectActuals[k]).total
                    }
                }
            }
            best = min(best, t)
            total = sum
            reds = red
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let count = units * projects
        print(
            String(
                format: "projects %d  indicators %d  red at June %d  mean score %.2f  best of %d: %.3f s  %.0f projects/s",
                count, count * indicators, reds, NSDecimalNumber(decimal: total / Decimal(max(count, 1))).doubleValue, runs, seconds, Double(count) / seconds))
    }
}

struct BenchExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export each document given to .xlsx (the whole disclosure) and report the time per document."
    )

    @Argument(help: "Documents: jixiao/1 .json or files `read` takes.") var files: [String]
    @Option(help: "How many times each; the best run is reported.") var runs = 10

    func run() throws {
        let clock = ContinuousClock()
        for file in files {
            let document: TargetDocument
            do { document = try DocumentInput.load(file).document } catch { throw ValidationError(error.description) }
            var best = Duration.seconds(1_000_000), bytes = 0
            for _ in 0..<max(1, runs) {
                var size = 0
                let t = try clock.measure { size = try XLSXExport.document(document).count }
                best = min(best, t)
                bytes = size
            }
            let ms = (Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18) * 1000
            print(
                String(
                    format: "%@  projects %d  indicators %d  %d bytes  best of %d: %.1f ms", URL(fileURLWithPath: file).lastPathComponent,
                    document.projects.count, document.projects.map(\.indicators.count).reduce(0, +), bytes, runs, ms))
        }
    }
}

struct BenchImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store a synthetic province and report documents/s and indicators/s, beside a raw bulk insert of the same rows.",
        discussion: """
            Use an empty database: --db a new SQLite file, or a postgres:// URL of an empty database. With --province the \
            units are spread over that province's counties and named after them, a quarter of the indicator names in \
            variants (the library's material); with --years each unit has a document for each of the last N years. \
            Documents are made and reviewed 100 at a time outside the timing, so a province fits in memory.
            """
    )

    @Option(help: "SQLite file or postgres:// URL.") var db: String
    @Option(help: "Units (one document a year each).") var units = 200
    @Option(help: "Projects per unit.") var projects = 20
    @Option(help: "Indicators per project.") var indicators = 10
    @Option(help: "A province's code (two digits, e.g. 13) to spread the units over.") var province: String?
    @Option(help: "Years of documents per unit, ending with --year.") var years = 1
    @Option(help: "The last year.") var year = 2025

    func run() async throws {
        let corpus = province.map { SyntheticCorpus.province($0) } ?? SyntheticCorpus(seed: 2025)
        if let province { guard !corpus.counties!.isEmpty else { throw ValidationError("no counties under \(province)") } }
        let engine = ReviewEngine()
        let store = try await Store.open(StoreLocation.resolve(path: db))
        let clock = ContinuousClock()
        let batches = Array(stride(from: 0, to: units * years, by: 100))
        var importTime = Duration.zero, rawTime = Duration.zero, rows = 0
        try await store.prepareRawInsert()
        for (k, first) in batches.enumerated() {
            // Year by year, so that each unit's years arrive in order.
            let batch = (first..<min(units * years, first + 100)).map { n in
                corpus.document(unit: n % units, projects: projects, indicators: indicators, year: year - years + 1 + n / units)
            }
            let reviewed = batch.map { ($0, engine.review($0)) }
            importTime += try await clock.measure { for (document, findings) in reviewed { _ = try await store.save(document, findings: findings) } }
            rawTime += try await clock.measure { rows += try await store.rawInsert(batch) }
            if batches.count >= 20, k % (batches.count / 10) == 0 { FileHandle.standardError.write(Data("… \(first) documents\n".utf8)) }
        }
        try await store.dropRawInsert()
        try await store.close()
        let documents = units * years, indicatorCount = documents * projects * indicators
        let (i, r) = (seconds(importTime), seconds(rawTime))
        print("database \(StoreLocation.resolve(path: db)): \(documents) documents, \(documents * projects) projects, \(indicatorCount) indicators")
        print(String(format: "import     %.2f s  %.1f documents/s  %.0f indicators/s", i, Double(documents) / i, Double(indicatorCount) / i))
        print(String(format: "raw insert %.2f s  %.1f documents/s  %.0f indicators/s  (%d rows)", r, Double(documents) / r, Double(indicatorCount) / r, rows))
        print(String(format: "import runs at %.0f%% of the raw insert's speed", r / i * 100))
    }
}

struct BenchLibrary: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "On a stored province: build the indicator library from scratch, and time keeping it current on an import.",
        discussion: """
            The build is timed once. Keeping it current is timed on --imports documents of new units (of the province \
            --province, as `bench import` makes them): the library's part of each save, inside a transaction that is \
            then rolled back, so the database is left as it was.
            """
    )

    @Option(help: "SQLite file or postgres:// URL of a stored province.") var db: String
    @Option(help: "How many imports to time.") var imports = 50
    @Option(help: "The province the documents are made for.") var province = "13"

    func run() async throws {
        let store = try await Store.open(StoreLocation.resolve(path: db))
        let clock = ContinuousClock()
        var groups = 0
        let build = try await clock.measure { groups = try await store.rebuildLibrary() }
        print(String(format: "library built from scratch: %d indicators in %.2f s", groups, seconds(build)))
        let corpus = SyntheticCorpus.province(province, seed: 99)
        var times: [Double] = []
        for k in 0..<imports {
            times.append(seconds(try await store.timedLibraryUpdate(corpus.document(unit: 900_000 + k, projects: 20, indicators: 10, year: 2025))))
        }
        times.sort()
        try await store.close()
        guard !times.isEmpty else { return }
        print(
            String(
                format: "kept current on an import of 200 rows: median %.1f ms, 90th percentile %.1f ms, slowest %.1f ms (%d imports)",
                times[times.count / 2] * 1000,
                times[times.count * 9 / 10] * 1000, times[times.count - 1] * 1000, times.count))
    }
}

private func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

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
