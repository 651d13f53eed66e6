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

/// How `jixiao serve` runs: where it listens, its database, limits, profiles and time zone.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var location: StoreLocation
    /// Load the sample county into an empty database.
    public var loadSample: Bool
    public var maxUploadBytes: Int
    /// Mark cookies Secure: the server is reached over HTTPS (also when a proxy says `X-Forwarded-Proto: https`).
    public var secureCookies: Bool
    /// The review profile: the rules' settings, and whether targets with errors may be submitted.
    public var profile: ReviewProfile
    /// Monitoring thresholds, weights and grade bands.
    public var evaluation: EvaluationProfile
    /// The bearer token a Prometheus scraper sends for `/metrics`; without one `/metrics` is not served.
    public var metricsToken: String?
    /// The time zone the pages show times in (the database keeps UTC).
    public var timeZone: TimeZone

    public init(
        host: String = "127.0.0.1", port: Int = 8080, location: StoreLocation, loadSample: Bool = true, maxUploadBytes: Int = 10 << 20,
        secureCookies: Bool = false, profile: ReviewProfile = .national, evaluation: EvaluationProfile = .national, metricsToken: String? = nil,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!
    ) {
        self.metricsToken = metricsToken
        self.timeZone = timeZone
        self.host = host
        self.port = port
        self.location = location
        self.loadSample = loadSample
        self.maxUploadBytes = maxUploadBytes
        self.secureCookies = secureCookies
        self.profile = profile
        self.evaluation = evaluation
    }
}
