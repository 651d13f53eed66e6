import Foundation
import JixiaoModel
import Testing

@Suite struct ModelTests {
    @Test func frameworkKnowsTheAliasesDocumentsUse() {
        #expect(IndicatorFramework.level1(named: "效果指标") == .effect)
        #expect(IndicatorFramework.level2(named: "可持续性影响") == .sustainable)
        #expect(IndicatorFramework.level2(named: "社会公众或服务对象满意度指标") == .satisfaction)
        #expect(IndicatorFramework.level2(named: "产出值") == .quantity)
        #expect(IndicatorFramework.Level2.cost.level1 == .output)
    }

    @Test func moneyIsExact() throws {
        let doc = TargetDocument(
            department: Department(name: "测试"),
            projects: [
                Project(name: "p", budget: Budget(total: Decimal(string: "0.1")! + Decimal(string: "0.2")!))
            ])
        let json = DocumentJSON.encode(doc)
        #expect(json.contains("\"total\": 0.3"))
        let back = try DocumentJSON.decode(Data(json.utf8))
        #expect(back.projects[0].budget.total == Decimal(string: "0.3"))
    }

    @Test func rejectsOtherFormats() {
        #expect(throws: (any Error).self) { try DocumentJSON.decode(Data(#"{"format":"x/2"}"#.utf8)) }
        #expect(throws: (any Error).self) { try DocumentJSON.decode(Data("[1,".utf8)) }
    }
}

/// Numbers written for tables and reports, exactly.
@Suite struct DecimalTextTests {
    @Test func writtenWithTheDecimalsATableWants() {
        #expect(Decimal(6).written(decimals: 2) == "6.00")
        #expect(Decimal(string: "29.255")!.written(decimals: 2) == "29.255")
        #expect(Decimal(string: "29.255")!.written(decimals: 2, upTo: 2) == "29.26")
        // 1.005 is 1.00499999… as a Double; as a decimal it rounds up.
        #expect(Decimal(string: "1.005")!.written(decimals: 2, upTo: 2) == "1.01")
        #expect(Decimal(string: "86.25")!.written(decimals: 1, upTo: 1) == "86.3")
        #expect(Decimal(string: "-0.5")!.written(decimals: 0, upTo: 0) == "-1")
        #expect(Decimal(100).written(decimals: 0) == "100")
    }
}
