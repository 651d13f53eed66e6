/// A value of a request that cannot be used; `field` names it for the person who sent it.
public struct InvalidInput: Error, Sendable {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
}
