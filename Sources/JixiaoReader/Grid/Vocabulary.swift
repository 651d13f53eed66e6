import JixiaoModel

/// The words of a target table, in the forms documents use: head labels, field labels and level
/// names. Matched on folded text (no white space, ASCII punctuation, simplified characters); the
/// document's own text is kept as written.
enum Vocabulary {
    /// What a column of the indicator grid holds, told by its head label.
    enum Column: Sendable, Equatable {
        case level1, level2, level3
        /// 绩效指标描述, 指标解释: what the indicator means.
        case description
        /// 绩效标准: a standard's name (计划标准) is the basis, anything else a description.
        case standard
        case value
        /// 指标性质 / 符号: the operator of a value split over cells (or 定性/定量, not part of the value).
        case valueOperator
        /// 度量单位 beside a 指标值.
        case valueUnit
        case basis
        /// Self-evaluations: 实际完成值, the row's 分值 and 得分, 偏差原因分析及改进措施.
        case actual, points, score, deviation
        /// 权重占比(%): the row's points where no 分值 is printed; 单项指标得分 before it is folded (read past).
        case weightShare, singleScore
        /// 权重, 指标方向性, 备注, long-term columns: read past.
        case ignored
        // Columns of a flat grid holding several projects (one per row group).
        case unitName, projectName, projectCode, budget, goal
    }

    /// Fields above the indicator grid, each followed by its value.
    enum Field: Sendable, Equatable {
        case projectName, projectCode, department, departmentCode, unit, total, fiscal, other, goals, periodGoals, period, purpose
        /// Self-evaluations: 执行数, 执行率, and 实际完成情况 beside the 年度目标.
        case executed, rate, achieved
        /// 资金支出计划(%): 3月底 … 12月底 and their shares.
        case spendingPlan
        /// 年度履职目标 of a department-wide table: a grid of duties and their tasks.
        case duties
        /// A label whose value is not read (项目负责人, 项目属性 …).
        case ignored
    }

    static let columns: [(String, Column)] = [
        ("一级指标", .level1), ("二级指标", .level2), ("三级指标", .level3), ("指标名称", .level3), ("指标内容", .level3),
        ("绩效指标名称", .level3), ("绩效指标描述", .description), ("指标解释", .description), ("指标说明", .description),
        ("指标内涵", .description), ("绩效标准", .standard), ("指标值", .value), ("年度指标值", .value), ("指标值及单位", .value),
        ("当年预期实现值", .value), ("年度数值", .value), ("目标值", .value), ("年度目标值", .value), ("预期目标值", .value),
        ("绩效指标值", .value), ("指标目标值", .value), ("绩效目标值", .value), ("指标性质", .valueOperator), ("符号", .valueOperator),
        ("计算符号", .valueOperator), ("度量单位", .valueUnit), ("计量单位", .valueUnit), ("单位", .valueUnit),
        ("预期指标值", .value), ("年初目标值", .value), ("年初指标值", .value), ("计划指标值", .value), ("实际完成值", .actual),
        ("全年实际值", .actual), ("实际值", .actual), ("全年实际完成值", .actual), ("单项指标实际完成值", .actual), ("实际完成指标值", .actual),
        ("完成值", .actual), ("全年完成值", .actual), ("年度实际完成值", .actual), ("实际完成数", .actual), ("全年实际完成数", .actual),
        ("偏差原因及改进措施", .deviation), ("未完成原因分析", .deviation), ("扣分原因", .deviation), ("偏差原因及整改措施", .deviation), ("指标分值", .points), ("得分", .score),
        ("自评得分", .score), ("指标得分", .score), ("单项指标折算得分", .score),
        ("折算得分", .score), ("表中得分", .score), ("重算得分", .ignored), ("单项指标得分", .singleScore), ("权重占比", .weightShare), ("偏差原因分析及改进措施", .deviation),
        ("未完成原因及拟采取的改进措施", .deviation), ("偏差原因", .deviation), ("未完成原因", .deviation), ("偏差原因分析", .deviation),
        ("原因分析及改进措施", .deviation), ("未完成原因分析及改进措施", .deviation), ("单项指标完成情况", .ignored), ("完成情况", .ignored), ("指标值确定依据", .basis),
        ("指标值设定依据", .basis), ("目标值确定依据", .basis), ("确定依据", .basis), ("评价标准", .basis), ("权重", .points),
        ("分值", .points), ("指标权重", .points), ("指标方向性", .ignored), ("指标方向", .ignored), ("备注", .ignored),
        ("评(扣)分标准", .ignored), ("评分标准", .ignored), ("扣分标准", .ignored), ("指标值类型", .ignored),
        ("单位名称", .unitName), ("项目名称", .projectName), ("项目支出名称", .projectName), ("专项名称", .projectName),
        ("项目编码", .projectCode), ("项目代码", .projectCode), ("预算数", .budget), ("预算金额", .budget), ("资金总额", .budget),
        ("年度资金总额", .budget), ("预算数(元)", .budget), ("预算数(万元)", .budget), ("年度目标", .goal), ("绩效目标", .goal),
        ("年度绩效目标", .goal),
    ]

