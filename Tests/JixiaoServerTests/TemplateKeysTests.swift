import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoModel
import JixiaoReview
import Mustache
import Testing

@testable import JixiaoHTML
@testable import JixiaoServer

/// Every `{{key}}` a template asks for is answered by its page: a walk over every page of the sample
/// county (and an import of each kind) renders every template, and no name goes unanswered — Mustache
/// would print nothing for it and nobody would notice.
@Suite(.serialized) struct TemplateKeysTests {
    @Test func everyTemplateIsRenderedAndEveryKeyAnswered() async throws {
        try await TestServer.run(.sqlite, sample: true) { server in
            let client = try await server.browser("admin")
            var pages = [
                "/", "/?q=%E6%95%99%E8%82%B2", "/account", "/audit", "/import", "/no/such/page", "/monitoring?year=2025&month=12",
                "/self-evaluations", "/library", "/library?level2=%E6%95%B0%E9%87%8F%E6%8C%87%E6%A0%87&region=1302&year=2025",
                "/library/%E6%9C%8D%E5%8A%A1%E5%AF%B9%E8%B1%A1%E6%BB%A1%E6%84%8F%E5%BA%A6",
            ]
            for id in 1...2 {
                pages += [
                    "/documents/\(id)", "/documents/\(id)/report", "/documents/\(id)/history", "/documents/\(id)/projects/1",
                    "/documents/\(id)/projects/1/edit", "/documents/\(id)/projects/1/actuals?month=6", "/documents/\(id)/monitoring?month=12",
                    "/documents/\(id)/evaluation",
                ]
            }
            for page in pages {
                let answer = try await client.execute(uri: page, method: .get)
                #expect(answer.status == (page == "/no/such/page" ? .notFound : .ok), "\(page)")
            }
            #expect(try await server.anonymous.execute(uri: "/login", method: .get).status == .ok)
            // An upload of each kind: a target table and a 自评表, previewed and saved.
            let targets = try String(contentsOf: try #require(try SampleCounty.files().first), encoding: .utf8)
            for (text, name) in [(targets, "targets.txt"), (SelfEvaluationWebTests.laotingSelfEvaluation, "自评.txt")] {
                let preview = try await SelfEvaluationWebTests.upload(client, text, name: name, csrf: client.csrf!)
                _ = try await WebTests.page(client, preview)
                let saved = try await WebTests.post(client, preview, [("csrf", client.csrf!), ("action", "confirm")])
                _ = try await WebTests.page(client, try #require(saved.headers[.location]))
            }
        }
        #expect(TemplateKeys.unansweredKeys.isEmpty, "\(TemplateKeys.unansweredKeys.sorted())")
        let missing = try Self.pageTemplates().subtracting(TemplateKeys.renderedTemplates)
        #expect(missing.isEmpty, "never rendered: \(missing.sorted())")
    }

    /// The templates a page renders (not the layout and partials they include).
    static func pageTemplates() throws -> Set<String> {
        var all: Set<String> = [], included: Set<String> = []
        let files = try [Views.folder, Templates.folder].map {
            try FileManager.default.contentsOfDirectory(at: try #require($0), includingPropertiesForKeys: nil)
        }
        for file in files.joined() where file.pathExtension == "mustache" {
            all.insert(file.deletingPathExtension().lastPathComponent)
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /\{\{[<>]\s*([\w-]+)\s*\}\}/) { included.insert(String(match.output.1)) }
        }
        return all.subtracting(included)
    }
}

/// The values that answer their keys by hand (for speed) answer every field they have, so that a field
/// added to one cannot be missed by its `switch` — where Mustache would look the name up in the page
/// around it instead.
@Suite struct HandAnsweredKeysTests {
    /// Fields a type answers under another key.
    static let renamed: [String: String] = ["incomplete": "incompleteNote"]

    static func unanswered(_ value: some MustacheParent) -> [String] {
        Mirror(reflecting: value).children.compactMap(\.label).filter { label in value.child(named: renamed[label] ?? label) == nil }
    }

    @Test func everyFieldIsAnswered() {
        let project = JixiaoModel.Project(
            name: "项目", indicators: [Indicator(level1: "产出指标", level2: "数量指标", level3: "数量", value: "≥1 个", target: .qualitative("≥1 个"))])
        let finding = Finding(rule: "r", category: .missing, severity: .warning, project: 1, indicator: 1, field: "value", message: "m", basis: "b")
        let table = ProjectTable(project, position: 1, year: 2025, findings: [finding])
        let option = Option(value: "v", label: "l", selected: false)
        let row = EditPage.Row(
            index: 0, position: 1, level1Options: [option], level2Groups: [OptionGroup(label: "g", options: [option])], level3: "", description: "",
            opOptions: [option], amount: "", unit: "", text: "", basis: "", weight: "", original: "", canMoveUp: false, canMoveDown: false, rowError: nil)
        #expect(Self.unanswered(table).isEmpty)
        #expect(Self.unanswered(try! #require(table.rows.first)).isEmpty)
        #expect(Self.unanswered(try! #require(table.rows.flatMap { $0.cells }.first)).isEmpty)
        #expect(Self.unanswered(CellMark(number: 1, anchor: "a", severity: "warning")).isEmpty)
        #expect(Self.unanswered(FindingView(finding, number: 1, place: "第1行")).isEmpty)
        #expect(Self.unanswered(option).isEmpty)
        #expect(Self.unanswered(OptionGroup(label: "g", options: [option])).isEmpty)
        #expect(Self.unanswered(row).isEmpty)
        #expect(Self.unanswered(ImportPage.SourceLine(number: 1, text: "t")).isEmpty)
        let counts = SeverityCounts([.error: 1])
        #expect(Self.unanswered(counts).isEmpty)
        #expect(
            Self.unanswered(
                HomePage.UnitRow(href: "/", name: "n", code: "c", projectCount: 1, budget: "1", counts: counts, version: 1)
            ).isEmpty)
        #expect(
            Self.unanswered(LibraryListPage.Row(href: "/", name: "n", level1: "l1", level2: "l2", units: 1, uses: 1, years: "2025", common: "c")).isEmpty)
        #expect(
            Self.unanswered(
                LibraryEntryPage.Use(
                    href: "/", unitName: "u", region: "r", year: "2025", projectName: "p", level3: "l", value: "v", peerFinding: "f")
            ).isEmpty)
    }
}
