import Foundation

/// One line of the tamper-evident audit log. Each entry's hash covers the previous entry's hash and
/// its own canonical content, so editing or removing an entry breaks the chain from there on.
public struct AuditEntry: Codable, Sendable, Equatable {
    /// 1-based position in the log.
    public var seq: Int64
    public var at: Date
    /// Who: "user:12", "token:4", "cli:root", "system".
    public var actor: String
    /// What: "dataset.create", "dataset.upload", "dataset.publish", "user.create", "token.revoke"…
    public var action: String
    /// On which object: "dataset", "organisation", "user", "token"…
    public var objectType: String
    public var objectId: String
    /// Extra facts as canonical JSON (sorted keys).
    public var details: String
    public var prevHash: String
    public var hash: String

    public init(seq: Int64, at: Date, actor: String, action: String, objectType: String, objectId: String,
                details: String, prevHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectId = objectId
        self.details = details
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The hash of the entry before the first one.
    public static let genesis = String(repeating: "0", count: 64)

    /// The exact bytes hashed: the previous hash and every field, in a fixed order, unambiguously
    /// separated. `at` is written with millisecond precision in UTC so both backends agree.
    public var canonicalContent: String {
        let ms = Int64((at.timeIntervalSince1970 * 1000).rounded())
        return [prevHash, String(seq), String(ms), actor, action, objectType, objectId, details]
            .map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }
}

/// A change to record in the audit log (the store assigns seq, time and hashes).
public struct AuditEvent: Sendable, Equatable {
    public var actor: String
    public var action: String
    public var objectType: String
    public var objectId: String
    public var details: [String: String]
    public init(actor: String, action: String, objectType: String, objectId: String, details: [String: String] = [:]) {
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectId = objectId
        self.details = details
    }
}