    static let fields: [(String, Field)] = [
        ("项目名称", .projectName), ("项目支出名称", .projectName), ("专项名称", .projectName), ("项目(资金)名称", .projectName),
        ("项目编码", .projectCode), ("项目代码", .projectCode), ("主管部门", .department), ("主管部门及编码", .department),
        ("主管部门及代码", .department), ("项目主管部门", .department), ("预算部门", .department), ("部门名称", .department),
        ("部门(单位)名称", .department), ("单位名称", .department), ("部门预算编码", .departmentCode), ("部门编码", .departmentCode),
        ("单位编码", .departmentCode), ("实施单位", .unit), ("执行单位", .unit), ("项目执行单位", .unit), ("项目实施单位", .unit),
        ("资金总额", .total), ("年度资金总额", .total), ("当年资金总额", .total), ("预算数", .total), ("年度预算数", .total),
        ("年度本级预算金额", .total), ("本级预算金额", .total), ("预算金额", .total), ("项目总金额", .total), ("年度预算", .total),
        ("财政拨款", .fiscal), ("当年财政拨款", .fiscal), ("财政资金", .fiscal), ("上级资金", .fiscal), ("本级财政资金", .fiscal),
        ("中央预算内投资", .fiscal), ("本年财政拨款", .fiscal), ("其他资金", .other), ("部门", .department),
        ("实施(主管)单位", .unit), ("全年预算数", .total), ("调整后预算数", .total), ("部门整体支出总额", .total), ("执行数", .executed),
        ("全年执行数", .executed), ("实际执行数", .executed), ("执行率", .rate), ("预算执行率", .rate), ("预算执行进度", .rate),
        ("实际完成情况", .achieved), ("年度总体目标完成情况综述", .achieved), ("具体完成情况", .achieved), ("总体目标完成情况", .achieved),
        ("预期目标", .goals), ("年初设定目标", .goals), ("年度预期目标", .goals), ("到位数", .ignored), ("金额单位", .ignored), ("是否为专项资金", .ignored),
        ("总体完成率", .ignored), ("年初预算数", .ignored), ("预算执行情况", .ignored), ("预算安排情况", .ignored), ("资金到位情况", .ignored),
        ("资金执行情况", .ignored), ("当年其他资金", .other), ("年度目标", .goals), ("本年度绩效目标", .goals),
        ("年度绩效目标", .goals), ("年度总体目标", .goals), ("绩效目标", .goals), ("中期目标", .periodGoals),
        ("实施期绩效目标", .periodGoals), ("实施期目标", .periodGoals), ("长期目标", .periodGoals), ("项目支出实施期", .period),
        ("项目实施期", .period), ("项目起止时间", .period), ("资金用途", .purpose), ("预算规模及资金用途", .purpose), ("项目资金用途", .purpose), ("资金支出计划", .spendingPlan),
        ("资金支出计划(%)", .spendingPlan), ("支出计划", .spendingPlan), ("年度履职目标", .duties),
        ("项目负责人及电话", .ignored), ("项目负责人", .ignored), ("联系电话", .ignored), ("年度总体目标完成情况", .achieved),
        ("项目属性", .ignored), ("项目类别", .ignored), ("项目性质", .ignored), ("立项依据", .ignored), ("该项目支出上级资金", .ignored),
        ("项目预算成本构成", .ignored), ("金额", .ignored), ("测算(公式)依据", .ignored), ("填报单位", .ignored),
        ("项目资金", .ignored), ("资金情况", .ignored), ("总体目标", .ignored), ("绩效指标", .ignored), ("本年度绩效指标", .ignored),
        ("年度绩效指标", .ignored), ("保障绩效目标实现措施", .ignored), ("年度预算安排", .ignored), ("项目支出", .ignored),
        ("基本支出", .ignored), ("绩效项目指标表", .ignored), ("主管部门审核意见", .ignored), ("财政部门审核意见", .ignored),
    ]

