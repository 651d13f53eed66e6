import Foundation
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore

/// Reading and editing stored documents: the one path the JSON API and the web pages share.
struct DocumentService: Sendable {
    let store: Store
    let engine: ReviewEngine
    let cache = DocumentCache()

    /// A document as stored: the current version (from the cache when it holds it, checked with one
    /// small query) or an older one; nil when there is no such document or version.
    func stored(_ id: Int, version: Int? = nil) async throws -> StoredDocument? {
        if version == nil {
            guard let current = try await store.currentVersion(documentID: id) else { return nil }
            if let cached = await cache.get(id, version: current) { return cached }
        }
        do {
            let document = try await store.document(id: id, version: version)
            if version == nil { await cache.put(document) }
            return document
        } catch StoreError.notFound {
            return nil
        }
    }

    enum EditOutcome {
        /// The new version, the position of the project changed and the version it was made from.
        case saved(StoredDocument, position: Int, previousVersion: Int)
        case notFound(String)
        case conflict(expected: Int, current: Int)
        case invalid(InvalidInput)
    }

    /// The edit cycle every write shares: load, check the version, change, review, save as the next version.
    /// `change` returns the position of the project it changed.
    func edit(
        _ id: Int, version: Int, position: Int? = nil, reason: String = "edit", change: (inout TargetDocument) throws -> Int
    ) async throws -> EditOutcome {
        guard let s = try await stored(id) else { return .notFound("document \(id)") }
        if let position, !s.document.projects.indices.contains(position - 1) {
            return .notFound("project \(position) of document \(id)")
        }
        guard version == s.summary.version else { return .conflict(expected: version, current: s.summary.version) }
        var document = s.document
        let changed: Int
        do { changed = try change(&document) } catch let e as InvalidInput { return .invalid(e) }
        document.source = nil
        let findings = engine.review(document)
        do {
            let outcome = try await store.save(document, findings: findings, reason: reason, expectedVersion: version, existingDocumentID: id)
            var summary = s.summary
            summary.version = outcome.version
            summary.projectCount = document.projects.count
            summary.findingCounts = Dictionary(findings.map { ($0.severity, 1) }, uniquingKeysWith: +)
            let saved = StoredDocument(summary: summary, document: document, findings: findings)
            await cache.put(saved)  // this process sees its own write at once
            return .saved(saved, position: changed, previousVersion: version)
        } catch let StoreError.conflict(expected, current) {
            return .conflict(expected: expected, current: current)
        }
    }

    /// An uploaded file as a document: `jixiao/1` JSON as it is, anything else through the reader.
    /// Returns the reader's warnings as text.
    static func read(_ data: Data, name: String?) throws -> (document: TargetDocument, warnings: [String]) {
        if data.first == UInt8(ascii: "{") { return (try DocumentJSON.decode(data), []) }
        let result = try DocumentReader.read(data, name: name.map { URL(fileURLWithPath: $0).lastPathComponent })
        return (result.document, result.warnings.map(\.description))
    }
}
