import Foundation
import JixiaoModel

/// How a bureau tunes the catalog: which rules run, at what severity, with which parameters.
/// Stored as JSON:
///
///     { "name": "某省", "rules": { "satisfaction-target-credible": { "severity": "info",
///       "parameters": { "minimum": 90 } }, "cost-equals-budget": { "enabled": false } } }
public struct ReviewProfile: Sendable, Equatable {
    public struct RuleSetting: Sendable, Equatable {
        public var enabled: Bool?
        public var severity: Severity?
        public var parameters: [String: RuleParameter]
        public init(enabled: Bool? = nil, severity: Severity? = nil, parameters: [String: RuleParameter] = [:]) {
            self.enabled = enabled
            self.severity = severity
            self.parameters = parameters
        }
    }

    public var name: String
    public var rules: [String: RuleSetting]
    /// Whether a unit may submit its targets for review while `error` findings remain.
    public var allowSubmitWithErrors: Bool

    public init(name: String = "全国默认（财预〔2021〕101号等）", rules: [String: RuleSetting] = [:], allowSubmitWithErrors: Bool = false) {
        self.name = name
        self.rules = rules
        self.allowSubmitWithErrors = allowSubmitWithErrors
    }

    /// The national defaults: every rule at its own severity and parameters.
    public static let national = ReviewProfile()

    public enum LoadError: Error, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self {
            case let .invalid(why): "invalid review profile: \(why)"
            }
        }
    }

    /// Reads a profile; unknown rules or parameters are refused so that typos do not pass silently.
    public static func load(_ data: Data, catalog: [Rule] = RuleCatalog.all) throws -> ReviewProfile {
        let json: JSONValue
        do { json = try JSONValue.parse(data) } catch { throw LoadError.invalid("\(error)") }
        guard case .object = json else { throw LoadError.invalid("the profile must be a JSON object") }
        var profile = ReviewProfile(name: json["name"]?.stringValue ?? "自定义")
        if let allow = json["allowSubmitWithErrors"] {
            guard let value = allow.boolValue else { throw LoadError.invalid("\"allowSubmitWithErrors\" must be true or false") }
            profile.allowSubmitWithErrors = value
        }
        guard let rules = json["rules"] else { return profile }
        guard case let .object(members) = rules else { throw LoadError.invalid("\"rules\" must be an object") }
        for (id, setting) in members {
            guard let rule = catalog.first(where: { $0.id == id }) else { throw LoadError.invalid("no rule \"\(id)\" (see `jixiao rules`)") }
            var s = RuleSetting()
            s.enabled = setting["enabled"]?.boolValue
            if let sev = setting["severity"] {
                guard let name = sev.stringValue, let level = Severity(rawValue: name) else {
                    throw LoadError.invalid("\(id): severity must be error, warning or info")
                }
                s.severity = level
            }
            if case let .object(params)? = setting["parameters"] {
                for (name, value) in params {
                    guard let current = rule.parameters[name] else { throw LoadError.invalid("\(id): no parameter \"\(name)\"") }
                    switch (current, value) {
                    case (.number, .number(let n)): s.parameters[name] = .number(n)
                    case (.words, .array(let items)):
                        let words = items.compactMap(\.stringValue)
                        guard words.count == items.count else { throw LoadError.invalid("\(id).\(name): a list of words") }
                        s.parameters[name] = .words(words)
                    default: throw LoadError.invalid("\(id).\(name): expected a \(current.number != nil ? "number" : "list of words")")
                    }
                }
            }
            profile.rules[id] = s
        }
        return profile
    }
}
