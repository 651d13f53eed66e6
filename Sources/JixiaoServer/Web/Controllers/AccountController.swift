import Foundation
import JixiaoHTML
import Hummingbird
import JixiaoAccess
import JixiaoModel
import JixiaoStore
import NIOPosix

/// Signing in and out, the account page (password, API tokens).
struct AccountController: Sendable {
    let store: Store
    let views: Views
    /// Mark cookies Secure (the server is behind HTTPS); also when the proxy says `X-Forwarded-Proto: https`.
    let secureCookies: Bool
    /// bcrypt's cost for new passwords.
    var passwordCost: UInt8 = Secrets.defaultCost

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.login.routerPath, use: loginForm)
        router.post(Paths.login.routerPath, use: login)
        router.post(Paths.logout.routerPath, use: logout)
        router.get(Paths.account.routerPath, use: account)
        router.post(Paths.password.routerPath, use: changePassword)
        router.post(Paths.tokens.routerPath, use: createToken)
        router.post(Paths.revokeToken.routerPath, use: revokeToken)
    }

    /// Only a path of this site may follow a sign-in (never another site).
    static func safeNext(_ next: String?) -> String {
        // Browsers drop tabs and line breaks from a URL (`/\t/x` becomes `//x`), so no control or space may pass.
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix(Paths.login.route),
            !next.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0.properties.isWhitespace })
        else { return Paths.home() }
        return next
    }

    private func secure(_ request: Request) -> Bool { secureCookies || request.headers[.init("X-Forwarded-Proto")!] == "https" }

    private func cookie(_ name: String, _ value: String, _ request: Request, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure(request), httpOnly: true, sameSite: .lax)
    }

    @Sendable func loginForm(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        // A signed-out browser gets a form token in a cookie that the form must repeat (double submit).
        var identity = Identity.current
        var formToken: String?
        if identity.csrf == nil {
            formToken = Secrets.token()
            identity.csrf = formToken
        }
        var response = Identity.$current.withValue(identity) { views.render("login", LoginPage(next: next, username: "")) }
        if let formToken { response.setCookie(cookie(Cookies.form, formToken, request)) }
        return response
    }

    @Sendable func login(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let fields = FormFields(try await request.body.collect(upTo: 64 * 1024)) else { throw Refused(.badRequest, "表单有误。") }
        let username = (fields["username"] ?? "").trimmingCharacters(in: .whitespaces), password = fields["password"] ?? ""
        let next = Self.safeNext(fields["next"])
        func refuse(_ message: String) -> Response {
            views.render("login", LoginPage(next: next, username: username, error: message), status: .unauthorized)
        }
        let user = username.isEmpty || username.count > 100 ? nil : try await store.user(named: username)
        // Checked off the event loop (bcrypt is slow on purpose); an unknown name and a locked account
        // cost the same time and get the same answer, so that neither tells which names exist.
        let hash = user?.passwordHash ?? Self.unknownUserHash
        let valid = try await NIOThreadPool.singleton.runIfActive { Secrets.verify(password: password, hash: hash) }
        let locked = user?.lockedUntil.map { $0 > Date() } ?? false
        guard let user, valid, !locked else {
            if let user, !locked { try await store.recordFailedSignIn(userID: user.actor.userID) }
            return refuse(SignInPolicy.refusal)
        }
        try await store.recordSignIn(userID: user.actor.userID)
        // Always a new session: a session id planted before sign-in is never the one signed in (no fixation).
        if let old = Identity.current.sessionToken { try await store.endSession(token: old) }
        let session = try await store.startSession(userID: user.actor.userID)
        var response = Response.redirect(to: next, type: .normal)
        response.setCookie(cookie(Cookies.session, session.token, request, maxAge: Int(SignInPolicy.sessionLifetime)))
        return response
    }

    /// A hash to check wrong user names against, so that they take as long as wrong passwords.
    static let unknownUserHash = Secrets.hash(password: Secrets.token(), cost: Secrets.defaultCost)

    @Sendable func logout(_ request: Request, context: BasicRequestContext) async throws -> Response {
        if let token = Identity.current.sessionToken { try await store.endSession(token: token) }
        var response = Response.redirect(to: Paths.home(), type: .normal)
        response.setCookie(cookie(Cookies.session, "", request, maxAge: 0))
        return response
    }

    private func accountPage(
        _ actor: Actor, newToken: String? = nil, message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    )
        async throws -> Response
    {
        var scope = ""
        if actor.role == .unitEditor {
            let names = try await store.departments(page: Page(limit: 500)).items.filter { actor.unitIDs.contains($0.id) }.map(\.name)
            scope = "负责单位：" + (names.isEmpty ? "（无）" : names.joined(separator: "、"))
        } else if actor.role == .bureauReviewer {
            scope = "负责行政区划：\(actor.regionCode.map(Divisions.label(of:)) ?? "（无）")"
        }
        let tokens = try await store.tokens(userID: actor.userID).map {
            AccountPage.Token(
                id: $0.id, name: $0.name, createdAt: LocalTime.text($0.createdAt), lastUsedAt: $0.lastUsedAt.map(LocalTime.text) ?? "从未使用", revoked: $0.revoked)
        }
        return views.render(
            "account",
            AccountPage(
                username: actor.username, displayName: actor.displayName, role: actor.role.label, scope: scope, tokens: tokens, newToken: newToken,
                message: message, error: error), status: status)
    }

    private func signedIn() throws -> Actor {
        guard let actor = Identity.current.actor else { throw AccessDenied(decision: .signIn) }
        return actor
    }

    @Sendable func account(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await accountPage(try signedIn())
    }

    @Sendable func changePassword(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let actor = try signedIn()
        guard let fields = FormFields(try await request.body.collect(upTo: 64 * 1024)), let user = try await store.user(id: actor.userID) else {
            throw Refused(.badRequest, "表单有误。")
        }
        let current = fields["current"] ?? "", new = fields["new"] ?? ""
        // The current password is guessed here as at sign-in: the same count, the same lock.
        if let until = user.lockedUntil, until > Date() {
            return try await accountPage(actor, error: "连续输错密码次数过多，账户已锁定 \(Int(SignInPolicy.lockout / 60)) 分钟，请稍后再试。", status: .tooManyRequests)
        }
        let hash = user.passwordHash
        guard try await NIOThreadPool.singleton.runIfActive({ Secrets.verify(password: current, hash: hash) }) else {
            try await store.recordFailedSignIn(userID: actor.userID)
            return try await accountPage(actor, error: "当前密码不正确。", status: .unprocessableContent)
        }
        guard new == fields["repeat"] else { return try await accountPage(actor, error: "两次输入的新密码不一致。", status: .unprocessableContent) }
        if let weakness = Secrets.weakness(of: new) { return try await accountPage(actor, error: weakness, status: .unprocessableContent) }
        let cost = passwordCost
        let newHash = try await NIOThreadPool.singleton.runIfActive { Secrets.hash(password: new, cost: cost) }
        try await store.setPassword(userID: actor.userID, hash: newHash, keepingSession: Identity.current.sessionToken)
        return try await accountPage(actor, message: "密码已修改；其他设备上的登录已退出。")
    }

    @Sendable func createToken(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let actor = try signedIn()
        let name = FormFields(try await request.body.collect(upTo: 64 * 1024))?["name"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !name.isEmpty, name.count <= 100 else { return try await accountPage(actor, error: "请给令牌起一个名字（100 字以内）。", status: .unprocessableContent) }
        let token = try await store.createToken(userID: actor.userID, name: name)
        return try await accountPage(actor, newToken: token, message: "令牌“\(name)”已创建。它只显示这一次，请立即保存。")
    }

    @Sendable func revokeToken(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let actor = try signedIn()
        guard let id = context.parameters.get("token", as: Int.self) else { throw Refused(.notFound, "没有这个令牌。") }
        try await store.revokeToken(id: id, userID: actor.userID)
        return try await accountPage(actor, message: "令牌已作废。")
    }
}
