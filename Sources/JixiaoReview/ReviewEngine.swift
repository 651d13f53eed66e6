import Foundation
import JixiaoModel

/// Runs the catalog, as a profile tunes it, over a document.
public struct ReviewEngine: Sendable {
    struct ActiveRule: Sendable {
        let rule: Rule
        let severity: Severity
        let settings: RuleSettings
    }

    public let profile: ReviewProfile
    let active: [ActiveRule]

    public init(profile: ReviewProfile = .national, catalog: [Rule] = RuleCatalog.all) {
        self.profile = profile
        active = catalog.compactMap { rule in
            let setting = profile.rules[rule.id]
            guard setting?.enabled ?? true else { return nil }
            return ActiveRule(
                rule: rule, severity: setting?.severity ?? rule.severity,
                settings: RuleSettings(rule.parameters.merging(setting?.parameters ?? [:]) { _, tuned in tuned }))
        }
    }

    /// The findings on a document; a self-evaluation is also compared with the unit's `targets` of
    /// the same year when they are given (a target lowered, an indicator dropped), targets with the
    /// unit's targets of the year before (`lastYear`: a target made looser without a basis), and with what
    /// other units write for the same indicators (`peers`: a target far laxer than theirs).
    public func review(
        _ document: TargetDocument, targets: TargetDocument? = nil, lastYear: TargetDocument? = nil, peers: IndicatorLibrary? = nil
    ) -> [Finding] {
        var findings: [Finding] = []
        let whole = ReviewSubject(document: document, projectNumber: nil, project: nil, indicators: [])
        for a in active where a.rule.scope == .document && a.rule.appliesTo == document.kind {
            findings += a.rule.check(RuleInput(subject: whole, settings: a.settings)).map { finding($0, a, document) }
        }
        for (k, project) in document.projects.enumerated() {
            let facts = project.indicators.enumerated().map { row, i in IndicatorFacts(i, row: row + 1) }
            let subject = ReviewSubject(
                document: document, projectNumber: k + 1, project: project, indicators: facts, targets: targets.flatMap { Self.same(project, in: $0) },
                lastYear: lastYear.flatMap { $0.projects.first { YearOverYear.same($0, project) } }, peers: peers)
            for a in active where a.rule.scope == .project && a.rule.appliesTo == document.kind {
                findings += a.rule.check(RuleInput(subject: subject, settings: a.settings)).map { finding($0, a, document) }
            }
        }
        let order = Dictionary(uniqueKeysWithValues: active.enumerated().map { ($1.rule.id, $0) })
        return findings.sorted {
            ($0.project ?? 0, $0.indicator ?? 0, order[$0.rule] ?? 0) < ($1.project ?? 0, $1.indicator ?? 0, order[$1.rule] ?? 0)
        }
    }

    /// The project of `document` that `project` is (`YearOverYear.same`: the same code, else the same
    /// name); a department's table is the one table of a department's document.
    static func same(_ project: Project, in document: TargetDocument) -> Project? {
        document.projects.first { YearOverYear.same($0, project) && $0.kind == project.kind }
            ?? (document.projects.count == 1 && project.kind == .department ? document.projects.first : nil)
    }

    private func finding(_ hit: Hit, _ a: ActiveRule, _ document: TargetDocument) -> Finding {
        Finding(
            rule: a.rule.id, category: a.rule.category, severity: a.severity, project: hit.project,
            projectCode: hit.project.flatMap { document.projects[$0 - 1].code }, indicator: hit.indicator, field: hit.field,
            message: hit.message, basis: a.rule.basis)
    }
}
