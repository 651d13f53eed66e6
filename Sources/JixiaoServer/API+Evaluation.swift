import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoAccess
import JixiaoEvaluation
import JixiaoModel
import JixiaoStore

// Monitoring and self-evaluation in the JSON API: the same `Documents` and `JixiaoEvaluation`
// functions the pages and the CLI use.
extension JixiaoAPI {
    /// A document and project position the person acting may read; nil when not theirs to know of.
    private func readable(_ id: Int, position: Int? = nil) async throws -> StoredDocument? {
        guard let s = try await stored(id) else { return nil }
        try Policy.require(.read, on: s.summary.access)
        if let position, !s.document.projects.indices.contains(position - 1) { return nil }
        return s
    }

    func getActuals(_ input: Operations.GetActuals.Input) async throws -> Operations.GetActuals.Output {
        let (id, position) = (input.path.documentId, input.path.position)
        guard try await readable(id, position: position) != nil else { return .notFound(Self.notFound("project \(position) of document \(id)")) }
        let a = try await store.actuals(documentID: id)[position] ?? ProjectActuals()
        return .ok(
            .init(
                body: .json(
                    .init(
                        spending: a.spending.keys.sorted().map { .init(month: $0, amount: a.spending[$0]!.double) },
                        indicators: a.indicators.keys.sorted().map { row in
                            let i = a.indicators[row]!
                            return .init(
                                row: row, value: i.value?.double, forecast: i.forecast?.double, grade: i.grade?.rawValue, share: i.share?.double, date: i.date,
                                note: i.note,
                                reason: i.reason?.rawValue, likelihood: i.likelihood?.rawValue, explanation: i.explanation)
                        }))))
    }

    func putActuals(_ input: Operations.PutActuals.Input) async throws -> Operations.PutActuals.Output {
        guard case let .json(body) = input.body else { throw InvalidInput(field: "body", reason: "expected JSON") }
        let (id, position) = (input.path.documentId, input.path.position)
        guard try await readable(id, position: position) != nil else { return .notFound(Self.notFound("project \(position) of document \(id)")) }
        do {
            guard (1...12).contains(body.month) else { throw InvalidInput(field: "month", reason: "月份应为 1–12") }
            guard body.spending.count <= 12 else { throw InvalidInput(field: "spending", reason: "至多 12 个月 (at most 12)") }
            guard body.indicators.count <= 200 else { throw InvalidInput(field: "indicators", reason: "至多 200 行 (at most 200)") }
            var actuals = ProjectActuals()
            for (k, s) in body.spending.enumerated() {
                guard (1...12).contains(s.month) else { throw InvalidInput(field: "spending[\(k)].month", reason: "月份应为 1–12") }
                guard !body.spending[..<k].contains(where: { $0.month == s.month }) else {
                    throw InvalidInput(field: "spending[\(k)].month", reason: "\(s.month) 月重复填报 (month \(s.month) is reported twice)")
                }
                actuals.spending[s.month] = try ActualsFile.amount(s.amount, "spending[\(k)].amount")
            }
            for (k, i) in body.indicators.enumerated() {
                let field = "indicators[\(k)]"
                func choice<T: RawRepresentable>(_ raw: String?, _ name: String) throws -> T? where T.RawValue == String {
                    guard let raw else { return nil }
                    guard let value = T(rawValue: raw) else { throw InvalidInput(field: "\(field).\(name)", reason: "“\(raw)”不是可选的值") }
                    return value
                }
                try ActualsFile.once(i.row, in: actuals, "\(field).row")
                actuals.indicators[i.row] = IndicatorActual(
                    value: try i.value.map { try ActualsFile.decimal($0, "\(field).value") }, grade: try choice(i.grade?.rawValue, "grade"),
                    share: try i.share.map { try ActualsFile.share($0, "\(field).share") },
                    date: try Input.optionalText(i.date, field: "\(field).date", max: 20),
                    note: try Input.optionalText(i.note, field: "\(field).note", max: 500), reason: try choice(i.reason?.rawValue, "reason"),
                    likelihood: try choice(i.likelihood?.rawValue, "likelihood"),
                    explanation: try Input.optionalText(i.explanation, field: "\(field).explanation", max: 2000),
                    forecast: try i.forecast.map { try ActualsFile.decimal($0, "\(field).forecast") })
            }
            let monitor = try await documents.reportActuals(id, position: position, actuals, month: body.month, by: Identity.current.actor)
            return .ok(.init(body: .json(.init(monitor))))
        } catch let e as InvalidInput {
            return .unprocessableContent(Self.invalid(e))
        } catch let e as ActualsFile.ReadError {
            return .unprocessableContent(Self.invalid(InvalidInput(field: "indicators", reason: e.description)))
        }
    }

    func getMonitoring(_ input: Operations.GetMonitoring.Input) async throws -> Operations.GetMonitoring.Output {
        let id = input.path.documentId, month = input.query.month
        guard (1...12).contains(month) else {
            return .badRequest(.init(body: .applicationProblemJson(Self.problem(.badRequest, detail: "month must be in 1...12"))))
        }
        guard let s = try await readable(id) else { return .notFound(Self.notFound("document \(id)")) }
        let actuals = try await store.actuals(documentID: id)
        return .ok(
            .init(
                body: .json(
                    .init(
                        month: month,
                        projects: s.document.projects.enumerated().map { k, p in
                            .init(
                                Monitoring.project(p, position: k + 1, actuals: actuals[k + 1] ?? ProjectActuals(), month: month, profile: documents.evaluation)
                            )
                        }))))
    }

