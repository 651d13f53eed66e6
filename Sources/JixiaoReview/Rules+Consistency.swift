import Foundation
import JixiaoModel

extension RuleCatalog {
    static let consistency: [Rule] = [
        Rule(
            "target-looser-than-last-year", .consistency, .warning,
            summary: "指标值比上年降低，却未写明依据",
            basis: "绩效目标应与上年实际和预期相衔接，调低目标须说明理由（财预〔2021〕101号“指标值设定依据”）"
        ) { input in
            guard let project = input.project, let lastYear = input.lastYear else { return [] }
            let looser = YearOverYear.indicators(from: lastYear, to: project).filter { $0.kind == .looser }
            return input.indicators.compactMap { f -> Hit? in
                guard (f.indicator.basis ?? "").trimmingCharacters(in: .whitespaces).isEmpty,
                    let change = looser.first(where: { $0.name == f.indicator.level3 })
                else { return nil }
                return input.at(
                    f, field: "basis", "指标“\(f.name)”上年为“\(change.before ?? "")”，今年为“\(change.after ?? "")”，要求降低了，却没有写明指标值确定依据：请说明调低的理由。")
            }
        },
        Rule(
            "number-words-disagree", .consistency, .warning,
            summary: "指标值的数字与文字说明不一致（如“≥99…不低于95%”）",
            basis: "指标值应唯一、可考核（量化易评）"
        ) { input in
            input.indicators.compactMap { f in
                // Only a written operator contradicted by a written bound: `≥99…不低于95%`.
                guard f.target.kind == .quantitative, let n = f.target.number, let text = f.target.text,
                    let first = f.indicator.value.first, "≥≤><".contains(first), let other = boundIn(text), other != n
                else { return nil }
                return input.at(f, "指标“\(f.name)”的指标值“\(f.indicator.value)”中数值 \(n.plain) 与文字中的 \(other.plain)% 不一致：请只保留一个目标值。")
            }
        },
        Rule(
            "wrong-level2", .consistency, .warning,
            summary: "指标放错了二级类别（如时间、比率放在成本指标下，金额放在数量指标下）",
            basis: "二级指标按数量、质量、时效、成本等分类（项目支出绩效目标表模板）"
        ) { input in
            input.indicators.compactMap { f in
                let byName = f.natureByName
                let notMoney = f.target.kind == .quantitative && !(f.target.unit.map(isMoney) ?? false)
                switch f.level2 {
                case .cost? where !notMoney:  // a number that is not money is cost-unit's finding
                    let yesNo = f.indicator.level3.includes("是否") || (f.indicator.description ?? "").hasPrefix("是否")
                    if yesNo || [.duration, .deadline, .positiveRate, .reverseRate, .satisfaction].contains(byName) {
                        let what = yesNo ? "“是否”类判断" : byName.label
                        return input.at(f, field: "level2", "“\(f.name)”衡量的是\(what)，却放在成本指标下：成本指标应为金额，请移到相应的二级指标。")
                    }
                case .quantity?, .quality?, .timeliness?:
                    if let unit = f.target.unit, isMoney(unit), yuanPerUnit(unit) != nil {
                        return input.at(f, field: "level2", "“\(f.name)”是金额（\(f.indicator.value)），却放在\(f.indicator.level2)下：金额类指标应放在成本指标下。")
                    }
                    if f.level2 == .timeliness, byName == .cost {
                        return input.at(f, field: "level2", "“\(f.name)”讲的是资金保障，却放在时效指标下：请移到成本指标，时效指标写完成时限或及时率。")
                    }
                    if f.level2 != .timeliness, f.indicator.level3.includes("及时") || byName == .duration {
                        return input.at(f, field: "level2", "“\(f.name)”衡量的是时效，却放在\(f.indicator.level2)下：请移到时效指标。")
                    }
                default: break
                }
                return nil
            }
        },
        Rule(
            "level2-under-wrong-level1", .consistency, .warning,
            summary: "二级指标挂在不对应的一级指标下",
            basis: "产出指标下设数量、质量、时效、成本；效益指标下设经济、社会、生态效益和可持续影响（项目支出绩效目标表模板）"
        ) { input in
            input.indicators.compactMap { f in
                // 社会公众或服务对象满意度指标 under 效益指标 is the 2015 national template (财预〔2015〕88号).
                guard let l1 = f.level1, let l2 = f.level2, l2.level1 != l1, !(l2 == .satisfaction && (l1 == .satisfaction || l1 == .effect)),
                    !(l1 == .cost && l2 == .cost)
                else { return nil }
                return input.at(f, field: "level2", "二级指标“\(f.indicator.level2)”不属于一级指标“\(f.indicator.level1)”：请放到“\(l2.level1.rawValue)”下。")
            }
        },
        Rule(
            "duplicate-indicator", .consistency, .warning,
            summary: "同一项目中同名三级指标重复",
            basis: "指标应各有所指、不重复（财预〔2021〕101号“重点突出”）"
        ) { input in
            var seen: [ByteKey: Int] = [:]
            return input.indicators.compactMap { f in
                let key = ByteKey(f.squeezedName)
                guard !key.text.isEmpty else { return nil }
                if let first = seen[key] {
                    if input.indicators[first - 1].squeezedDescription.utf8.elementsEqual(f.squeezedDescription.utf8) {
                        return input.at(f, field: "level3", "三级指标“\(f.name)”与第 \(first) 行完全重复：请合并，或改为衡量不同内容的指标。")
                    }
                    return input.at(f, field: "level3", "三级指标“\(f.name)”与第 \(first) 行同名而内容不同：请用能区分的名称（如写明“\(f.indicator.description ?? "")”）。")
                }
                seen[key] = f.row
                return nil
            }
        },
        Rule(
            "description-mismatch", .consistency, .warning,
            summary: "指标描述衡量的内容与指标名称不同（如名称是费用、描述是次数）",
            basis: "绩效指标描述说明三级指标的口径，二者应一致（项目支出绩效目标表模板）"
        ) { input in
            input.indicators.compactMap { f in
                guard let description = f.indicator.description, !description.isEmpty else { return nil }
                let name = f.indicator.level3
                let n = f.nameMeasures, d = f.descriptionMeasures
                let mismatch = (n.money && d.counts && !d.money) || (n.counts && d.money && !n.money) || (d.satisfaction && !n.satisfaction)
                guard mismatch else { return nil }
                return input.at(f, field: "description", "指标“\(name)”的描述“\(description)”衡量的是另一件事：描述应说明本指标的口径，请改写描述或指标名称。")
            }
        },
        Rule(
            "satisfaction-of-own-staff", .consistency, .warning,
            summary: "满意度调查的是本单位人员而非服务对象",
            basis: "满意度指标反映服务对象（社会公众、企业）的满意程度（项目支出绩效目标表模板）",
            parameters: ["insiders": .words(["办公人员", "派遣人员", "公益岗人员", "工作人员", "职工", "干部", "员工", "专家"])]
        ) { input in
            let insiders = input.words("insiders")
            return input.indicators.compactMap { f in
                guard f.nature == .satisfaction, let who = insiders.first(where: { f.indicator.level3.includes($0) }) else { return nil }
                return input.at(f, field: "level3", "满意度指标“\(f.name)”调查的是“\(who)”：他们是本单位人员或由项目付酬的人员，不是服务对象。请改为服务对象（群众、企业）的满意度。")
            }
        },
        Rule(
            "duplicate-purpose", .consistency, .info, scope: .document,
            summary: "两个项目的资金用途完全相同",
            basis: "不同项目应有不同的用途和目标（财预〔2021〕101号“高度关联”）"
        ) { input in
            var seen: [String: Int] = [:]
            var hits: [Hit] = []
            for (k, p) in input.document.projects.enumerated() {
                guard let purpose = p.purpose.map(squeezed), purpose.count > 4 else { continue }
                if let first = seen[purpose] {
                    hits.append(Hit(project: k + 1, field: "purpose", "项目“\(p.name)”的资金用途与第 \(first) 个项目完全相同：请核对是否重复申报，或写明各自用途。"))
                } else {
                    seen[purpose] = k + 1
                }
            }
            return hits
        },
    ]

    /// A bound written in words: `回访好评率不低于95%` → 95, `好评率95%以上` → 95.
    static func boundIn(_ text: String) -> Decimal? {
        let words = ["不低于", "不少于", "不高于", "不超过", "达到", "≥", "≤"]
        for w in words {
            guard let r = text.range(of: w) else { continue }
            let digits = text[r.upperBound...].prefix { $0.isNumber || $0 == "." }
            if let n = Decimal(string: String(digits)), !digits.isEmpty { return n }
        }
        return nil
    }
}
