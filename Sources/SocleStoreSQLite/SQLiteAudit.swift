import Foundation
import GRDB
import SocleCore
import SocleStore

/// `AuditStore` on SQLite: the hash-chained audit log.
extension SQLiteStore {
    static let auditColumns = "seq, at_ms, actor, action, object_type, object_id, details, prev_hash, hash"

    public func appendAudit(_ event: AuditEvent) async throws -> AuditEntry {
        // Reading the last entry and inserting the next one in the same write transaction (and SQLite
        // has one writer) keeps the chain gapless under concurrent appends.
        let seal = auditSeal
        let entry = try await writing { db in try Self.appendAudit(db, event, seal: seal) }
        auditSeal.checkpoint(entry)
        return entry
    }

    /// Appends inside the caller's write transaction (the caller writes the checkpoint after its commit).
    static func appendAudit(_ db: Database, _ event: AuditEvent, seal: AuditSeal) throws -> AuditEntry {
        let last = try Row.fetchOne(db, sql: "SELECT \(auditColumns) FROM audit_log ORDER BY seq DESC LIMIT 1")
            .map(auditEntry)
        let e = AuditChain.next(after: last, event: event, at: Date(), seal: seal)
        try db.execute(sql: "INSERT INTO audit_log (\(auditColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [e.seq, PlatformRules.milliseconds(e.at), e.actor, e.action, e.objectType,
                                   e.objectId, e.details, e.prevHash, e.hash])
        return e
    }

    public func auditEntries(afterSeq: Int64, limit: Int, actor: String?, action: String?,
                             objectType: String?) async throws -> [AuditEntry] {
        var clauses = ["seq > ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [afterSeq]
        for (column, value) in [("actor", actor), ("action", action), ("object_type", objectType)] {
            if let value {
                clauses.append("\(column) = ?")
                arguments.append(value)
            }
        }
        arguments.append(max(0, limit))
        let sql = "SELECT \(Self.auditColumns) FROM audit_log WHERE \(clauses.joined(separator: " AND ")) ORDER BY seq LIMIT ?"
        let args = StatementArguments(arguments)
        return try await reading { db in
            try Row.fetchAll(db, sql: sql, arguments: args).map(Self.auditEntry)
        }
    }

    static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(seq: row["seq"], at: PlatformRules.date(milliseconds: row["at_ms"]), actor: row["actor"],
                   action: row["action"], objectType: row["object_type"], objectId: row["object_id"],
                   details: row["details"], prevHash: row["prev_hash"], hash: row["hash"])
    }
}
