import ArgumentParser
import Foundation
import JixiaoApp
import JixiaoEvaluation
import JixiaoExport
import JixiaoModel
import JixiaoReview
import JixiaoHTML
import JixiaoStore

/// What the monitoring and scoring commands share: the document, the actuals, the profile, the output.
struct EvaluationInput: ParsableArguments {
    @Argument(help: "The document: a jixiao/1 .json or any file `read` takes (or --document with --db).")
    var file: String?

    @Option(help: "A stored document's id (its current version, and the actuals reported for it unless --actuals is given).")
    var document: Int?

    @OptionGroup var database: DatabaseOption

    @Option(help: "The actuals: a .json or .csv file (formats in the README).")
    var actuals: String?

    @Option(help: "A profile with an `evaluation` part: thresholds, weights, grade bands.")
    var profile: String?

    @Option(help: "text (a table for people) or json.")
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        guard (file == nil) != (document == nil) else { throw ValidationError("give a FILE or --document ID (one of them)") }
    }

    func load() async throws -> (TargetDocument, month: Int?, [Int: ProjectActuals], EvaluationProfile) {
        var document: TargetDocument
        var month: Int?, actualsByProject: [Int: ProjectActuals] = [:]
        if let file {
            do { document = try DocumentInput.load(file).document } catch { throw ValidationError(error.description) }
        } else {
            let id = self.document!
            (document, actualsByProject) = try await database.withStore { store in
                do { return (try await store.document(id: id).document, try await store.actuals(documentID: id)) } catch StoreError.notFound {
                    throw ValidationError("no document \(id) in \(database.location)")
                }
            }
        }
        if let actuals {
            do {
                (month, actualsByProject) = try ActualsFile.read(try Data(contentsOf: URL(fileURLWithPath: actuals)), for: document)
            } catch {
                throw ValidationError("\(actuals): \(error)")
            }
            if let beyond = actualsByProject.keys.first(where: { $0 > document.projects.count }) {
                throw ValidationError("\(actuals): 文件中没有第 \(beyond) 个项目 (the document has \(document.projects.count))")
            }
        }
        let evaluation: EvaluationProfile
        do {
            evaluation = try profile.map { try EvaluationProfile.load(try Data(contentsOf: URL(fileURLWithPath: $0))) } ?? .national
        } catch {
            throw ValidationError("\(profile ?? ""): \(error)")
        }
        return (document, month, actualsByProject, evaluation)
    }
}

extension Decimal {
    /// Two decimals for a table.
    var cents: String { written(decimals: 2, upTo: 2) }
}

struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Monitoring (运行监控): spending and indicator progress at a month, with warning lights.",
        discussion: """
            Spending is compared with the plan at the month (interpolated between 3/6/10/12月) or, without a \\
            plan, with the time elapsed; indicators with their targets by direction. A project's light is its \\
            worst indicator's. Exit 0, 1 when a light is red, 2 for bad input.
            """)

    @OptionGroup var input: EvaluationInput

    @Option(help: "The month (1–12); default: the month the actuals file names.")
    var month: Int?

    func run() async throws {
        let (document, fileMonth, actuals, profile) = try await input.load()
        guard let m = month ?? fileMonth, (1...12).contains(m) else { throw ValidationError("give --month 1…12 (the actuals file names none)") }
        let monitors = document.projects.enumerated().map { k, p in
            Monitoring.project(p, position: k + 1, actuals: actuals[k + 1] ?? ProjectActuals(), month: m, profile: profile)
        }
        if input.format == .json {
            print(JSONValue.object([("month", .number(Decimal(m))), ("projects", .array(monitors.map(\.json)))]).serialized())
        } else {
            print("\(document.department.name) \(document.fiscalYear.map { "\($0) 年" } ?? "") 截至 \(m) 月底运行监控")
            for p in monitors {
                let b = p.budget
                print("\n项目\(p.position) \(p.name)  [\(p.light.label)]")
                print(
                    "  预算执行：支出 \(b.spent?.cents ?? "—") / 预算 \(b.budget?.cents ?? "—")，执行率 \(b.rate.map { "\($0.cents)%" } ?? "—")，计划 \(b.planned.map { "\($0.cents)%" } ?? "—")，时间进度 \(b.elapsed.cents)%  [\(b.light.label)]"
                )
                for i in p.indicators {
                    let actual = i.actual?.value.map { "\($0)" } ?? i.actual?.grade?.rawValue ?? "—"
                    print(
                        "  \(i.row). \(i.name)  目标 \(i.target.map { "\($0)" } ?? "—")（\(i.direction.label)\(i.accumulates ? "，按时间进度" : "")） 完成 \(actual)\(i.percent.map { "  \($0.cents)%" } ?? "")\(i.actual?.forecast.map { "  全年预计 \($0)\(i.forecastPercent.map { "（\($0.cents)%）" } ?? "")" } ?? "")  [\(i.light.label)\(i.toDate != i.light ? "，截至本月\(i.toDate.label)" : "")]\(i.actual?.reason.map { " 原因：\($0.rawValue)" } ?? "")"
                    )
                }
                for problem in p.problems { print("  ! \(problem)") }
            }
            let tally = Monitoring.tally(monitors.map(\.light))
            print("\n项目灯：" + Light.allCases.reversed().map { "\($0.label) \(tally[$0] ?? 0)" }.joined(separator: "，"))
        }
        if monitors.contains(where: { $0.light == .red }) { throw ExitCode(1) }
    }
}

struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Self-evaluation (绩效自评): each project's 100-point score and grade; or, with --forecast, the points a draft puts at risk.",
        discussion: """
            预算执行率 min(执行数/预算数, 1) × its weight; indicators by direction (≥ in proportion, ≤ falling to 0 at \\
            twice the target, =, qualitative by grade); weights 产出 50 / 效益 30 / 满意度 10 / 预算执行 10 spread over \\
            the rows, or the table's own 权重. Grades 优 ≥90, 良 ≥80, 中 ≥60, 差. A profile may change all of it.
            """)

    @OptionGroup var input: EvaluationInput

    @Flag(help: "Score the targets as drafts: which could never be scored as written.")
    var forecast = false

    @Option(help: "Write the 项目支出绩效自评表 of every project as xlsx (a sheet each), csv (one indicator a row, UTF-8 with BOM) or html (the print view).")
    var export: ExportCommand.Format?

    @Option(help: "With --export: write here instead of standard output.")
    var out: String?

    func validate() throws {
        if export != nil && forecast { throw ValidationError("--export writes the scores of reported actuals, not a --forecast") }
        if out != nil && export == nil { throw ValidationError("--out goes with --export") }
    }

    func run() async throws {
        let (document, _, actuals, profile) = try await input.load()
        if forecast {
            let forecasts = SelfEvaluation.forecasts(document, findings: ReviewEngine().review(document), profile: profile)
            if input.format == .json {
                print(JSONValue.array(forecasts.map(\.json)).serialized())
            } else {
                for f in forecasts {
                    print("项目\(f.position) \(f.name)：\(f.unscorable.isEmpty ? "各项均可评分" : "\(f.pointsAtRisk.cents) 分无法评")")
                    for u in f.unscorable { print("  \(u.row == 0 ? "预算执行" : "第 \(u.row) 行 \(u.name)")（\(u.weight.cents) 分）：\(u.why)") }
                }
            }
            return
        }
        // A 自评表 carries its own actuals: its scores are worked out again and set beside the printed ones.
        let selfReported = document.kind == .selfEvaluation && input.actuals == nil && input.document == nil
        guard input.actuals != nil || input.document != nil || selfReported else {
            throw ValidationError("give --actuals FILE (or --forecast for drafts)")
        }
        let reported = selfReported ? SelfEvaluation.reported(document) : actuals
        let scored = SelfEvaluationTable.all(document, actuals: reported, profile: profile)
        if let export {
            let data: Data
            switch export {
            case .xlsx: data = try XLSXExport.selfEvaluation(scored.map(\.table), unitLine: SelfEvaluationTable.unitLine(document))
            case .csv: data = CSVExport.selfEvaluation(scored.map(\.table), unit: document.department.name)
            case .html: data = Data(try await PrintExport.selfEvaluationHTML(document, actuals: reported, profile: profile).utf8)
            }
            if let out { try data.write(to: URL(fileURLWithPath: out)) } else { FileHandle.standardOutput.write(data) }
            return
        }
        let scores = scored.map(\.score)
        if input.format == .json {
            print(JSONValue.array(scores.map(\.json)).serialized())
            return
        }
        print("\(document.department.name) \(document.fiscalYear.map { "\($0) 年度" } ?? "")绩效自评")
        for s in scores {
            let printed = s.printed.map { p in
                "表中 \(p.totalScore?.cents ?? "—") 分\(p.grade.map { "（\($0)）" } ?? "")，重算 "
            }
            let gap = s.gap.map { "，相差 \($0 > 0 ? "+" : "")\($0.cents)" } ?? ""
            print("\n项目\(s.position) \(s.name)：" + (s.reported ? "\(printed ?? "")\(s.total.cents) 分，\(s.grade)\(gap)" : "未填报"))
            let printedBudget = s.printed.map { "表中 \($0.budgetScore?.cents ?? "—")，重算 " } ?? ""
            print("  预算执行率 \(s.budgetRate.map { "\($0.cents)%" } ?? "—")：\(printedBudget)\(s.budgetScore.cents) / \(s.budgetWeight.cents)")
            for i in s.indicators {
                let actual = i.actual?.value.map { "\($0)" } ?? i.actual?.grade?.rawValue ?? "—"
                let printedRow = s.printed == nil ? "" : "表中 \(i.printed?.cents ?? "—")，重算 "
                print("  \(i.row). \(i.level1) \(i.name)  目标 \(i.target.map { "\($0)" } ?? "—") 完成 \(actual)：\(printedRow)\(i.score.cents) / \(i.weight.cents)")
            }
            for problem in s.problems { print("  ! \(problem)") }
        }
    }
}

