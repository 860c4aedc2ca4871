import Crypto
import Foundation

/// Keyed pseudonyms: HMAC-SHA-256 of the value under the organisation's secret, as lowercase hex.
///
/// Without the secret nobody can recompute a pseudonym from a guessed value (a plain hash of a name or a NIR
/// is reversed by trying every candidate); with it, the same value always gives the same pseudonym, so
/// pseudonymised datasets still join. The result is still personal data (GDPR recital 26).
public enum Pseudonymiser {
    /// 32 hex characters = 128 bits: collisions stay negligible far beyond a territory's population
    /// (birthday bound ≈ 2^64 values) while the column stays readable in a spreadsheet.
    public static let hexLength = 32
    /// A shorter secret could be brute-forced; 16 bytes = 128 bits of key.
    public static let minimumSecretBytes = 16

    /// The pseudonym of a value: first `hexLength` hex characters of HMAC-SHA-256(secret, UTF-8 of the value).
    public static func pseudonym(_ value: String, secret: [UInt8]) -> String {
        String(hmacSHA256Hex(message: Array(value.utf8), key: secret).prefix(hexLength))
    }

    /// A keyed HMAC prepared once per run: copying it skips the key setup for each value.
    struct Keyed {
        private let base: HMAC<SHA256>

        init(secret: [UInt8]) { base = HMAC<SHA256>(key: SymmetricKey(data: secret)) }

        func pseudonym(_ value: String) -> String {
            var h = base
            h.update(data: Array(value.utf8))
            return String(Pseudonymiser.hex(Array(h.finalize())).prefix(Pseudonymiser.hexLength))
        }
    }

    /// Full HMAC-SHA-256 as 64 lowercase hex characters.
    public static func hmacSHA256Hex(message: [UInt8], key: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return hex(Array(code))
    }

    /// Identifies a secret without revealing it: a keyed hash of a fixed label, 12 hex characters.
    public static func fingerprint(secret: [UInt8]) -> String {
        String(hmacSHA256Hex(message: Array("socle.anonymisation.secret-fingerprint".utf8), key: secret).prefix(12))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
