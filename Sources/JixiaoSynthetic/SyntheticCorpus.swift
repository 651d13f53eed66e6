import Foundation
import JixiaoModel

/// Realistic synthetic target documents for benchmarks and load tests: a seeded random
/// generator (the same seed gives the same corpus) that writes units, projects and indicators
/// in the official form, with the typical defects of real tables mixed in at a set rate.
public struct SyntheticCorpus: Sendable {
    public var seed: UInt64
    /// Share of indicators given a typical defect (a cost with ≥, a vague grade word, …).
    public var defectRate: Double
    /// Share of 三级 names written another way units write them (numbered, ★, a unit in brackets,
    /// 满意率 for 满意度, a space inside): the same indicator, for the library to recognise.
    public var variantRate: Double
    /// The counties the units are spread over, with their names; nil: the sample county's six codes,
    /// units named 示例县….
    public var counties: [(code: String, name: String)]?

    public init(seed: UInt64 = 2025, defectRate: Double = 0.1, variantRate: Double = 0, counties: [(code: String, name: String)]? = nil) {
        self.seed = seed
        self.defectRate = defectRate
        self.variantRate = variantRate
        self.counties = counties
    }

    /// A province: units spread over the counties of `province` (a division code's first two digits),
    /// named after their county, with a quarter of the names written in variants.
    public static func province(_ province: String = "13", seed: UInt64 = 2025) -> SyntheticCorpus {
        SyntheticCorpus(seed: seed, variantRate: 0.25, counties: Divisions.counties(in: province))
    }

    /// The county's units: `units` documents of `projects` projects with `indicators` rows each.
    public func documents(units: Int, projects: Int, indicators: Int, year: Int = 2025) -> [TargetDocument] {
        (0..<units).map { u in document(unit: u, projects: projects, indicators: indicators, year: year) }
    }

    /// Unit `u`'s document of `year`: the same unit (name, code, county, kinds of project) every year,
    /// its figures drawn anew each year; the same seed, unit and year always give the same document.
    public func document(unit u: Int, projects: Int, indicators: Int, year: Int) -> TargetDocument {
        var rng = SplitMix64(seed: seed &+ UInt64(u) &* 0x9E37_79B9 &+ UInt64(year) &* 0x85EB_CA6B)
        return document(unit: u, projects: projects, indicators: indicators, year: year, rng: &rng)
    }

    static let regions = ["130225", "130229", "130306", "130529", "130102", "130203"]
    static let unitKinds = [
        "行政审批局", "财政局", "教育局", "卫生健康局", "农业农村局", "交通运输局", "自然资源局", "民政局", "文化广电和旅游局", "应急管理局", "水利局", "住房和城乡建设局",
        "市场监督管理局", "人力资源和社会保障局", "生态环境局", "商务局", "统计局", "审计局", "司法局", "退役军人事务局", "医疗保障局", "林业局", "科学技术局", "工业和信息化局",
        "发展和改革局", "城市管理综合执法局", "档案馆", "图书馆", "疾病预防控制中心", "人民医院",
    ]
    static let projectKinds = [
        ("政务服务中心运行维护费", "保障政务服务大厅正常运转"), ("网络运行维护费", "保障网络系统正常运行"), ("公共资源交易经费", "保障公共资源交易规范有序"),
        ("办公楼物业管理费", "保障办公楼整洁安全"), ("专家评审经费", "保障评审工作按时完成"), ("信息化建设经费", "推进业务系统建设"),
        ("培训经费", "提升干部业务能力"), ("宣传经费", "扩大政策知晓度"), ("设备购置费", "更新老旧办公设备"), ("劳务派遣人员经费", "保障窗口人员稳定"),
    ]
    // (二级, 三级 name, value maker)
    static let quantity = [("办理业务量", "件", 500...8000), ("维护系统数量", "个", 2...20), ("培训人次", "人次", 50...2000), ("印刷宣传材料数量", "份", 1000...20000)]
    static let quality = [("业务办结率", 95...99), ("设备完好率", 95...99), ("验收合格率", 95...100), ("系统正常运行率", 95...99)]
    static let timeliness = [("按时办结率", 95...99), ("问题响应及时率", 90...99), ("资金支付及时率", 90...99)]
    static let effects = [
        ("社会效益指标", "群众办事便利度", "明显提升"), ("社会效益指标", "企业开办时间", "≤1 天"), ("经济效益指标", "企业开办成本节约", "≥20 万元"),
        ("可持续影响指标", "长效运行机制", "建立并运行"), ("生态效益指标", "无纸化办公比例", "≥60%"),
    ]

