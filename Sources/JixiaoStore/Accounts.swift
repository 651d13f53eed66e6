import Foundation
import JixiaoAccess
import SQLKit

/// A user as stored (never the password hash outside the store but for checking it).
public struct StoredUser: Sendable, Equatable {
    public var actor: Actor
    public var passwordHash: String
    public var failedAttempts: Int
    public var lockedUntil: Date?
    public var createdAt: String
}

public enum AccountError: Error, Equatable, CustomStringConvertible {
    case usernameTaken(String)
    case noSuchUnit(String)

    public var description: String {
        switch self {
        case let .usernameTaken(name): "用户名“\(name)”已被使用 (the username is taken)"
        case let .noSuchUnit(code): "没有编码为“\(code)”的单位 (no unit with that code)"
        }
    }
}

public struct APIToken: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var createdAt: String
    public var lastUsedAt: String?
    public var revoked: Bool
}

extension Store {
    // MARK: Users

    public func userCount() async throws -> Int {
        try await database.raw("SELECT COUNT(*) AS n FROM users").first()!.decode(column: "n", as: Int.self)
    }

    /// Adds a user; a unit editor's units are named by their unit codes.
    public func addUser(
        username: String, displayName: String, passwordHash: String, role: Role, regionCode: String? = nil, unitCodes: [String] = []
    ) async throws -> Int {
        try await transaction { db in
            if try await db.raw("SELECT id FROM users WHERE username = \(bind: username)").first() != nil {
                throw AccountError.usernameTaken(username)
            }
            var unitIDs: [Int] = []
            for code in unitCodes {
                guard let row = try await db.raw("SELECT id FROM departments WHERE code = \(bind: code)").first() else {
                    throw AccountError.noSuchUnit(code)
                }
                unitIDs.append(try row.decode(column: "id", as: Int.self))
            }
            let now = Timestamp.now()
            let id = try await db.raw(
                """
                INSERT INTO users (username, display_name, password_hash, role, region_code, created_at, password_changed_at)
                VALUES (\(bind: username), \(bind: displayName), \(bind: passwordHash), \(bind: role.rawValue), \(bind: regionCode), \(bind: now), \(bind: now))
                RETURNING id
                """
            ).first()!.decode(column: "id", as: Int.self)
            for unit in unitIDs {
                try await db.raw("INSERT INTO user_units (user_id, department_id) VALUES (\(bind: id), \(bind: unit))").run()
            }
            return id
        }
    }

    private static let userColumns: SQLQueryString =
        "SELECT id, username, display_name, password_hash, role, region_code, failed_attempts, locked_until, created_at FROM users"

    private func stored(_ row: any SQLRow, in db: any SQLDatabase) async throws -> StoredUser {
        let id = try row.decode(column: "id", as: Int.self)
        let units = try await db.raw("SELECT department_id FROM user_units WHERE user_id = \(bind: id)").all()
            .map { try $0.decode(column: "department_id", as: Int.self) }
        return StoredUser(
            actor: Actor(
                userID: id, username: try row.decode(column: "username", as: String.self),
                displayName: try row.decode(column: "display_name", as: String.self),
                role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .unitEditor, unitIDs: Set(units),
                regionCode: try row.decode(column: "region_code", as: String?.self)),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            failedAttempts: try row.decode(column: "failed_attempts", as: Int.self),
            lockedUntil: try row.decode(column: "locked_until", as: String?.self).flatMap { try? Date($0, strategy: .iso8601) },
            createdAt: try row.decode(column: "created_at", as: String.self))
    }

    public func user(named username: String) async throws -> StoredUser? {
        guard let row = try await database.raw("\(Self.userColumns) WHERE username = \(bind: username)").first() else { return nil }
        return try await stored(row, in: database)
    }

    public func user(id: Int) async throws -> StoredUser? {
        guard let row = try await database.raw("\(Self.userColumns) WHERE id = \(bind: id)").first() else { return nil }
        return try await stored(row, in: database)
    }

    public func users() async throws -> [StoredUser] {
        var users: [StoredUser] = []
        for row in try await database.raw("\(Self.userColumns) ORDER BY username").all() { users.append(try await stored(row, in: database)) }
        return users
    }

    /// Counts a wrong password; the last one `SignInPolicy` allows locks the account for its `lockout`.
    public func recordFailedSignIn(userID: Int, now: Date = Date()) async throws {
        try await database.raw("UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = \(bind: userID)").run()
        try await database.raw(
            """
            UPDATE users SET locked_until = \(bind: Timestamp.text(now.addingTimeInterval(SignInPolicy.lockout))), failed_attempts = 0
            WHERE id = \(bind: userID) AND failed_attempts >= \(bind: SignInPolicy.maxFailures)
            """
        ).run()
    }

