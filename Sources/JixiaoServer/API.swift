import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoAccess
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore
import OpenAPIRuntime

/// The JSON API (`openapi.yaml`): thin handlers over the store, the reader and the review.
struct JixiaoAPI: APIProtocol {
    let documents: Documents
    let maxUploadBytes: Int
    var store: Store { documents.store }
    var engine: ReviewEngine { documents.engine }

    // MARK: Problems

    static func problem(_ refusal: Refusal, detail: String? = nil, field: String? = nil, currentVersion: Int? = nil) -> Components.Schemas.Problem {
        ErrorAnswers.problem(refusal, detail: detail, field: field, currentVersion: currentVersion)
    }

    static func notFound(_ what: String) -> Components.Responses.NotFound {
        .init(body: .applicationProblemJson(problem(.notFound, detail: what)))
    }

    static func conflict(expected: Int, current: Int) -> Components.Responses.Conflict {
        .init(
            body: .applicationProblemJson(
                problem(.conflict, detail: "你修改的是第 \(expected) 版，当前已是第 \(current) 版：请重新打开后再修改，你的内容没有保存。", currentVersion: current)))
    }

    static func invalid(_ e: InvalidInput) -> Components.Responses.Unprocessable {
        .init(body: .applicationProblemJson(problem(.invalid, detail: "\(e.field)：\(e.reason)", field: e.field)))
    }

    static func page(offset: Int?, limit: Int?) -> Page { Page(offset: offset ?? 0, limit: limit ?? 50) }

    /// The generated server decodes parameters but does not check their bounds: done here, so a
    /// request outside the API gets 400 rather than an empty answer.
    struct Bounds {
        var problems: [String] = []
        mutating func check(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) {
            if let value, !range.contains(value) { problems.append("\(name) must be in \(range.lowerBound)...\(range.upperBound)") }
        }
        /// A division code, or with `prefix` its first digits too (13, 1302).
        mutating func region(_ value: String?, prefix: Bool = false) {
            let lengths = prefix ? 2...6 : 6...6
            if let value, !(lengths.contains(value.count) && value.allSatisfy { $0.isASCII && $0.isNumber }) {
                problems.append(prefix ? "region must be 2 to 6 digits" : "region must be 6 digits")
            }
        }
        mutating func text(_ value: String?, _ name: String, max: Int) {
            if let value, value.count > max { problems.append("\(name) is longer than \(max)") }
        }
        mutating func page(_ offset: Int?, _ limit: Int?) {
            check(offset, "offset", 0...1_000_000)
            check(limit, "limit", 1...500)
        }
        var badRequest: Components.Responses.BadRequest? {
            problems.isEmpty ? nil : .init(body: .applicationProblemJson(problem(.badRequest, detail: problems.joined(separator: "; "))))
        }
    }

    static let maxID = 9_007_199_254_740_991
}
