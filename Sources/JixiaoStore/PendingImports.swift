import Foundation
import JixiaoModel
import SQLKit

/// An upload waiting for its confirmation: the document as read, the text it was read from, and
/// the reader's warnings.
public struct PendingImport: Sendable {
    public var token: String
    public var sourceName: String?
    public var sourceText: String
    public var document: TargetDocument
    public var warnings: [String]
}

extension Store {
    /// How long an unconfirmed upload is kept.
    static let pendingLifetime: TimeInterval = 24 * 3600

    /// Keeps a read document until it is confirmed; returns the token that names it (random, so
    /// nobody can guess another person's upload). Expired uploads are removed on the way.
    public func holdImport(_ document: TargetDocument, sourceName: String?, sourceText: String, warnings: [String], by uploader: Int) async throws -> String {
        let token = (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()
        let now = Date()
        let body = DocumentJSON.encode(document)
        let warningText = warnings.joined(separator: "\n")
        try await database.raw(
            "DELETE FROM pending_imports WHERE created_at < \(bind: Timestamp.text(now.addingTimeInterval(-Self.pendingLifetime)))"
        ).run()
        try await database.raw(
            """
            INSERT INTO pending_imports (token, created_at, source_name, source_text, body, warnings, user_id)
            VALUES (\(bind: token), \(bind: Timestamp.text(now)), \(bind: sourceName), \(bind: sourceText), \(bind: body), \(bind: warningText), \(bind: uploader))
            """
        ).run()
        return token
    }

    /// The upload a token names, while it has not expired, to the person who uploaded it only.
    public func pendingImport(token: String, uploader: Int) async throws -> PendingImport? {
        let oldest = Timestamp.text(Date().addingTimeInterval(-Self.pendingLifetime))
        guard
            let r = try await database.raw(
                "SELECT source_name, source_text, body, warnings FROM pending_imports WHERE token = \(bind: token) AND user_id = \(bind: uploader) AND created_at >= \(bind: oldest)"
            ).first()
        else { return nil }
        let warnings = try r.decode(column: "warnings", as: String.self)
        return PendingImport(
            token: token, sourceName: try r.decode(column: "source_name", as: String?.self),
            sourceText: try r.decode(column: "source_text", as: String.self),
            document: try DocumentJSON.decode(Data(try r.decode(column: "body", as: String.self).utf8)),
            warnings: warnings.isEmpty ? [] : warnings.components(separatedBy: "\n"))
    }

    public func discardImport(token: String, uploader: Int) async throws {
        try await database.raw("DELETE FROM pending_imports WHERE token = \(bind: token) AND user_id = \(bind: uploader)").run()
    }
}
