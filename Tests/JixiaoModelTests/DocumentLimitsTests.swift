import Testing

@testable import JixiaoModel

/// What a stored document may hold, however it came in.
@Suite struct DocumentLimitsTests {
    static let document = TargetDocument(
        fiscalYear: 2025, department: Department(name: "测试单位"), overview: Overview(overallGoals: ["目标"]),
        projects: [Project(name: "项目", indicators: [Indicator(level1: "产出指标", level2: "数量指标", level3: "次数", value: "≥1次", target: .qualitative("≥1次"))])])

    @Test func aDocumentWithinTheLimitsPasses() {
        #expect(DocumentLimits.violation(in: Self.document) == nil)
        // Tabs and line breaks are text; Chinese punctuation and emoji are characters like any other.
        var d = Self.document
        d.projects[0].goals = ["第一行\n第二行\t（续）😀"]
        #expect(DocumentLimits.violation(in: d) == nil)
    }

    @Test func eachLimitNamesItsPlace() {
        var long = Self.document
        long.projects[0].name = String(repeating: "长", count: DocumentLimits.name + 1)
        #expect(DocumentLimits.violation(in: long)?.field == "projects[0].name")
        var nul = Self.document
        nul.projects[0].indicators[0].value = "≥1\u{0}次"
        #expect(DocumentLimits.violation(in: nul)?.field == "projects[0].indicators[0].value")
        var bidi = Self.document
        bidi.department.name = "单位\u{202E}名"
        #expect(DocumentLimits.violation(in: bidi)?.field == "department.name")
        var isolate = Self.document
        isolate.overview.overallGoals = ["\u{2066}目标\u{2069}"]
        #expect(DocumentLimits.violation(in: isolate)?.field == "overview.overallGoals[0]")
        var rows = Self.document
        rows.projects[0].indicators = Array(repeating: rows.projects[0].indicators[0], count: DocumentLimits.indicators + 1)
        #expect(DocumentLimits.violation(in: rows)?.field == "projects[0].indicators")
        #expect(DocumentLimits.problem("a\u{85}b", max: 10) != nil)  // a C1 control
    }
}
