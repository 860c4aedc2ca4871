import Crypto
import Foundation
import SocleCore

/// The secret behind the audit chain (issue 10, finding 9): entries are hashed with HMAC-SHA-256 under a
/// key kept outside the database (`audit.key`, 0600, in the secrets directory, like the pseudonymisation
/// key), so rewriting an entry and recomputing the later hashes needs the key; and every append writes a
/// signed checkpoint — the sequence number and hash of the head — to `audit-checkpoints.log` beside it,
/// so removing the last entries is seen too. Entries written before the key existed keep their plain
/// SHA-256 hashes; once a keyed entry exists, a plain one after it is a break.
public final class AuditSeal: Sendable {
    let key: [UInt8]?
    public let checkpointFile: URL?

    /// No key: plain SHA-256 (databases opened by tools that have no secrets directory).
    public static let unkeyed = AuditSeal(key: nil, checkpointFile: nil)

    init(key: [UInt8]?, checkpointFile: URL?) {
        self.key = key
        self.checkpointFile = checkpointFile
    }

    public var isKeyed: Bool { key != nil }

    /// The seal kept in `directory` (made 0700), its key created on first use (0600). `scope` names the
    /// database when several share one secrets directory (PostgreSQL databases or schemas): each keeps
    /// its own checkpoints.
    public static func open(directory: URL, scope: String? = nil) throws -> AuditSeal {
        let checkpoints = directory.appendingPathComponent("audit-checkpoints" + (scope.map { "-" + $0 } ?? "") + ".log")
        let fm = FileManager.default
        let file = directory.appendingPathComponent("audit.key")
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if let data = fm.contents(atPath: file.path), data.count >= 32 {
                return AuditSeal(key: Array(data), checkpointFile: checkpoints)
            }
            var g = SystemRandomNumberGenerator()
            let key = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &g) })
            guard fm.createFile(atPath: file.path, contents: key, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            return AuditSeal(key: Array(key), checkpointFile: checkpoints)
        } catch {
            throw SocleError(.unavailable, code: "audit.key_unavailable", args: ["path": directory.path])
        }
    }

    /// A short name for a PostgreSQL store: its host, port, database and schema (never its credentials).
    public static func scope(postgresURL url: String) -> String {
        let c = URLComponents(string: url)
        let schema = c?.queryItems?.first { $0.name == "search_path" }?.value ?? ""
        let identity = "\(c?.host ?? "")|\(c?.port ?? 5432)|\(c?.path ?? "")|\(schema)"
        return "pg-" + String(Hex.encode(SHA256.hash(data: Data(identity.utf8))).prefix(16))
    }

    func mac(_ text: String) -> String? {
        guard let key else { return nil }
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)))
    }

    /// The hash to store for an entry (64 hex digits either way): HMAC-SHA-256 when there is a key.
    public func hash(_ entry: AuditEntry) -> String {
        mac(entry.canonicalContent) ?? AuditChain.hash(entry)
    }

    /// How a stored hash was made: keyed (it is the entry's HMAC), plain (its SHA-256, written before the
    /// key existed), or neither (the entry was edited). A keyed hash cannot be recognised without the key.
    enum Match { case keyed, plain, none }
    func match(_ entry: AuditEntry) -> Match {
        let content = entry.canonicalContent
        if let m = mac(content), m == entry.hash { return .keyed }
        return AuditChain.hash(entry) == entry.hash ? .plain : .none
    }

    // MARK: checkpoints

    public struct Checkpoint: Sendable, Equatable {
        public var seq: Int64
        public var hash: String
    }

    /// Appends a signed checkpoint for the new head (best effort: an unwritable file must not stop the
    /// change the entry records; `socle audit verify` then reports the chain as far as it is anchored).
    public func checkpoint(_ entry: AuditEntry) {
        let body = "\(entry.seq)\t\(entry.hash)"
        guard let file = checkpointFile, let m = mac("checkpoint|" + body) else { return }
        let line = Array((body + "\t" + m + "\n").utf8)
        let fd = openForAppend(file.path)
        guard fd >= 0 else { return }
        defer { _ = close(fd) }
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// The checkpoints written so far, each one's signature checked; a line that does not verify is a break
    /// (nil seq), reported by `AuditChain`.
    public func checkpoints() -> (valid: [Checkpoint], forged: Int) {
        guard let file = checkpointFile, let data = FileManager.default.contents(atPath: file.path) else { return ([], 0) }
        var valid: [Checkpoint] = []
        var forged = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 3, let seq = Int64(parts[0]),
                  let m = mac("checkpoint|" + parts[0] + "\t" + parts[1]), m == parts[2] else {
                forged += 1
                continue
            }
            valid.append(Checkpoint(seq: seq, hash: String(parts[1])))
        }
        return (valid, forged)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens for appending, creating with mode 0600: O_APPEND keeps concurrent writers' lines whole.
private func openForAppend(_ path: String) -> Int32 {
    open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
}
