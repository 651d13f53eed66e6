import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoAccess
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore

// Model and store values → API values (never storage rows), and API input → model, validated.

extension Components.Schemas.Document {
    init(_ d: TargetDocument, id: Int, version: Int) {
        self.init(
            format: .jixiao1, id: id, version: version, source: d.source.map { .init(name: $0.name, sha256: $0.sha256) },
            fiscalYear: d.fiscalYear,
            department: .init(code: d.department.code, name: d.department.name, regionCode: d.department.regionCode),
            overview: .init(
                overallGoals: d.overview.overallGoals,
                subGoals: d.overview.subGoals.map { .init(title: $0.title, text: $0.text) },
                measures: d.overview.measures.map { .init(title: $0.title, text: $0.text) }),
            projects: d.projects.map(Components.Schemas.Project.init), kind: d.kind == .selfEvaluation ? .selfEvaluation : .targets)
    }
}

extension Components.Schemas.Project {
    init(_ p: Project) {
        self.init(
            seq: p.seq, code: p.code, name: p.name, unit: .init(code: p.unit.code, name: p.unit.name),
            moneyUnit: p.moneyUnit == .yuan ? .元 : .万元,
            budget: .init(total: p.budget.total?.double, fiscal: p.budget.fiscal?.double, other: p.budget.other?.double),
            purpose: p.purpose,
            spendingPlan: .init(
                mar: p.spendingPlan.mar?.double, jun: p.spendingPlan.jun?.double, oct: p.spendingPlan.oct?.double,
                dec: p.spendingPlan.dec?.double, raw: p.spendingPlan.raw),
            goals: p.goals,
            indicators: p.indicators.map { i in
                .init(
                    level1: i.level1, level2: i.level2, level3: i.level3, description: i.description, value: i.value, basis: i.basis,
                    target: .init(
                        kind: i.target.kind == .quantitative ? .quantitative : .qualitative, op: i.target.op?.rawValue,
                        number: i.target.number?.double, unit: i.target.unit, text: i.target.text, ambiguous: i.target.ambiguous),
                    weight: i.weight?.double, actual: i.actual, points: i.points?.double, score: i.score?.double, deviation: i.deviation)
            },
            complete: p.complete, period: p.period, periodGoals: p.periodGoals.isEmpty ? nil : p.periodGoals,
            kind: p.kind == .department ? .department : .project,
            selfEvaluation: p.printed.map { e in
                .init(
                    budget: .init(
                        planned: e.planned?.double, executed: e.executed?.double, rate: e.rate?.double, points: e.budgetPoints?.double,
                        score: e.budgetScore?.double),
                    total: .init(points: e.totalPoints?.double, score: e.totalScore?.double), grade: e.grade, achieved: e.achieved)
            })
    }
}

extension Components.Schemas.Finding {
    init(_ f: Finding) {
        self.init(
            rule: f.rule, category: f.category.rawValue,
            severity: f.severity == .error ? .error : f.severity == .warning ? .warning : .info, project: f.project,
            projectCode: f.projectCode, indicator: f.indicator, field: f.field, message: f.message, basis: f.basis)
    }
}

extension Components.Schemas.DocumentSummary {
    init(_ s: DocumentSummary) {
        self.init(
            id: s.id, unitId: s.departmentID, unitName: s.departmentName, unitCode: s.departmentCode, regionCode: s.regionCode,
            regionName: s.regionCode.flatMap(Divisions.name(of:)),
            fiscalYear: s.fiscalYear, version: s.version, updatedAt: s.updatedAt, sourceName: s.sourceName, projectCount: s.projectCount,
            findings: .init(error: s.findingCounts[.error] ?? 0, warning: s.findingCounts[.warning] ?? 0, info: s.findingCounts[.info] ?? 0),
            status: .init(s.status), publishedVersion: s.publishedVersion)
    }
}

extension Components.Schemas.WorkflowStatus {
    init(_ status: WorkflowStatus) { self = Self(rawValue: status.rawValue) ?? .draft }
}