    public func recordSignIn(userID: Int) async throws {
        try await database.raw("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = \(bind: userID)").run()
    }

    /// A new password ends every session of the user but the one that changed it.
    public func setPassword(userID: Int, hash: String, keepingSession token: String? = nil) async throws {
        let keep = token.map(Secrets.digest)
        try await transaction { db in
            try await db.raw(
                "UPDATE users SET password_hash = \(bind: hash), password_changed_at = \(bind: Timestamp.now()), failed_attempts = 0, locked_until = NULL WHERE id = \(bind: userID)"
            ).run()
            try await db.raw("DELETE FROM sessions WHERE user_id = \(bind: userID) AND token_digest <> \(bind: keep ?? "")").run()
        }
    }

    // MARK: Sessions

    /// A new session for a user: returns the secret for the cookie (only its digest is stored) and the form token.
    public func startSession(userID: Int, now: Date = Date()) async throws -> (token: String, csrf: String) {
        let token = Secrets.token(), csrf = Secrets.token()
        try await database.raw("DELETE FROM sessions WHERE expires_at < \(bind: Timestamp.text(now))").run()
        try await database.raw(
            """
            INSERT INTO sessions (token_digest, user_id, csrf, created_at, expires_at)
            VALUES (\(bind: Secrets.digest(token)), \(bind: userID), \(bind: csrf), \(bind: Timestamp.text(now)), \(bind: Timestamp.text(now.addingTimeInterval(SignInPolicy.sessionLifetime))))
            """
        ).run()
        return (token, csrf)
    }

    /// The person and form token of a live session.
    public func session(token: String, now: Date = Date()) async throws -> (actor: Actor, csrf: String)? {
        guard
            let row = try await database.raw(
                """
                SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.region_code, u.failed_attempts, u.locked_until, u.created_at, s.csrf
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_digest = \(bind: Secrets.digest(token)) AND s.expires_at > \(bind: Timestamp.text(now))
                """
            ).first()
        else { return nil }
        return (try await stored(row, in: database).actor, try row.decode(column: "csrf", as: String.self))
    }

    public func endSession(token: String) async throws {
        try await database.raw("DELETE FROM sessions WHERE token_digest = \(bind: Secrets.digest(token))").run()
    }

    // MARK: API tokens

    /// A new API token for scripts: returns the secret, shown once (only its digest is stored).
    public func createToken(userID: Int, name: String) async throws -> String {
        let token = Secrets.token()
        try await database.raw(
            "INSERT INTO api_tokens (user_id, name, token_digest, created_at) VALUES (\(bind: userID), \(bind: name), \(bind: Secrets.digest(token)), \(bind: Timestamp.now()))"
        ).run()
        written()
        return token
    }

    public func tokens(userID: Int) async throws -> [APIToken] {
        try await database.raw(
            "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = \(bind: userID) ORDER BY id"
        ).all().map { r in
            APIToken(
                id: try r.decode(column: "id", as: Int.self), name: try r.decode(column: "name", as: String.self),
                createdAt: try r.decode(column: "created_at", as: String.self), lastUsedAt: try r.decode(column: "last_used_at", as: String?.self),
                revoked: try r.decode(column: "revoked_at", as: String?.self) != nil)
        }
    }

    public func revokeToken(id: Int, userID: Int) async throws {
        try await database.raw(
            "UPDATE api_tokens SET revoked_at = \(bind: Timestamp.now()) WHERE id = \(bind: id) AND user_id = \(bind: userID) AND revoked_at IS NULL"
        ).run()
        written()
    }

    /// The person a live API token acts for.
    public func actor(token: String) async throws -> Actor? {
        let digest = Secrets.digest(token)
        return try await tokenOwners.value(digest) {
            guard
                let row = try await database.raw(
                    """
                    SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.region_code, u.failed_attempts, u.locked_until, u.created_at
                    FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_digest = \(bind: digest) AND t.revoked_at IS NULL
                    """
                ).first()
            else { return nil }
            // When it was last used, to the minute: most requests then write nothing.
            let now = Date()
            try await database.raw(
                """
                UPDATE api_tokens SET last_used_at = \(bind: Timestamp.text(now))
                WHERE token_digest = \(bind: digest) AND (last_used_at IS NULL OR last_used_at < \(bind: Timestamp.text(now.addingTimeInterval(-60))))
                """
            ).run()
            return try await stored(row, in: database).actor
        }
    }
}
