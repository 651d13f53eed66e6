import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// Counts requests and their time by route, method and status, and errors (a 5xx answer or an error
/// thrown past the error pages) apart. Hummingbird's `MetricsMiddleware` makes its error counter for
/// every route and status it sees, so `/metrics` showed `error_type="200"` beside every successful route.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let metrics = RouteMetrics()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let response = try await next(request, context)
            // Timed to the answer's head: a body streamed after is not counted.
            metrics.record(.init(route: context.endpointPath ?? "Unknown", method: request.method, status: response.status), since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            metrics.record(.init(route: context.endpointPath ?? "NotFound", method: request.method, status: status), since: start, thrown: true)
            throw error
        }
    }
}

/// The counters and timers of each route, method and status, made once.
final class RouteMetrics: Sendable {
    struct Key: Hashable, Sendable {
        let route: String
        let method: HTTPRequest.Method
        let status: HTTPResponse.Status
    }

    private struct Entry: Sendable {
        let requests: Counter
        let duration: Timer
        /// Only for keys that are errors.
        let errors: Counter?
    }

    private let entries = Mutex([Key: Entry]())

    func record(_ key: Key, since start: UInt64, thrown: Bool = false) {
        let entry = entries.withLock { entries in
            if let e = entries[key] { return e }
            let dimensions = [
                ("http.route", key.route), ("http.request.method", key.method.description), ("http.response.status_code", key.status.code.description),
            ]
            let isError = thrown || key.status.code >= 500
            let e = Entry(
                requests: Counter(label: "hb.requests", dimensions: dimensions),
                duration: Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds),
                errors: isError
                    ? Counter(
                        label: "hb.request.errors",
                        dimensions: [("http.route", key.route), ("http.request.method", key.method.description), ("error.type", key.status.code.description)])
                    : nil)
            entries[key] = e
            return e
        }
        entry.requests.increment()
        entry.duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
        entry.errors?.increment()
    }
}
