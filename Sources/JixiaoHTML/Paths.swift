import Foundation

/// A page's URL written once: the pattern the router registers (`/documents/{id}`) and every link
/// made from it (`Paths.document(7)` → `/documents/7`).
package struct SitePath: Sendable, ExpressibleByStringLiteral {
    package let route: String

    package init(stringLiteral route: String) { self.route = route }

    /// The link: the pattern's `{…}` filled in order, then the query's pairs with a value, encoded.
    package func callAsFunction(_ values: any CustomStringConvertible..., query: KeyValuePairs<String, String?> = [:]) -> String {
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
    package static func encoded(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
}

/// Every URL of the web pages. Templates link to the fixed ones (the menu); everything built in code
/// goes through here, so a route and its links cannot drift apart.
package enum Paths {
    package static let home: SitePath = "/"
    package static let favicon: SitePath = "/favicon.ico"
    package static let icon: SitePath = "/static/favicon.svg"

    // Accounts
    package static let login: SitePath = "/login"
    package static let logout: SitePath = "/logout"
    package static let account: SitePath = "/account"
    package static let password: SitePath = "/account/password"
    package static let tokens: SitePath = "/account/tokens"
    package static let revokeToken: SitePath = "/account/tokens/{token}/revoke"

    // A unit's document
    package static let document: SitePath = "/documents/{id}"
    package static let report: SitePath = "/documents/{id}/report"
    package static let documentCSV: SitePath = "/documents/{id}/export.csv"
    package static let documentXLSX: SitePath = "/documents/{id}/export.xlsx"
    package static let workflow: SitePath = "/documents/{id}/workflow"
    package static let history: SitePath = "/documents/{id}/history"
    package static let historyCSV: SitePath = "/documents/{id}/history.csv"
    package static let project: SitePath = "/documents/{id}/projects/{position}"
    package static let projectCSV: SitePath = "/documents/{id}/projects/{position}/export.csv"
    package static let projectXLSX: SitePath = "/documents/{id}/projects/{position}/export.xlsx"
    package static let edit: SitePath = "/documents/{id}/projects/{position}/edit"

    // Import
    package static let importForm: SitePath = "/import"
    package static let pendingImport: SitePath = "/import/{token}"
    package static let pendingCSV: SitePath = "/import/{token}/export.csv"
    package static let pendingXLSX: SitePath = "/import/{token}/export.xlsx"

    // Monitoring and evaluation
    package static let actuals: SitePath = "/documents/{id}/projects/{position}/actuals"
    package static let monitoring: SitePath = "/documents/{id}/monitoring"
    package static let evaluation: SitePath = "/documents/{id}/evaluation"
    package static let evaluationCSV: SitePath = "/documents/{id}/evaluation.csv"
    package static let evaluationXLSX: SitePath = "/documents/{id}/evaluation.xlsx"
    package static let regionMonitoring: SitePath = "/monitoring"
    package static let selfEvaluations: SitePath = "/self-evaluations"
    package static let selfEvaluation: SitePath = "/self-evaluations/{id}"
    package static let selfEvaluationXLSX: SitePath = "/self-evaluations/{id}/export.xlsx"

    // Audit
    package static let audit: SitePath = "/audit"
    package static let auditCSV: SitePath = "/audit.csv"

    // The indicator library.
    package static let library: SitePath = "/library"
    package static let libraryEntry: SitePath = "/library/{key}"
}