// JSON for scripts: every figure as an exact decimal.
extension ProjectMonitor {
    var json: JSONValue {
        func number(_ d: Decimal?) -> JSONValue { d.map { .number($0) } ?? .null }
        return .object([
            ("project", .number(Decimal(position))), ("name", .string(name)), ("light", .string(light.rawValue)),
            (
                "budget",
                .object([
                    ("budget", number(budget.budget)), ("spent", number(budget.spent)), ("rate", number(budget.rate)), ("planned", number(budget.planned)),
                    ("elapsed", number(budget.elapsed)), ("againstPlan", number(budget.againstPlan)), ("againstTime", number(budget.againstTime)),
                    ("light", .string(budget.light.rawValue)),
                ])
            ),
            (
                "indicators",
                .array(
                    indicators.map { i in
                        .object([
                            ("row", .number(Decimal(i.row))), ("name", .string(i.name)), ("direction", .string(i.direction.rawValue)),
                            ("target", number(i.target)),
                            ("accumulates", .bool(i.accumulates)), ("actual", number(i.actual?.value)), ("forecast", number(i.actual?.forecast)),
                            ("grade", i.actual?.grade.map { .string($0.rawValue) } ?? .null), ("percent", number(i.percent)),
                            ("forecastPercent", number(i.forecastPercent)), ("toDate", .string(i.toDate.rawValue)),
                            ("light", .string(i.light.rawValue)), ("reason", i.actual?.reason.map { .string($0.rawValue) } ?? .null),
                            ("likelihood", i.actual?.likelihood.map { .string($0.rawValue) } ?? .null), ("needsReason", .bool(i.needsReason)),
                        ])
                    })
            ),
            ("problems", .array(problems.map(JSONValue.string))),
        ])
    }
}

extension ProjectScore {
    var json: JSONValue {
        func number(_ d: Decimal?) -> JSONValue { d.map { .number($0) } ?? .null }
        var members: [(String, JSONValue)] = [
            ("project", .number(Decimal(position))), ("name", .string(name)), ("total", reported ? .number(total) : .null), ("grade", .string(grade)),
            ("reported", .bool(reported)),
            ("budget", .object([("weight", .number(budgetWeight)), ("rate", budgetRate.map { .number($0) } ?? .null), ("score", .number(budgetScore))])),
            (
                "indicators",
                .array(
                    indicators.map { i in
                        .object(
                            [
                                ("row", .number(Decimal(i.row))), ("level1", .string(i.level1)), ("name", .string(i.name)),
                                ("direction", .string(i.direction.rawValue)),
                                ("target", i.target.map { .number($0) } ?? .null), ("actual", i.actual?.value.map { .number($0) } ?? .null),
                                ("grade", i.actual?.grade.map { .string($0.rawValue) } ?? .null), ("weight", .number(i.weight)), ("score", .number(i.score)),
                                ("overAchieved", .bool(i.overAchieved)), ("needsExplanation", .bool(i.needsExplanation)),
                                ("explanation", i.actual?.explanation.map(JSONValue.string) ?? .null),
                            ] + (printed == nil ? [] : [("printedScore", number(i.printed))]))
                    })
            ),
            ("problems", .array(problems.map(JSONValue.string))),
        ]
        if let printed {
            // A 自评表's own figures beside the ones worked out: what a bureau re-checks (复核).
            members.append(
                (
                    "printed",
                    .object([
                        ("total", number(printed.totalScore)), ("grade", printed.grade.map(JSONValue.string) ?? .null),
                        ("budgetScore", number(printed.budgetScore)), ("gap", number(gap)),
                    ])
                ))
        }
        return .object(members)
    }
}

extension ScoreForecast {
    var json: JSONValue {
        .object([
            ("project", .number(Decimal(position))), ("name", .string(name)), ("pointsAtRisk", .number(pointsAtRisk)),
            (
                "unscorable",
                .array(
                    unscorable.map { u in
                        .object([("row", .number(Decimal(u.row))), ("name", .string(u.name)), ("weight", .number(u.weight)), ("why", .string(u.why))])
                    })
            ),
        ])
    }
}
