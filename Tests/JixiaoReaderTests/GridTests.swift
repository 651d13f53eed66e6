import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoReader

/// Hand-made tables in each layout and label form the grid reader reads: one feature per test, the
/// expected reading worked out by hand.
@Suite struct GridTests {
    static func read(_ text: String) throws -> TargetDocument { try DocumentReader.read(Data(text.utf8)).document }

    /// name, value, level1, level2 of each indicator, for comparing at a glance.
    static func rows(_ p: Project) -> [String] {
        p.indicators.map { "\($0.level1)/\($0.level2)/\($0.level3)=\($0.value)" }
    }

    @Test func cellsAsPipeLinesWithRowsStartingAtABar() throws {
        // An HTML table flattened to `cell |` lines: a row starts at a line beginning with `|`, merged
        // cells are left out of the rows they span.
        let doc = try Self.read(
            """
            测试局2023年项目支出绩效目标申报表
            |
            项目支出名称 |
            道路清扫服务 |
            预算部门 |
            测试局 |
            |||
            |
            年度本级 预算金额 |
            120万 |
            |
            本年度绩效目标 |
            完成道路清扫 |
            |
            本年度 绩效指标 |
            一级指标 |
            二级指标 |
            三级指标 |
            指标值及单位 |
            绩效标准 |
            |
            产出指标 |
            数量指标 |
            清扫道路长度 |
            ≥30公里 |
            计划标准 |
            |
            保洁车辆数 |
            5辆 |
            行业标准 |
            |
            效益指标 |
            生态效益指标 |
            |
            |
            |
            社会公众或服务对象满意度指标 |
            市民满意度 |
            ≥90% |
            计划标准 |
            |
            财政部门审核意见 |
            """)
        let p = try #require(doc.projects.first)
        #expect(doc.fiscalYear == 2023)
        #expect(doc.department.name == "测试局")
        #expect(p.name == "道路清扫服务")
        #expect(p.unit.name == "测试局")
        #expect(p.budget.total == 120)
        #expect(p.goals == ["完成道路清扫"])
        #expect(Self.rows(p) == ["产出指标/数量指标/清扫道路长度=≥30公里", "产出指标/数量指标/保洁车辆数=5辆", "效益指标/社会公众或服务对象满意度指标/市民满意度=≥90%"])
        #expect(p.indicators.map(\.basis) == ["计划标准", "行业标准", "计划标准"])
        #expect(p.complete)
    }

    @Test func aFlatGridOfSeveralProjectsWithSplitValues() throws {
        // One grid for all projects (Sichuan): the project's cells only on its first row, money in
        // 元 with thousands separators, the value split over 指标性质 / 指标值 / 度量单位, 权重 dropped.
        let doc = try Self.read(
            """
            | 部门预算项目绩效目标申报表(2024年度) | |||
            | 金额单位:元 | |||
            | 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性 |
            | 101-测试镇部门 | 1,500,000.00 | |||
            | 101001-测试镇人民政府 | 村干部报酬 | 1,200,000.00 | 按时发放 | 产出指标 | 数量指标 | 发放人数 | ≥ | 120 | 人 | 20 | 正向指标 |
            | 满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥ | 95 | % | 10 | 正向指标 |
            | 办公经费 | 300,000.00 | 保障运转 | 产出指标 | 时效指标 | 支付及时率 | = | 100 | % | 20 | 正向指标 |
            | 产出指标 | 质量指标 | 定性评价 | 定性 | 良好 | | 10 | 正向指标 |
            """)
        #expect(doc.department == Department(code: "101", name: "测试镇部门"))
        #expect(doc.projects.map(\.name) == ["村干部报酬", "办公经费"])
        #expect(doc.projects.map(\.budget.total) == [1_200_000, 300_000])
        #expect(doc.projects.allSatisfy { $0.moneyUnit == .yuan && $0.unit == BudgetUnit(code: "101001", name: "测试镇人民政府") })
        #expect(doc.projects[0].goals == ["按时发放"])
        #expect(doc.projects[0].indicators.map(\.value) == ["≥ 120 人", "≥ 95 %"])
        #expect(doc.projects[0].indicators[0].target == Target(kind: .quantitative, op: .atLeast, number: 120, unit: "人"))
        #expect(doc.projects[1].indicators.map(\.value) == ["= 100 %", "良好"])
        #expect(doc.projects[1].indicators[1].target.kind == .qualitative)
    }

