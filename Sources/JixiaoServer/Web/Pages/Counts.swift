import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoReview
import JixiaoStore
import Mustache

/// Findings by severity (the `counts` partial).
struct SeverityCounts {
    var errors: Int
    var warnings: Int
    var infos: Int

    init(_ counts: [Severity: Int]) {
        errors = counts[.error] ?? 0
        warnings = counts[.warning] ?? 0
        infos = counts[.info] ?? 0
    }

    init(_ findings: [Finding]) { self.init(Dictionary(findings.map { ($0.severity, 1) }, uniquingKeysWith: +)) }
}

// MARK: Home
