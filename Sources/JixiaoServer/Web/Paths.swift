import Foundation
import Hummingbird

/// A page's URL written once: the pattern the router registers (`/documents/{id}`) and every link
/// made from it (`Paths.document(7)` → `/documents/7`).
struct SitePath: Sendable, ExpressibleByStringLiteral {
    let route: String

    init(stringLiteral route: String) { self.route = route }

    var routerPath: RouterPath { RouterPath(route) }

    /// The link: the pattern's `{…}` filled in order, then the query's pairs with a value, encoded.
    func callAsFunction(_ values: any CustomStringConvertible..., query: KeyValuePairs<String, String?> = [:]) -> String {
        var link = "", rest = Substring(route), next = values.makeIterator()
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            link += rest[..<open]
            let value = next.next()
            precondition(value != nil, "\(route) needs a value for \(rest[open...close])")
            link += Self.encoded(value!.description)
            rest = rest[rest.index(after: close)...]
        }
        link += rest
        let pairs = query.compactMap { key, value in value.map { "\(key)=\(Self.encoded($0))" } }
        return pairs.isEmpty ? link : link + "?" + pairs.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    static func encoded(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
}

/// Every URL of the web pages. Templates link to the fixed ones (the menu); everything built in code
/// goes through here, so a route and its links cannot drift apart.
enum Paths {
    static let home: SitePath = "/"
    static let favicon: SitePath = "/favicon.ico"
    static let icon: SitePath = "/static/favicon.svg"

    // Accounts
    static let login: SitePath = "/login"
    static let logout: SitePath = "/logout"
    static let account: SitePath = "/account"
    static let password: SitePath = "/account/password"
    static let tokens: SitePath = "/account/tokens"
    static let revokeToken: SitePath = "/account/tokens/{token}/revoke"

    // A unit's document
    static let document: SitePath = "/documents/{id}"
    static let report: SitePath = "/documents/{id}/report"
    static let documentCSV: SitePath = "/documents/{id}/export.csv"
    static let documentXLSX: SitePath = "/documents/{id}/export.xlsx"
    static let workflow: SitePath = "/documents/{id}/workflow"
    static let history: SitePath = "/documents/{id}/history"
    static let historyCSV: SitePath = "/documents/{id}/history.csv"
    static let project: SitePath = "/documents/{id}/projects/{position}"
    static let projectCSV: SitePath = "/documents/{id}/projects/{position}/export.csv"
    static let projectXLSX: SitePath = "/documents/{id}/projects/{position}/export.xlsx"
    static let edit: SitePath = "/documents/{id}/projects/{position}/edit"

    // Import
    static let importForm: SitePath = "/import"
    static let pendingImport: SitePath = "/import/{token}"
    static let pendingCSV: SitePath = "/import/{token}/export.csv"
    static let pendingXLSX: SitePath = "/import/{token}/export.xlsx"

    // Monitoring and evaluation
    static let actuals: SitePath = "/documents/{id}/projects/{position}/actuals"
    static let monitoring: SitePath = "/documents/{id}/monitoring"
    static let evaluation: SitePath = "/documents/{id}/evaluation"
    static let evaluationCSV: SitePath = "/documents/{id}/evaluation.csv"
    static let evaluationXLSX: SitePath = "/documents/{id}/evaluation.xlsx"
    static let regionMonitoring: SitePath = "/monitoring"
    static let selfEvaluations: SitePath = "/self-evaluations"
    static let selfEvaluation: SitePath = "/self-evaluations/{id}"
    static let selfEvaluationXLSX: SitePath = "/self-evaluations/{id}/export.xlsx"

    // Audit
    static let audit: SitePath = "/audit"
    static let auditCSV: SitePath = "/audit.csv"
}