enum Input {
    /// A decimal written as text (`29.25`), at least 0 and, for percentages, at most 100.
    /// As openapi.yaml's patterns: up to 15 digits and 6 decimals for money, 0–100 with up to two
    /// decimals for a percentage.
    static func decimal(_ text: String?, field: String, percent: Bool = false) throws -> Decimal? {
        guard let text else { return nil }  // blank is null; an empty string is no number
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let digits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        let (maxWhole, maxFraction) = percent ? (3, 2) : (15, 6)
        guard parts.count <= 2, digits(parts[0]), parts[0].count <= maxWhole,
            parts.count == 1 || (digits(parts[1]) && parts[1].count <= maxFraction),
            let n = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw InvalidInput(field: field, reason: "“\(text)”不是规范的数字 (not a plain decimal number)")
        }
        if percent && (n > 100 || parts[0].count == 3 && parts[0] != "100") {
            throw InvalidInput(field: field, reason: "百分比应在 0 到 100 之间 (a percentage is 0 to 100)")
        }
        return n
    }

    /// Trimmed text, within `DocumentLimits` (length, no control or direction-override characters).
    static func text(_ s: String, field: String, max: Int) throws -> String {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw InvalidInput(field: field, reason: "不能为空 (required)") }
        if let problem = DocumentLimits.problem(t, max: max) { throw InvalidInput(field: field, reason: problem) }
        return t
    }

    static func optionalText(_ s: String?, field: String, max: Int) throws -> String? {
        guard let s, !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try text(s, field: field, max: max)
    }

    static func plan(_ p: Components.Schemas.PlanInput?, field: String) throws -> SpendingPlan {
        guard let p else { return SpendingPlan() }
        let values = [
            try decimal(p.mar, field: field + ".mar", percent: true), try decimal(p.jun, field: field + ".jun", percent: true),
            try decimal(p.oct, field: field + ".oct", percent: true), try decimal(p.dec, field: field + ".dec", percent: true),
        ]
        let raw = values.map { $0.map { "\($0)%" } ?? "" }.filter { !$0.isEmpty }.joined(separator: " ")
        return SpendingPlan(mar: values[0], jun: values[1], oct: values[2], dec: values[3], raw: raw.isEmpty ? nil : raw)
    }

    static func indicator(_ i: Components.Schemas.IndicatorInput, field: String) throws -> Indicator {
        let value = try text(i.value, field: field + ".value", max: 500)
        return Indicator(
            level1: try text(i.level1, field: field + ".level1", max: 50), level2: try text(i.level2, field: field + ".level2", max: 50),
            level3: try text(i.level3, field: field + ".level3", max: 500),
            description: try optionalText(i.description, field: field + ".description", max: 2000), value: value,
            basis: try optionalText(i.basis, field: field + ".basis", max: 2000), target: ValueReader.read(value),
            weight: try decimal(i.weight, field: field + ".weight"))
    }

    /// A project from the edit form, keeping what the form does not carry (seq, unit, period) from `old`.
    static func project(_ p: Components.Schemas.ProjectInput, keeping old: Project?) throws -> Project {
        guard p.indicators.count <= 200 else { throw InvalidInput(field: "project.indicators", reason: "最多 200 行 (at most 200 rows)") }
        guard (p.goals ?? []).count <= 50 else { throw InvalidInput(field: "project.goals", reason: "最多 50 条 (at most 50 goals)") }
        var project = old ?? Project(name: "")
        project.name = try text(p.name, field: "project.name", max: 500)
        project.code = try optionalText(p.code, field: "project.code", max: 40)
        project.moneyUnit = p.moneyUnit == .元 ? .yuan : .tenThousandYuan
        project.budget = Budget(
            total: try decimal(p.budgetTotal, field: "project.budgetTotal"), fiscal: try decimal(p.budgetFiscal, field: "project.budgetFiscal"),
            other: try decimal(p.budgetOther, field: "project.budgetOther"))
        project.purpose = try optionalText(p.purpose, field: "project.purpose", max: 2000)
        project.spendingPlan = try plan(p.plan, field: "project.plan")
        project.goals = try (p.goals ?? []).enumerated().compactMap { k, g in try optionalText(g, field: "project.goals[\(k)]", max: 2000) }
        project.indicators = try p.indicators.enumerated().map { k, i in try indicator(i, field: "project.indicators[\(k)]") }
        project.complete = true
        return project
    }
}
