import Foundation
import JixiaoApp
import Hummingbird
import JixiaoExport
import JixiaoHTML
import Mustache

/// The page templates (Resources/templates/*.mustache), rendered into HTML responses. Every
/// `{{value}}` is HTML-escaped by Mustache; only SVG that `Chart` builds (escaping its own text)
/// goes in with `{{{…}}}`.
struct Views: Sendable {
    let library: MustacheLibrary

    /// The pages' own templates, beside the shared ones of `JixiaoHTML` (the layout, the tables).
    static let folder = Bundle.module.url(forResource: "templates", withExtension: nil)

    static func load() async throws -> Views {
        guard let folder else { throw WebError.missingResource("templates") }
        return Views(library: try await Templates.library(adding: folder))
    }

    /// Renders a page for the person acting: the layout shows who is signed in, and every form
    /// carries the session's form token (`{{csrf}}`).
    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let identity = Identity.current
        guard let html = Templates.render(library, template, model, viewer: Viewer(actor: identity.actor, csrf: identity.csrf)) else {
            return Response(
                status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "template \(template) is missing")))
        }
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .contentSecurityPolicy: Self.contentSecurityPolicy],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Scripts and styles only from this server, so text that got into a page can never run.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"

    /// An error as a page in Chinese, with a way back.
    func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        render("error", ErrorPage(title: "\(status.code) \(Self.statusTitle(status))", message: message), status: status)
    }

    static func statusTitle(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "请求有误"
        case 404: "没有找到"
        case 405: "不支持的请求"
        case 409: "内容已被他人修改"
        case 413: "文件过大"
        case 422: "内容有误"
        default: "服务器出错"
        }
    }
}

enum WebError: Error {
    case missingResource(String)
}

/// A request a page refuses, with the status and the message (in Chinese) its person sees.
/// A refusal a page makes, with its message for the person.
struct Refused: UserFacingError {
    var refusal: Refusal
    var message: String
    init(_ refusal: Refusal, _ message: String) {
        self.refusal = refusal
        self.message = message
    }
}

/// The fields of a submitted form (`application/x-www-form-urlencoded`), in their order.
struct FormFields {
    private(set) var pairs: [(name: String, value: String)] = []

    /// Nil when the body is not well-formed.
    init?(_ body: ByteBuffer) {
        let text = String(buffer: body)
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else { return nil }
            pairs.append((name, value))
        }
    }

    private static func decode(_ s: Substring) -> String? {
        s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }
}

extension SitePath {
    /// The pattern as the router registers it.
    var routerPath: RouterPath { RouterPath(route) }
}
