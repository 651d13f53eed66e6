import Foundation
import JixiaoModel

extension RuleCatalog {
    static let gradeWords = [
        "良好", "完成", "促进", "达到", "提升", "提高", "改善", "有效", "及时", "保障", "明显", "显著", "较好", "大幅提升",
        "大幅提高", "大幅改善", "有效改善", "有效提升", "有效促进", "逐年提高", "逐年提升", "逐年改善", "稳步提升", "持续提升",
        "大力保障", "符合要求", "达标", "正常",
    ]

    static let documentEndings = ["方案", "文件", "通知", "制度", "规定", "办法", "意见", "规范", "标准", "合同", "计划"]

    /// `三定方案`, `《…通知》`: the name of a document.
    static func isBasisDocument(_ value: String, endings: [String] = documentEndings) -> Bool {
        value.includes("《") || endings.contains(where: value.endsWith)
    }

    static func hasPlaceholderOne(_ f: IndicatorFacts) -> Bool { f.placeholderOne }

    static let vague: [Rule] = [
        Rule(
            "value-repeats-name", .vague, .warning,
            summary: "指标值只是重复指标名称",
            basis: "定性指标应分级分档、写明可观察的结果（财预〔2015〕88号；量化易评）"
        ) { input in
            input.indicators.filter { f in
                f.target.kind == .qualitative && !f.indicator.value.isEmpty
                    && (f.squeezedValue == f.squeezedName || f.squeezedValue == f.squeezedDescription)
            }.map { f in
                input.at(f, "指标“\(f.name)”的指标值就是指标名称本身，年底无法判断是否达成：请写出要达到的数量、比率或可检验的状态。")
            }
        },
        Rule(
            "value-is-basis", .vague, .warning,
            summary: "指标值写成了依据文件",
            basis: "指标值是目标，依据应写在“指标值确定依据”栏（项目支出绩效目标表模板）",
            parameters: ["endings": .words(documentEndings)]
        ) { input in
            let endings = input.words("endings")
            return input.indicators.compactMap { f in
                let v = f.indicator.value
                guard f.target.kind == .qualitative, endings == documentEndings ? f.valueIsBasisDocument : isBasisDocument(v, endings: endings)
                else { return nil }
                return input.at(f, "指标“\(f.name)”的指标值“\(v)”是依据文件而非目标：请把它移到“指标值确定依据”，指标值写要达到的结果。")
            }
        },
        Rule(
            "vague-grade-word", .vague, .warning,
            summary: "定性指标值只有“良好”“完成”“促进”之类的笼统词语",
            basis: "定性指标须分级分档、可以考核（财预〔2015〕88号“定性分级分档”）",
            parameters: ["words": .words(gradeWords), "maximumLength": .number(4)]
        ) { input in
            let words = input.wordSet("words")
            let longest = NSDecimalNumber(decimal: input.number("maximumLength")).intValue
            return input.indicators.compactMap { f in
                guard f.target.kind == .qualitative, let text = f.target.text.map(squeezed), !text.isEmpty,
                    !text.contains(where: \.isNumber), words.contains(ByteKey(text)) || text.count <= longest,
                    !hasPlaceholderOne(f)  // `1 有效改善`: placeholder-one says it all
                else { return nil }
                return input.at(f, "指标“\(f.name)”的指标值“\(f.indicator.value)”过于笼统，年底无法判断是否达成：请写明可检验的结果（如“≥95%”“全部完成 12 项”）或分档标准。")
            }
        },
        Rule(
            "placeholder-one", .vague, .warning,
            summary: "定性词语前的占位数字“1”",
            basis: "定性指标不以数字“1”代替目标值（项目支出绩效目标表模板）"
        ) { input in
            input.indicators.filter(hasPlaceholderOne).map { f in
                input.at(f, "指标“\(f.name)”的指标值“\(f.indicator.value)”以占位数字“1”开头：“1”没有含义，请去掉；“\(f.target.text ?? "")”也过于笼统，请写成可检验的结果（如“≥95%”“全部完成 12 项”）或分档标准。")
            }
        },
        Rule(
            "value-number-with-words", .vague, .warning,
            summary: "指标值数字与文字粘连，无法判断目标",
            basis: "指标值由运算符、数值、计量单位构成，说明文字写在指标描述（项目支出绩效目标表模板）"
        ) { input in
            input.indicators.filter { $0.target.kind == .quantitative && $0.target.text != nil }.map { f in
                input.at(f, "指标“\(f.name)”的指标值“\(f.indicator.value)”把数字和说明混在一起：请只写“运算符+数值+单位”（如“=100%”），说明移到指标描述。")
            }
        },
        Rule(
            "value-uncertain", .vague, .info,
            summary: "指标值可有不止一种读法，读取时不能确定",
            basis: "指标值由运算符、数值、计量单位构成，应只有一种读法（项目支出绩效目标表模板；READING.md：ambiguous）"
        ) { input in
            // Values with words beside the number are `value-number-with-words`'s.
            input.indicators.filter { $0.target.ambiguous && $0.target.text == nil }.map { f in
                input.at(f, "指标“\(f.name)”的指标值“\(f.indicator.value)”可有不止一种读法（如“7 月底”是时点还是数量，或与三级指标连写时在哪里断开）：请对照原表核对，写成“运算符+数值+单位”。")
            }
        },
        Rule(
            "template-goal", .vague, .error,
            summary: "绩效目标是模板占位文字（如“目标内容 1”）",
            basis: "绩效目标应明确具体（财预〔2021〕101号“指向明确”）",
            parameters: ["placeholders": .words(["目标内容", "绩效目标", "指标内容", "目标"])]
        ) { input in
            guard let project = input.project else { return [] }
            let placeholders = input.wordSet("placeholders")
            return project.goals.filter { goal in
                let numbering: Set<Character> = [
                    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "。", ".", "、",
                ]
                let g = String(squeezed(goal).filter { !numbering.contains($0) })
                return g.isEmpty || placeholders.contains(ByteKey(g))
            }.map { goal in
                input.onProject(field: "goals", "项目“\(project.name)”的绩效目标是模板占位文字“\(goal)”：请写明本项目年度要达到的产出和效果。")
            }
        },
    ]
}
