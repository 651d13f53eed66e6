import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoModel
import Mustache
import JixiaoReader

/// An option of a `<select>`.
struct Option {
    var value: String
    var label: String
    var selected: Bool
}

struct OptionGroup {
    var label: String
    var options: [Option]
}

/// The project edit form: its state as the person left it, read from a project or from a posted form.
/// Rows can be added, removed and moved without saving (plain form buttons, no script needed);
/// saving turns the form into the API's `ProjectInput`, so both are checked by the same rules.
struct ProjectForm {
    struct Row {
        var level1 = ""
        var level2 = ""
        var level3 = ""
        var description = ""
        var op = ""
        var number = ""
        var unit = ""
        var text = ""
        var basis = ""
        var weight = ""
        /// The value as stored, kept when the parts read from it are left as they were.
        var original = ""

        init() {}

        init(_ i: Indicator) {
            level1 = i.level1
            level2 = i.level2
            level3 = i.level3
            description = i.description ?? ""
            basis = i.basis ?? ""
            weight = i.weight.map { "\($0)" } ?? ""
            original = i.value
            (op, number, unit, text) = Self.parts(of: i.value)
        }

        /// A value as operator, number and unit when it reads as one, else as text.
        static func parts(of value: String) -> (op: String, number: String, unit: String, text: String) {
            let target = ValueReader.read(value)
            if target.kind == .quantitative, let n = target.number, !target.ambiguous {
                return (target.op?.rawValue ?? "", "\(n)", target.unit ?? "", "")
            }
            return ("", "", "", value)
        }

        var isBlank: Bool { [level3, number, text, description, basis].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }

        /// The value to store: the original when its parts are unchanged, else operator + number + unit, or the text.
        func value() throws -> String {
            let number = number.trimmingCharacters(in: .whitespaces), text = text.trimmingCharacters(in: .whitespaces)
            if !original.isEmpty, Self.parts(of: original) == (op, number, unit.trimmingCharacters(in: .whitespaces), text) { return original }
            if number.isEmpty { return text }
            guard Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")) != nil,
                number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") })
            else { throw InvalidInput(field: "number", reason: "“\(number)”不是数字") }
            return op + number + unit.trimmingCharacters(in: .whitespaces)
        }
    }

    var version: Int
    var name = ""
    var code = ""
    var moneyUnit = MoneyUnit.tenThousandYuan.rawValue
    var budgetTotal = ""
    var budgetFiscal = ""
    var budgetOther = ""
    var purpose = ""
    var plan = ["", "", "", ""]
    var goals = ""
    var rows: [Row] = []
    /// Why the change is made (asked for on approved and published documents).
    var reason = ""

    static let planFields = ["mar", "jun", "oct", "dec"]
    static let maxRows = 200

    init(_ p: Project, version: Int) {
        self.version = version
        name = p.name
        code = p.code ?? ""
        moneyUnit = p.moneyUnit.rawValue
        budgetTotal = p.budget.total.map { "\($0)" } ?? ""
        budgetFiscal = p.budget.fiscal.map { "\($0)" } ?? ""
        budgetOther = p.budget.other.map { "\($0)" } ?? ""
        purpose = p.purpose ?? ""
        plan = p.spendingPlan.checkpoints.map { $0.map { "\($0)" } ?? "" }
        goals = p.goals.joined(separator: "\n")
        rows = p.indicators.map(Row.init)
    }

