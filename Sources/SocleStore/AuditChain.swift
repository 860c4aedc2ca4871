import Crypto
import Foundation
import SocleCore

/// Hashing and verification of the audit log's chain, shared by both stores and `socle audit verify`.
public enum AuditChain {
    /// SHA-256 (hex) of an entry's canonical content (which includes the previous hash).
    public static func hash(_ entry: AuditEntry) -> String {
        SHA256.hash(data: Data(entry.canonicalContent.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Builds the next entry after `previous` (nil for the first one).
    public static func next(after previous: AuditEntry?, event: AuditEvent, at: Date) -> AuditEntry {
        let ms = (at.timeIntervalSince1970 * 1000).rounded() / 1000
        var e = AuditEntry(seq: (previous?.seq ?? 0) + 1, at: Date(timeIntervalSince1970: ms),
                           actor: event.actor, action: event.action, objectType: event.objectType,
                           objectId: event.objectId, details: canonicalJSON(event.details),
                           prevHash: previous?.hash ?? AuditEntry.genesis, hash: "")
        e.hash = hash(e)
        return e
    }

    /// Sorted-key JSON of string details, so the hashed text never depends on dictionary order.
    public static func canonicalJSON(_ details: [String: String]) -> String {
        "{" + details.sorted { $0.key < $1.key }.map { JSONText.string($0.key) + ":" + JSONText.string($0.value) }
            .joined(separator: ",") + "}"
    }

    /// The first broken link: an entry whose hash does not match its content, whose `prevHash` is
    /// not the previous entry's hash, or a gap in `seq` (a removed entry). Nil when intact.
    public struct Break: Sendable, Equatable {
        public var seq: Int64
        public var reason: String
    }

    public static func verify<S: Sequence>(_ entries: S) -> Break? where S.Element == AuditEntry {
        var previous: AuditEntry?
        for e in entries {
            if let b = check(e, after: previous) { return b }
            previous = e
        }
        return nil
    }

    /// Checks one entry against the one before it (nil for the first entry).
    public static func check(_ e: AuditEntry, after previous: AuditEntry?) -> Break? {
        let expectedSeq = (previous?.seq ?? 0) + 1
        if e.seq != expectedSeq { return Break(seq: expectedSeq, reason: "missing") }
        if e.prevHash != (previous?.hash ?? AuditEntry.genesis) { return Break(seq: e.seq, reason: "chain") }
        if hash(e) != e.hash { return Break(seq: e.seq, reason: "content") }
        return nil
    }
}
