import Foundation
import JixiaoHTML
import HTTPTypes
import Hummingbird
import JixiaoApp
import JixiaoModel
import Logging
import OpenAPIRuntime

/// The one mapping from errors to answers: a refusal's status and title here, its message from its
/// own type (`UserFacingError`), rendered as `application/problem+json` under /api and as a page
/// elsewhere.
extension Refusal {
    var status: HTTPResponse.Status {
        switch self {
        case .badRequest: .badRequest
        case .signIn: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .tooLarge: .contentTooLarge
        case .invalid: .unprocessableContent
        case .busy: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }

    /// Chinese first, as every message.
    var title: String {
        switch self {
        case .badRequest: "请求格式有误 (bad request)"
        case .signIn: "请先登录 (sign in first)"
        case .forbidden: "无权操作 (forbidden)"
        case .notFound: "未找到 (not found)"
        case .conflict: "与当前状态冲突 (conflict)"
        case .tooLarge: "内容过大 (too large)"
        case .invalid: "输入有误 (invalid value)"
        case .busy: "系统正忙，请稍后重试 (busy)"
        case .internalError: "服务器内部错误 (internal error)"
        }
    }
}

/// A refusal the HTTP layer itself makes (an unknown path, a method the path does not take, a body too large).
struct HTTPRefusal: UserFacingError {
    var refusal: Refusal
    var message: String

    init(_ error: any HTTPResponseError) {
        switch error.status {
        case .notFound: (refusal, message) = (.notFound, "没有这个地址 (no such path)")
        case .contentTooLarge: (refusal, message) = (.tooLarge, "提交的内容过大 (the request is too large)")
        case .unauthorized: (refusal, message) = (.signIn, "请先登录 (sign in first)")
        default: (refusal, message) = (error.status.code < 500 ? .badRequest : .internalError, "请求无法处理 (\(error.status.reasonPhrase))")
        }
    }
}

enum ErrorAnswers {
    /// What any error means for the person asking: its own refusal when it is one, else an internal
    /// error, logged with what went wrong and not shown.
    static func userFacing(_ error: any Error, logger: Logger) -> any UserFacingError {
        switch error {
        case let error as ServerError: return userFacing(error.underlyingError, logger: logger)
        case let error as any UserFacingError: return error
        case let error as any HTTPResponseError: return HTTPRefusal(error)
        default:
            logger.error("request failed: \(String(reflecting: error))")
            return Refused(.internalError, "服务器出错了，请稍后再试；问题已记录 (internal error, logged)")
        }
    }

    /// The problem document of the API (RFC 9457), the one way it is written.
    static func problem(_ refusal: Refusal, detail: String?, field: String? = nil, currentVersion: Int? = nil) -> Components.Schemas.Problem {
        .init(_type: "about:blank", title: refusal.title, status: Int(refusal.status.code), detail: detail, field: field, currentVersion: currentVersion)
    }

    /// An error under /api: problem+json with the headers its refusal asks for.
    static func apiAnswer(_ error: any UserFacingError) -> Response {
        // An internal error's message says nothing of its cause.
        var response = apiAnswer(problem(error.refusal, detail: error.message, field: error.inputField))
        if error.refusal == .signIn { response.headers[.wwwAuthenticate] = "Bearer" }
        if error.refusal == .busy { response.headers[.retryAfter] = "1" }
        return response
    }

    static func apiAnswer(_ problem: Components.Schemas.Problem) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(problem)) ?? Data()
        return Response(
            status: .init(code: problem.status), headers: [.contentType: "application/problem+json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An error on a page: the sign-in page for `signIn` (coming back here after), else the error page.
    static func pageAnswer(_ error: any UserFacingError, request: Request, views: Views) -> Response {
        if error.refusal == .signIn {
            let next = request.method == .get ? request.uri.description : Paths.home()
            return .redirect(to: Paths.login(query: ["next": next]), type: .normal)
        }
        var response = views.error(error.refusal.status, error.message)
        if error.refusal == .busy { response.headers[.retryAfter] = "1" }
        return response
    }

    /// Under /api an API answer, elsewhere a page.
    static func answer(_ error: any UserFacingError, request: Request, views: Views) -> Response {
        request.uri.path.hasPrefix("/api/") ? apiAnswer(error) : pageAnswer(error, request: request, views: views)
    }
}
