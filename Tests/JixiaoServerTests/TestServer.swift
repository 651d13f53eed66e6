import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoAccess
import JixiaoReview
import JixiaoStore
import JixiaoTestSupport
import Testing

@testable import JixiaoServer

/// A live server on a fresh database with accounts: clients acting as the public, as an
/// administrator (API token) and as any user made here (API token or browser session).
struct TestServer: Sendable {
    let base: any TestClientProtocol
    let store: Store
    let admin: Client

    var anonymous: Client { Client(base: base, headers: [:], csrf: nil) }

    /// A client that adds its own headers (credentials) to every request.
    struct Client: TestClientProtocol {
        let base: any TestClientProtocol
        let headers: HTTPFields
        /// The session's form token (browser sessions only).
        let csrf: String?

        func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
            var all = self.headers
            for field in headers { all[field.name] = field.value }
            return try await base.executeRequest(uri: uri, method: method, headers: all, body: body)
        }

        var port: Int? { base.port }
    }

    static let password = "correct horse battery staple"
    /// bcrypt at its lowest cost: the tests check passwords, not the work factor.
    static let passwordHash = Secrets.hash(password: password, cost: 4)

    static func run(
        _ backend: TestDatabase, sample: Bool = false, maxUpload: Int = 10 << 20, profile: ReviewProfile = .national, metricsToken: String? = nil,
        _ body: @escaping @Sendable (TestServer) async throws -> Void
    ) async throws {
        let (app, store) = try await buildApplication(
            ServerConfiguration(
                host: "127.0.0.1", port: 0, location: try await backend.fresh(), loadSample: sample, maxUploadBytes: maxUpload, profile: profile,
                metricsToken: metricsToken))
        do {
            let id = try await store.addUser(username: "admin", displayName: "管理员", passwordHash: passwordHash, role: .administrator)
            let token = try await store.createToken(userID: id, name: "tests")
            try await app.test(.live) { client in
                try await body(TestServer(base: client, store: store, admin: Client(base: client, headers: [.authorization: "Bearer \(token)"], csrf: nil)))
            }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// A new user with an API token.
    func user(_ username: String, role: Role, units: [String] = [], region: String? = nil) async throws -> Client {
        let id = try await store.addUser(
            username: username, displayName: username, passwordHash: Self.passwordHash, role: role, regionCode: region, unitCodes: units)
        return Client(base: base, headers: [.authorization: "Bearer \(try await store.createToken(userID: id, name: "tests"))"], csrf: nil)
    }

    /// A browser session of an existing user (as if signed in through the form).
    func browser(_ username: String) async throws -> Client {
        let user = try #require(try await store.user(named: username))
        let session = try await store.startSession(userID: user.actor.userID)
        return Client(base: base, headers: [.cookie: "\(Cookies.session)=\(session.token)"], csrf: session.csrf)
    }
}
