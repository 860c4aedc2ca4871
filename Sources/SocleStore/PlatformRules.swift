import Foundation
import SocleCore

/// Validation and derivation rules shared by both stores' platform methods, so that SQLite and
/// PostgreSQL cannot drift apart on what they accept or how they report a dataset's status.
public enum PlatformRules {
    /// The form an e-mail is stored and looked up in: trimmed and lowercased.
    public static func lookupEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The stored form of an e-mail, or `invalidInput` (`store.invalid_email`) when it cannot be one:
    /// exactly one `@`, a non-empty local part, a dotted domain, no spaces, at most 254 bytes.
    public static func normalisedEmail(_ email: String) throws -> String {
        let e = lookupEmail(email)
        let parts = e.split(separator: "@", omittingEmptySubsequences: false)
        let ok = parts.count == 2 && !parts[0].isEmpty && e.utf8.count <= 254
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !parts[1].contains("..")
            && !e.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "<" || $0 == ">" || $0 == "," })
        if !ok { throw SocleError(.invalidInput, code: "store.invalid_email", args: ["email": email]) }
        return e
    }

    /// The profile as stored: SIREN without spaces (9 digits), non-negative counts.
    public static func validated(_ profile: OrganisationProfile) throws -> OrganisationProfile {
        var p = profile
        if let raw = profile.siren {
            let s = raw.filter { !$0.isWhitespace }
            if s.isEmpty {
                p.siren = nil
            } else if s.utf8.count == 9, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                p.siren = s
            } else {
                throw SocleError(.invalidInput, code: "store.invalid_siren", args: ["siren": raw])
            }
        }
        if let n = p.population, n < 0 || n > Int(Int32.max) {
            throw SocleError(.invalidInput, code: "store.invalid_population", args: ["value": String(n)])
        }
        if let n = p.agents, n < 0 || n > Int(Int32.max) {
            throw SocleError(.invalidInput, code: "store.invalid_agents", args: ["value": String(n)])
        }
        return p
    }

    /// A name or title as stored (trimmed); `invalidInput` when empty, which the schema refuses anyway.
    public static func requiredName(_ name: String) throws -> String {
        let n = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if n.isEmpty { throw SocleError(.invalidInput, code: "store.name_required") }
        return n
    }

    /// Session ids and token secrets are stored as the SHA-256 hex computed by the caller.
    public static func validateHash(_ hex: String) throws {
        let ok = hex.utf8.count == 64 && hex.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        if !ok { throw SocleError(.internalError, code: "store.invalid_hash") }
    }

    /// A dataset's status is derived from what it holds, so it can never disagree with the data:
    /// archived when archived, else published, loaded or declared.
    public static func status(stored: DatasetStatus, currentRevision: Int?, publishedRevision: Int?) -> DatasetStatus {
        if stored == .archived { return .archived }
        if publishedRevision != nil { return .published }
        if currentRevision != nil { return .loaded }
        return .declared
    }

    /// Decodes stored metadata, filling fields absent from the JSON with their defaults: datasets
    /// created by a plain load hold `{}`, and fields added later must not break older rows.
    public static func decodeMetadata(_ json: String) throws -> DatasetMetadata {
        let defaults = try JSONSerialization.jsonObject(with: StoreSupport.jsonEncoder.encode(DatasetMetadata())) as? [String: Any] ?? [:]
        let stored = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        let merged = defaults.merging(stored) { _, new in new }
        return try JSONDecoder().decode(DatasetMetadata.self, from: JSONSerialization.data(withJSONObject: merged))
    }

    /// Progress as the schema accepts it (0…1); NaN counts as nothing done.
    public static func clampedProgress(_ p: Double) -> Double {
        p.isNaN ? 0 : min(1, max(0, p))
    }

    /// Audit times are stored as integer milliseconds, the precision the chain hashes.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public static func date(milliseconds ms: Int64) -> Date {
        Date(timeIntervalSince1970: Double(ms) / 1000)
    }
}
