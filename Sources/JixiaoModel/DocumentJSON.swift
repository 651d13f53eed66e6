import Foundation

/// The `jixiao/1` interchange form (`document.schema.json`). Keys come in the schema's order.
public enum DocumentJSON {
    public static let format = "jixiao/1"

    public enum DecodingError: Error, CustomStringConvertible {
        case notJixiao(String)
        public var description: String {
            switch self {
            case let .notJixiao(why): "not a jixiao/1 document: \(why)"
            }
        }
    }

    public static func encode(_ document: TargetDocument) -> String {
        json(document).serialized()
    }

    public static func decode(_ data: Data) throws -> TargetDocument {
        try document(from: JSONValue.parse(data))
    }

    // MARK: Encoding

    public static func json(_ d: TargetDocument) -> JSONValue {
        var members: [(String, JSONValue)] = [("format", .string(format))]
        if let source = d.source {
            members.append(("source", .object([("name", str(source.name)), ("sha256", str(source.sha256))])))
        }
        members.append(("fiscalYear", d.fiscalYear.map { .number(Decimal($0)) } ?? .null))
        members.append(
            (
                "department",
                .object([
                    ("code", str(d.department.code)), ("name", .string(d.department.name)),
                    ("regionCode", str(d.department.regionCode)),
                ])
            ))
        members.append(
            (
                "overview",
                .object([
                    ("overallGoals", .array(d.overview.overallGoals.map(JSONValue.string))),
                    ("subGoals", .array(d.overview.subGoals.map(section))),
                    ("measures", .array(d.overview.measures.map(section))),
                ])
            ))
        members.append(("projects", .array(d.projects.map(json))))
        if d.kind != .targets { members.append(("kind", .string(d.kind.rawValue))) }
        return .object(members)
    }

