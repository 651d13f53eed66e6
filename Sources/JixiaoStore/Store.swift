@preconcurrency import AsyncKit
import Foundation
import JixiaoAccess
import Logging
import NIOCore
import NIOPosix
@preconcurrency import PostgresKit
import SQLKit
import SQLiteKit

/// Where the data lives: an SQLite file (the default) or a PostgreSQL server.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `DATABASE_URL` (postgres://…) when set, else the SQLite file given or `jixiao.sqlite` in the
    /// working folder.
    public static func resolve(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreLocation {
        if path == nil, let url = environment["DATABASE_URL"], url.hasPrefix("postgres") { return .postgres(url: url) }
        if let path, path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") { return .postgres(url: path) }
        return .sqlite(path: path ?? "jixiao.sqlite")
    }

    public var description: String {
        switch self {
        case let .sqlite(path): "SQLite \(path)"
        case let .postgres(url):
            // Never print a password.
            "PostgreSQL " + (URLComponents(string: url).map { c in "\(c.host ?? "")\(c.port.map { ":\($0)" } ?? "")\(c.path)" } ?? "")
        }
    }
}

public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(String)
    case notFound(String)
    /// A write based on a version that is no longer current.
    case conflict(expected: Int, current: Int)
    case invalid(field: String, reason: String)
    /// A workflow step or edit the document's present step does not allow (its step, when it exists).
    case wrongStep(WorkflowStatus?)
    /// The database stayed locked by another process past the busy timeout: try again shortly.
    case busy

    public var description: String {
        switch self {
        case let .cannotOpen(why): "cannot open the database: \(why)"
        case let .notFound(what): "\(what) not found"
        case let .conflict(expected, current): "the document changed: you edited version \(expected), it is now version \(current)"
        case let .invalid(field, reason): "\(field): \(reason)"
        case let .wrongStep(status): "文件当前为“\(status?.label ?? "不存在")”，不能这样做 (not allowed in this step)"
        case .busy: "数据库正忙，请稍后再试 (the database is busy: try again shortly)"
        }
    }
}

/// The database behind Jixiao: one layer over SQLite and PostgreSQL. The same migrations and the
/// same queries run on both (SQLKit writes each dialect's placeholders and quoting).
public final class Store: Sendable {
    public enum Kind: String, Sendable { case sqlite, postgres }

    public let kind: Kind
    public let location: StoreLocation
    let database: any SQLDatabase
    private let closeAll: @Sendable () async throws -> Void
    /// SQLite has one connection: transactions on it take turns.
    private let writer = AsyncLock()
    /// What every request asks: a document's summary (its current version, step, unit) and who an API
    /// token acts for. Cleared by every write made through this store.
    let summaries = StampedCache<Int, DocumentSummary?>()
    let tokenOwners = ReadCache<String, Actor?>(lifetime: .seconds(5))

    private init(kind: Kind, location: StoreLocation, database: any SQLDatabase, close: @escaping @Sendable () async throws -> Void) {
        self.kind = kind
        self.location = location
        self.database = database
        self.closeAll = close
    }

    /// Opens the database and brings its schema up to date. `busyTimeout`: how long an SQLite write
    /// waits for another process's lock (each of `lockAttempts` times).
    public static func open(
        _ location: StoreLocation, logger: Logger = Logger(label: "jixiao.store"), busyTimeout: Duration = .seconds(5)
    ) async throws
        -> Store
    {
        let store: Store
        switch location {
        case let .sqlite(path):
            // SQLite takes one writer at a time: one connection, whose transactions take turns.
            // A new database file is the owner's alone (its -wal and -shm files take the same mode):
            // it holds password hashes and unpublished drafts.
            if path != ":memory:", !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger).get()
            } catch {
                throw StoreError.cannotOpen("\(path): \(String(reflecting: error))")
            }
            let db = connection.sql(queryLogLevel: nil)
            store = Store(kind: .sqlite, location: location, database: db) { try await connection.close() }
            do {
                try await db.raw("PRAGMA foreign_keys = ON").run()
                try await db.raw("PRAGMA journal_mode = WAL").run()
                try await db.raw("PRAGMA synchronous = NORMAL").run()
                try await db.raw(
                    "PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000))"
                ).run()
            } catch {
                try? await store.close()
                throw StoreError.cannotOpen("\(path): \(String(reflecting: error))")
            }
        case let .postgres(url):
            let configuration: SQLPostgresConfiguration
            do { configuration = try SQLPostgresConfiguration(url: url) } catch {
                throw StoreError.cannotOpen("DATABASE_URL is not a PostgreSQL URL")
            }
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 8, on: group)
            let db = pool.database(logger: logger).sql(queryLogLevel: nil)
            store = Store(kind: .postgres, location: location, database: db) {
                try await pool.shutdownAsync()
                try await group.shutdownGracefully()
            }
            do {
                try await db.raw("SELECT 1").run()
            } catch {
                try? await store.close()
                throw StoreError.cannotOpen("\(location): \(String(reflecting: error))")
            }
        }
        do {
            // A database from before the library: learn it from what is stored.
            let applied = try await Migrations.run(on: store)
            if applied.contains(7) { try await store.rebuildLibrary() }
            if applied.contains(9) { try await store.fillSelfEvaluationGrades() }
            if applied.contains(10) { try await store.fillVersionBudgets() }
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    public func close() async throws {
        try await closeAll()
    }

    /// Runs `body` in one transaction on one connection: all of it lands or none of it.
    func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        if kind == .sqlite {
            await writer.lock()
            do {
                let result = try await runTransaction(body)
                await writer.unlock()
                return result
            } catch {
                await writer.unlock()
                throw error
            }
        }
        return try await runTransaction(body)
    }

    /// SQLite shared by several processes: the write lock is taken at BEGIN (IMMEDIATE), where the
    /// busy timeout waits for it; a deferred transaction that read first would be refused at its first
    /// write without waiting. Still locked after the timeout: tried again a few times, then `busy`.
    private func runTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        guard kind == .sqlite else { return try await runTransaction(begin: "BEGIN", body) }
        var attempt = 0
        while true {
            do {
                return try await runTransaction(begin: "BEGIN IMMEDIATE", body)
            } catch let error as SQLiteError where error.reason == .busy || error.reason == .locked {
                attempt += 1
                guard attempt < Self.lockAttempts else { throw StoreError.busy }
                try await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
    }

    /// How many times a write waits out the busy timeout before it gives up.
    static let lockAttempts = 3

    private func runTransaction<R: Sendable>(begin: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await database.withSession { db in
            try await db.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                self.written()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Something was written: what was kept of earlier reads may be out of date.
    func written() {
        summaries.clear()
        tokenOwners.clear()
    }

    /// The column type of a generated key.
    var serialKey: String { kind == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY" }
}

/// A lock for async code: waiters queue up and are resumed one at a time.
actor AsyncLock {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

extension Store {
    /// Answers when the database does.
    public func healthCheck() async throws {
        try await database.raw("SELECT 1 AS one").run()
    }
}

extension Store {
    /// Creates a database on this PostgreSQL server (for tests and benchmarks that need a clean one).
    /// PostgreSQL copies a new database from a template one session at a time, so callers side by
    /// side take turns.
    public func createDatabase(_ name: String) async throws {
        var attempt = 0
        while true {
            do {
                try await database.raw("CREATE DATABASE \(ident: name)").run()
                return
            } catch  where attempt < 20 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(50 * attempt))
            }
        }
    }
}
