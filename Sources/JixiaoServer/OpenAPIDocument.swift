import Foundation
import JixiaoHTML
import JixiaoApp
import HTTPTypes
import Hummingbird
import JixiaoAccess
import JixiaoEvaluation
import JixiaoReader
import JixiaoReview
import JixiaoStore
import Logging
import Metrics
import OpenAPIHummingbird
import OpenAPIRuntime
import Prometheus
import Yams

/// The `openapi.yaml` the API is generated from, served as JSON.
enum OpenAPIDocument {
    /// The API's paths (under /api/v1) with the methods each takes, to answer 405 for the others.
    static func routes(_ json: [UInt8]) throws -> [KnownRoute] {
        guard let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any],
            let paths = object["paths"] as? [String: Any]
        else { return [] }
        return paths.map { path, item in
            let methods = ((item as? [String: Any]) ?? [:]).keys.map { $0.uppercased() }.filter { $0 != "PARAMETERS" }.sorted()
            return KnownRoute(segments: ("/api/v1" + path).split(separator: "/").map(String.init), methods: methods)
        }
    }

    static func json() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw StoreError.notFound("openapi.yaml in the server's resources")
        }
        let yaml = try String(contentsOf: url, encoding: .utf8)
        guard let object = try Yams.load(yaml: yaml) else { throw StoreError.notFound("content in openapi.yaml") }
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}
