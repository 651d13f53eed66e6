import Foundation
import JixiaoModel

/// Actuals as people send them: JSON or CSV (formats in the README). Read strictly: a value that
/// cannot be used is refused with where it is, never guessed.
public enum ActualsFile {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The month the file reports (when it says), and the actuals by project position.
    /// With `document`, each report is also checked against the row it is for (the project and row
    /// exist; a number for a row judged by its number, a grade for one judged by grade), so that a
    /// report that could not be used is refused with its place rather than shown as 未填报.
    public static func read(_ data: Data, for document: TargetDocument? = nil) throws -> (month: Int?, projects: [Int: ProjectActuals]) {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { !(" \t\r\n" as String).utf8.contains($0) }
        let check = { (position: Int, row: Int, actual: IndicatorActual, place: String) throws in
            guard let document else { return }
            guard document.projects.indices.contains(position - 1) else {
                throw ReadError(description: "\(place): 没有第 \(position) 个项目 (no project \(position))")
            }
            let indicators = document.projects[position - 1].indicators
            guard indicators.indices.contains(row - 1) else {
                throw ReadError(description: "\(place): 项目 \(position) 没有第 \(row) 行指标 (no row \(row))")
            }
            if let why = actual.mismatch(with: indicators[row - 1]) { throw ReadError(description: "\(place): 第 \(row) 行 \(why)") }
        }
        return first == UInt8(ascii: "{") ? try json(Data(bytes), check: check) : try csv(String(decoding: bytes, as: UTF8.self), check: check)
    }

    typealias Check = (_ position: Int, _ row: Int, _ actual: IndicatorActual, _ place: String) throws -> Void

    /// A number as people type it (97, 97.5, 97%); `place` says where, for the refusal.
    public static func decimal(_ text: String, _ place: String) throws -> Decimal {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            let n = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
        else { throw ReadError(description: "\(place): “\(text)”不是数字 (not a number)") }
        return n
    }

    /// Money spent by a month: a number, not below zero.
    public static func amount(_ text: String, _ place: String) throws -> Decimal {
        try amount(decimal(text, place), place)
    }

    static func amount(_ n: Decimal, _ place: String) throws -> Decimal {
        guard n >= 0 else { throw ReadError(description: "\(place): 支出不能为负数 (spending cannot be negative)") }
        return n
    }

    /// The share of a qualitative row's weight within its grade's band: a percentage, 0 to 100.
    public static func share(_ text: String, _ place: String) throws -> Decimal {
        try share(decimal(text, place), place)
    }

    static func share(_ n: Decimal, _ place: String) throws -> Decimal {
        guard n >= 0, n <= 100 else { throw ReadError(description: "\(place): 得分比例应在 0–100 之间 (a share is 0 to 100)") }
        return n
    }

    /// A row reported twice in one report is refused: which of the two was meant cannot be told.
    public static func once(_ row: Int, in actuals: ProjectActuals, _ place: String) throws {
        if actuals.indicators[row] != nil { throw ReadError(description: "\(place): 第 \(row) 行重复填报 (row \(row) is reported twice)") }
    }

    static func month(_ n: Int?, _ place: String) throws -> Int {
        guard let n, (1...12).contains(n) else { throw ReadError(description: "\(place): 月份应为 1–12 (month must be 1 to 12)") }
        return n
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ text: String?, _ place: String) throws -> T? where T.RawValue == String {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = T(rawValue: text) else {
            throw ReadError(description: "\(place): “\(text)”应为 \(T.allCases.map(\.rawValue).joined(separator: " / "))")
        }
        return value
    }

    static func json(_ data: Data, check: Check) throws -> (month: Int?, projects: [Int: ProjectActuals]) {
        let root: JSONValue
        do { root = try JSONValue.parse(data) } catch { throw ReadError(description: "JSON: \(error)") }
        let month = try root["month"].flatMap { v -> Int? in
            v == .null ? nil : try Self.month(v.decimalValue.map { NSDecimalNumber(decimal: $0).intValue }, "month")
        }
        var projects: [Int: ProjectActuals] = [:]
        for (k, p) in (root["projects"]?.arrayValue ?? []).enumerated() {
            let place = "projects[\(k)]"
            guard let position = p["project"]?.decimalValue.map({ NSDecimalNumber(decimal: $0).intValue }), position >= 1 else {
                throw ReadError(description: "\(place).project: 项目序号（从 1 起）")
            }
            var actuals = projects[position] ?? ProjectActuals()
            if case let .object(spending)? = p["spending"] {
                for (m, v) in spending {
                    let at = "\(place).spending.\(m)"
                    guard let amount = v.decimalValue else { throw ReadError(description: "\(at): 不是数字 (not a number)") }
                    actuals.spending[try Self.month(Int(m), at)] = try Self.amount(amount, at)
                }
            }
            for (j, i) in (p["indicators"]?.arrayValue ?? []).enumerated() {
                let at = "\(place).indicators[\(j)]"
                guard let row = i["row"]?.decimalValue.map({ NSDecimalNumber(decimal: $0).intValue }), row >= 1 else {
                    throw ReadError(description: "\(at).row: 指标行号（从 1 起）")
                }
                try once(row, in: actuals, at + ".row")
                let actual = IndicatorActual(
                    value: i["value"]?.decimalValue, grade: try choice(i["grade"]?.stringValue, at + ".grade"),
                    share: try i["share"]?.decimalValue.map { try share($0, at + ".share") },
                    date: i["date"]?.stringValue, note: i["note"]?.stringValue, reason: try choice(i["reason"]?.stringValue, at + ".reason"),
                    likelihood: try choice(i["likelihood"]?.stringValue, at + ".likelihood"), explanation: i["explanation"]?.stringValue,
                    forecast: i["forecast"]?.decimalValue)
                try check(position, row, actual, at)
                actuals.indicators[row] = actual
            }
            projects[position] = actuals
        }
        return (month, projects)
    }

