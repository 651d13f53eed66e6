import JixiaoApp
import Hummingbird
import Synchronization

/// `GET /api/v1/documents/{id}/projects/{n}` is what clients ask most. A stored version never
/// changes, so the JSON of one project of one version is the same for everyone allowed to see that
/// version: it is made once by the API handler and kept. Who may see which version is still decided
/// on every request (`Documents.shownVersion`); anything else (an error, another route) goes
/// through untouched.
struct ProjectResponseCache<Context: RequestContext>: RouterMiddleware {
    let documents: Documents
    // About 8 KB each: at most some 8 MB.
    let responses = BoundedCache<KeptResponse.Key, KeptResponse>(capacity: 1_024)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, request.uri.query == nil, let (id, position) = Self.project(request.uri.path),
            let (_, version) = try? await documents.shownVersion(id, as: Identity.current.actor)
        else { return try await next(request, context) }
        let key = KeptResponse.Key(id: id, version: version, position: position)
        if let kept = responses.get(key) { return Response(status: .ok, headers: kept.headers, body: .init(byteBuffer: kept.body)) }
        var response = try await next(request, context)
        guard response.status == .ok else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector.writer)
        let body = collector.body
        var headers = response.headers
        headers[.contentLength] = nil
        responses.put(key, .init(headers: headers, body: body))
        response.body = .init(byteBuffer: body)
        return response
    }

    /// `/api/v1/documents/12/projects/3` → (12, 3).
    static func project(_ path: String) -> (Int, Int)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[1] == "api", parts[2] == "v1", parts[3] == "documents", parts[5] == "projects",
            let id = Int(parts[4]), let position = Int(parts[6]), id > 0, position > 0
        else { return nil }
        return (id, position)
    }
}

/// A response kept, by document, version and project.
struct KeptResponse: Sendable {
    struct Key: Hashable, Sendable {
        var id, version, position: Int
    }
    var headers: HTTPFields
    var body: ByteBuffer
}

/// Takes a response body as it is written.
final class BodyCollector: Sendable {
    private let buffer = Mutex(ByteBuffer())
    var body: ByteBuffer { buffer.withLock { $0 } }
    var writer: some ResponseBodyWriter { Writer(collector: self) }

    struct Writer: ResponseBodyWriter {
        let collector: BodyCollector
        mutating func write(_ buffer: ByteBuffer) async throws { collector.buffer.withLock { _ = $0.writeImmutableBuffer(buffer) } }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
