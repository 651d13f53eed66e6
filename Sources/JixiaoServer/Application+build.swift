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
    // Lights the region's overview reads: the sample's reports, or those of a database from before they were kept.
    try await documents.refreshStaleLights()
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
    LibraryController(documents: documents, views: views).addRoutes(to: router)
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
