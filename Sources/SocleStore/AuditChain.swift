import Crypto
import Foundation
import SocleCore

/// Hashing and verification of the audit log's chain, shared by both stores and `socle audit verify`.
public enum AuditChain {
    /// SHA-256 (hex) of an entry's canonical content (which includes the previous hash).
    public static func hash(_ entry: AuditEntry) -> String {
        SHA256.hash(data: Data(entry.canonicalContent.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Builds the next entry after `previous` (nil for the first one), hashed under `seal`.
    public static func next(after previous: AuditEntry?, event: AuditEvent, at: Date, seal: AuditSeal = .unkeyed) -> AuditEntry {
        let ms = (at.timeIntervalSince1970 * 1000).rounded() / 1000
        var e = AuditEntry(seq: (previous?.seq ?? 0) + 1, at: Date(timeIntervalSince1970: ms),
                           actor: event.actor, action: event.action, objectType: event.objectType,
                           objectId: event.objectId, details: canonicalJSON(event.details),
                           prevHash: previous?.hash ?? AuditEntry.genesis, hash: "")
        e.hash = seal.hash(e)
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

    /// The whole check of a log read in one piece (tests; `AuditRecorder.verify` pages with `Verifier`).
    public static func verify<S: Sequence>(_ entries: S, seal: AuditSeal = .unkeyed) -> Break? where S.Element == AuditEntry {
        var v = Verifier(seal: seal)
        for e in entries {
            if let b = v.check(e) { return b }
        }
        return v.finish()
    }

    /// Checks entries one after the other, then the checkpoints written outside the database:
    /// - `missing`: a gap in `seq` (an entry removed);
    /// - `chain`: `prevHash` is not the previous entry's hash;
    /// - `content`: the hash does not match the entry (edited), or a plain hash after a keyed one
    ///   (an entry rewritten by someone without the key);
    /// - `checkpoint`: a checkpoint names this entry with another hash (rewritten, with the key or not);
    /// - `truncated`: a checkpoint names an entry that is no longer there (the last entries removed);
    /// - `forged`: a checkpoint line whose signature does not verify.
    public struct Verifier {
        let seal: AuditSeal
        var previous: AuditEntry?
        var keyedSeen = false
        var anchors: [Int64: String] = [:]
        var highestAnchor: Int64 = 0
        var forged = 0
        public private(set) var count: Int64 = 0

        public init(seal: AuditSeal) {
            self.seal = seal
            let (valid, forged) = seal.checkpoints()
            for c in valid {
                anchors[c.seq] = c.hash
                highestAnchor = max(highestAnchor, c.seq)
            }
            self.forged = forged
        }

        public mutating func check(_ e: AuditEntry) -> Break? {
            let expectedSeq = (previous?.seq ?? 0) + 1
            if e.seq != expectedSeq { return Break(seq: expectedSeq, reason: "missing") }
            if e.prevHash != (previous?.hash ?? AuditEntry.genesis) { return Break(seq: e.seq, reason: "chain") }
            let match = seal.match(e)
            if match == .none || (keyedSeen && match == .plain) { return Break(seq: e.seq, reason: "content") }
            let keyed = match == .keyed
            if let anchored = anchors[e.seq], anchored != e.hash { return Break(seq: e.seq, reason: "checkpoint") }
            keyedSeen = keyedSeen || keyed
            previous = e
            count += 1
            return nil
        }

        public func finish() -> Break? {
            if forged > 0 { return Break(seq: 0, reason: "forged") }
            let last = previous?.seq ?? 0
            if highestAnchor > last { return Break(seq: last + 1, reason: "truncated") }
            return nil
        }
    }
}