    func document(unit u: Int, projects count: Int, indicators perProject: Int, year: Int, rng: inout SplitMix64) -> TargetDocument {
        let region: String, unitCode: String, unitName: String
        if let counties, !counties.isEmpty {
            // Units fill each county's offices in turn: u → county u mod n, office u ÷ n.
            let county = counties[u % counties.count], office = u / counties.count
            region = county.code
            unitCode = String(format: "%06d", 100_001 + u)
            unitName =
                county.name + Self.unitKinds[office % Self.unitKinds.count] + (office >= Self.unitKinds.count ? "第\(office / Self.unitKinds.count + 1)所" : "")
        } else {
            region = Self.regions[u % Self.regions.count]
            unitCode = String(format: "%03d001", 100 + u % 900)
            unitName = "示例县" + Self.unitKinds[u % Self.unitKinds.count] + (u >= Self.unitKinds.count ? "第\(u / Self.unitKinds.count + 1)分局" : "") + "本级"
        }
        let yy = String(format: "%02d", year % 100)
        var projects: [Project] = []
        for p in 0..<count {
            let kind = Self.projectKinds[(u + p) % Self.projectKinds.count]
            let total = Decimal(rng.next(in: 100...20000)) / 100
            let code = region + yy + "P" + String(format: "%012X", rng.next() & 0xFFFF_FFFF_FFFF).uppercased().prefix(12)
            var indicators: [Indicator] = []
            for k in 0..<perProject { indicators.append(indicator(k, total: total, rng: &rng)) }
            projects.append(
                Project(
                    seq: p + 1, code: String(code), name: "\(year)年\(kind.0)\(p >= Self.projectKinds.count ? "（\(p / Self.projectKinds.count + 1)）" : "")",
                    unit: BudgetUnit(code: unitCode, name: unitName), moneyUnit: .tenThousandYuan,
                    budget: Budget(total: total, fiscal: total), purpose: "用于\(kind.0)支出",
                    spendingPlan: SpendingPlan(mar: 25, jun: 50, oct: 75, dec: 100, raw: "25% 50% 75% 100%"),
                    goals: [kind.1], indicators: indicators))
        }
        return TargetDocument(
            fiscalYear: year, department: Department(code: unitCode, name: unitName, regionCode: region),
            overview: Overview(overallGoals: ["全面完成年度重点工作任务。"]), projects: projects)
    }

    /// Row k: the 产出 rows come first (数量, 质量, 时效, 成本), then 效益, then 满意度.
    func indicator(_ k: Int, total: Decimal, rng: inout SplitMix64) -> Indicator {
        let defect = rng.unit() < defectRate
        let slot = k % 7
        let variant = variantRate > 0 && rng.unit() < variantRate ? rng.next(in: 0...4) : nil
        func make(_ l1: String, _ l2: String, _ name: String, _ value: String, basis: String = "年度工作计划") -> Indicator {
            Indicator(
                level1: l1, level2: l2, level3: variant.map { Self.variant(name, $0, row: k + 1, value: value) } ?? name, description: name, value: value,
                basis: basis, target: Self.target(value))
        }
        switch slot {
        case 0:
            let (name, unit, range) = Self.quantity[rng.next(in: 0...Self.quantity.count - 1)]
            return make("产出指标", "数量指标", name, "\(defect ? "≤" : "≥")\(rng.next(in: range)) \(unit)")
        case 1:
            let (name, range) = Self.quality[rng.next(in: 0...Self.quality.count - 1)]
            return make("产出指标", "质量指标", name, defect ? "≥100%" : "≥\(rng.next(in: range))%")
        case 2:
            let (name, range) = Self.timeliness[rng.next(in: 0...Self.timeliness.count - 1)]
            return make("产出指标", "时效指标", name, "≥\(rng.next(in: range))%")
        case 3:
            return make("产出指标", "成本指标", "预算成本控制数", "\(defect ? "≥" : "≤")\(total) 万元", basis: "年度预算")
        case 4, 5:
            let (l2, name, value) = Self.effects[rng.next(in: 0...Self.effects.count - 1)]
            return make("效益指标", l2, name, defect ? "1 有效改善" : value)
        default:
            return make("满意度指标", "服务对象满意度指标", "服务对象满意度", defect ? "≤100%" : "≥\(rng.next(in: 85...98))%", basis: "满意度调查")
        }
    }

