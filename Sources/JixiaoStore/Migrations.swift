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
        Migration(version: 3, name: "accounts, sessions, API tokens, workflow, audit log") { store in
            let key = store.serialKey
            let tables = [
                "ALTER TABLE documents ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'",
                "ALTER TABLE documents ADD COLUMN published_version INTEGER",
                """
                CREATE TABLE users (
                  id \(key),
                  username TEXT NOT NULL UNIQUE,
                  display_name TEXT NOT NULL,
                  password_hash TEXT NOT NULL,
                  role TEXT NOT NULL,
                  region_code TEXT,
                  failed_attempts INTEGER NOT NULL DEFAULT 0,
                  locked_until TEXT,
                  created_at TEXT NOT NULL,
                  password_changed_at TEXT NOT NULL
                )
                """,
                "CREATE TABLE user_units (user_id BIGINT NOT NULL, department_id BIGINT NOT NULL, PRIMARY KEY (user_id, department_id))",
                """
                CREATE TABLE sessions (
                  token_digest TEXT PRIMARY KEY,
                  user_id BIGINT NOT NULL,
                  csrf TEXT NOT NULL,
                  created_at TEXT NOT NULL,
                  expires_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX sessions_user ON sessions (user_id)",
                """
                CREATE TABLE api_tokens (
                  id \(key),
                  user_id BIGINT NOT NULL,
                  name TEXT NOT NULL,
                  token_digest TEXT NOT NULL UNIQUE,
                  created_at TEXT NOT NULL,
                  last_used_at TEXT,
                  revoked_at TEXT
                )
                """,
                """
                CREATE TABLE workflow_events (
                  id \(key),
                  document_id BIGINT NOT NULL,
                  version INTEGER NOT NULL,
                  step TEXT NOT NULL,
                  from_status TEXT NOT NULL,
                  to_status TEXT NOT NULL,
                  user_id BIGINT NOT NULL,
                  reason TEXT,
                  notes TEXT,
                  created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX workflow_events_document ON workflow_events (document_id)",
                """
                CREATE TABLE audit_log (
                  id \(key),
                  created_at TEXT NOT NULL,
                  user_id BIGINT,
                  username TEXT NOT NULL,
                  document_id BIGINT,
                  version INTEGER,
                  action TEXT NOT NULL,
                  project_position INTEGER,
                  cell TEXT,
                  place TEXT,
                  old_value TEXT,
                  new_value TEXT,
                  reason TEXT
                )
                """,
                "CREATE INDEX audit_log_document ON audit_log (document_id, project_position)",
            ]
            // The audit log is append-only in the database itself, not only in our code.
            let appendOnly =
                store.kind == .sqlite
                ? [
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
                    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
                ]
                : [
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql",
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
                ]
            return tables + appendOnly
        },
        // What a unit reports during and after the year, per project (spending by month, each row's actual).
        Migration(version: 4, name: "actuals") { _ in
            [
                """
                CREATE TABLE actuals (
                  document_id BIGINT NOT NULL,
                  project_position INTEGER NOT NULL,
                  body TEXT NOT NULL,
                  updated_at TEXT NOT NULL,
                  PRIMARY KEY (document_id, project_position)
                )
                """
            ]
        },
        // Each audit line chained to the one before (AuditChain); an upload held for preview belongs to
        // the person who uploaded it (the previews held before cannot say whose they are, so they go).
        Migration(version: 5, name: "audit chain, previews bound to their uploader") { _ in
            [
                "ALTER TABLE audit_log ADD COLUMN chain TEXT",
                "DELETE FROM pending_imports",
                "ALTER TABLE pending_imports ADD COLUMN user_id BIGINT",
            ]
        },
        // A unit's 自评表 of a year, beside its targets of that year: the document as read, and its printed
        // and recomputed totals (the gap, in cents, orders a region's list: which to re-check first).
        Migration(version: 6, name: "self-evaluations") { store in
            [
                """
                CREATE TABLE self_evaluations (
                  id \(store.serialKey),
                  department_id BIGINT NOT NULL REFERENCES departments(id),
                  fiscal_year INTEGER NOT NULL,
                  source_name TEXT,
                  source_sha256 TEXT,
                  body TEXT NOT NULL,
                  printed_total TEXT,
                  computed_total TEXT,
                  gap_cents BIGINT,
                  updated_at TEXT NOT NULL,
                  UNIQUE (department_id, fiscal_year)
                )
                """,
                "CREATE INDEX self_evaluations_gap ON self_evaluations (gap_cents)",
            ]
        },
        // The indicator library learned from the current versions (see Library.swift): counts kept
        // current by each save's difference, and the groups they add up to. Rows stored before it get
        // their keys when the library is first built.
        Migration(version: 7, name: "indicator library") { _ in
            [
                "ALTER TABLE indicators ADD COLUMN level3_key TEXT",
                "CREATE INDEX indicators_level3_key ON indicators (level3_key)",
                "ALTER TABLE projects ADD COLUMN project_kind TEXT",
                """
                CREATE TABLE library_groups (
                  indicator_key TEXT PRIMARY KEY, name TEXT NOT NULL, level1 TEXT NOT NULL, level2 TEXT NOT NULL,
                  uses INTEGER NOT NULL, units INTEGER NOT NULL, years TEXT NOT NULL
                )
                """,
                "CREATE INDEX library_groups_order ON library_groups (units DESC, indicator_key)",
                "CREATE INDEX library_groups_level2 ON library_groups (level2, units DESC, indicator_key)",
                """
                CREATE TABLE library_spellings (
                  indicator_key TEXT NOT NULL, name TEXT NOT NULL, level1 TEXT NOT NULL, level2 TEXT NOT NULL, uses INTEGER NOT NULL,
                  PRIMARY KEY (indicator_key, name, level1, level2)
                )
                """,
                """
                CREATE TABLE library_unit_years (
                  indicator_key TEXT NOT NULL, department_id BIGINT NOT NULL, fiscal_year INTEGER NOT NULL, uses INTEGER NOT NULL,
                  PRIMARY KEY (indicator_key, department_id, fiscal_year)
                )
                """,
                "CREATE INDEX library_unit_years_department ON library_unit_years (department_id, indicator_key)",
                """
                CREATE TABLE library_key_years (
                  indicator_key TEXT NOT NULL, fiscal_year INTEGER NOT NULL, uses INTEGER NOT NULL, PRIMARY KEY (indicator_key, fiscal_year)
                )
                """,
                """
                CREATE TABLE library_values (
                  indicator_key TEXT NOT NULL, op TEXT NOT NULL, unit TEXT NOT NULL, number TEXT NOT NULL, uses INTEGER NOT NULL,
                  PRIMARY KEY (indicator_key, op, unit, number)
                )
                """,
                """
                CREATE TABLE library_spreads (
                  indicator_key TEXT NOT NULL, op TEXT NOT NULL, unit TEXT NOT NULL, uses INTEGER NOT NULL,
                  median TEXT, p10 TEXT, p90 TEXT, bins TEXT, generation INTEGER NOT NULL, computed INTEGER NOT NULL,
                  PRIMARY KEY (indicator_key, op, unit)
                )
                """,
                """
                CREATE TABLE library_bases (
                  indicator_key TEXT NOT NULL, basis TEXT NOT NULL, uses INTEGER NOT NULL, PRIMARY KEY (indicator_key, basis)
                )
                """,
                """
                CREATE TABLE library_kinds (
                  project_kind TEXT NOT NULL, indicator_key TEXT NOT NULL, uses INTEGER NOT NULL, PRIMARY KEY (project_kind, indicator_key)
                )
                """,
            ]
        },
        // Each document's monitoring lights at each month, worked out when its actuals or its current
        // version change, so that a region's overview is a query, not a walk over every document.
        Migration(version: 8, name: "monitoring lights") { _ in
            [
                """
                CREATE TABLE monitoring_lights (
                  document_id BIGINT NOT NULL REFERENCES documents(id), month INTEGER NOT NULL, version INTEGER NOT NULL, worst TEXT NOT NULL,
                  red INTEGER NOT NULL, yellow INTEGER NOT NULL, green INTEGER NOT NULL, missing INTEGER NOT NULL,
                  PRIMARY KEY (document_id, month)
                )
                """
            ]
        },
        // The grades a 自评表 prints, beside its totals, so that a region's list is read without the bodies.
        Migration(version: 9, name: "self-evaluation grades") { _ in ["ALTER TABLE self_evaluations ADD COLUMN grades TEXT"] },
        // A version's projects and findings counted once when it is saved, and the units in the order lists
        // show them: a page of a province's units without counting rows or sorting them all.
        Migration(version: 10, name: "version counts, units by region and name") { _ in
            [
                "ALTER TABLE document_versions ADD COLUMN project_count INTEGER",
                "ALTER TABLE document_versions ADD COLUMN errors INTEGER",
                "ALTER TABLE document_versions ADD COLUMN warnings INTEGER",
                "ALTER TABLE document_versions ADD COLUMN infos INTEGER",
                // In 万元, exact (text); filled in from the projects for versions saved before.
                "ALTER TABLE document_versions ADD COLUMN budget_total TEXT",
                """
                UPDATE document_versions SET
                  project_count = (SELECT COUNT(*) FROM projects p WHERE p.version_id = document_versions.id),
                  errors = (SELECT COUNT(*) FROM findings f WHERE f.version_id = document_versions.id AND f.severity = 'error'),
                  warnings = (SELECT COUNT(*) FROM findings f WHERE f.version_id = document_versions.id AND f.severity = 'warning'),
                  infos = (SELECT COUNT(*) FROM findings f WHERE f.version_id = document_versions.id AND f.severity = 'info')
                """,
                "CREATE INDEX departments_region_name ON departments (region_code, name)",
            ]
        },
    ]

    /// Applies what is missing and returns the versions it applied. On PostgreSQL an advisory lock
    /// keeps several servers starting at once from migrating side by side.
    @discardableResult
    static func run(on store: Store) async throws -> Set<Int> {
        let migrations = all.map { ($0, $0.statements(store)) }
        return try await store.database.withSession { db in
            if store.kind == .postgres { try await db.raw("SELECT pg_advisory_lock(\(literal: lockKey))").run() }
            let applied: Set<Int>
            do {
                applied = try await apply(migrations, on: db)
            } catch {
                if store.kind == .postgres { try? await db.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").run() }
                throw error
            }
            if store.kind == .postgres { try await db.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").run() }
            return applied
        }
    }

    static let lockKey = 0x6A69_7869_616F  // "jixiao"

    private static func apply(_ migrations: [(Migration, [String])], on db: any SQLDatabase) async throws -> Set<Int> {
        try await db.raw(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        ).run()
        let applied = Set(
            try await db.raw("SELECT version FROM schema_migrations").all().map {
                try $0.decode(column: "version", as: Int.self)
            })
        var applying: Set<Int> = []
        for (migration, statements) in migrations where !applied.contains(migration.version) {
            try await db.raw("BEGIN").run()
            do {
                for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
                try await db.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.now()))"
                ).run()
                try await db.raw("COMMIT").run()
                applying.insert(migration.version)
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
        return applying
    }
}

enum Timestamp {
    static func now() -> String { text(Date()) }

    /// ISO 8601 in UTC, so that text order is time order.
    static func text(_ date: Date) -> String { date.formatted(.iso8601) }
}
