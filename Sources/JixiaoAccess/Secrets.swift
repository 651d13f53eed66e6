import Crypto
import Foundation
import HummingbirdBcrypt
import JixiaoModel

/// Passwords (bcrypt) and the random secrets that name sessions, API tokens and forms.
public enum Secrets {
    /// bcrypt's work factor: 12 in service (a quarter of a second a guess on these machines).
    public static let defaultCost: UInt8 = 12

    public static func hash(password: String, cost: UInt8 = defaultCost) -> String { Bcrypt.hash(password, cost: cost) }

    public static func verify(password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// Why a new password cannot be used, or nil when it can.
    public static func weakness(of password: String) -> String? {
        if password.count < 10 { return "密码至少 10 个字符。" }
        if password.count > 200 { return "密码不能超过 200 个字符。" }
        if Set(password).count < 4 { return "密码太简单：请混用不同的字符。" }
        return nil
    }

    /// 32 random bytes as hex: a session, token or form secret.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let n = generator.next() as UInt64
            let hex = String(n, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// What is stored for a secret: its digest, so that a copy of the database opens no session.
    public static func digest(_ secret: String) -> String { hex(Crypto.SHA256.hash(data: Data(secret.utf8))) }

    /// A digest as lowercase hexadecimal, as it is stored.
    /// Written byte by byte from a table: every API request digests its token.
    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
