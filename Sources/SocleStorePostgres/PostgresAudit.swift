import Foundation
import PostgresNIO
import SocleCore
import SocleStore

/// `AuditStore` on PostgreSQL: the hash-chained audit log.
extension PostgresStore {
    static let auditColumns = "seq, at_ms, actor, action, object_type, object_id, details, prev_hash, hash"

    public func appendAudit(_ event: AuditEvent) async throws -> AuditEntry {
        let entry = try await transaction { conn in try await self.appendAudit(conn, event) }
        auditSeal.checkpoint(entry)
        return entry
    }

    /// Appends inside the caller's transaction (the caller writes the checkpoint after its commit).
    func appendAudit(_ conn: PostgresConnection, _ event: AuditEvent) async throws -> AuditEntry {
        // EXCLUSIVE mode conflicts with itself (and with writers) but not with plain reads: concurrent
        // appends queue here, so each one reads the true last entry and the chain stays gapless.
        try await self.run(conn, "LOCK TABLE audit_log IN EXCLUSIVE MODE")
        let last = try await self.all(conn, PostgresQuery(unsafeSQL: """
            SELECT \(Self.auditColumns) FROM audit_log ORDER BY seq DESC LIMIT 1
            """), Self.auditEntry).first
        let e = AuditChain.next(after: last, event: event, at: Date(), seal: self.auditSeal)
        try await self.run(conn, """
            INSERT INTO audit_log (seq, at_ms, actor, action, object_type, object_id, details, prev_hash, hash)
            VALUES (\(e.seq), \(PlatformRules.milliseconds(e.at)), \(e.actor), \(e.action), \(e.objectType),
                    \(e.objectId), \(e.details), \(e.prevHash), \(e.hash))
            """)
        return e
    }

    public func auditEntries(afterSeq: Int64, limit: Int, actor: String?, action: String?,
                             objectType: String?) async throws -> [AuditEntry] {
        // Filters are fixed column names; only their values are bound.
        var clauses = ["seq > $1"]
        var binds = PostgresBindings()
        binds.append(afterSeq)
        for (column, value) in [("actor", actor), ("action", action), ("object_type", objectType)] {
            if let value {
                binds.append(value)
                clauses.append("\(column) = $\(binds.count)")
            }
        }
        binds.append(Int64(max(0, limit)))
        let sql = "SELECT \(Self.auditColumns) FROM audit_log WHERE \(clauses.joined(separator: " AND ")) ORDER BY seq LIMIT $\(binds.count)"
        return try await connection { conn in
            try await self.all(conn, PostgresQuery(unsafeSQL: sql, binds: binds), Self.auditEntry)
        }
    }

    static func auditEntry(_ row: PostgresRow) throws -> AuditEntry {
        let (seq, ms, actor, action, objectType, objectId, details, prev, hash) =
            try row.decode((Int64, Int64, String, String, String, String, String, String, String).self)
        return AuditEntry(seq: seq, at: PlatformRules.date(milliseconds: ms), actor: actor, action: action,
                          objectType: objectType, objectId: objectId, details: details, prevHash: prev, hash: hash)
    }
}
