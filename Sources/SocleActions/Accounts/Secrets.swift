import Crypto
import Foundation
import HummingbirdBcrypt
import SocleCore

/// Random secrets, their hashes, and password hashing.
public enum Secrets {
    /// A random URL-safe secret with `bytes` bytes of entropy.
    public static func random(bytes: Int = 32) -> String {
        var g = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &g) }
        return Base64URL.fromStandard(Data(raw).base64EncodedString())
    }

    /// SHA-256 hex: how tokens and session ids are stored (the secret itself never is).
    public static func sha256(_ text: String) -> String {
        Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }

    /// bcrypt with cost 12 (about 0.25 s here: slows guessing, acceptable at login).
    public static func hashPassword(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// A hash of a random password, verified against when an e-mail has no account: the login then costs
    /// the same bcrypt work either way. Made once, at the same cost as real hashes.
    public static let unknownAccountHash: String = hashPassword(random())

    /// Constant-time comparison of two strings (CSRF tokens).
    public static func equalConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
