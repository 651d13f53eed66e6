/// The labels of a project table's head, and what lies between them.
enum FieldLabel: Sendable, Hashable {
    case code, name, unitOfMoney, scale, total, fiscal, other, purpose, plan, month(Int), period, goals, periodGoals, department

    static let all: [(String, FieldLabel)] = [
        ("项目编码", .code), ("项目代码", .code),
        ("预算项目名称", .name), ("项目支出名称", .name), ("项目名称", .name),
        ("预算部门", .department), ("主管部门", .department), ("预算单位", .department),
        ("金额单位：", .unitOfMoney), ("单位：", .unitOfMoney),
        ("预算规模及资金用途", .scale), ("预算规模及用途", .scale),
        ("年度预算数", .total), ("预算数", .total), ("预算金额", .total), ("年度资金总额", .total), ("资金总额", .total),
        ("其中：财政资金", .fiscal), ("其中财政资金", .fiscal), ("财政资金", .fiscal), ("财政拨款", .fiscal),
        ("其他资金", .other),
        ("项目资金主要用途", .purpose), ("项目资金用途", .purpose), ("资金用途", .purpose), ("主要用途", .purpose),
        ("资金支出计划（%）", .plan), ("资金支出计划", .plan),
        ("3月底", .month(0)), ("6月底", .month(1)), ("10月底", .month(2)), ("12月底", .month(3)),
        ("实施期绩效目标", .periodGoals), ("实施期目标", .periodGoals), ("实施期", .period),
        ("年度绩效目标", .goals), ("年度目标", .goals), ("绩效目标", .goals),
    ].sorted { $0.0.count > $1.0.count }
}

/// Finds labels in squeezed text and gives the text between one label and the next.
struct LabeledFields {
    struct Occurrence {
        var label: FieldLabel
        var start: Int
        var end: Int
    }

    let tokens: [Token]
    /// Where the tokens' text lies.
    let source: SourceLines
    let squeezed: SqueezedText
    private(set) var occurrences: [Occurrence] = []
    let limit: Int

    /// `excluded` flags the tokens never read as labels (the title line), one flag per token.
    init(tokens: [Token], source: SourceLines, squeezed: SqueezedText, upTo limit: Int, excluding excluded: [Bool]) {
        self.tokens = tokens
        self.source = source
        self.squeezed = squeezed
        self.limit = limit
        var p = 0
        let labelStarts = Self.labelStarts, labelsByFirst = Self.labelsByFirst  // read once, not per position
        while p < limit {
            // Most positions start no label: turned away without hashing.
            guard labelStarts.contains(squeezed.scalars[p]), !excluded[squeezed.tokenIndex[p]] else { p += 1; continue }
            if let candidates = labelsByFirst[squeezed.scalars[p]],
                let (chars, label) = candidates.first(where: { squeezed.matches($0.0, at: p) && p + $0.0.count <= limit })
            {
                occurrences.append(Occurrence(label: label, start: p, end: p + chars.count))
                p += chars.count
            } else {
                p += 1
            }
        }
    }

    static let labelStarts = ScalarSet(labelsByFirst.keys)

    /// Labels by their first scalar, longest first.
    static let labelsByFirst: [Unicode.Scalar: [([Unicode.Scalar], FieldLabel)]] = Dictionary(
        grouping: FieldLabel.all.map { (SqueezedText.label($0.0), $0.1) }, by: { $0.0[0] })

    func first(_ label: FieldLabel) -> Occurrence? { occurrences.first { $0.label == label } }

    /// Character range of the value after an occurrence: up to the next label.
    func valueRange(of o: Occurrence) -> Range<Int> {
        let next = occurrences.first { $0.start >= o.end }?.start ?? limit
        return o.end..<max(o.end, next)
    }

    func value(_ label: FieldLabel) -> String? {
        guard let o = first(label) else { return nil }
        let t = text(valueRange(of: o))
        return t.isEmpty ? nil : t
    }

    /// Text of a character range, spaced as written: a space where tokens were separated by
    /// spaces or cells (but not between two CJK characters), nothing across line breaks.
    func text(_ range: Range<Int>) -> String {
        var out = ""
        var p = range.lowerBound
        while p < range.upperBound {
            let t = squeezed.tokenIndex[p]
            let tokenEnd = squeezed.tokenStart[t + 1]
            let end = min(tokenEnd, range.upperBound)
            // A whole token is its own text; a part of one is cut from it.
            let text = source.text(of: tokens[t])
            let piece =
                p == squeezed.tokenStart[t] && end == tokenEnd
                ? text
                : String(text.unicodeScalars.dropFirst(p - squeezed.tokenStart[t]).prefix(end - p))
            CellText.append(piece, to: &out, spaced: p > range.lowerBound && tokens[t].gap != .line)
            p = end
        }
        return out
    }

    /// Token indices whose first character lies in the range.
    func tokenIndices(_ range: Range<Int>) -> [Int] {
        guard !range.isEmpty else { return [] }
        let first = squeezed.tokenIndex[range.lowerBound]
        let last = squeezed.tokenIndex[range.upperBound - 1]
        return Array(first...last)
    }
}