    static let level1Names = [
        "产出指标", "效益指标", "满意度指标", "项目完成指标", "实施效果指标", "产出值", "效益值", "满意度值", "影响力指标", "效果指标",
    ]
    static let level2Names = [
        "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "环境效益指标", "可持续影响指标",
        "服务对象满意度指标", "社会公众或服务对象满意度指标", "社会公众满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
        "数量值", "质量值", "时效值", "成本值", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度", "数量", "质量", "时效", "成本",
    ]
    /// Where a table ends: the approval rows and the page around it.
    static let endMarks = [
        "审核意见", "初审意见", "审批意见", "附件", "填表人", "扫一扫", "单位负责人", "打印本页", "关闭窗口", "总分", "其他需要说明事项", "其他需说明事项",
    ]
    /// Standards named in a 绩效标准 column, which make it the basis.
    static let standards = ["计划标准", "行业标准", "历史标准", "其他标准", "国家标准", "省级标准", "地方标准"]

    // Keyed by bytes: a String key hashes its normal form, scalar by scalar, on every lookup.
    private static let columnTable = Dictionary(columns.map { (ByteKey(fold($0.0)), $0.1) }, uniquingKeysWith: { a, _ in a })
    private static let fieldTable = Dictionary(fields.map { (ByteKey(fold($0.0)), $0.1) }, uniquingKeysWith: { a, _ in a })
    /// Every beginning of every field and head label: where labels broken over cells may be joined.
    static let labelPrefixes: Set<String> = {
        var prefixes = Set<String>()
        for label in Array(fieldTable.keys.map(\.text)) + Array(columnTable.keys.map(\.text)) {
            var p = ""
            for c in label {
                p.append(c)
                prefixes.insert(p)
            }
        }
        return prefixes
    }()

    /// Whether folded text is a field or head label exactly, a unit in brackets allowed after it.
    static func isExactLabel(folded f: String) -> Bool {
        let bare = withoutUnit(f) ?? f
        return fieldTable[ByteKey(bare)] != nil || columnTable[ByteKey(bare)] != nil
    }

    private static let labelFirsts = ScalarSet((fieldTable.keys.map(\.text) + columnTable.keys.map(\.text)).compactMap(\.unicodeScalars.first))
    private static let labelLasts = ScalarSet((fieldTable.keys.map(\.text) + columnTable.keys.map(\.text)).compactMap(\.unicodeScalars.last))

    /// The labels by their length in scalars, for the near match.
    private static let columnsByLength = Dictionary(grouping: columnTable.map { (Array($0.key.text.unicodeScalars), $0.value) }, by: { $0.0.count })
    private static let fieldsByLength = Dictionary(grouping: fieldTable.map { (Array($0.key.text.unicodeScalars), $0.value) }, by: { $0.0.count })
    private static let level1Table = Set(level1Names.map { ByteKey(fold($0)) })
    private static let level2Table = Set(level2Names.map { ByteKey(fold($0)) })
    /// Labels that may stand run together with others, longest first.
    static let runTogetherLabels: [String] =
        Array(Set(columns.map(\.0) + fields.map(\.0) + level1Names + level2Names.filter { $0.endsWith("指标") }).map(fold))
        .sorted { $0.count > $1.count }

