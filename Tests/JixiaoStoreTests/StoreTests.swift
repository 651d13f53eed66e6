import Foundation
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoSynthetic
import JixiaoTestSupport
import Testing

@testable import JixiaoStore

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

@Suite struct StoreTests {
    static let seedNames = Shared.seedNames

    static func seed(_ k: Int) throws -> (TargetDocument, [Finding]) {
        let data = try Shared.seed(seedNames[k])
        let document = try DocumentReader.read(data, name: "\(seedNames[k]).txt").document
        return (document, ReviewEngine().review(document))
    }

    static func withStore(_ kind: TestDatabase, _ body: (Store) async throws -> Void) async throws {
        try await withStore(try await kind.fresh(), body)
    }

    static func withStore(_ location: StoreLocation, _ body: (Store) async throws -> Void) async throws {
        let store = try await Store.open(location)
        do {
            try await body(store)
        } catch {
            try? await store.close()
            throw Failure(String(reflecting: error))
        }
        try await store.close()
    }

    @Test func postgresIsTestedUnderCI() {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(TestDatabase.available.contains(.postgres), "CI must set JIXIAO_TEST_POSTGRES_URL (scripts/test.sh does)")
        }
    }

    @Test(.needsShared, arguments: TestDatabase.available)
    func seedsRoundTripExactly(_ kind: TestDatabase) async throws {
        try await Self.withStore(kind) { store in
            for k in Self.seedNames.indices {
                let (document, findings) = try Self.seed(k)
                let outcome = try await store.save(document, findings: findings)
                #expect(outcome.kind == .created && outcome.version == 1)
                let stored = try await store.document(id: outcome.documentID)
                #expect(stored.document == document)
                #expect(stored.findings.map(\.rule) == findings.map(\.rule))
                #expect(stored.summary.findingCounts[.error] == findings.filter { $0.severity == .error }.count)
                #expect(stored.summary.projectCount == document.projects.count)
            }
            let listed = try await store.documents()
            #expect(listed.total == 5)
            let units = try await store.departments()
            #expect(units.total == 5)
        }
    }

    @Test(.needsShared, arguments: TestDatabase.available)
    func sameFileTwiceChangesNothingAndAChangedFileIsANewVersion(_ kind: TestDatabase) async throws {
        try await Self.withStore(kind) { store in
            let (document, findings) = try Self.seed(2)
            let first = try await store.save(document, findings: findings)
            let again = try await store.save(document, findings: findings)
            #expect(again.kind == .unchanged && again.documentID == first.documentID && again.version == 1)
            var changed = document
            changed.source?.sha256 = String(repeating: "a", count: 64)
            changed.projects[0].name = "改过的项目名称"
            let second = try await store.save(changed, findings: [])
            #expect(second.kind == .newVersion && second.version == 2 && second.documentID == first.documentID)
            #expect(try await store.document(id: first.documentID).document.projects[0].name == "改过的项目名称")
            // The old version stays readable.
            #expect(try await store.document(id: first.documentID, version: 1).document == document)
            #expect(try await store.versions(documentID: first.documentID).map(\.version) == [1, 2])
            #expect(try await store.documents().total == 1)
        }
    }

    /// A summary is kept for a moment: a write through the same store is seen at once, a write by
    /// another process (here another store on the same database) within the second.
    @Test(.needsShared, arguments: TestDatabase.available)
    func keptSummariesFollowWrites(_ kind: TestDatabase) async throws {
        let location = try await kind.fresh()
        let other = try await Store.open(location)
        do {
            try await Self.withStore(location) { store in
                let (document, findings) = try Self.seed(0)
                let saved = try await store.save(document, findings: findings)
                #expect(try await store.summary(documentID: saved.documentID)?.currentVersion == 1)
                var edited = document
                edited.source = nil
                edited.projects[0].budget.total = 30
                _ = try await store.save(edited, findings: [], reason: "edit", expectedVersion: 1, existingDocumentID: saved.documentID)
                #expect(try await store.summary(documentID: saved.documentID)?.currentVersion == 2)
                #expect(try await other.summary(documentID: saved.documentID)?.currentVersion == 2)
                edited.projects[0].budget.total = 31
                _ = try await store.save(edited, findings: [], reason: "edit", expectedVersion: 2, existingDocumentID: saved.documentID)
                let waited = ContinuousClock.now
                while try await other.summary(documentID: saved.documentID)?.currentVersion != 3 {
                    #expect(ContinuousClock.now - waited < .seconds(2), "another process's write not seen")
                    if ContinuousClock.now - waited >= .seconds(2) { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
        } catch {
            try? await other.close()
            throw error
        }
        try await other.close()
    }

    @Test(.needsShared, arguments: TestDatabase.available)
    func aStaleEditIsRefusedAndNothingIsLost(_ kind: TestDatabase) async throws {
        try await Self.withStore(kind) { store in
            let (document, findings) = try Self.seed(0)
            let saved = try await store.save(document, findings: findings)
            var mine = document, theirs = document
            mine.source = nil
            theirs.source = nil
            theirs.projects[0].budget.total = 30
            mine.projects[0].budget.total = 31
            let edit = try await store.save(theirs, findings: [], reason: "edit", expectedVersion: 1, existingDocumentID: saved.documentID)
            #expect(edit.version == 2)
            await #expect(throws: StoreError.self) {
                try await store.save(mine, findings: [], reason: "edit", expectedVersion: 1, existingDocumentID: saved.documentID)
            }
            #expect(try await store.document(id: saved.documentID).document.projects[0].budget.total == 30)
        }
    }

    @Test(arguments: TestDatabase.available)
    func listsFilterAndPage(_ kind: TestDatabase) async throws {
        try await Self.withStore(kind) { store in
            for document in SyntheticCorpus(seed: 11).documents(units: 12, projects: 3, indicators: 7) {
                _ = try await store.save(document, findings: ReviewEngine().review(document))
            }
            let page = try await store.documents(page: Page(offset: 5, limit: 4))
            #expect(page.total == 12 && page.items.count == 4)
            let region = try await store.documents(region: "130225")
            #expect(region.total == 2 && region.items.allSatisfy { $0.regionCode == "130225" })
            let projects = try await store.projects(search: "网络运行维护费")
            #expect(projects.total > 0 && projects.items.allSatisfy { $0.name.contains("网络运行维护费") })
            let indicators = try await store.indicators(projectID: projects.items[0].id)
            #expect(indicators.count == 7 && indicators.map(\.position) == Array(1...7))
        }
    }

    @Test(.needsShared, arguments: TestDatabase.available)
    func anUploadWaitsForItsConfirmation(_ kind: TestDatabase) async throws {
        try await Self.withStore(kind) { store in
            let document = try DocumentReader.read(Shared.seed(Shared.seedNames[1])).document
            let token = try await store.holdImport(document, sourceName: "a.txt", sourceText: "原文\n第二行", warnings: ["w1", "w2"], by: 7)
            #expect(token.count >= 32 && token.allSatisfy(\.isHexDigit))
            let pending = try #require(try await store.pendingImport(token: token, uploader: 7))
            // Only the uploader reads it.
            #expect(try await store.pendingImport(token: token, uploader: 8) == nil)
            #expect(pending.document == document && pending.sourceText == "原文\n第二行" && pending.warnings == ["w1", "w2"] && pending.sourceName == "a.txt")
            #expect(try await store.pendingImport(token: "0" + token.dropFirst(), uploader: 7) == nil)
            try await store.discardImport(token: token, uploader: 8)
            #expect(try await store.pendingImport(token: token, uploader: 7) != nil)
            try await store.discardImport(token: token, uploader: 7)
            #expect(try await store.pendingImport(token: token, uploader: 7) == nil)
            #expect(try await store.documents().total == 0)
        }
    }

    /// Saves side by side (PostgreSQL runs them at once): the audit chain never forks, and it checks out.
    @Test(.needsShared, arguments: TestDatabase.available)
    func theAuditChainHoldsUnderConcurrentWrites(_ kind: TestDatabase) async throws {
        try await Self.withStore(kind) { store in
            #expect(try await store.verifyAuditChain() == AuditChain.Report(missingTriggers: []))
            let documents = try (0..<Self.seedNames.count).map { try Self.seed($0) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (document, findings) in documents { group.addTask { _ = try await store.save(document, findings: findings) } }
                try await group.waitForAll()
            }
            let report = try await store.verifyAuditChain()
            #expect(report.intact && report.checked == documents.count && report.unchained == 0 && report.head != AuditChain.origin)
        }
    }

    @Test func migrationsRunOnceAndTheSchemaIsRecorded() async throws {
        let location = try await TestDatabase.sqlite.fresh()
        let first = try await Store.open(location)
        try await first.close()
        let second = try await Store.open(location)
        let versions = try await second.database.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) }
        #expect(versions == Migrations.all.map(\.version) && versions.count >= 2)
        try await second.close()
    }

    @Test func databaseURLSelectsPostgres() {
        #expect(
            StoreLocation.resolve(path: nil, environment: ["DATABASE_URL": "postgres://u:secret@db:5432/x"]) == .postgres(url: "postgres://u:secret@db:5432/x"))
        #expect(StoreLocation.resolve(path: "a.sqlite", environment: [:]) == .sqlite(path: "a.sqlite"))
        #expect(StoreLocation.resolve(path: nil, environment: [:]) == .sqlite(path: "jixiao.sqlite"))
        #expect(!StoreLocation.postgres(url: "postgres://u:secret@db:5432/x").description.contains("secret"))
    }
}
