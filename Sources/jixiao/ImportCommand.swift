import ArgumentParser
import Foundation
import JixiaoApp
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read, review and store documents (导入绩效目标文件).",
        discussion: """
            Each FILE (any format `jixiao read` takes, or a jixiao/1 .json) is read, reviewed and stored in \
            one transaction. A file already stored (same content) changes nothing; a changed file for the \
            same unit and year becomes a new version, the old one stays readable. A file that cannot be \
            read is reported and skipped; the others still land.
            The database is the SQLite file --db (default jixiao.sqlite), or PostgreSQL when DATABASE_URL \
            (or --db) is a postgres:// URL.
            Exit status: 0 when every file was stored or already there, 1 when a file could not be, 2 for bad usage.
            """
    )

    @Argument(help: "The files to import.")
    var files: [String]

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let failed = try await database.withStore { store in try await importAll(into: store) }
        if failed > 0 { throw ExitCode(1) }
    }

    /// Imports every file; returns how many failed.
    func importAll(into store: Store) async throws -> Int {
        let documents = Documents(store: store, engine: ReviewEngine())
        let progress = Progress(total: files.count)
        var failed = 0
        var counts: [SaveOutcome.Kind: Int] = [:]
        var selfEvaluations = 0
        for file in files {
            do {
                let reading: Documents.Reading
                do { reading = try documents.read(try DocumentInput.bytes(file), name: file) } catch let error as ReadError {
                    throw DocumentInput.Failure(file: file, reason: error.description)
                }
                for w in reading.warnings { progress.note("\(file): \(w)") }
                if reading.document.kind == .selfEvaluation {
                    let id = try await documents.saveSelfEvaluation(reading.document, by: .system)
                    selfEvaluations += 1
                    progress.advance("\(file): stored as self-evaluation \(id) (自评表, beside the unit's targets of the year)")
                    continue
                }
                let outcome = try await documents.save(reading.document, by: .system)
                counts[outcome.kind, default: 0] += 1
                progress.advance("\(file): \(Self.describe(outcome))")
            } catch let error as DocumentInput.Failure {
                failed += 1
                progress.advance("\(error)", failed: true)
            } catch {
                failed += 1
                progress.advance("\(file): cannot store: \(error)", failed: true)
            }
        }
        progress.finish(
            "imported \(counts[.created, default: 0]) new, \(counts[.newVersion, default: 0]) new versions, "
                + "\(counts[.unchanged, default: 0]) unchanged, \(selfEvaluations > 0 ? "\(selfEvaluations) self-evaluations, " : "")\(failed) failed into \(database.location)"
        )
        return failed
    }

    static func describe(_ o: SaveOutcome) -> String {
        switch o.kind {
        case .created: "stored as document \(o.documentID)"
        case .newVersion: "stored as version \(o.version) of document \(o.documentID)"
        case .unchanged: "already stored (document \(o.documentID) version \(o.version)), nothing changed"
        }
    }
}

/// A progress bar with count and rate on a terminal; plain lines otherwise.
final class Progress {
    let total: Int
    private var done = 0
    private let started = Date()
    private let onTerminal = isatty(STDERR_FILENO) != 0

    init(total: Int) { self.total = total }

    func note(_ line: String) { write(line) }

    func advance(_ line: String, failed: Bool = false) {
        done += 1
        if onTerminal {
            if failed { write(line) }
            let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data(String(format: "\r%@ %d/%d  %.1f files/s ", bar, done, total, rate).utf8))
        } else {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }

    func finish(_ line: String) {
        if onTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }

    private func write(_ line: String) {
        FileHandle.standardError.write(Data(((onTerminal ? "\r\u{1B}[K" : "") + line + "\n").utf8))
    }
}
