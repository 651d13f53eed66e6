import Foundation

/// One department's performance-target disclosure for one fiscal year (部门预算绩效目标).
/// Field meanings follow `document.schema.json` (the `jixiao/1` form).
public struct TargetDocument: Sendable, Equatable {
    public var source: Source?
    public var fiscalYear: Int?
    public var department: Department
    public var overview: Overview
    public var projects: [Project]
    public var kind: Kind

    /// A 绩效目标 document, or a 绩效自评表 published after the year (self-evaluation.md).
    public enum Kind: String, Sendable, Equatable { case targets, selfEvaluation = "self-evaluation" }

    public init(
        source: Source? = nil, fiscalYear: Int? = nil, department: Department,
        overview: Overview = Overview(), projects: [Project] = [], kind: Kind = .targets
    ) {
        self.source = source
        self.fiscalYear = fiscalYear
        self.department = department
        self.overview = overview
        self.projects = projects
        self.kind = kind
    }

    public struct Source: Sendable, Equatable {
        public var name: String?
        public var sha256: String?
        public init(name: String? = nil, sha256: String? = nil) {
            self.name = name
            self.sha256 = sha256
        }
    }
}

public struct Department: Sendable, Equatable {
    /// Budget unit code as printed (e.g. 483001).
    public var code: String?
    public var name: String
    /// 6-digit administrative division code (GB/T 2260).
    public var regionCode: String?
    public init(code: String? = nil, name: String, regionCode: String? = nil) {
        self.code = code
        self.name = name
        self.regionCode = regionCode
    }
}

/// 部门整体绩效目标.
public struct Overview: Sendable, Equatable {
    public var overallGoals: [String]
    public var subGoals: [Section]
    public var measures: [Section]
    public init(overallGoals: [String] = [], subGoals: [Section] = [], measures: [Section] = []) {
        self.overallGoals = overallGoals
        self.subGoals = subGoals
        self.measures = measures
    }

    public struct Section: Sendable, Equatable {
        public var title: String
        public var text: String
        public init(title: String, text: String = "") {
            self.title = title
            self.text = text
        }
    }
}

/// 预算项目绩效目标表: one budget project.
public struct Project: Sendable, Equatable {
    public var seq: Int?
    public var code: String?
    public var name: String
    public var unit: BudgetUnit
    public var moneyUnit: MoneyUnit
    public var budget: Budget
    public var purpose: String?
    public var spendingPlan: SpendingPlan
    public var goals: [String]
    public var indicators: [Indicator]
    /// False when the source text ends inside this table.
    public var complete: Bool
    public var period: String?
    public var periodGoals: [String]
    public var kind: Kind
    /// Self-evaluations only: the execution, total and grade as printed.
    public var printed: PrintedEvaluation?

    /// A budget project, or a department-wide (部门整体 / 单位整体) table read as one entry.
    public enum Kind: String, Sendable, Equatable { case project, department }

    public init(
        seq: Int? = nil, code: String? = nil, name: String, unit: BudgetUnit = BudgetUnit(),
        moneyUnit: MoneyUnit = .tenThousandYuan, budget: Budget = Budget(), purpose: String? = nil,
        spendingPlan: SpendingPlan = SpendingPlan(), goals: [String] = [], indicators: [Indicator] = [],
        complete: Bool = true, period: String? = nil, periodGoals: [String] = [], kind: Kind = .project,
        printed: PrintedEvaluation? = nil
    ) {
        self.seq = seq
        self.code = code
        self.name = name
        self.unit = unit
        self.moneyUnit = moneyUnit
        self.budget = budget
        self.purpose = purpose
        self.spendingPlan = spendingPlan
        self.goals = goals
        self.indicators = indicators
        self.complete = complete
        self.period = period
        self.periodGoals = periodGoals
        self.kind = kind
        self.printed = printed
    }
}

/// What a 自评表 prints beside its targets: the budget's execution, the total and the grade, each
/// as printed (even where wrong: reading records, review judges); nil where not printed.
public struct PrintedEvaluation: Sendable, Equatable {
    /// 全年预算数 (else 预算数), 全年执行数, 执行率 (percent), and the budget item's 分值 and 得分.
    public var planned: Decimal?
    public var executed: Decimal?
    public var rate: Decimal?
    public var budgetPoints: Decimal?
    public var budgetScore: Decimal?
    /// 总分: its points (usually 100) and the score awarded.
    public var totalPoints: Decimal?
    public var totalScore: Decimal?
    /// 自评等级 (优 / 良 / 中 / 差 …).
    public var grade: String?
    /// 实际完成情况 beside the 年度目标.
    public var achieved: [String]

