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

/// Prometheus metrics for the whole process; swift-metrics can be bootstrapped only once.
enum ProcessMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// Builds the server: opens the store (loading the sample county when it is new and empty), and
/// routes /healthz, /metrics, /openapi.json, the JSON API under /api/v1 and the web pages.
/// Builds the server, lets `prepare` work on its database (the first administrator), then serves
/// until the process is asked to stop; the database is closed however it ends.
public func serve(_ configuration: ServerConfiguration, prepare: (Store) async throws -> Void) async throws {
    let (app, store) = try await buildApplication(configuration)
    do {
        try await prepare(store)
        try await app.runService()
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
}

public func buildApplication(
    _ configuration: ServerConfiguration, logger: Logger = Logger(label: "jixiao")
) async throws
    -> (application: some ApplicationProtocol, store: Store)
{
    let store = try await Store.open(configuration.location, logger: logger)
    do {
        if configuration.loadSample, try await store.documents(page: Page(limit: 1)).total == 0 {
            try await SampleCounty.load(into: store)
            logger.info("loaded the sample county into the empty database")
        }
    } catch {
        try? await store.close()
        throw error
    }
    let registry = ProcessMetrics.registry
    let specification = try OpenAPIDocument.json()

    LocalTime.use(configuration.timeZone)
    let views = try await Views.load()
    let router = Router()
    router.middlewares.add(SecurityHeadersMiddleware())
    router.middlewares.add(RequestMetricsMiddleware())
    // Who is asking comes first, so that even an error page knows who is signed in.
    router.middlewares.add(IdentityMiddleware(store: store, views: views, maxBodyBytes: configuration.maxUploadBytes + 64 * 1024))
    router.middlewares.add(ProblemMiddleware(routes: try OpenAPIDocument.routes(specification), views: views))
    let documents = Documents(store: store, engine: ReviewEngine(profile: configuration.profile), evaluation: configuration.evaluation)
    router.middlewares.add(ProjectResponseCache(documents: documents))
    router.middlewares.add(try staticFiles())
    // Liveness (the process answers) and health (the database answers too).
    router.get("/livez") { _, _ -> Response in .json(#"{"status":"ok"}"#) }
    router.get("/healthz") { _, _ -> Response in
        try await store.healthCheck()
        return .json(#"{"status":"ok","database":"\#(store.kind.rawValue)"}"#)
    }
    router.get("/metrics") { request, _ -> Response in
        // Operations data (routes, rates, errors) is for the operator's scraper, not for the public.
        guard let token = configuration.metricsToken else {
            throw Refused(.notFound, "未启用：启动 jixiao serve 时设置 JIXIAO_METRICS_TOKEN 才提供 /metrics (not enabled)")
        }
        guard IdentityMiddleware<BasicRequestContext>.constantTimeEqual(request.headers[.authorization] ?? "", "Bearer \(token)") else {
            throw Refused(.signIn, "请提供指标令牌：Authorization: Bearer <JIXIAO_METRICS_TOKEN> (metrics token required)")
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }
    router.get("/openapi.json") { _, _ -> Response in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: specification)))
    }
    let api = JixiaoAPI(documents: documents, maxUploadBytes: configuration.maxUploadBytes)
    // Compact JSON (not the runtime's pretty printing): a third less to encode and to send.
    try api.registerHandlers(on: router, serverURL: URL(string: "/api/v1")!, configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]))
    // The web pages, one controller per area, over the same `Documents` the JSON API uses.
    HomeController(documents: documents, views: views).addRoutes(to: router)
    DocumentController(documents: documents, views: views).addRoutes(to: router)
    EditController(documents: documents, views: views).addRoutes(to: router)
    ImportController(documents: documents, views: views, maxUploadBytes: configuration.maxUploadBytes).addRoutes(to: router)
    MonitoringController(documents: documents, views: views).addRoutes(to: router)
    SelfEvaluationController(documents: documents, views: views).addRoutes(to: router)
    AuditController(documents: documents, views: views).addRoutes(to: router)
    AccountController(store: store, views: views, secureCookies: configuration.secureCookies).addRoutes(to: router)

    let application = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "jixiao"),
        logger: logger)
    return (application, store)
}

/// The stylesheet, the script and the icon (`/static/…`), served from the resources by Hummingbird's
/// `FileMiddleware` with validators, ranges and an hour's caching.
private func staticFiles() throws -> FileMiddleware<BasicRequestContext, LocalFileSystem> {
    guard let folder = Templates.staticFolder else { throw WebError.missingResource("static") }
    let css = MediaType(from: "text/css; charset=utf-8")!, script = MediaType(from: "text/javascript; charset=utf-8")!
    let cached: [CacheControl.Value] = [.public, .maxAge(3600)]
    return FileMiddleware(folder.path, urlBasePath: "/static", cacheControl: CacheControl([(css, cached), (script, cached), (.imageSvg, cached)]))
        .withAdditionalMediaTypes(forFileExtensions: ["css": css, "js": script])
}

extension Response {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

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

/// A fictional county written for first-time users (示例县, one county code): several units,
/// realistic projects, a few typical defects for the review to show, and what three units reported of
/// the year (green, yellow and red lights, projects not reported); loaded as published documents.
enum SampleCounty {
    /// The units' target tables, in order.
    static func files() throws -> [URL] {
        guard let folder = Bundle.module.url(forResource: "sample", withExtension: nil) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func load(into store: Store) async throws {
        let engine = ReviewEngine()
        for file in try files() {
            let document = try DocumentReader.read(Data(contentsOf: file), name: file.lastPathComponent).document
            let saved = try await store.save(document, findings: engine.review(document))
            // Published, so that a visitor who has not signed in sees the county at once.
            var status = WorkflowStatus.draft
            for step in [Workflow.Step.submit, .approve, .publish] {
                status = try await store.transition(documentID: saved.documentID, step: step, from: status, by: .system, reason: "示例数据")
            }
            // What the unit reported of the year (`NAME.actuals.json`, where it reported): June or year-end
            // figures, some rows short of their targets with their reasons; the other units have not reported.
            let report = file.deletingPathExtension().appendingPathExtension("actuals.json")
            guard let data = try? Data(contentsOf: report) else { continue }
            let (month, projects) = try ActualsFile.read(data, for: document)
            for (position, actuals) in projects.sorted(by: { $0.key < $1.key }) {
                let changes = ProjectActuals.changes(in: document.projects[position - 1], from: ProjectActuals(), to: actuals, month: month ?? 12)
                try await store.saveActuals(documentID: saved.documentID, position: position, actuals, by: .system, changes: changes)
            }
        }
    }
}

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
