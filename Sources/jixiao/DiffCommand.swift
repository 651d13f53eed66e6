import ArgumentParser
import Foundation
import JixiaoApp
import JixiaoModel

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two target documents (a unit's year and the next): projects, budgets, indicators.",
        discussion: """
            Projects are matched by code, else by name without its year (2024年… is 2025年… a year on); their \
            indicators by name. A target is stricter when it asks for more (a higher floor, a lower cap) and \
            looser when it asks for less; a budget up by a fifth or more with no 数量 target made stricter is \
            pointed out. Exit 0, or 2 when a file cannot be read.
            """)

    @Argument(help: "The earlier document (any file `read` takes, or a jixiao/1 .json).")
    var before: String

    @Argument(help: "The later document.")
    var after: String

    @Option(help: "text or json.")
    var format: ReviewCommand.Format = .text

    func run() throws {
        let a: TargetDocument, b: TargetDocument
        do {
            a = try DocumentInput.load(before).document
            b = try DocumentInput.load(after).document
        } catch {
            DocumentInput.warn(error.description)
            throw ExitCode(2)
        }
        let diff = YearOverYear(from: a, to: b)
        if format == .json {
            print(JSONValue.object([("changes", .array(diff.changes.map(\.json)))]).serialized(), terminator: "")
            return
        }
        let years = [a.fiscalYear, b.fiscalYear].map { $0.map(String.init) ?? "?" }.joined(separator: " → ")
        print("\(b.department.name)：\(years)")
        print(diff.changes.isEmpty ? "没有变化" : diff.lines.joined(separator: "\n"))
    }
}

extension YearOverYear.ProjectChange {
    var json: JSONValue {
        func number(_ d: Decimal?) -> JSONValue { d.map { .number($0) } ?? .null }
        switch self {
        case let .added(p): return .object([("change", .string("added")), ("project", .string(p.name)), ("code", p.code.map(JSONValue.string) ?? .null)])
        case let .dropped(p): return .object([("change", .string("dropped")), ("project", .string(p.name)), ("code", p.code.map(JSONValue.string) ?? .null)])
        case let .changed(d):
            return .object([
                ("change", .string("changed")), ("project", .string(d.after.name)), ("code", d.after.code.map(JSONValue.string) ?? .null),
                ("budgetBefore", number(d.before.budget.total)), ("budgetAfter", number(d.after.budget.total)), ("budgetChange", number(d.budgetChange)),
                ("moreMoneyForTheSameOutput", .bool(d.moreMoneyForTheSameOutput)),
                (
                    "indicators",
                    .array(
                        d.indicators.map { i in
                            .object([
                                ("kind", .string(i.kind.rawValue)), ("level2", .string(i.level2)), ("name", .string(i.name)),
                                ("before", i.before.map(JSONValue.string) ?? .null), ("after", i.after.map(JSONValue.string) ?? .null),
                            ])
                        })
                ),
            ])
        }
    }
}
