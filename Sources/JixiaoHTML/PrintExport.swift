import Foundation
import JixiaoEvaluation
import JixiaoModel
import JixiaoStore

/// Print views of the web UI as single files, the stylesheet inlined and no script: the whole
/// disclosure (overview and every official table) and the 自评表 of every project.
public enum PrintExport {
    /// The whole disclosure, or one project's table (`only`, 1-based).
    public static func html(_ document: TargetDocument, only: Int? = nil) async throws -> String {
        try await page("report", ReportPage(stored(document), only: only))
    }

    public static func selfEvaluationHTML(_ document: TargetDocument, actuals: [Int: ProjectActuals], profile: EvaluationProfile) async throws -> String {
        var model = EvaluationPage(stored(document), actuals: actuals, profile: profile)
        model.downloads = false
        return try await page("evaluation", model)
    }

    static func stored(_ document: TargetDocument) -> StoredDocument {
        StoredDocument(summary: DocumentSummary(unsaved: document), document: document, findings: [])
    }

    static func page(_ template: String, _ model: Any) async throws -> String {
        let library = try await Templates.library()
        guard var html = Templates.render(library, template, model, viewer: .nobody, chrome: false),
            let css = Templates.staticFolder?.appendingPathComponent("jixiao.css")
        else { throw TemplateError.missingResource("\(template) template or stylesheet") }
        let style = try String(contentsOf: css, encoding: .utf8)
        html = html.replacingOccurrences(of: #"<link rel="stylesheet" href="/static/jixiao.css">"#, with: "<style>\n\(style)</style>")
        html = html.replacingOccurrences(of: #"<script src="/static/jixiao.js" defer></script>"#, with: "")
        html = html.replacingOccurrences(of: #"<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">"#, with: "")
        return html
    }
}
