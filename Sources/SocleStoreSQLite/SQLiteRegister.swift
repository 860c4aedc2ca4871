import Foundation
import GRDB
import SocleCore
import SocleStore

/// `RegisterStore` on SQLite.
extension SQLiteStore {
    public func createRegisterRecord(organisationId: Int64, kind: String, body: String, audit: AuditEvent?) async throws -> RegisterRecord {
        let seal = auditSeal
        let (record, entry) = try await writing { db -> (RegisterRecord, AuditEntry?) in
            if try !Self.exists(db, "SELECT 1 FROM organisations WHERE id = ?", [organisationId]) {
                throw StoreError.notFound("organisation", String(organisationId))
            }
            let now = StoreSupport.isoString(Date())
            try db.execute(sql: """
                INSERT INTO register_records (organisation_id, kind, body, archived, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)
                """, arguments: [organisationId, kind, body, now, now])
            let record = try Self.registerRecord(db, id: db.lastInsertedRowID)!
            var event = audit
            event?.objectId = String(record.id)
            return (record, try event.map { try Self.appendAudit(db, $0, seal: seal) })
        }
        if let entry { auditSeal.checkpoint(entry) }
        return record
    }

    public func updateRegisterRecord(id: Int64, body: String, archived: Bool, audit: AuditEvent?) async throws -> RegisterRecord {
        let seal = auditSeal
        let (record, entry) = try await writing { db -> (RegisterRecord, AuditEntry?) in
            try db.execute(sql: "UPDATE register_records SET body = ?, archived = ?, updated_at = ? WHERE id = ?",
                           arguments: [body, archived, StoreSupport.isoString(Date()), id])
            guard db.changesCount > 0, let record = try Self.registerRecord(db, id: id) else {
                throw StoreError.notFound("register", String(id))
            }
            return (record, try audit.map { try Self.appendAudit(db, $0, seal: seal) })
        }
        if let entry { auditSeal.checkpoint(entry) }
        return record
    }

    public func registerRecord(id: Int64) async throws -> RegisterRecord? {
        try await reading { db in try Self.registerRecord(db, id: id) }
    }

    public func registerRecords(kind: String, organisationIds: [Int64]?) async throws -> [RegisterRecord] {
        try await reading { db in
            var sql = "SELECT * FROM register_records WHERE kind = ?"
            var arguments: StatementArguments = [kind]
            if let organisationIds {
                if organisationIds.isEmpty { return [] }
                sql += " AND organisation_id IN (\(organisationIds.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(organisationIds)
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(Self.registerRecord)
        }
    }

    static func registerRecord(_ db: Database, id: Int64) throws -> RegisterRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM register_records WHERE id = ?", arguments: [id]).map(registerRecord)
    }

    static func registerRecord(_ r: Row) -> RegisterRecord {
        RegisterRecord(id: r["id"], organisationId: r["organisation_id"], kind: r["kind"], body: r["body"],
                       archived: r["archived"], createdAt: StoreSupport.parseISO(r["created_at"]) ?? Date(timeIntervalSince1970: 0),
                       updatedAt: StoreSupport.parseISO(r["updated_at"]) ?? Date(timeIntervalSince1970: 0))
    }
}
