import Foundation

/// What changed from one year's targets of a unit to the next (or between any two documents): projects
/// added and dropped (matched by code, else by name without its year), and for a project in both its
/// budget and its indicators — added, dropped, and targets made stricter or looser by their direction.
public struct YearOverYear: Sendable, Equatable {
    public enum ProjectChange: Sendable, Equatable {
        case added(Project)
        case dropped(Project)
        case changed(ProjectDiff)
    }

    public struct ProjectDiff: Sendable, Equatable {
        public var before: Project
        public var after: Project
        public var indicators: [IndicatorChange]
        /// The budget's change, percent of the year before (nil when either year has none).
        public var budgetChange: Decimal? {
            guard let a = before.budget.total, let b = after.budget.total, a > 0 else { return nil }
            let yuanA = a * before.moneyUnit.yuanPerUnit, yuanB = b * after.moneyUnit.yuanPerUnit
            return ((yuanB - yuanA) / yuanA * 100).rounded(2)
        }
        /// More money with no output (数量) target made stricter: what a bureau asks about first.
        public var moreMoneyForTheSameOutput: Bool {
            guard let change = budgetChange, change >= 20 else { return false }
            return !indicators.contains { $0.kind == .stricter && IndicatorFramework.level2(named: $0.level2) == .quantity }
        }
    }

    public struct IndicatorChange: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            case added, dropped
            /// The same indicator asks for more (a higher floor, a lower cap), or less.
            case stricter, looser
            /// Its value changed in a way that has no direction (words, another unit).
            case changed
        }
        public var kind: Kind
        public var level2: String
        public var name: String
        public var before: String?
        public var after: String?
    }

    public var changes: [ProjectChange]

    public init(from before: TargetDocument, to after: TargetDocument) {
        var changes: [ProjectChange] = []
        var unmatched = before.projects
        for project in after.projects {
            if let k = unmatched.firstIndex(where: { Self.same($0, project) }) {
                let old = unmatched.remove(at: k)
                let indicators = Self.indicators(from: old, to: project)
                if !indicators.isEmpty || old.budget.total != project.budget.total {
                    changes.append(.changed(ProjectDiff(before: old, after: project, indicators: indicators)))
                }
            } else {
                changes.append(.added(project))
            }
        }
        changes += unmatched.map(ProjectChange.dropped)
        self.changes = changes
    }

    /// The same project in two years: the same code, else the same name once its year is taken off
    /// (`2024年网络运行维护费` is `2025年网络运行维护费` a year on).
    public static func same(_ a: Project, _ b: Project) -> Bool {
        if let x = a.code, let y = b.code, !x.isEmpty, !y.isEmpty, x == y { return true }
        return yearless(a.name) == yearless(b.name)
    }

    static func yearless(_ name: String) -> String {
        var s = Substring(name.filter { !$0.isWhitespace })
        if s.count > 5, s.prefix(4).allSatisfy({ $0.isASCII && $0.isNumber }), s.dropFirst(4).first == "年" { s = s.dropFirst(5) }
        if s.hasPrefix("度") { s = s.dropFirst() }
        return String(s)
    }

    public static func indicators(from old: Project, to new: Project) -> [IndicatorChange] {
        func key(_ i: Indicator) -> String { i.level3.filter { !$0.isWhitespace } }
        var out: [IndicatorChange] = []
        var before = old.indicators
        for i in new.indicators {
            guard let k = before.firstIndex(where: { key($0) == key(i) }) else {
                out.append(IndicatorChange(kind: .added, level2: i.level2, name: i.level3, before: nil, after: i.value))
                continue
            }
            let was = before.remove(at: k)
            guard was.value.filter({ !$0.isWhitespace }) != i.value.filter({ !$0.isWhitespace }) else { continue }
            out.append(IndicatorChange(kind: direction(from: was.target, to: i.target), level2: i.level2, name: i.level3, before: was.value, after: i.value))
        }
        out += before.map { IndicatorChange(kind: .dropped, level2: $0.level2, name: $0.level3, before: $0.value, after: nil) }
        return out
    }

    /// Stricter or looser by the target's direction, where both years read as numbers of one kind.
    static func direction(from a: Target, to b: Target) -> IndicatorChange.Kind {
        let d = Direction(a)
        guard d == Direction(b), (a.unit ?? "") == (b.unit ?? ""), let x = a.number, let y = b.number, x != y else { return .changed }
        switch d {
        case .positive, .equal: return y > x ? .stricter : .looser
        case .reverse: return y < x ? .stricter : .looser
        case .qualitative, .undetermined: return .changed
        }
    }
}