    @Test func spaceSeparatedRowsOfAPDFWithASCIIOperators() throws {
        // PDF text: a row a line, cells at single spaces; a name holding spaces keeps them; the
        // satisfaction rows carry on under the level above; approval rows end the table.
        let doc = try Self.read(
            """
            2019年测试项目绩效目标申报表
            项目名称 测试扶贫项目 项目负责人及电话 张三13900000000
            主管部门 测试镇政府 实施单位 [610001]测试公司
            资金情况(万元) 年度资金总额: 10
            其中:财政拨款 10
            其他资金 0
            总体目标 年度目标 年度总体目标完成情况
            带动游客不少于6万人。
            绩效指标 一级指标 二级指标 三级指标 指标值 备注
            产出指标 数量指标 景点开发数量( ≥**个 ) >=4个
            流转土地 >=60亩
            成本指标 补助标准 <=475元/亩
            满意度指标 服务对象满意度指标 游客满意度(≥**%) >=90%
            财政部门初审意见 (盖章)
            """)
        let p = try #require(doc.projects.first)
        #expect(doc.department.name == "测试镇政府")
        #expect(p.unit == BudgetUnit(code: "610001", name: "测试公司"))
        #expect(p.budget == Budget(total: 10, fiscal: 10, other: 0))
        #expect(p.goals == ["带动游客不少于6万人。"])
        #expect(Self.rows(p) == ["产出指标/数量指标/景点开发数量( ≥**个 )=>=4个", "产出指标/数量指标/流转土地=>=60亩", "产出指标/成本指标/补助标准=<=475元/亩", "满意度指标/服务对象满意度指标/游客满意度(≥**%)=>=90%"])
        #expect(p.indicators[2].target == Target(kind: .quantitative, op: .atMost, number: 475, unit: "元/亩"))
    }

    @Test func oneCellPerParagraphWithALongTermColumnSet() throws {
        // A Word table saved as text: a paragraph per cell, blank cells as spaces; the long-term
        // columns beside the year's are read past; a label wrapped in its cell is joined back.
        var cells = ["项目绩效目标表", "项目名称", "教育设施建设", "主管部门", "及编码", "[015001]测试区教育局", "实施单位", "测试区教育局", "项目资金", "资金总额", "100万元"]
        cells += ["其中:财政拨款", "100万元", "其他资金", " ", "总体目标", "中期目标", "年度目标", "提升教育质量", " ", "完成年度建设任务"]
        cells += ["一级指标", "二级指标(长期)", "三级指标(长期)", "指标值(长期)", "二级指标(年度)", "三级指标(年度)", "指标值(年度)"]
        cells += ["产出指标", "数量指标", " ", " ", "数量指标", "建设项目数", "2", "效益指标", "社会效益指标", " ", " ", "社会效益指标", "办学条件", "持续改善"]
        cells += ["满意度指标", "服务对象满意度指标", " ", " ", "服务对象满意度指标", "家长满意度", "≥90%", "附件:"]
        let doc = try Self.read("2020年度\n\n" + cells.joined(separator: "\n\n") + "\n")
        let p = try #require(doc.projects.first)
        #expect(doc.department == Department(code: "015001", name: "测试区教育局"))
        #expect(p.unit == BudgetUnit(code: "015001", name: "测试区教育局"))
        #expect(p.budget == Budget(total: 100, fiscal: 100))
        #expect(p.goals == ["完成年度建设任务"])
        #expect(Self.rows(p) == ["产出指标/数量指标/建设项目数=2", "效益指标/社会效益指标/办学条件=持续改善", "满意度指标/服务对象满意度指标/家长满意度=≥90%"])
    }

