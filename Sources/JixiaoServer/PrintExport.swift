import Foundation
import JixiaoModel
import JixiaoStore

/// The print view of the web UI as one file: the whole disclosure (overview and every official table)
/// with the stylesheet inlined and no script, for `jixiao export --format html`.
public enum PrintExport {
    public static func html(_ document: TargetDocument) async throws -> String {
        let views = try await Views.load()
        let stored = StoredDocument(summary: DocumentSummary(unsaved: document), document: document, findings: [])
        guard var html = views.library.render(PageContext(model: ReportPage(stored), identity: Identity()), withTemplate: "report"),
            let css = Bundle.module.url(forResource: "static", withExtension: nil)?.appendingPathComponent("jixiao.css")
        else { throw WebError.missingResource("report template or stylesheet") }
        let style = try String(contentsOf: css, encoding: .utf8)
        html = html.replacingOccurrences(of: #"<link rel="stylesheet" href="/static/jixiao.css">"#, with: "<style>\n\(style)</style>")
        html = html.replacingOccurrences(of: #"<script src="/static/jixiao.js" defer></script>"#, with: "")
        return html
    }
}
