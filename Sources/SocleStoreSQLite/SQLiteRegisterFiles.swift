import Foundation
import GRDB
import SocleCore
import SocleStore

/// `RegisterFileStore` on SQLite: the bytes in `register_files`, beside their record.
extension SQLiteStore {
    public func createRegisterRecord(organisationId: Int64, kind: String, body: String, file: [UInt8], sha256: String,
                                     audit: AuditEvent?) async throws -> RegisterRecord {
        let seal = auditSeal
        let (record, entry) = try await writing { db -> (RegisterRecord, AuditEntry?) in
            if try !Self.exists(db, "SELECT 1 FROM organisations WHERE id = ?", [organisationId]) {
                throw StoreError.notFound("organisation", String(organisationId))
            }
            let now = StoreSupport.isoString(Date())
            try db.execute(sql: """
                INSERT INTO register_records (organisation_id, kind, body, archived, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)
                """, arguments: [organisationId, kind, body, now, now])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO register_files (record_id, size, sha256, content) VALUES (?, ?, ?, ?)",
                           arguments: [id, file.count, sha256, Data(file)])
            let record = try Self.registerRecord(db, id: id)!
            var event = audit
            event?.objectId = String(record.id)
            return (record, try event.map { try Self.appendAudit(db, $0, seal: seal) })
        }
        if let entry { auditSeal.checkpoint(entry) }
        return record
    }

    public func registerFile(recordId: Int64) async throws -> [UInt8]? {
        try await reading { db in
            try Data.fetchOne(db, sql: "SELECT content FROM register_files WHERE record_id = ?", arguments: [recordId]).map { [UInt8]($0) }
        }
    }

    public func deleteRegisterRecord(id: Int64, audit: AuditEvent?) async throws {
        let seal = auditSeal
        let entry = try await writing { db -> AuditEntry? in
            try db.execute(sql: "DELETE FROM register_files WHERE record_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM register_records WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw StoreError.notFound("register", String(id)) }
            return try audit.map { try Self.appendAudit(db, $0, seal: seal) }
        }
        if let entry { auditSeal.checkpoint(entry) }
    }
}