    /// The JSON form (the one `read` takes) of a document's actuals.
    public static func json(month: Int?, projects: [Int: ProjectActuals]) -> JSONValue {
        func number(_ d: Decimal?) -> JSONValue { d.map { .number($0) } ?? .null }
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        return .object([
            ("month", month.map { .number(Decimal($0)) } ?? .null),
            (
                "projects",
                .array(
                    projects.keys.sorted().map { position in
                        let a = projects[position]!
                        return .object([
                            ("project", .number(Decimal(position))),
                            ("spending", .object(a.spending.keys.sorted().map { ("\($0)", .number(a.spending[$0]!)) })),
                            (
                                "indicators",
                                .array(
                                    a.indicators.keys.sorted().map { row in
                                        let i = a.indicators[row]!
                                        return .object([
                                            ("row", .number(Decimal(row))), ("value", number(i.value)), ("forecast", number(i.forecast)),
                                            ("grade", text(i.grade?.rawValue)),
                                            ("share", number(i.share)),
                                            ("date", text(i.date)), ("note", text(i.note)), ("reason", text(i.reason?.rawValue)),
                                            ("likelihood", text(i.likelihood?.rawValue)),
                                            ("explanation", text(i.explanation)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    static let columns = ["project", "row", "month", "value", "forecast", "grade", "share", "date", "reason", "likelihood", "note", "explanation"]

    /// One line per report: a line without `row` is the project's cumulative spending at `month`;
    /// a line with `row` is that indicator's actual. Quoted fields may hold commas and line breaks.
    static func csv(_ text: String, check: Check) throws -> (month: Int?, projects: [Int: ProjectActuals]) {
        let records = records(text)
        guard let header = records.first?.map({ $0.trimmingCharacters(in: .whitespaces) }) else { return (nil, [:]) }
        for name in header where !columns.contains(name) {
            throw ReadError(description: "CSV: unknown column “\(name)” (columns: \(columns.joined(separator: ", ")))")
        }
        guard header.contains("project") else { throw ReadError(description: "CSV: the column “project” is required") }
        var projects: [Int: ProjectActuals] = [:]
        var latest: Int?
        for (k, record) in records.dropFirst().enumerated() where !record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let place = "line \(k + 2)"
            func field(_ name: String) -> String? {
                guard let i = header.firstIndex(of: name), i < record.count else { return nil }
                let v = record[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            guard let position = field("project").flatMap(Int.init), position >= 1 else { throw ReadError(description: "\(place): project 应为项目序号") }
            var actuals = projects[position] ?? ProjectActuals()
            if let rowText = field("row") {
                guard let row = Int(rowText), row >= 1 else { throw ReadError(description: "\(place): row 应为指标行号") }
                try once(row, in: actuals, place)
                let actual = IndicatorActual(
                    value: try field("value").map { try decimal($0, place + " value") }, grade: try choice(field("grade"), place + " grade"),
                    share: try field("share").map { try share($0, place + " share") }, date: field("date"), note: field("note"),
                    reason: try choice(field("reason"), place + " reason"), likelihood: try choice(field("likelihood"), place + " likelihood"),
                    explanation: field("explanation"), forecast: try field("forecast").map { try decimal($0, place + " forecast") })
                try check(position, row, actual, place)
                actuals.indicators[row] = actual
            } else {
                let m = try month(field("month").flatMap(Int.init), place)
                guard let value = field("value") else { throw ReadError(description: "\(place): value（截至该月的累计支出）不能为空") }
                actuals.spending[m] = try amount(value, place + " value")
                latest = max(latest ?? 0, m)
            }
            projects[position] = actuals
        }
        return (latest, projects)
    }

    /// RFC 4180 records.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var chars = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