    /// A 三级 name as some units write it: numbered, with ★, with its unit in brackets, 满意率 for
    /// 满意度, or with a space inside.
    static func variant(_ name: String, _ kind: Int, row: Int, value: String) -> String {
        switch kind {
        case 0: return "\(row).\(name)"
        case 1: return "★" + name
        case 2:
            let unit = value.drop { "≥≤=<>0123456789. ".contains($0) }
            return unit.isEmpty || unit.count > 3 ? name : "\(name)（\(unit)）"
        case 3: return name.hasSuffix("满意度") ? String(name.dropLast(3)) + "满意率" : "（\(row)）" + name
        default: return String(name.prefix(2)) + " " + name.dropFirst(2)
        }
    }

    /// The target a value reads as (the generator writes only forms it knows).
    static func target(_ value: String) -> Target {
        var rest = Substring(value)
        var op: ComparisonOperator = .equal
        if let first = rest.first, let o = ComparisonOperator(rawValue: String(first)) {
            op = o
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0.isNumber || $0 == "." }
        guard let number = Decimal(string: String(digits)), !digits.isEmpty else { return .qualitative(value) }
        let unit = rest.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("1 "), !unit.isEmpty, unit.count > 1 { return .qualitative(unit) }
        return Target(kind: .quantitative, op: op, number: number, unit: unit.isEmpty ? nil : unit)
    }
}

/// The official table as text in the layout of a PDF extraction (one row a line), so the
/// reader can be benchmarked on what the generator writes.
extension SyntheticCorpus {
    public static func text(_ d: TargetDocument) -> String {
        var out = "第一部分\n部门整体绩效目标\n一、总体绩效目标\n"
        for (k, g) in d.overview.overallGoals.enumerated() { out += "\(k + 1)、\(g)\n" }
        out += "第二部分\n预算项目绩效目标\n"
        for (k, p) in d.projects.enumerated() {
            out += "\(k + 1).\(p.name)绩效目标表\n"
            out += "\(p.unit.code ?? "") \(p.unit.name ?? "") 单位：\(p.moneyUnit.rawValue)\n"
            out += "项目编码 \(p.code ?? "") 项目名称 \(p.name)\n"
            out += "预算规模及资金用途 预算数 \(p.budget.total.map { "\($0)" } ?? "") 其中：财政资金 \(p.budget.fiscal.map { "\($0)" } ?? "") 其他资金\n"
            out += "\(p.purpose ?? "")\n"
            out += "资金支出计划（%） 3 月底 6 月底 10 月底 12 月底\n\(p.spendingPlan.raw ?? "")\n"
            out += "绩效目标 " + p.goals.enumerated().map { "\($0 + 1).\($1)" }.joined(separator: "\n") + "\n"
            out += "一级指标 二级指标 三级指标 绩效指标描述 指标值 指标值确定依据\n"
            var lastLevel1 = ""
            for i in p.indicators {
                if i.level1 != lastLevel1 { out += i.level1 + "\n"; lastLevel1 = i.level1 }
                out += "\(i.level2) \(i.level3) \(i.description ?? "") \(i.value) \(i.basis ?? "")\n"
            }
        }
        return out
    }
}

/// SplitMix64: small, fast and the same on every machine, so a seed always gives the same corpus.
public struct SplitMix64: Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