    @Test func cellsRunTogetherAreCutByLabelsLevelsAndValues() throws {
        let doc = try Self.read(
            """
            绩效目标表
            (2021年度)
            项目名称校舍改造补助资金
            项目主管部门测试区教育局项目执行单位测试学校
            资金情况
            (万元)
            年度资金总额:16
                其中 :上级资金16
            总体目标年度目标
            全面改善办学条件。
            绩效指标一级指标二级指标指标内容指标值
            产出指标数量指标学校改造覆盖率100%
            质量指标维修改造质量合格率100%
            效益指标可持续影响指标均衡发展水平稳步提高
            社会公众或服务对象满意度指标学生家长满意度≥90%
            附件:
            """)
        let p = try #require(doc.projects.first)
        #expect(doc.department.name == "测试区教育局")
        #expect(p.unit.name == "测试学校")
        #expect(p.budget == Budget(total: 16, fiscal: 16))
        #expect(p.goals == ["全面改善办学条件。"])
        #expect(
            Self.rows(p) == [
                "产出指标/数量指标/学校改造覆盖率=100%", "产出指标/质量指标/维修改造质量合格率=100%", "效益指标/可持续影响指标/均衡发展水平=稳步提高",
                "效益指标/社会公众或服务对象满意度指标/学生家长满意度=≥90%",
            ])
    }

    /// A run-together row whose name begins with a number (`3类…`): read as the name's start, the value
    /// the next number, and marked `ambiguous` with a warning at its line, since the number may as well
    /// be the value of the row before.
    @Test func aNameBeginningWithANumberIsACutToConfirm() throws {
        let result = try DocumentReader.read(
            text: """
                项目名称校舍改造补助资金
                年度资金总额:16
                绩效指标一级指标二级指标指标内容指标值
                产出指标数量指标学校改造覆盖率100%
                质量指标3类设备验收合格率100%
                效益指标可持续影响指标均衡发展水平稳步提高
                """)
        let p = try #require(result.document.projects.first)
        #expect(Self.rows(p) == ["产出指标/数量指标/学校改造覆盖率=100%", "产出指标/质量指标/3类设备验收合格率=100%", "效益指标/可持续影响指标/均衡发展水平=稳步提高"])
        #expect(p.indicators.map(\.target.ambiguous) == [false, true, false])
        let warning = try #require(result.warnings.first { $0.message.contains("3类设备验收合格率") })
        #expect(warning.line == 5 && warning.message.contains("上一行的指标值"))
    }

    @Test func aTwoLevelTableWithDescriptionsRunTogetherAndCutOff() throws {
        // The category in the 一级 column, the name in the 二级 column; 绩效标准 holding a description;
        // a text ending inside a row: the table is incomplete and the broken row left out.
        let doc = try Self.read(
            "2022年项目支出绩效目标表项目名称大楼运行保障绩效目标保障大楼正常运转。一级指标二级指标绩效标准当年预期实现值数量指标维修次数反映全年维修情况280次质量指标验收合格率反映维修质量情况95%成本指标成本控制率不超预算能耗下降率反映能耗下降情况>"
        )
        let p = try #require(doc.projects.first)
        #expect(p.name == "大楼运行保障")
        #expect(p.goals == ["保障大楼正常运转。"])
        #expect(Self.rows(p) == ["/数量指标/维修次数=280次", "/质量指标/验收合格率=95%", "/成本指标/成本控制率=不超预算"])
        #expect(p.indicators.map(\.description) == ["反映全年维修情况", "反映维修质量情况", nil])
        #expect(!p.complete)
    }

    @Test func aDepartmentWideTableIsOneEntryWithTheOverview() throws {
        let doc = try Self.read(
            """
            部门整体支出绩效目标表
            2019年度)
            部门(单位)名称 测试研究室 部门预算编码 901001033
            年度
            预算
            安排
            (万元)
                    资金总额 171.41
              项目支出 60.8
            年度
            总体
            目标
             目标1:确保工资发放;
             目标2:保障日常运转。
            年度
            履职
            目标
            部门职能 年度目标任务 支出项目名称 预算金额(万元)
            编纂地方志 完成年度编纂任务 地方志编纂经费 49.8
            一级指标 二级指标 三级指标 指标解释 目标值
            产出指标 数量指标 资金供应时效 100%(历史标准) 100%
            质量指标 书籍审稿率 100%(计划标准) ≥95%
            """)
        let p = try #require(doc.projects.first)
        #expect(p.kind == .department)
        #expect(p.name == "部门整体支出绩效目标表")
        #expect(p.unit == BudgetUnit(code: "901001033", name: "测试研究室"))
        #expect(p.budget.total == 171.41)
        #expect(p.goals.isEmpty)
        #expect(doc.overview.overallGoals == ["确保工资发放;", "保障日常运转。"])
        #expect(doc.overview.subGoals == [Overview.Section(title: "编纂地方志", text: "完成年度编纂任务 地方志编纂经费 49.8")])
        #expect(p.indicators.map(\.description) == ["100%(历史标准)", "100%(计划标准)"])
        #expect(Self.rows(p) == ["产出指标/数量指标/资金供应时效=100%", "产出指标/质量指标/书籍审稿率=≥95%"])
        // A department-wide table's kind survives the jixiao/1 form.
        #expect(try DocumentJSON.decode(Data(DocumentJSON.encode(doc).utf8)).projects[0].kind == .department)
    }

    @Test func traditionalCharactersAndAnOCRDamagedLabel() throws {
        let doc = try Self.read(
            """
            項目名稱\t測試項目
            預算數\t20
            年度目標\t完成測試
            一級指標\t二級指標\t三級指標\t指標值\t指标值确定衣据
            產出指標\t數量指標\t測試次數\t≥10次\t工作計劃
            滿意度指標\t服務對象滿意度指標\t滿意度\t≥95%\t問卷
            """)
        let p = try #require(doc.projects.first)
        #expect(p.name == "測試項目")
        #expect(p.budget.total == 20)
        // Text kept as written.
        #expect(Self.rows(p) == ["產出指標/數量指標/測試次數=≥10次", "滿意度指標/服務對象滿意度指標/滿意度=≥95%"])
        #expect(p.indicators.map(\.basis) == ["工作計劃", "問卷"])
    }

    @Test func anHTMLPageWithRowAndColumnSpans() throws {
        let doc = try Self.read(
            """
            <!DOCTYPE html><html><head><title>公开</title><style>td { color: red }</style><script>var a = "<td>x</td>";</script></head><body>
            <p>测试县测试局2024年度部门预算绩效目标</p>
            <table border="1">
            <caption>预算项目绩效目标表（2024年度） 金额单位：万元</caption>
            <tr><td>项目名称</td><td colspan="5">信息化&amp;运维</td></tr>
            <tr><td>项目编码</td><td colspan="2">13999924P000000000001</td><td>实施单位</td><td colspan="2">测试局本级</td></tr>
            <tr><td>预算数</td><td>50.00</td><td>其中：财政资金</td><td>50.00</td><td>其他资金</td><td></td></tr>
            <tr><td rowspan="2">资金支出计划（%）</td><td>3月底</td><td>6月底</td><td>10月底</td><td colspan="2">12月底</td></tr>
            <tr><td>10%</td><td>40%</td><td>70%</td><td colspan="2">100%</td></tr>
            <tr><td>年度绩效目标</td><td colspan="5">1.系统稳定运行<br>2.数据安全</td></tr>
            <tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>绩效指标描述</th><th>指标值</th><th>指标值确定依据</th></tr>
            <tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>服务器台数</td><td></td><td>&ge;20 台</td><td>合同</td></tr>
            <tr><td>巡检次数</td><td>每月巡检</td><td>12 次</td><td></td></tr>
            <tr><td>质量指标</td><td>系统可用率</td><td>全年可用</td><td>≥99.9%</td><td>运维标准</td></tr>
            <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>服务对象满意度</td><td></td><td>≥95%</td><td>问卷</td></tr>
            </table></body></html>
            """)
        let p = try #require(doc.projects.first)
        #expect(doc.department.name == "测试县测试局")
        #expect(doc.department.regionCode == "139999")
        #expect(p.name == "信息化&运维")
        #expect(p.code == "13999924P000000000001")
        #expect(p.budget == Budget(total: 50, fiscal: 50))
        #expect(p.spendingPlan == SpendingPlan(mar: 10, jun: 40, oct: 70, dec: 100, raw: "10% 40% 70% 100%"))
        #expect(p.goals == ["系统稳定运行", "数据安全"])
        #expect(
            Self.rows(p) == [
                "产出指标/数量指标/服务器台数=≥20 台", "产出指标/数量指标/巡检次数=12 次", "产出指标/质量指标/系统可用率=≥99.9%",
                "满意度指标/服务对象满意度指标/服务对象满意度=≥95%",
            ])
        #expect(p.indicators.map(\.description) == [nil, "每月巡检", "全年可用", nil])
        #expect(p.indicators.map(\.basis) == ["合同", nil, "运维标准", "问卷"])
        #expect(p.complete)
    }

    @Test func aWordTableIsReadFromItsGridWithMergedCells() throws {
        // A two-level table with a 绩效标准 column and a blank cell: the Word grid keeps each cell
        // under its column (a merged 一级 continues as a blank cell), so nothing shifts.
        func cell(_ text: String, merge: String? = nil) -> String {
            let props = merge.map { "<w:tcPr><w:vMerge\($0 == "restart" ? " w:val=\"restart\"" : "")/></w:tcPr>" } ?? ""
            return "<w:tc>\(props)<w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>"
        }
        func row(_ cells: String...) -> String { "<w:tr>" + cells.joined() + "</w:tr>" }
        let table = [
            row(cell("项目名称"), cell("档案数字化"), cell("预算数"), cell("80")),
            row(cell("一级指标"), cell("二级指标"), cell("绩效标准"), cell("当年预期实现值")),
            row(cell("数量指标", merge: "restart"), cell("扫描页数"), cell(""), cell("≥20万页")),
            row(cell("", merge: "continue"), cell("录入条目"), cell("反映录入情况"), cell("≥5万条")),
            row(cell("质量指标"), cell("差错率"), cell("计划标准"), cell("≤1%")),
        ].joined()
        let xml =
            "<w:document xmlns:w=\"\(OfficeFiles.wordNamespace)\"><w:body>\(OfficeFiles.paragraph("2024年项目支出绩效目标表"))<w:tbl>\(table)</w:tbl></w:body></w:document>"
        let p = try #require(try DocumentReader.read(OfficeFiles.wordPackage(xml)).document.projects.first)
        #expect(p.name == "档案数字化" && p.budget.total == 80)
        #expect(Self.rows(p) == ["/数量指标/扫描页数=≥20万页", "/数量指标/录入条目=≥5万条", "/质量指标/差错率=≤1%"])
        #expect(p.indicators.map(\.description) == [nil, "反映录入情况", nil])
        #expect(p.indicators.map(\.basis) == [nil, nil, "计划标准"])
    }

    @Test func aTableJixiaoMarkedCutOffReadsAsCutOff() throws {
        let doc = try Self.read(
            """
            <table><tr><td>项目名称</td><td>测试</td></tr>
            <tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
            <tr><td>产出指标</td><td>数量指标</td><td>次数</td><td>5次</td></tr>
            <tr><td colspan="4">\(Project.incompleteNote)</td></tr></table>
            """)
        #expect(doc.projects.first?.complete == false)
        #expect(doc.projects.first?.indicators.count == 1)
    }

    @Test func explainShowsTheGridAndTheLabelsMatched() throws {
        let text = try DocumentReader.explain(Data("项目名称 测试\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 次数 5次\n".utf8))
        #expect(text.contains("layout: spaced"))
        #expect(text.contains("[项目名称]<column projectName, field projectName>"))
        #expect(text.contains("[一级指标]<indicator head, column level1>"))
        #expect(text.contains("[产出指标]<一级> [数量指标]<二级> [次数] [5次]"))
    }

    @Test func numberedGoalsSplitEvenWhenTheirLinesWereJoined() {
        #expect(GridReader.numberedItems("1.完成测试2.提高质量") == ["完成测试", "提高质量"])
        #expect(GridReader.numberedItems("目标1:确保发放;") == ["确保发放;"])
        #expect(GridReader.numberedItems("提高到1.5万人") == ["提高到1.5万人"])
        // A lone number is not a list, and is left off as a goal's number.
        #expect(GridReader.numberedItems("2.只有第二条") == ["只有第二条"])
    }

    @Test func aYearMonthRangeIsAPeriodNotANumber() {
        #expect(ValueReader.read("2023.07-2024.01").kind == .qualitative)
        #expect(ValueReader.read("<=3000元/平方米") == Target(kind: .quantitative, op: .atMost, number: 3000, unit: "元/平方米"))
    }
}
