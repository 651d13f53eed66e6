import Foundation
import JixiaoApp
import Hummingbird
import JixiaoExport
import Logging
import Mustache
import Synchronization

/// The page templates (Resources/templates/*.mustache), rendered into HTML responses. Every
/// `{{value}}` is HTML-escaped by Mustache; only SVG that `Chart` builds (escaping its own text)
/// goes in with `{{{…}}}`.
struct Views: Sendable {
    let library: MustacheLibrary

    static let folder = Bundle.module.url(forResource: "templates", withExtension: nil)

    static func load() async throws -> Views {
        guard let folder else { throw WebError.missingResource("templates") }
        return Views(library: try await MustacheLibrary(directory: folder.path))
    }

    /// Renders a page for the person acting: the layout shows who is signed in, and every form
    /// carries the session's form token (`{{csrf}}`).
    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let page = PageContext(template: template, model: model, identity: Identity.current)
        guard let html = library.render(page, withTemplate: template) else {
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

/// What every page knows besides its own model: who is signed in and the form token.
struct PageContext: MustacheParent {
    struct SignedIn: PageModel {
        var name: String
        var role: String
        var isAdministrator: Bool
    }
    let template: String
    let model: Any
    let signedIn: SignedIn?
    let csrf: String
    /// The site's header, menus and footer around the page; not in a file printed on its own.
    let chrome: Bool

    init(template: String, model: Any, identity: Identity, chrome: Bool = true) {
        TemplateKeys.rendered(template)
        self.template = template
        self.model = model
        self.chrome = chrome
        signedIn = identity.actor.map { SignedIn(name: $0.displayName, role: $0.role.label, isAdministrator: $0.role == .administrator) }
        csrf = identity.csrf ?? ""
    }

    func child(named name: String) -> Any? {
        switch name {
        case "signedIn": return signedIn ?? false
        case "csrf": return csrf
        case "chrome": return chrome
        default:
            // The bottom of Mustache's stack: a name nothing above answered is the page model's or nobody's.
            if let field = Mirror(reflecting: model).children.first(where: { $0.label == name }) { return Self.unwrap(field.value) }
            TemplateKeys.unanswered(name, in: template)
            return nil
        }
    }

    static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}

/// A value a template reads, answering its fields by name. Mustache finds a field by reflection and, when
/// the field is nil, goes on looking in the enclosing values, where a field of the same name (an event's
/// `reason` inside a form with its own `reason`) would answer instead: a page model answers its own nil
/// field itself, as nothing.
protocol PageModel: MustacheParent {}

extension PageModel {
    func child(named name: String) -> Any? {
        guard let field = Mirror(reflecting: self).children.first(where: { $0.label == name }) else { return nil }
        return PageContext.unwrap(field.value) ?? Absent()
    }
}

/// A field for a key answered by hand. The values repeated many times on a page (cells, rows, findings,
/// options, source lines) answer their keys with a `switch` beside their type instead of reflection, which
/// makes the pages several times faster; `TemplateKeysTests` checks each answers every field it has.
func present(_ value: Any?) -> Any { value ?? Absent() }

/// A nil field as a template sees it: no text, and a false section.
struct Absent: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// The names templates ask for that nothing on the page answers — a model that lost a field, or a key
/// table (Lookup.swift) that misses one, which Mustache would otherwise render as nothing. Each is logged
/// once; `TemplateKeysTests` walks every page and requires none.
enum TemplateKeys {
    private static let seen = Mutex<(rendered: Set<String>, unanswered: Set<String>)>(([], []))
    private static let logger = Logger(label: "jixiao.templates")

    static func rendered(_ template: String) {
        _ = seen.withLock { $0.rendered.insert(template) }
    }

    static func unanswered(_ name: String, in template: String) {
        let key = "\(template): \(name)"
        if seen.withLock({ $0.unanswered.insert(key).inserted }) { logger.warning("template \(template) asks for \(name), which its page does not answer") }
    }

    static var renderedTemplates: Set<String> { seen.withLock { $0.rendered } }
    static var unansweredKeys: Set<String> { seen.withLock { $0.unanswered } }
}

struct ErrorPage: PageModel {
    var title: String
    var message: String
    var crumbs = [Crumb(href: Paths.home(), label: "首页")]
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

extension Decimal {
    /// As a table prints money: at least two decimals (6 → 6.00, 29.255 stays).
    var money: String { OfficialTable.money(self) }
}
