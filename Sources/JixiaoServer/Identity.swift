import Foundation
import JixiaoHTML
import HTTPTypes
import Hummingbird
import JixiaoAccess
import JixiaoStore

/// Who is making the request: found once per request by `IdentityMiddleware` and read wherever
/// access is decided (the generated API handlers see no request context, hence a task-local).
struct Identity: Sendable {
    /// Nil: the public.
    var actor: Actor?
    /// The form token of the session (or, signed out, of the browser's form cookie).
    var csrf: String?
    /// The session's secret, when signed in through the browser.
    var sessionToken: String?
    /// Signed in with an API token (scripts): no cookies, so no forms to forge.
    var viaToken = false

    @TaskLocal static var current = Identity()

    /// The documents this person reads the working versions of (and the audit log of).
    var visibility: Visibility { Visibility(actor) }
}

extension Policy {
    /// Refuses (by throwing) what the person acting may not do.
    static func require(_ action: Action, on document: DocumentAccess? = nil) throws {
        try require(Identity.current.actor, action, on: document)
    }
}

enum Cookies {
    static let session = "jixiao_session"
    /// A signed-out browser's form token (double-submit), so that the sign-in form cannot be forged either.
    static let form = "jixiao_form"
}

/// Finds the person (an API token in `Authorization: Bearer …`, or the session cookie), and refuses
/// a state-changing request from a browser that does not carry the form token of its session.
struct IdentityMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: Store
    let views: Views
    let maxBodyBytes: Int
    /// A JSON body of the API: a project with 200 rows is some 100 KB.
    static var maxJSONBytes: Int { 1 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The scraper's token for /metrics is not a person's.
        if request.uri.path == "/metrics" { return try await next(request, context) }
        // No path of ours holds a negative number: refused here, so that no handler ever works out
        // `position - 1` from Int.min (an overflow traps and takes the process down).
        if Self.hasNegativeNumber(request.uri.path) {
            return ErrorAnswers.answer(Refused(.notFound, "没有这个地址 (no such path)"), request: request, views: views)
        }
        var identity = Identity()
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "), let actor = try await store.actor(token: String(authorization.dropFirst(7))) else {
                return ErrorAnswers.answer(AccessDenied(decision: .signIn), request: request, views: views)
            }
            identity.actor = actor
            identity.viaToken = true
        } else if let token = request.cookies[Cookies.session]?.value, let session = try await store.session(token: token) {
            identity.actor = session.actor
            identity.csrf = session.csrf
            identity.sessionToken = token
        } else {
            identity.csrf = request.cookies[Cookies.form]?.value
        }
        var request = request
        return try await Identity.$current.withValue(identity) {
            let isWrite = request.method != .get && request.method != .head
            do {
                // `POST …/review` only runs the rules over what the caller may already read.
                if isWrite, request.uri.path.hasPrefix("/api/"), !request.uri.path.hasSuffix("/review") {
                    // Nobody writes through the API unsigned: refused before a byte of the body is read.
                    guard identity.actor != nil else { throw AccessDenied(decision: .signIn) }
                    try await Self.capJSONBody(&request)
                }
                if isWrite, !identity.viaToken { try await Self.checkForm(&request, identity: identity, maxBodyBytes: maxBodyBytes) }
            } catch let denied as AccessDenied {
                return ErrorAnswers.answer(denied, request: request, views: views)
            } catch let error as HTTPResponseError where error.status == .contentTooLarge {
                let limit = request.uri.path.hasPrefix("/api/") ? "JSON 请求不能超过 \(Self.maxJSONBytes >> 20) MB" : "文件不能超过 \((maxBodyBytes - 64 * 1024) >> 20) MB"
                return ErrorAnswers.answer(Refused(.tooLarge, "提交的内容过大：\(limit) (the request is too large)"), request: request, views: views)
            }
            return try await next(request, context)
        }
    }

    /// Whether a segment of the path is a negative number (`/-12`), in one pass over its bytes: this
    /// runs on every request, and most paths have no "/-" at all.
    static func hasNegativeNumber(_ path: String) -> Bool {
        // Per segment: does it start with "-", and has every byte after it been a digit (and is there one)?
        var atStart = true, negative = false, digits = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if negative && digits > 0 { return true }
                (atStart, negative, digits) = (true, false, 0)
            } else if atStart {
                (atStart, negative) = (false, byte == UInt8(ascii: "-"))
            } else if negative {
                if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { digits += 1 } else { negative = false }
            }
        }
        return negative && digits > 0
    }

    /// An API body other than an upload is read here up to its cap (413 beyond it), before any
    /// handler decodes it; a Content-Length beyond the cap is refused unread.
    static func capJSONBody(_ request: inout Request) async throws {
        guard request.headers[.contentType].map({ !$0.lowercased().hasPrefix("multipart/") }) ?? true else { return }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxJSONBytes { throw HTTPError(.contentTooLarge) }
        _ = try await request.collectBody(upTo: maxJSONBytes)
    }

    /// A browser's write must come from our own pages: the same origin when the browser says, and
    /// the session's form token in the form (`csrf`) or, for the JSON API, in `X-CSRF-Token`.
    static func checkForm(_ request: inout Request, identity: Identity, maxBodyBytes: Int) async throws {
        if let origin = request.headers[.origin], let host = request.head.authority,
            URL(string: origin)?.host.map({ host == $0 || host.hasPrefix($0 + ":") }) != true
        {
            throw AccessDenied(decision: .forbid("请求来自其他网站，已拒绝。"))
        }
        guard let expected = identity.csrf else {
            // Nobody signed in and no form cookie: nothing here to forge. Anonymous API writes are refused by access rules.
            if request.uri.path.hasPrefix("/api/") { return }
            throw AccessDenied(decision: .forbid("表单已过期：请刷新页面后再提交。"))
        }
        var sent = request.headers[HTTPField.Name("X-CSRF-Token")!]
        if sent == nil, !request.uri.path.hasPrefix("/api/") {
            let body = try await request.collectBody(upTo: maxBodyBytes)
            if let form = UploadForm.decode(body, contentType: request.headers[.contentType]) {
                sent = form.csrf
            } else {
                sent = FormFields(body)?["csrf"]
            }
        }
        guard let sent, constantTimeEqual(sent, expected) else {
            throw AccessDenied(decision: .forbid("表单已过期或来源不明：请刷新页面后再提交。"))
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