    /// The form as posted; nil when it is not this form.
    init?(_ fields: FormFields) {
        guard let version = fields["version"].flatMap(Int.init), let count = fields["rows"].flatMap(Int.init), (0...Self.maxRows + 1).contains(count) else {
            return nil
        }
        self.version = version
        name = fields["name"] ?? ""
        code = fields["code"] ?? ""
        moneyUnit = fields["moneyUnit"] ?? ""
        budgetTotal = fields["budgetTotal"] ?? ""
        budgetFiscal = fields["budgetFiscal"] ?? ""
        budgetOther = fields["budgetOther"] ?? ""
        purpose = fields["purpose"] ?? ""
        plan = Self.planFields.map { fields["plan.\($0)"] ?? "" }
        goals = fields["goals"] ?? ""
        reason = fields["reason"] ?? ""
        rows = (0..<count).map { k in
            var row = Row()
            let p = "r\(k)."
            row.level1 = fields[p + "level1"] ?? ""
            row.level2 = fields[p + "level2"] ?? ""
            row.level3 = fields[p + "level3"] ?? ""
            row.description = fields[p + "description"] ?? ""
            row.op = fields[p + "op"] ?? ""
            row.number = fields[p + "number"] ?? ""
            row.unit = fields[p + "unit"] ?? ""
            row.text = fields[p + "text"] ?? ""
            row.basis = fields[p + "basis"] ?? ""
            row.weight = fields[p + "weight"] ?? ""
            row.original = fields[p + "original"] ?? ""
            return row
        }
    }

    mutating func dropBlankRows() { rows.removeAll(where: \.isBlank) }

    /// What a row button asks for, without saving.
    enum RowAction {
        case add, remove(Int), up(Int), down(Int)
        /// A row the library suggests: `use|一级|二级|三级|符号|数值|单位`.
        case use(Row)

        init?(_ action: String) {
            let parts = action.split(separator: "-")
            if action == "add" { self = .add; return }
            let fields = action.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            if fields.count == 7, fields[0] == "use" {
                var row = Row()
                (row.level1, row.level2, row.level3, row.op, row.number, row.unit) = (fields[1], fields[2], fields[3], fields[4], fields[5], fields[6])
                self = .use(row)
                return
            }
            guard parts.count == 2, let k = Int(parts[1]) else { return nil }
            switch parts[0] {
            case "remove": self = .remove(k)
            case "up": self = .up(k)
            case "down": self = .down(k)
            default: return nil
            }
        }
    }

    mutating func apply(_ action: RowAction) {
        switch action {
        case .add:
            if rows.count < Self.maxRows {
                var row = Row()
                row.level1 = rows.last?.level1 ?? IndicatorFramework.Level1.output.rawValue
                row.level2 = rows.last?.level2 ?? IndicatorFramework.Level2.quantity.rawValue
                rows.append(row)
            }
        case let .use(row): if rows.count < Self.maxRows { rows.append(row) }
        case let .remove(k): if rows.indices.contains(k) { rows.remove(at: k) }
        case let .up(k): if k > 0, rows.indices.contains(k) { rows.swapAt(k, k - 1) }
        case let .down(k): if rows.indices.contains(k), k < rows.count - 1 { rows.swapAt(k, k + 1) }
        }
    }

    /// The form as the API's project input, checked by the same `Input` rules (blank rows are
    /// dropped beforehand with `dropBlankRows`, so that row numbers in messages match the form).
    func input() throws -> Components.Schemas.ProjectInput {
        func optional(_ s: String) -> String? {
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }
        guard let unit = Components.Schemas.ProjectInput.MoneyUnitPayload(rawValue: moneyUnit) else {
            throw InvalidInput(field: "project.moneyUnit", reason: "金额单位应为“万元”或“元”")
        }
        var indicators: [Components.Schemas.IndicatorInput] = []
        for (k, row) in rows.enumerated() {
            let value: String
            do { value = try row.value() } catch let e as InvalidInput {
                throw InvalidInput(field: "project.indicators[\(k)].\(e.field)", reason: e.reason)
            }
            indicators.append(
                .init(
                    level1: row.level1, level2: row.level2, level3: row.level3, description: optional(row.description), value: value,
                    basis: optional(row.basis), weight: optional(row.weight)))
        }
        return .init(
            code: optional(code), name: name, moneyUnit: unit, budgetTotal: optional(budgetTotal), budgetFiscal: optional(budgetFiscal),
            budgetOther: optional(budgetOther), purpose: optional(purpose),
            plan: .init(mar: optional(plan[0]), jun: optional(plan[1]), oct: optional(plan[2]), dec: optional(plan[3])),
            goals: goals.split(whereSeparator: \.isNewline).compactMap { optional(String($0)) }, indicators: indicators)
    }
}

// MARK: Keys the templates read, answered by hand (see `present`)

extension Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension OptionGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "options": options
        default: nil
        }
    }
}