    /// What a cell's text is as a label, worked out once: a head column, a field, a level's name,
    /// a heading with no value of its own.
    struct Label: Sendable, Equatable {
        var column: Column?
        var field: Field?
        /// 1 for a 一级 name, 2 for a 二级 name, 0 otherwise.
        var level = 0
        var heading = false
        /// Where a table ends (审核意见, 附件 …).
        var end = false
        /// A table's title (`某项目绩效目标表`).
        var title = false
        /// A head of a self-evaluation's budget execution grid (全年预算数 | 全年执行数 | 分值 | 执行率 | 得分).
        var budgetHead: BudgetHead?

        init(_ text: String) {
            guard text.utf8.count <= 240 else { return }  // far longer than any label or title
            let folded = fold(text)
            let length = folded.unicodeScalars.count
            end = endMarks.contains { folded.beginsWith($0) || (length <= 16 && folded.includes($0)) }
            title = isTableTitle(folded: folded)
            // No label is longer than this: long cells are values, and cost nothing more to tell.
            guard length <= 24 else { return }
            let f = strippedLabel(folded: folded)
            let bare = withoutUnit(f)
            column = Vocabulary.column(stripped: f, bare: bare)
            field = fieldTable[ByteKey(f)] ?? bare.flatMap { fieldTable[ByteKey($0)] } ?? nearest(f, in: fieldsByLength)
            var name = folded
            if let open = name.firstIndex(of: "("), name.endsWith(")") { name = String(name[..<open]) }  // `产出指标(50分)`
            budgetHead = budgetHeads[ByteKey(name)]
            if name.endsWith("等") { name.removeLast() }  // `服务对象满意度指标等`
            level = level1Table.contains(ByteKey(name)) ? 1 : level2Table.contains(ByteKey(name)) ? 2 : 0
            heading = headings.contains(bare ?? f)
        }
    }

    /// The columns of a self-evaluation's budget execution grid.
    enum BudgetHead: Sendable, Equatable {
        /// 年初预算数: often left blank, the first to go when a row has fewer amounts than heads.
        case initial
        case planned, executed, points, rate, score
    }

    private static let budgetHeads: [ByteKey: BudgetHead] = Dictionary(
        uniqueKeysWithValues: [
            ("年初预算数", BudgetHead.initial), ("全年预算数", .planned), ("预算数", .planned), ("调整后预算数", .planned), ("全年预算", .planned),
            ("全年执行数", .executed), ("执行数", .executed), ("实际执行数", .executed), ("实际支出数", .executed), ("分值", .points),
            ("执行率", .rate), ("预算执行率", .rate), ("得分", .score),
        ].map { (ByteKey($0.0), $0.1) })

    /// A head label: `指标值(年度)` is 指标值, a long-term column (`三级指标(长期)`) is read past.
    private static func column(stripped: String, bare: String?) -> Column? {
        var f = stripped
        for longTerm in ["(长期)", "(中期)", "(实施期)"] where f.endsWith(longTerm) {
            return columnTable[ByteKey(String(f.dropLast(longTerm.count)))] != nil ? .ignored : nil
        }
        for year in ["(年度)", "(当年)"] where f.endsWith(year) { f.removeLast(year.count) }
        if let c = columnTable[ByteKey(f)] { return c }
        // `预算数(元)`, `指标值(%)`: a unit in brackets after the label.
        if let bare, let c = columnTable[ByteKey(bare)] { return c }
        // `年初目标值(A)`, `单位(文字描述)`: a note in brackets after a label.
        if f.endsWith(")"), let open = f.firstIndex(of: "("), open > f.startIndex, let c = columnTable[ByteKey(String(f[..<open]))] { return c }
        return nearest(f, in: columnsByLength)
    }

    static func column(_ text: String) -> Column? { Label(text).column }
    static func field(_ text: String) -> Field? { Label(text).field }
    static func isLevel1(_ text: String) -> Bool { Label(text).level == 1 }
    static func isLevel2(_ text: String) -> Bool { Label(text).level == 2 }
    static func isHeading(_ text: String) -> Bool { Label(text).heading }

    static let headings: Set<String> = ["总体目标", "资金情况", "项目资金", "绩效指标", "本年度绩效指标", "年度绩效指标", "绩效项目指标表", "年度预算安排"]

