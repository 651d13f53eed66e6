import JixiaoAccess
import JixiaoEvaluation
import JixiaoModel
import JixiaoReader
import JixiaoStore

/// The kinds of refusal, which each edge renders its own way (an HTTP status and page, an exit code).
public enum Refusal: Sendable, Equatable {
    /// The request itself is malformed.
    case badRequest
    /// Sign in first.
    case signIn
    /// Signed in, but not allowed.
    case forbidden
    /// No such thing, or not the caller's to know of.
    case notFound
    /// Not in the present state: a newer version, another workflow step.
    case conflict
    case tooLarge
    /// A value that cannot be used, or a file that cannot be read.
    case invalid
    /// The database is held by another process: try again shortly.
    case busy
    /// Our fault, not the caller's: logged, and not shown.
    case internalError
}

/// An error a person can act on: what kind of refusal it is, and what to tell them — one message,
/// Chinese first (“中文 (English)”), said once by the error's own type.
public protocol UserFacingError: Error {
    var refusal: Refusal { get }
    var message: String { get }
    /// The field of the request it concerns, when it concerns one.
    var inputField: String? { get }
}

extension UserFacingError {
    public var inputField: String? { nil }
}

extension AccessDenied: UserFacingError {
    public var refusal: Refusal {
        switch decision {
        case .signIn: .signIn
        case .forbid: .forbidden
        case .hide, .allow: .notFound
        case .wrongStep: .conflict
        }
    }

    public var message: String {
        switch decision {
        case .signIn: "请先登录 (sign in first)"
        case let .forbid(why), let .wrongStep(why): why
        case .hide, .allow: "没有找到，或你无权查看 (not found)"
        }
    }
}

extension InvalidInput: UserFacingError {
    public var refusal: Refusal { .invalid }
    public var message: String { "\(field)：\(reason)" }
    public var inputField: String? { field }
}

extension ReadError: UserFacingError {
    public var refusal: Refusal {
        switch self {
        case .tooLarge: .tooLarge
        case .toolMissing: .internalError
        default: .invalid
        }
    }
    public var message: String { description }
    public var inputField: String? { "file" }
}

extension StoreError: UserFacingError {
    public var refusal: Refusal {
        switch self {
        case .cannotOpen: .internalError
        case .notFound: .notFound
        case .conflict, .wrongStep: .conflict
        case .invalid: .invalid
        case .busy: .busy
        }
    }
    public var message: String { description }
    public var inputField: String? {
        if case let .invalid(field, _) = self { return field }
        return nil
    }
}

extension ActualsFile.ReadError: UserFacingError {
    public var refusal: Refusal { .invalid }
    public var message: String { description }
}

extension AccountError: UserFacingError {
    public var refusal: Refusal {
        switch self {
        case .usernameTaken: .conflict
        case .noSuchUnit: .invalid
        }
    }
    public var message: String { description }
}