    public init(
        planned: Decimal? = nil, executed: Decimal? = nil, rate: Decimal? = nil, budgetPoints: Decimal? = nil, budgetScore: Decimal? = nil,
        totalPoints: Decimal? = nil, totalScore: Decimal? = nil, grade: String? = nil, achieved: [String] = []
    ) {
        self.planned = planned
        self.executed = executed
        self.rate = rate
        self.budgetPoints = budgetPoints
        self.budgetScore = budgetScore
        self.totalPoints = totalPoints
        self.totalScore = totalScore
        self.grade = grade
        self.achieved = achieved
    }
}

/// The budget unit printed above a table; it may be a subordinate of the department.
public struct BudgetUnit: Sendable, Equatable {
    public var code: String?
    public var name: String?
    public init(code: String? = nil, name: String? = nil) {
        self.code = code
        self.name = name
    }
}

public enum MoneyUnit: String, Sendable, Equatable, CaseIterable {
    case tenThousandYuan = "万元"
    case yuan = "元"

    /// How many yuan one unit is.
    public var yuanPerUnit: Decimal { self == .yuan ? 1 : 10_000 }
}

/// Amounts in the table's money unit. Exact decimals: money is never Double arithmetic.
public struct Budget: Sendable, Equatable {
    public var total: Decimal?
    public var fiscal: Decimal?
    public var other: Decimal?
    public init(total: Decimal? = nil, fiscal: Decimal? = nil, other: Decimal? = nil) {
        self.total = total
        self.fiscal = fiscal
        self.other = other
    }
}

/// 资金支出计划: cumulative percent of the budget spent by each checkpoint.
public struct SpendingPlan: Sendable, Equatable {
    public var mar: Decimal?
    public var jun: Decimal?
    public var oct: Decimal?
    public var dec: Decimal?
    /// The cells as written, joined by single spaces.
    public var raw: String?
    public init(mar: Decimal? = nil, jun: Decimal? = nil, oct: Decimal? = nil, dec: Decimal? = nil, raw: String? = nil) {
        self.mar = mar
        self.jun = jun
        self.oct = oct
        self.dec = dec
        self.raw = raw
    }

    public var checkpoints: [Decimal?] { [mar, jun, oct, dec] }
}

/// One row of the three-level indicator table.
public struct Indicator: Sendable, Equatable {
    public var level1: String
    public var level2: String
    public var level3: String
    public var description: String?
    /// 指标值 as written, with any unit cell beside it.
    public var value: String
    public var basis: String?
    public var target: Target
    public var weight: Decimal?
    /// Self-evaluations: 实际完成值 as written, the row's 分值 and 得分 as printed, and its
    /// 偏差原因分析及改进措施 (nil when blank or 无).
    public var actual: String?
    public var points: Decimal?
    public var score: Decimal?
    public var deviation: String?

    public init(
        level1: String, level2: String, level3: String, description: String? = nil, value: String,
        basis: String? = nil, target: Target, weight: Decimal? = nil, actual: String? = nil, points: Decimal? = nil,
        score: Decimal? = nil, deviation: String? = nil
    ) {
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.description = description
        self.value = value
        self.basis = basis
        self.target = target
        self.weight = weight
        self.actual = actual
        self.points = points
        self.score = score
        self.deviation = deviation
    }
}

public enum ComparisonOperator: String, Sendable, Equatable, CaseIterable {
    case atLeast = "≥"
    case atMost = "≤"
    case equal = "="
    case greater = ">"
    case less = "<"
}

/// A target value read as a comparison when it can be.
public struct Target: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case quantitative, qualitative }

    public var kind: Kind
    public var op: ComparisonOperator?
    public var number: Decimal?
    public var unit: String?
    public var text: String?
    public var ambiguous: Bool

    public init(
        kind: Kind, op: ComparisonOperator? = nil, number: Decimal? = nil, unit: String? = nil,
        text: String? = nil, ambiguous: Bool = false
    ) {
        self.kind = kind
        self.op = op
        self.number = number
        self.unit = unit
        self.text = text
        self.ambiguous = ambiguous
    }

    public static func qualitative(_ text: String, ambiguous: Bool = false) -> Target {
        Target(kind: .qualitative, text: text, ambiguous: ambiguous)
    }
}

extension Project {
    /// The custom property of a workbook written by Jixiao that names the tables cut off in their
    /// source (1-based, in sheet order): the cells alone cannot show it.
    public static let incompleteWorkbookProperty = "jixiao.incomplete"
    /// Printed under a table cut off in its source (the workbook's footer, the print view's last row),
    /// and read back as saying so.
    public static let incompleteNote = "原文件中此表不完整：文件在表格中途结束"
}
