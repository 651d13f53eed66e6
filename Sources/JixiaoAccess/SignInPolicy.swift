import Foundation

/// How sign-in is guarded: wrong passwords lock an account for a while, a session lasts a working day.
/// The store carries these out (atomically, in SQL); the numbers are decided here.
public enum SignInPolicy {
    /// After this many wrong passwords in a row the account is locked for `lockout`.
    public static let maxFailures = 5
    public static let lockout: TimeInterval = 15 * 60
    public static let sessionLifetime: TimeInterval = 12 * 3600

    /// What a refused sign-in says, the same whatever the cause (an unknown name, a wrong password, a lock).
    public static let refusal = "用户名或密码不正确，或账户因连续输错密码 \(maxFailures) 次已锁定 \(Int(lockout / 60)) 分钟。"
}
