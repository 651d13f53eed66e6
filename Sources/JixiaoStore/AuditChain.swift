import Crypto
import Foundation
import JixiaoAccess
import JixiaoModel
import SQLKit

/// The audit log as a hash chain: each line keeps the SHA-256 of the line before it and its own
/// fields. The database's triggers refuse UPDATE and DELETE; the chain shows where someone with the
/// database's own rights went around them (a trigger dropped, a line changed, removed or forged).
/// Recording the head from time to time outside the database also catches a chain rewritten whole.
public enum AuditChain {
    /// The chain of the first line.
    static let origin = String(repeating: "0", count: 64)
    static let lockKey = 0x6175_6469_74  // "audit"

    /// The columns a line's link covers, in the order they are hashed (the order `Store.audit` inserts
    /// them); integer columns are hashed as decimal text.
    static let chainedColumns: [(name: String, integer: Bool)] = [
        ("created_at", false), ("user_id", true), ("username", false), ("document_id", true), ("version", true), ("action", false),
        ("project_position", true), ("cell", false), ("place", false), ("old_value", false), ("new_value", false), ("reason", false),
    ]

    static func link(after previous: String, _ fields: [String?]) -> String {
        let text = JSONValue.array(fields.map { $0.map(JSONValue.string) ?? .null }).serialized()
        return Secrets.hex(Crypto.SHA256.hash(data: Data((previous + "\n" + text).utf8)))
    }

    /// What `verify` found.
    public struct Report: Sendable, Equatable {
        /// Lines whose link was checked.
        public var checked = 0
        /// Lines written before the log was chained (an older database); they are only under the triggers.
        public var unchained = 0
        /// Lines whose chain does not follow from the line before and their own fields (at most 100 listed).
        public var broken: [Int] = []
        /// The append-only triggers that are missing.
        public var missingTriggers: [String] = []
        /// The last line's chain: recorded elsewhere, it shows later that nothing before it was rewritten.
        public var head: String = AuditChain.origin

        public var intact: Bool { broken.isEmpty && missingTriggers.isEmpty }
    }
}

extension Store {
    /// Walks the whole audit log, oldest first, and checks each line's link and the triggers.
    public func verifyAuditChain() async throws -> AuditChain.Report {
        var report = AuditChain.Report()
        let triggers =
            kind == .sqlite
            ? try await database.raw("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            : try await database.raw("SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal").all()
                .map { try $0.decode(column: "name", as: String.self) }
        let expected = kind == .sqlite ? ["audit_log_no_delete", "audit_log_no_update"] : ["audit_log_append_only"]
        report.missingTriggers = expected.filter { !triggers.contains($0) }

        var previous: String?
        var lastID = 0
        while true {
            let rows = try await database.raw(
                """
                SELECT id, chain, \(unsafeRaw: AuditChain.chainedColumns.map(\.name).joined(separator: ", "))
                FROM audit_log WHERE id > \(bind: lastID) ORDER BY id LIMIT 1000
                """
            ).all()
            if rows.isEmpty { break }
            for r in rows {
                lastID = try r.decode(column: "id", as: Int.self)
                guard let chain = try r.decode(column: "chain", as: String?.self) else {
                    // Before the chain began; a gap after it has begun is a break.
                    if previous != nil, report.broken.count < 100 { report.broken.append(lastID) }
                    report.unchained += 1
                    continue
                }
                let fields = try AuditChain.chainedColumns.map { c in
                    c.integer ? try r.decode(column: c.name, as: Int?.self).map(String.init) : try r.decode(column: c.name, as: String?.self)
                }
                report.checked += 1
                if AuditChain.link(after: previous ?? AuditChain.origin, fields) != chain, report.broken.count < 100 { report.broken.append(lastID) }
                previous = chain
                report.head = chain
            }
        }
        return report
    }
}
