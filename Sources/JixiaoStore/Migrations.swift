import Foundation
import SQLKit

/// Our own small migration runner: a `schema_migrations` table and ordered migrations, each
/// applied once, in its own transaction.
enum Migrations {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: @Sendable (Store) -> [String]
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "departments, documents, versions, projects, indicators, findings") { store in
            let key = store.serialKey
            return [
                """
                CREATE TABLE departments (
                  id \(key),
                  code TEXT,
                  name TEXT NOT NULL UNIQUE,
                  region_code TEXT,
                  created_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE documents (
                  id \(key),
                  department_id BIGINT NOT NULL REFERENCES departments(id),
                  fiscal_year INTEGER NOT NULL,
                  current_version INTEGER NOT NULL,
                  updated_at TEXT NOT NULL,
                  UNIQUE (department_id, fiscal_year)
                )
                """,
                """
                CREATE TABLE document_versions (
                  id \(key),
                  document_id BIGINT NOT NULL REFERENCES documents(id),
                  version INTEGER NOT NULL,
                  source_name TEXT,
                  source_sha256 TEXT,
                  reason TEXT NOT NULL,
                  created_at TEXT NOT NULL,
                  body TEXT NOT NULL,
                  UNIQUE (document_id, version)
                )
                """,
                "CREATE INDEX document_versions_sha256 ON document_versions (source_sha256)",
                """
                CREATE TABLE projects (
                  id \(key),
                  version_id BIGINT NOT NULL REFERENCES document_versions(id),
                  position INTEGER NOT NULL,
                  code TEXT,
                  name TEXT NOT NULL,
                  unit_code TEXT,
                  unit_name TEXT,
                  money_unit TEXT NOT NULL,
                  budget_total TEXT,
                  budget_fiscal TEXT,
                  budget_other TEXT,
                  plan_mar TEXT,
                  plan_jun TEXT,
                  plan_oct TEXT,
                  plan_dec TEXT,
                  indicator_count INTEGER NOT NULL,
                  complete INTEGER NOT NULL,
                  UNIQUE (version_id, position)
                )
                """,
                "CREATE INDEX projects_code ON projects (code)",
                """
                CREATE TABLE indicators (
                  id \(key),
                  project_id BIGINT NOT NULL REFERENCES projects(id),
                  position INTEGER NOT NULL,
                  level1 TEXT NOT NULL,
                  level2 TEXT NOT NULL,
                  level3 TEXT NOT NULL,
                  description TEXT,
                  value TEXT NOT NULL,
                  basis TEXT,
                  target_kind TEXT NOT NULL,
                  target_op TEXT,
                  target_number TEXT,
                  target_unit TEXT,
                  weight TEXT,
                  UNIQUE (project_id, position)
                )
                """,
                """
                CREATE TABLE findings (
                  id \(key),
                  version_id BIGINT NOT NULL REFERENCES document_versions(id),
                  project_position INTEGER,
                  indicator_position INTEGER,
                  rule TEXT NOT NULL,
                  category TEXT NOT NULL,
                  severity TEXT NOT NULL,
                  field TEXT,
                  message TEXT NOT NULL
                )
                """,
                "CREATE INDEX findings_version ON findings (version_id)",
            ]
        },
        // A file read and reviewed but not yet confirmed by the person who uploaded it. Kept in the
        // database, not in a server's memory, so any server process can take the confirmation.
        Migration(version: 2, name: "pending imports") { _ in
            [
                """
                CREATE TABLE pending_imports (
                  token TEXT PRIMARY KEY,
                  created_at TEXT NOT NULL,
                  source_name TEXT,
                  source_text TEXT NOT NULL,
                  body TEXT NOT NULL,
                  warnings TEXT NOT NULL
                )
                """
            ]
        },
    ]

    /// Applies what is missing. On PostgreSQL an advisory lock keeps several servers starting at once
    /// from migrating side by side.
    static func run(on store: Store) async throws {
        let migrations = all.map { ($0, $0.statements(store)) }
        try await store.database.withSession { db in
            if store.kind == .postgres { try await db.raw("SELECT pg_advisory_lock(\(literal: lockKey))").run() }
            do {
                try await apply(migrations, on: db)
            } catch {
                if store.kind == .postgres { try? await db.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").run() }
                throw error
            }
            if store.kind == .postgres { try await db.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").run() }
        }
    }

    static let lockKey = 0x6A69_7869_616F  // "jixiao"

    private static func apply(_ migrations: [(Migration, [String])], on db: any SQLDatabase) async throws {
        try await db.raw(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        ).run()
        let applied = Set(try await db.raw("SELECT version FROM schema_migrations").all().map {
            try $0.decode(column: "version", as: Int.self)
        })
        for (migration, statements) in migrations where !applied.contains(migration.version) {
            try await db.raw("BEGIN").run()
            do {
                for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
                try await db.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.now()))"
                ).run()
                try await db.raw("COMMIT").run()
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

enum Timestamp {
    static func now() -> String { text(Date()) }

    /// ISO 8601 in UTC, so that text order is time order.
    static func text(_ date: Date) -> String { date.formatted(.iso8601) }
}
