import Foundation
import JixiaoModel
import JixiaoReader
import JixiaoTestSupport
import Testing

@testable import JixiaoReview

/// The real 自评表 of ../shared/corpus/self-evaluations re-checked: every inconsistency their keys'
/// notes name is found, and nothing on the rows the notes call consistent.
@Suite(.needsShared) struct SelfEvaluationReviewTests {
    static func findings(_ name: String) throws -> [Finding] {
        let folder = Shared.folder.appendingPathComponent("corpus/self-evaluations")
        let data = try Data(contentsOf: folder.appendingPathComponent("\(name).txt"))
        return ReviewEngine().review(try DocumentReader.read(data).document)
    }

    /// `rule@row` (row 0 for the table).
    static func marks(_ findings: [Finding]) -> Set<String> { Set(findings.map { "\($0.rule)@\($0.indicator ?? 0)" }) }

    @Test func yunnanMetButScoredSevenAndAMissScoredBelowItsProportion() throws {
        // 资金到位及时率 100% against ≧100% scored 7 of 10; 政策知晓率 98% against 100% scored 9 (9.8 by
        // the formula) with no reason given. Sums (100 points, 96 = 86 + 10) and the grade 优 hold.
        let found = try Self.findings("01_yongde-minglang-zhongxue-2022-yingyang-gaishan")
        #expect(Self.marks(found) == ["self-score-formula@3", "self-score-formula@6", "self-shortfall-reason@6"])
        let formula = try #require(found.first { $0.rule == "self-score-formula" && $0.indicator == 3 })
        #expect(formula.message.contains("应得 10 分") && formula.message.contains("表中为 7 分"))
        #expect(found.first { $0.indicator == 6 && $0.rule == "self-score-formula" }?.message.contains("9.8") == true)
    }

    @Test func hebeiFoldedScoresAreFarFromTheFormula() throws {
        // Every row met, yet folded to weight²/100 (6.25 of 25): the form looks mis-filled.
        let found = try Self.findings("07_hebei-chengan-minzheng-2020-bailao-jintie")
        #expect(Self.marks(found) == ["self-score-formula@1", "self-score-formula@2", "self-score-formula@3", "self-score-formula@4"])
        #expect(found.allSatisfy { $0.category == .score })
    }

    @Test func consistentTablesPassClean() throws {
        // Anhui's (cut off before its total, sub-rows without points) and a department's 20/80 table
        // without a 分值 column: nothing to report.
        #expect(try Self.findings("05_xiaoxian-zhangzhuangzhai-2023-tese-zhongyang").isEmpty)
        #expect(try Self.findings("10_tanghu-zhen-2020-bumen-zhengti").isEmpty)
    }
}
