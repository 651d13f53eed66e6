import Foundation
import JixiaoModel

/// A rule of the catalog: a value with an id, a category, a default severity, tunable
/// parameters, what it checks and where that comes from, and the check itself.
public struct Rule: Sendable {
    public enum Scope: Sendable { case document, project }

    public let id: String
    public let category: FindingCategory
    public let severity: Severity
    public let scope: Scope
    /// The kind of document the rule reads: a target table's rules say nothing of a 自评表's scores.
    public let appliesTo: TargetDocument.Kind
    /// What it checks, in Chinese, for `jixiao rules`.
    public let summary: String
    /// The rule's basis: the national rule or practice it rests on.
    public let basis: String
    /// Default values of the parameters a bureau may tune.
    public let parameters: [String: RuleParameter]
    let check: @Sendable (RuleInput) -> [Hit]

    init(
        _ id: String, _ category: FindingCategory, _ severity: Severity, scope: Scope = .project, appliesTo: TargetDocument.Kind = .targets,
        summary: String,
        basis: String, parameters: [String: RuleParameter] = [:], check: @escaping @Sendable (RuleInput) -> [Hit]
    ) {
        self.id = id
        self.category = category
        self.severity = severity
        self.scope = scope
        self.appliesTo = appliesTo
        self.summary = summary
        self.basis = basis
        self.parameters = parameters
        self.check = check
    }
}

/// A tunable value: a number (a threshold) or a list of words.
public enum RuleParameter: Sendable, Equatable {
    case number(Decimal)
    case words([String])

    var number: Decimal? { if case let .number(n) = self { n } else { nil } }
    var words: [String]? { if case let .words(w) = self { w } else { nil } }
}

/// What a check reports; the engine adds the rule's id, category, severity and basis.
struct Hit: Sendable {
    var project: Int?
    var indicator: Int?
    var field: String?
    var message: String

    init(project: Int? = nil, indicator: Int? = nil, field: String? = nil, _ message: String) {
        self.project = project
        self.indicator = indicator
        self.field = field
        self.message = message
    }
}

/// One indicator with what the review works out about it once. A class, so that rules pass
/// it around without copying its strings.
final class IndicatorFacts: Sendable {
    let indicator: Indicator
    /// 1-based row.
    let row: Int
    let nature: IndicatorNature
    /// The nature from the name and unit alone, to judge the 二级 it is filed under.
    let natureByName: IndicatorNature
    let level1: IndicatorFramework.Level1?
    let level2: IndicatorFramework.Level2?
    /// Texts without white space, for comparing cells.
    let squeezedName: String
    let squeezedDescription: String
    let squeezedValue: String
    let squeezedBasis: String
    let valueIsBasisDocument: Bool
    let placeholderOne: Bool
    /// What the name and the description each measure, for description-mismatch.
    let nameMeasures: Measure
    let descriptionMeasures: Measure

    struct Measure: Sendable {
        var money = false, counts = false, satisfaction = false
        static let matcher = KeywordMatcher(groups: [["费用", "经费", "成本", "工资", "价格"], IndicatorNature.satisfactionWords])
        init(_ text: String) {
            let m = Self.matcher.groups(in: text)
            money = m & 1 != 0
            satisfaction = m & 2 != 0
            counts = ["次数", "数量", "人数", "个数"].contains(where: text.endsWith)
        }
    }

    init(_ i: Indicator, row: Int) {
        indicator = i
        self.row = row
        let level2 = IndicatorFramework.level2(named: i.level2)
        let words = IndicatorNature.Words(i)
        nature = words.nature(level2: level2)
        natureByName = words.nature(level2: nil)
        level1 = IndicatorFramework.level1(named: i.level1)
        self.level2 = level2
        squeezedName = squeezed(i.level3)
        squeezedDescription = squeezed(i.description ?? "")
        squeezedValue = squeezed(i.value)
        squeezedBasis = squeezed(i.basis ?? "")
        valueIsBasisDocument = RuleCatalog.isBasisDocument(i.value)
        nameMeasures = Measure(i.level3)
        descriptionMeasures = Measure(i.description ?? "")
        placeholderOne = i.target.kind == .qualitative && i.value.beginsWith("1") && !(i.value.dropFirst().first?.isNumber ?? true)
    }

    /// The 三级 name as people read it in a message.
    var name: String { indicator.level3.isEmpty ? (indicator.description ?? "") : indicator.level3 }
    var target: Target { indicator.target }
    var op: ComparisonOperator? { indicator.target.op }
}

/// What every rule sees of one project (or of the document, for document rules), built once.
final class ReviewSubject: Sendable {
    let document: TargetDocument
    /// 1-based.
    let projectNumber: Int?
    let project: Project?
    let indicators: [IndicatorFacts]
    /// For a self-evaluation: the same project in the unit's targets of that year, when they are known.
    let targets: Project?
    /// For targets: the same project in the unit's targets of the year before, when they are known.
    let lastYear: Project?
    /// What other units write for the same indicators, when it is known.
    let peers: IndicatorLibrary?

    init(
        document: TargetDocument, projectNumber: Int?, project: Project?, indicators: [IndicatorFacts], targets: Project? = nil,
        lastYear: Project? = nil, peers: IndicatorLibrary? = nil
    ) {
        self.document = document
        self.projectNumber = projectNumber
        self.project = project
        self.indicators = indicators
        self.targets = targets
        self.lastYear = lastYear
        self.peers = peers
    }
}

/// A rule's parameters as the profile sets them, with word lists made into sets once.
struct RuleSettings: Sendable {
    let parameters: [String: RuleParameter]
    let wordSets: [String: Set<ByteKey>]
    /// Word lists of `a:b` pairs, split once.
    let pairLists: [String: [(String, String)]]

    init(_ parameters: [String: RuleParameter]) {
        self.parameters = parameters
        wordSets = parameters.compactMapValues { $0.words.map { Set($0.map(ByteKey.init)) } }
        pairLists = parameters.compactMapValues { p in
            p.words.map { words in
                words.compactMap { w in
                    let parts = w.split(separator: ":")
                    return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                }
            }
        }
    }
}

/// What a check sees: the subject (the document, or one project with its indicators
/// classified) and the rule's settings.
struct RuleInput: Sendable {
    let subject: ReviewSubject
    let settings: RuleSettings

    var document: TargetDocument { subject.document }
    var projectNumber: Int? { subject.projectNumber }
    var project: Project? { subject.project }
    var indicators: [IndicatorFacts] { subject.indicators }
    var targets: Project? { subject.targets }
    var lastYear: Project? { subject.lastYear }
    var peers: IndicatorLibrary? { subject.peers }

    func number(_ name: String) -> Decimal { settings.parameters[name]?.number ?? 0 }
    func words(_ name: String) -> [String] { settings.parameters[name]?.words ?? [] }
    func wordSet(_ name: String) -> Set<ByteKey> { settings.wordSets[name] ?? [] }
    func pairs(_ name: String) -> [(String, String)] { settings.pairLists[name] ?? [] }

    /// A hit on one indicator of this project.
    func at(_ f: IndicatorFacts, field: String = "value", _ message: String) -> Hit {
        Hit(project: projectNumber, indicator: f.row, field: field, message)
    }

    /// A hit on this project as a whole.
    func onProject(field: String? = nil, _ message: String) -> Hit {
        Hit(project: projectNumber, field: field, message)
    }
}
