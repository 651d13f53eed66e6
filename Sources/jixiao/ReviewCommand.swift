import ArgumentParser
import Foundation
import JixiaoModel
import JixiaoReview

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review targets against the national rules (审核绩效目标).",
        discussion: """
            Reads each FILE (a target document in any format `jixiao read` takes, or a jixiao/1 .json) \
            and prints its findings: what is wrong, where, how to fix it, and the rule it rests on.
            --format text prints one finding a line; --format json prints {"findings": [...]} for one \
            file, or an array of {"source", "findings"} for several.
            A 自评表 (self-evaluation) is re-checked as a finance bureau does (复核): its points, scores,             total, grade and budget execution; with --targets, also against the unit's targets of that             year (a target lowered, an indicator dropped). With --last-year, targets are compared with the unit's \
            targets of the year before (a target made looser without a basis).
            --profile FILE tunes the rules (see `jixiao rules` for ids and parameters).
            Exit status: 0 when no finding is an error, 1 when one is, 2 when a file cannot be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The documents to review.")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "A JSON review profile that enables, disables or tunes rules.")
    var profile: String?

    @Option(help: "The unit's target document of the same year, to compare a self-evaluation with.")
    var targets: String?

    @Option(help: "The unit's target document of the year before: a target made looser without a basis is reported.")
    var lastYear: String?

    func run() throws {
        let engine = ReviewEngine(profile: try loadProfile())
        var results: [(String, [Finding])] = []
        var unreadable = false
        func load(_ path: String?) throws -> TargetDocument? {
            guard let path else { return nil }
            do { return try DocumentInput.load(path).document } catch {
                DocumentInput.warn(error.description)
                throw ExitCode(2)
            }
        }
        let baseline = try load(targets), previous = try load(lastYear)
        for file in files {
            do {
                let (document, warnings) = try DocumentInput.load(file)
                for w in warnings { DocumentInput.warn("\(file): \(w)") }
                results.append((file, engine.review(document, targets: baseline, lastYear: previous)))
            } catch {
                DocumentInput.warn(error.description)
                unreadable = true
            }
        }
        switch format {
        case .json:
            let reports = results.map { file, findings in
                JSONValue.object([("source", .string(URL(fileURLWithPath: file).lastPathComponent)), ("findings", .array(findings.map(\.json)))])
            }
            let out: JSONValue =
                files.count == 1 ? .object([("findings", .array(results.first?.1.map(\.json) ?? []))]) : .array(reports)
            print(out.serialized(), terminator: "")
        case .text:
            for (file, findings) in results {
                if files.count > 1 { print("== \(file)") }
                for f in findings { print(Self.line(f)) }
                let counts = Severity.allCases.map { s in "\(s.label) \(findings.filter { $0.severity == s }.count)" }
                print("共 \(findings.count) 条：" + counts.joined(separator: "，"))
            }
        }
        if unreadable { throw ExitCode(2) }
        if results.contains(where: { $0.1.contains { $0.severity == .error } }) { throw ExitCode(1) }
    }

    /// `[错误] 项目3 第4行 指标值 — 成本指标……（cost-operator）`
    static func line(_ f: Finding) -> String {
        var place: [String] = []
        if let p = f.project { place.append("项目\(p)") }
        if let i = f.indicator { place.append("第\(i)行") }
        let at = place.isEmpty ? "部门" : place.joined(separator: " ")
        return "[\(f.severity.label)] \(at) \(f.message)（\(f.rule)）"
    }

    private func loadProfile() throws -> ReviewProfile {
        guard let profile else { return .national }
        do {
            return try ReviewProfile.load(Data(contentsOf: URL(fileURLWithPath: profile)))
        } catch {
            DocumentInput.warn("\(profile): \(error)")
            throw ExitCode(2)
        }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the review rules: id, category, severity, what each checks and its basis."
    )

    @Option(help: "Output format: text or json.")
    var format: ReviewCommand.Format = .text

    func run() {
        switch format {
        case .text:
            for r in RuleCatalog.all {
                print("\(r.id)  [\(r.category.rawValue) \(r.category.label)] [\(r.severity.rawValue)]")
                print("    \(r.summary)")
                print("    依据：\(r.basis)")
                if !r.parameters.isEmpty {
                    let params = r.parameters.keys.sorted().map { k in "\(k)=\(Self.describe(r.parameters[k]!))" }
                    print("    参数：\(params.joined(separator: "; "))")
                }
            }
        case .json:
            let rules = RuleCatalog.all.map { r in
                JSONValue.object([
                    ("id", .string(r.id)), ("category", .string(r.category.rawValue)), ("severity", .string(r.severity.rawValue)),
                    ("summary", .string(r.summary)), ("basis", .string(r.basis)),
                    (
                        "parameters",
                        .object(
                            r.parameters.keys.sorted().map { k in
                                switch r.parameters[k]! {
                                case let .number(n): (k, .number(n))
                                case let .words(w): (k, .array(w.map(JSONValue.string)))
                                }
                            })
                    ),
                ])
            }
            print(JSONValue.array(rules).serialized(), terminator: "")
        }
    }

    static func describe(_ p: RuleParameter) -> String {
        switch p {
        case let .number(n): n.description
        case let .words(w): w.joined(separator: "、")
        }
    }
}
