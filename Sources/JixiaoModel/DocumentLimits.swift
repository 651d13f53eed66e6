/// What a stored document may hold, whichever way it comes in (a file read, a `jixiao/1` upload, an
/// edit): text lengths a real table never exceeds, and no characters that only hide or disguise text
/// (control characters, which also break CSV and XML, and the bidirectional overrides that make a
/// cell display other than it reads).
public enum DocumentLimits {
    public static let name = 500
    public static let code = 40
    /// Level names (一级, 二级).
    public static let level = 50
    /// A 三级 indicator and its value.
    public static let indicator = 500
    /// A goal, a description, a basis, a purpose.
    public static let paragraph = 2000
    /// A section of the overall goals.
    public static let section = 20_000
    public static let goals = 50
    public static let indicators = 200
    public static let projects = 2000

    /// A place in a document and what is wrong there.
    public struct Violation: Error, Sendable, Equatable, CustomStringConvertible {
        /// Where, as the API names fields (`projects[2].indicators[0].value`).
        public var field: String
        public var reason: String
        public var description: String { "\(field)：\(reason)" }
    }

    /// Why `text` cannot be stored in a field of at most `max` characters, or nil when it can.
    public static func problem(_ text: String, max: Int) -> String? {
        var text = text
        let forbidden = text.withUTF8(hasForbidden)
        if forbidden { return "含有控制字符或文字方向控制符 (contains control or bidirectional-override characters)" }
        // No more bytes than the limit: no more characters either, and nothing to count.
        if text.utf8.count > max, text.count > max { return "超过 \(max) 个字 (longer than \(max) characters)" }
        return nil
    }

    /// C0 and C1 controls other than tab and line breaks, and the bidirectional embeddings, overrides
    /// and isolates (U+202A–U+202E, U+2066–U+2069), found in the UTF-8 bytes: every document read
    /// passes through here, so no scalar is decoded.
    static func hasForbidden(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x20 {
                if c != 0x09 && c != 0x0A && c != 0x0D { return true }
            } else if c == 0x7F {
                return true
            } else if c == 0xC2, i + 1 < b.count, (0x80...0x9F).contains(b[i + 1]) {
                return true
            } else if c == 0xE2, i + 2 < b.count {
                let (c1, c2) = (b[i + 1], b[i + 2])
                if c1 == 0x80 && (0xAA...0xAE).contains(c2) || c1 == 0x81 && (0xA6...0xA9).contains(c2) { return true }
            }
            i += 1
        }
        return false
    }

    /// The first place where `document` exceeds a limit, or nil.
    public static func violation(in d: TargetDocument) -> Violation? {
        do {
            try check(d)
            return nil
        } catch {
            return error
        }
    }

    /// Field names are made only for the place that fails: most documents pass.
    private static func check(_ text: String?, _ max: Int, _ field: @autoclosure () -> String) throws(Violation) {
        if let text, let reason = problem(text, max: max) { throw Violation(field: field(), reason: reason) }
    }

    private static func check(_ d: TargetDocument) throws(Violation) {
        try check(d.source?.name, name, "source.name")
        try check(d.department.name, name, "department.name")
        try check(d.department.code, code, "department.code")
        try check(d.department.regionCode, code, "department.regionCode")
        for (k, goal) in d.overview.overallGoals.enumerated() { try check(goal, section, "overview.overallGoals[\(k)]") }
        for (part, sections) in [("subGoals", d.overview.subGoals), ("measures", d.overview.measures)] {
            for (k, s) in sections.enumerated() {
                try check(s.title, name, "overview.\(part)[\(k)].title")
                try check(s.text, section, "overview.\(part)[\(k)].text")
            }
        }
        guard d.projects.count <= projects else { throw Violation(field: "projects", reason: "最多 \(projects) 个项目 (at most \(projects) projects)") }
        for (k, p) in d.projects.enumerated() {
            guard p.goals.count <= goals else { throw Violation(field: "projects[\(k)].goals", reason: "最多 \(goals) 条 (at most \(goals) goals)") }
            guard p.indicators.count <= indicators else {
                throw Violation(field: "projects[\(k)].indicators", reason: "最多 \(indicators) 行 (at most \(indicators) rows)")
            }
            try check(p.code, code, "projects[\(k)].code")
            try check(p.name, name, "projects[\(k)].name")
            try check(p.unit.code, code, "projects[\(k)].unit.code")
            try check(p.unit.name, name, "projects[\(k)].unit.name")
            try check(p.purpose, paragraph, "projects[\(k)].purpose")
            try check(p.period, name, "projects[\(k)].period")
            try check(p.spendingPlan.raw, paragraph, "projects[\(k)].spendingPlan.raw")
            for (g, goal) in p.goals.enumerated() { try check(goal, paragraph, "projects[\(k)].goals[\(g)]") }
            for (g, goal) in p.periodGoals.enumerated() { try check(goal, paragraph, "projects[\(k)].periodGoals[\(g)]") }
            for (r, i) in p.indicators.enumerated() {
                try check(i.level1, level, "projects[\(k)].indicators[\(r)].level1")
                try check(i.level2, level, "projects[\(k)].indicators[\(r)].level2")
                try check(i.level3, indicator, "projects[\(k)].indicators[\(r)].level3")
                try check(i.value, indicator, "projects[\(k)].indicators[\(r)].value")
                try check(i.description, paragraph, "projects[\(k)].indicators[\(r)].description")
                try check(i.basis, paragraph, "projects[\(k)].indicators[\(r)].basis")
            }
        }
    }
}
