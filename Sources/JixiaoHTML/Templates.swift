import Foundation
import JixiaoAccess
import Logging
import Mustache
import Synchronization

/// The templates of this module (the page frame, the official tables, the whole disclosure and the 自评表)
/// and of whoever renders with them (the server's pages), in one library.
package enum Templates {
    package static let folder = Bundle.module.url(forResource: "templates", withExtension: nil)
    package static let staticFolder = Bundle.module.url(forResource: "static", withExtension: nil)

    /// This module's templates, and those in `folder` beside them (a page may extend the layout and
    /// include the tables).
    package static func library(adding other: URL? = nil) async throws -> MustacheLibrary {
        guard let folder else { throw TemplateError.missingResource("templates") }
        var library = try await MustacheLibrary(directory: folder.path)
        if let other {
            for file in try FileManager.default.contentsOfDirectory(at: other, includingPropertiesForKeys: nil) where file.pathExtension == "mustache" {
                library.register(try MustacheTemplate(string: String(contentsOf: file, encoding: .utf8)), named: file.deletingPathExtension().lastPathComponent)
            }
        }
        return library
    }

    /// A page for a viewer; nil when the library has no such template.
    package static func render(_ library: MustacheLibrary, _ template: String, _ model: Any, viewer: Viewer, chrome: Bool = true) -> String? {
        library.render(PageContext(template: template, model: model, viewer: viewer, chrome: chrome), withTemplate: template)
    }
}

package enum TemplateError: Error {
    case missingResource(String)
}

/// Who is looking at a page: the person signed in (nil for the public) and their session's form token.
package struct Viewer: Sendable {
    package var actor: Actor?
    package var csrf: String?
    package init(actor: Actor?, csrf: String?) {
        self.actor = actor
        self.csrf = csrf
    }
    /// Nobody signed in: the public, or a file printed on its own.
    package static let nobody = Viewer(actor: nil, csrf: nil)
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

    init(template: String, model: Any, viewer: Viewer, chrome: Bool) {
        TemplateKeys.rendered(template)
        self.template = template
        self.model = model
        self.chrome = chrome
        signedIn = viewer.actor.map { SignedIn(name: $0.displayName, role: $0.role.label, isAdministrator: $0.role == .administrator) }
        csrf = viewer.csrf ?? ""
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
package protocol PageModel: MustacheParent {}

extension PageModel {
    package func child(named name: String) -> Any? {
        guard let field = Mirror(reflecting: self).children.first(where: { $0.label == name }) else { return nil }
        return PageContext.unwrap(field.value) ?? Absent()
    }
}

/// A field for a key answered by hand. The values repeated many times on a page (cells, rows, findings,
/// options, source lines) answer their keys with a `switch` beside their type instead of reflection, which
/// makes the pages several times faster; `TemplateKeysTests` checks each answers every field it has.
package func present(_ value: Any?) -> Any { value ?? Absent() }

/// A nil field as a template sees it: no text, and a false section.
package struct Absent: MustacheCustomRenderable {
    package init() {}
    package var renderText: String { "" }
    package var isNull: Bool { true }
}

/// The names templates ask for that nothing on the page answers — a model that lost a field, or a key
/// table that misses one, which Mustache would otherwise render as nothing. Each is logged
/// once; `TemplateKeysTests` walks every page and requires none.
package enum TemplateKeys {
    private static let seen = Mutex<(rendered: Set<String>, unanswered: Set<String>)>(([], []))
    private static let logger = Logger(label: "jixiao.templates")

    static func rendered(_ template: String) {
        _ = seen.withLock { $0.rendered.insert(template) }
    }

    static func unanswered(_ name: String, in template: String) {
        let key = "\(template): \(name)"
        if seen.withLock({ $0.unanswered.insert(key).inserted }) { logger.warning("template \(template) asks for \(name), which its page does not answer") }
    }

    package static var renderedTemplates: Set<String> { seen.withLock { $0.rendered } }
    package static var unansweredKeys: Set<String> { seen.withLock { $0.unanswered } }
}
