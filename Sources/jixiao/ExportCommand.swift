import ArgumentParser
import Foundation
import JixiaoExport
import JixiaoModel
import JixiaoHTML
import JixiaoStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the official tables (导出): an Excel workbook, CSV (one indicator a row, UTF-8 with BOM) or the print HTML.",
        discussion: """
            FILE is a jixiao/1 .json or any file `read` takes; or --document ID with --db for a stored document \\
            (its current version). The HTML is the web UI's print view of the whole disclosure in one file \\
            (stylesheet inlined): open it in a browser and print on A4.
            """)

    @Argument(help: "The document file (or use --document).") var file: String?
    @Option(help: "A stored document's id.") var document: Int?
    @OptionGroup var database: DatabaseOption
    @Option(help: "Only this project's table (1-based), not the whole disclosure.") var project: Int?
    @Option(help: "xlsx, csv or html.") var format: Format
    @Option(help: "Write here instead of standard output.") var out: String?

    enum Format: String, ExpressibleByArgument { case xlsx, csv, html }

    func validate() throws {
        guard (file == nil) != (document == nil) else { throw ValidationError("give a FILE or --document ID (one of them)") }
    }

    func run() async throws {
        let target: TargetDocument
        if let file {
            do { target = try DocumentInput.load(file).document } catch { throw ValidationError(error.description) }
        } else {
            target = try await database.withStore { store in
                do { return try await store.document(id: document!).document } catch StoreError.notFound {
                    throw ValidationError("no document \(document!) in \(database.location)")
                }
            }
        }
        if let project, !target.projects.indices.contains(project - 1) {
            throw ValidationError("the document has \(target.projects.count) projects: --project takes 1…\(target.projects.count)")
        }
        let data: Data
        switch (format, project) {
        case (.xlsx, nil): data = try XLSXExport.document(target)
        case let (.xlsx, n?): data = try XLSXExport.project(target.projects[n - 1], year: target.fiscalYear)
        case (.csv, _): data = CSVExport.document(target, only: project)
        case (.html, _): data = Data(try await PrintExport.html(target, only: project).utf8)
        }
        if let out {
            try data.write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