    public static func json(_ p: Project) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("seq", p.seq.map { .number(Decimal($0)) } ?? .null),
            ("code", str(p.code)),
            ("name", .string(p.name)),
            ("unit", .object([("code", str(p.unit.code)), ("name", str(p.unit.name))])),
            ("moneyUnit", .string(p.moneyUnit.rawValue)),
            ("budget", .object([("total", num(p.budget.total)), ("fiscal", num(p.budget.fiscal)), ("other", num(p.budget.other))])),
            ("purpose", str(p.purpose)),
            (
                "spendingPlan",
                .object([
                    ("mar", num(p.spendingPlan.mar)), ("jun", num(p.spendingPlan.jun)),
                    ("oct", num(p.spendingPlan.oct)), ("dec", num(p.spendingPlan.dec)),
                    ("raw", str(p.spendingPlan.raw)),
                ])
            ),
            ("goals", .array(p.goals.map(JSONValue.string))),
            ("indicators", .array(p.indicators.map { json($0, selfEvaluation: p.printed != nil) })),
            ("complete", .bool(p.complete)),
        ]
        if let period = p.period { members.append(("period", .string(period))) }
        if !p.periodGoals.isEmpty { members.append(("periodGoals", .array(p.periodGoals.map(JSONValue.string)))) }
        if p.kind != .project { members.append(("kind", .string(p.kind.rawValue))) }
        if let e = p.printed {
            members.append(
                (
                    "selfEvaluation",
                    .object([
                        (
                            "budget",
                            .object([
                                ("planned", num(e.planned)), ("executed", num(e.executed)), ("rate", num(e.rate)),
                                ("points", num(e.budgetPoints)), ("score", num(e.budgetScore)),
                            ])
                        ),
                        ("total", .object([("points", num(e.totalPoints)), ("score", num(e.totalScore))])),
                        ("grade", str(e.grade)), ("achieved", .array(e.achieved.map(JSONValue.string))),
                    ])
                ))
        }
        return .object(members)
    }

    /// A row; a self-evaluation's rows carry their actual, points, score and deviation, null where not printed.
    public static func json(_ i: Indicator, selfEvaluation: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("level1", .string(i.level1)), ("level2", .string(i.level2)), ("level3", .string(i.level3)),
            ("description", str(i.description)), ("value", .string(i.value)), ("basis", str(i.basis)),
            (
                "target",
                .object([
                    ("kind", .string(i.target.kind.rawValue)), ("op", str(i.target.op?.rawValue)),
                    ("number", num(i.target.number)), ("unit", str(i.target.unit)), ("text", str(i.target.text)),
                    ("ambiguous", .bool(i.target.ambiguous)),
                ])
            ),
        ]
        if let weight = i.weight { members.append(("weight", .number(weight))) }
        if selfEvaluation || i.actual != nil || i.points != nil || i.score != nil || i.deviation != nil {
            members += [("actual", str(i.actual)), ("points", num(i.points)), ("score", num(i.score)), ("deviation", str(i.deviation))]
        }
        return .object(members)
    }

    private static func section(_ s: Overview.Section) -> JSONValue {
        .object([("title", .string(s.title)), ("text", .string(s.text))])
    }
    private static func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    private static func num(_ n: Decimal?) -> JSONValue { n.map(JSONValue.number) ?? .null }

    // MARK: Decoding

    public static func document(from v: JSONValue) throws -> TargetDocument {
        guard v["format"]?.stringValue == format else { throw DecodingError.notJixiao("format is not \(format)") }
        guard let dep = v["department"], let depName = dep["name"]?.stringValue else {
            throw DecodingError.notJixiao("department.name is missing")
        }
        guard let projects = v["projects"]?.arrayValue else { throw DecodingError.notJixiao("projects is missing") }
        let ov = v["overview"]
        return TargetDocument(
            source: v["source"].map { TargetDocument.Source(name: $0["name"]?.stringValue, sha256: $0["sha256"]?.stringValue) },
            fiscalYear: v["fiscalYear"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue },
            department: Department(code: dep["code"]?.stringValue, name: depName, regionCode: dep["regionCode"]?.stringValue),
            overview: Overview(
                overallGoals: ov?["overallGoals"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                subGoals: sections(ov?["subGoals"]), measures: sections(ov?["measures"])),
            projects: try projects.enumerated().map { try project(from: $1, at: $0 + 1) },
            kind: v["kind"]?.stringValue.flatMap(TargetDocument.Kind.init(rawValue:)) ?? .targets)
    }

    private static func sections(_ v: JSONValue?) -> [Overview.Section] {
        (v?.arrayValue ?? []).compactMap { s in
            s["title"]?.stringValue.map { Overview.Section(title: $0, text: s["text"]?.stringValue ?? "") }
        }
    }

    private static func project(from v: JSONValue, at position: Int) throws -> Project {
        guard let name = v["name"]?.stringValue else { throw DecodingError.notJixiao("project \(position) has no name") }
        let plan = v["spendingPlan"]
        let budget = v["budget"]
        return Project(
            seq: v["seq"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue },
            code: v["code"]?.stringValue, name: name,
            unit: BudgetUnit(code: v["unit"]?["code"]?.stringValue, name: v["unit"]?["name"]?.stringValue),
            moneyUnit: v["moneyUnit"]?.stringValue.flatMap(MoneyUnit.init(rawValue:)) ?? .tenThousandYuan,
            budget: Budget(total: budget?["total"]?.decimalValue, fiscal: budget?["fiscal"]?.decimalValue, other: budget?["other"]?.decimalValue),
            purpose: v["purpose"]?.stringValue,
            spendingPlan: SpendingPlan(
                mar: plan?["mar"]?.decimalValue, jun: plan?["jun"]?.decimalValue, oct: plan?["oct"]?.decimalValue,
                dec: plan?["dec"]?.decimalValue, raw: plan?["raw"]?.stringValue),
            goals: v["goals"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            indicators: try (v["indicators"]?.arrayValue ?? []).enumerated().map { k, row in
                try indicator(from: row, at: k + 1, project: position)
            },
            complete: v["complete"]?.boolValue ?? true,
            period: v["period"]?.stringValue,
            periodGoals: v["periodGoals"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            kind: v["kind"]?.stringValue.flatMap(Project.Kind.init(rawValue:)) ?? .project,
            printed: v["selfEvaluation"].flatMap(printed))
    }

    private static func printed(_ v: JSONValue) -> PrintedEvaluation? {
        guard case .object = v else { return nil }
        let budget = v["budget"], total = v["total"]
        return PrintedEvaluation(
            planned: budget?["planned"]?.decimalValue, executed: budget?["executed"]?.decimalValue, rate: budget?["rate"]?.decimalValue,
            budgetPoints: budget?["points"]?.decimalValue, budgetScore: budget?["score"]?.decimalValue,
            totalPoints: total?["points"]?.decimalValue, totalScore: total?["score"]?.decimalValue, grade: v["grade"]?.stringValue,
            achieved: v["achieved"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    private static func indicator(from v: JSONValue, at row: Int, project: Int) throws -> Indicator {
        guard let l1 = v["level1"]?.stringValue, let l2 = v["level2"]?.stringValue, let l3 = v["level3"]?.stringValue,
            let value = v["value"]?.stringValue
        else { throw DecodingError.notJixiao("project \(project) indicator \(row) lacks level1/level2/level3/value") }
        let t = v["target"]
        let target = Target(
            kind: t?["kind"]?.stringValue.flatMap(Target.Kind.init(rawValue:)) ?? .qualitative,
            op: t?["op"]?.stringValue.flatMap(ComparisonOperator.init(rawValue:)),
            number: t?["number"]?.decimalValue, unit: t?["unit"]?.stringValue, text: t?["text"]?.stringValue,
            ambiguous: t?["ambiguous"]?.boolValue ?? false)
        return Indicator(
            level1: l1, level2: l2, level3: l3, description: v["description"]?.stringValue, value: value,
            basis: v["basis"]?.stringValue, target: target, weight: v["weight"]?.decimalValue, actual: v["actual"]?.stringValue,
            points: v["points"]?.decimalValue, score: v["score"]?.decimalValue, deviation: v["deviation"]?.stringValue)
    }
}