    /// `预算数(万元)` → `预算数`: a label with a unit or a year in brackets after it.
    private static func withoutUnit(_ f: String) -> String? {
        guard f.endsWith(")"), let open = f.lastIndex(of: "(") else { return nil }
        let inside = f[f.index(after: open)..<f.index(before: f.endIndex)]
        return ["万元", "元", "%", "年度", "当年", "亿元", "千元"].contains(String(inside)) ? String(f[..<open]) : nil
    }

    /// `其中:财政拨款` is 财政拨款; `项目名称:` is 项目名称.
    static func strippedLabel(_ text: String) -> String { strippedLabel(folded: fold(text)) }

    private static func strippedLabel(folded: String) -> String {
        var f = folded
        while f.endsWith(":") { f.removeLast() }
        if f.beginsWith("其中:") { f.removeFirst(3) } else if f.beginsWith("其中") { f.removeFirst(2) }
        return f
    }

    /// A label with one character misread (OCR): only for labels of five characters or more (four
    /// are too near each other: 绩效指标, 时效指标) and never for a level's name.
    private static func nearest<V>(_ f: String, in table: [Int: [([Unicode.Scalar], V)]]) -> V? {
        // One character misread leaves the first or the last as written.
        guard let first = f.unicodeScalars.first, let last = f.unicodeScalars.last, labelFirsts.contains(first) || labelLasts.contains(last) else {
            return nil
        }
        let scalars = Array(f.unicodeScalars)
        guard scalars.count >= 5, scalars.count <= 8, let candidates = table[scalars.count], !level1Table.contains(ByteKey(f)),
            !level2Table.contains(ByteKey(f))
        else {
            return nil
        }
        var found: V?
        for (label, value) in candidates {
            var differences = 0
            for (a, b) in zip(label, scalars) where a != b {
                differences += 1
                if differences > 1 { break }
            }
            guard differences == 1 else { continue }
            if found != nil { return nil }  // two labels are as near: not sure
            found = value
        }
        return found
    }

    /// `公共资源经费绩效目标表`, `2023年项目支出绩效目标申报表`, `预算项目绩效目标表(2025年度)`: a table's title,
    /// also where its bracket goes on in the next cell (`预算项目绩效目标表(2025` `年度)`).
    static func isTableTitle(folded f: String) -> Bool {
        // Every title ends in 表: most cells are told by one scan of their bytes.
        guard f.includes("表"), f.unicodeScalars.count <= 60 else { return false }
        if tableTitles.contains(where: f.endsWith) { return true }
        guard let open = f.utf8.lastIndex(of: UInt8(ascii: "(")) else { return false }
        let bare = String(f[..<open])
        return tableTitles.contains(where: bare.endsWith)
    }

    private static let tableTitles = ["绩效目标表", "绩效目标申报表", "绩效自评表", "绩效目标自评表"]

    /// Folded for matching: white space out, full-width punctuation as ASCII, traditional
    /// characters of the vocabulary as simplified.
    /// One scalar folded; nil for white space.
    static func foldScalar(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        if CellText.isBlank(c) || c == "\n" || c == "\r" { return nil }
        switch c {
        case "：": return ":"
        case "（": return "("
        case "）": return ")"
        case "，": return ","
        default: return simplified[c] ?? c
        }
    }

    static func fold<S: StringProtocol>(_ s: S) -> String {
        // Most cells have nothing to fold.
        guard s.unicodeScalars.contains(where: { CellText.isBlank($0) || foldable.contains($0) }) else { return String(s) }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if let f = foldScalar(c) { out.append(f) }
        }
        return String(out)
    }

    private static let foldable = ScalarSet(Array("：（），\n\r".unicodeScalars) + Array(simplified.keys))

    private static let simplified: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs =
            "產产標标滿满數数質质時时經经濟济會会態态續续響响務务對对項项稱称預预級级單单實实總总額额資资績绩據据確确門门體体財财撥拨"
            + "級级價价響响應应據据說说內内設设計计種种類类率率個个傳传證证達达點点專专義义報报務务際际調调區区縣县鎮镇鄉乡"
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        let scalars = Array(pairs.unicodeScalars)
        for k in stride(from: 0, to: scalars.count - 1, by: 2) { table[scalars[k]] = scalars[k + 1] }
        return table
    }()
}
