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

/// Headers every answer carries: no content sniffing, no URL given away to other sites, and API
/// answers (which hold unpublished data for those signed in) kept out of caches.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if request.uri.path.hasPrefix("/api/"), response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Every error becomes `application/problem+json` with a status that fits: bad input 400, an
/// invalid value 422 (naming the field), unknown routes 404, the rest 500 (logged, not shown).
struct KnownRoute: Sendable {
    var segments: [String]
    var methods: [String]

    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard parts.count == segments.count else { return false }
        return zip(parts, segments).allSatisfy { part, segment in segment.hasPrefix("{") || part == segment }
    }
}

struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: [KnownRoute]
    /// Pages answer errors as pages, in Chinese.
    let views: Views
    static var machinePaths: Set<String> { ["/livez", "/healthz", "/metrics", "/openapi.json"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let api = path.hasPrefix("/api/") || Self.machinePaths.contains(path)
        do {
            return try await next(request, context)
        } catch let error as ServerError where api && error.operationInput == nil {
            // The request did not match the API (a missing or malformed parameter or body): it never reached a handler.
            return ErrorAnswers.apiAnswer(ErrorAnswers.problem(.badRequest, detail: "\(error.underlyingError)"))
        } catch let error as HTTPResponseError where api && error.status == .notFound {
            // A path of the API asked with a method it does not take: 405 with the ones it does.
            guard let route = routes.first(where: { $0.matches(path) }) else { return ErrorAnswers.apiAnswer(HTTPRefusal(error)) }
            var response = ErrorAnswers.apiAnswer(
                .init(_type: "about:blank", title: "不支持的请求方法 (method not allowed)", status: 405, detail: "\(route.methods.joined(separator: ", "))"))
            response.headers[.allow] = route.methods.joined(separator: ", ")
            return response
        } catch {
            let refused = ErrorAnswers.userFacing(error, logger: context.logger)
            return api ? ErrorAnswers.apiAnswer(refused) : ErrorAnswers.pageAnswer(refused, request: request, views: views)
        }
    }
}
