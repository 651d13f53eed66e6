import Foundation
import JixiaoEvaluation
import JixiaoModel

extension SelfEvaluationTable {
    /// `316001 秦皇岛市抚宁区行政审批局本级` above each table.
    public static func unitLine(_ d: TargetDocument) -> String { [d.department.code, d.department.name].compactMap { $0 }.joined(separator: " ") }

    /// Every project of a document scored on the actuals reported for it, as the 自评表 files it: the
    /// one mapping from scores to the table, for the page, the workbook, the CSV and the CLI.
    public static func all(
        _ d: TargetDocument, actuals: [Int: ProjectActuals], profile: EvaluationProfile
    ) -> [(table: SelfEvaluationTable, score: ProjectScore)] {
        d.projects.enumerated().map { k, p in
            let reported = actuals[k + 1]
            let score = SelfEvaluation.project(p, position: k + 1, actuals: reported ?? ProjectActuals(), profile: profile)
            let rows = score.indicators.map { i in
                Row(
                    level1: i.level1, level2: p.indicators[i.row - 1].level2, name: i.name, target: p.indicators[i.row - 1].value,
                    actual: p.indicators[i.row - 1].actual ?? i.actual?.value.map { "\($0)" } ?? i.actual?.grade?.rawValue ?? "—", weight: i.weight,
                    score: i.score,
                    explanation: i.actual?.explanation ?? "", printed: i.printed)
            }
            let table = SelfEvaluationTable(
                position: k + 1, name: p.name, year: d.fiscalYear, moneyUnit: p.moneyUnit.rawValue, budget: p.budget.total, spent: reported?.spent(by: 12),
                rate: percent(score.budgetRate), budgetWeight: score.budgetWeight,
                budgetScore: score.budgetScore, rows: rows, total: score.total, grade: score.grade, reported: score.reported, printed: p.printed)
            return (table, score)
        }
    }
}

/// A rate as the tables print it: one decimal at most (`90%`, `97.5%`), `—` when there is none.
public func percent(_ d: Decimal?) -> String { d.map { $0.written(decimals: 1, upTo: 1) + "%" } ?? "—" }