    func getEvaluation(_ input: Operations.GetEvaluation.Input) async throws -> Operations.GetEvaluation.Output {
        let id = input.path.documentId
        guard let s = try await readable(id) else { return .notFound(Self.notFound("document \(id)")) }
        let actuals = try await store.actuals(documentID: id)
        return .ok(
            .init(
                body: .json(
                    .init(
                        projects: s.document.projects.enumerated().map { k, p in
                            .init(SelfEvaluation.project(p, position: k + 1, actuals: actuals[k + 1] ?? ProjectActuals(), profile: documents.evaluation))
                        }))))
    }

    func listSelfEvaluations(_ input: Operations.ListSelfEvaluations.Input) async throws -> Operations.ListSelfEvaluations.Output {
        guard let actor = Identity.current.actor else { throw AccessDenied(decision: .signIn) }
        if let year = input.query.year, !(1990...2100).contains(year) {
            return .badRequest(.init(body: .applicationProblemJson(Self.problem(.badRequest, detail: "year must be in 1990...2100", field: "year"))))
        }
        var bounds = Bounds()
        bounds.page(input.query.offset, input.query.limit)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        let rows = try await store.selfEvaluations(
            visibility: Visibility(actor), year: input.query.year, page: Self.page(offset: input.query.offset, limit: input.query.limit))
        return .ok(.init(body: .json(rows.items.map(Components.Schemas.SelfEvaluationSummary.init))))
    }

    func getSelfEvaluation(_ input: Operations.GetSelfEvaluation.Input) async throws -> Operations.GetSelfEvaluation.Output {
        let id = input.path.selfEvaluationId
        guard Identity.current.actor != nil else { throw AccessDenied(decision: .signIn) }
        let review: SelfEvaluationReview
        do { review = try await documents.selfEvaluation(id, as: Identity.current.actor) } catch is AccessDenied {
            return .notFound(Self.notFound("self-evaluation \(id)"))
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        summary: .init(review.stored, targets: review.targetsID), document: .init(review.stored.document, id: 0, version: 0),
                        scores: review.scores.map(Components.Schemas.ProjectEvaluation.init), findings: review.findings.map(Components.Schemas.Finding.init)))))
    }
}

extension Components.Schemas.SelfEvaluationSummary {
    init(_ s: SelfEvaluationListing) {
        self.init(
            id: s.id, unitName: s.departmentName, regionCode: s.regionCode, regionName: s.regionCode.flatMap(Divisions.name(of:)), year: s.year,
            printedTotal: s.printedTotal?.double, computedTotal: s.computedTotal?.double, gap: s.gap?.double, targetsDocumentId: s.targetsDocumentID)
    }

    init(_ s: StoredSelfEvaluation, targets: Int?) {
        self.init(
            id: s.id, unitName: s.departmentName, regionCode: s.regionCode, regionName: s.regionCode.flatMap(Divisions.name(of:)), year: s.year,
            printedTotal: s.printedTotal?.double,
            computedTotal: s.computedTotal?.double, gap: s.gap?.double, targetsDocumentId: targets)
    }
}

extension Components.Schemas.ProjectEvaluation {
    init(_ score: ProjectScore) {
        self.init(
            project: score.position, name: score.name, total: score.total.double, grade: score.grade, budgetWeight: score.budgetWeight.double,
            budgetRate: score.budgetRate?.double, budgetScore: score.budgetScore.double, printedTotal: score.printed?.totalScore?.double,
            printedGrade: score.printed?.grade,
            indicators: score.indicators.map { i in
                .init(
                    row: i.row, level1: i.level1, name: i.name, weight: i.weight.double, score: i.score.double, printedScore: i.printed?.double,
                    overAchieved: i.overAchieved, needsExplanation: i.needsExplanation)
            }, problems: score.problems)
    }
}

extension Components.Schemas.ProjectMonitoring {
    init(_ m: ProjectMonitor) {
        self.init(
            project: m.position, name: m.name, light: Components.Schemas.Light(m.light),
            budget: .init(
                budget: m.budget.budget?.double, spent: m.budget.spent?.double, rate: m.budget.rate?.double, planned: m.budget.planned?.double,
                elapsed: m.budget.elapsed.double, againstPlan: m.budget.againstPlan?.double, againstTime: m.budget.againstTime?.double,
                light: Components.Schemas.Light(m.budget.light)),
            indicators: m.indicators.map { i in
                .init(
                    row: i.row, name: i.name, direction: i.direction.rawValue, accumulates: i.accumulates, target: i.target?.double,
                    actual: i.actual?.value?.double, forecast: i.actual?.forecast?.double, grade: i.actual?.grade?.rawValue, percent: i.percent?.double,
                    forecastPercent: i.forecastPercent?.double, toDate: Components.Schemas.Light(i.toDate), likelihood: i.actual?.likelihood?.rawValue,
                    light: Components.Schemas.Light(i.light),
                    reason: i.actual?.reason?.rawValue, needsReason: i.needsReason)
            }, problems: m.problems)
    }
}

extension Components.Schemas.Light {
    init(_ light: Light) { self = Self(rawValue: light.rawValue) ?? .none }
}
