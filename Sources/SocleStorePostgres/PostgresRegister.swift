import Foundation
import PostgresNIO
import SocleCore
import SocleStore

/// `RegisterStore` on PostgreSQL.
extension PostgresStore {

    public func createRegisterRecord(organisationId: Int64, kind: String, body: String, audit: AuditEvent?) async throws -> RegisterRecord {
        let (record, entry) = try await transaction { conn -> (RegisterRecord, AuditEntry?) in
            if try await !self.exists(conn, "SELECT 1 FROM organisations WHERE id = \(organisationId)") {
                throw StoreError.notFound("organisation", String(organisationId))
            }
            let rows = try await self.all(conn, """
                INSERT INTO register_records (organisation_id, kind, body, archived, created_at, updated_at)
                VALUES (\(organisationId), \(kind), \(body), false, now(), now())
                RETURNING id, organisation_id, kind, body, archived, created_at, updated_at
                """, Self.registerRecord)
            guard let record = rows.first else { throw StoreError.notFound("register", "") }
            var event = audit
            event?.objectId = String(record.id)
            if let event { return (record, try await self.appendAudit(conn, event)) }
            return (record, nil)
        }
        if let entry { auditSeal.checkpoint(entry) }
        return record
    }

    public func updateRegisterRecord(id: Int64, body: String, archived: Bool, audit: AuditEvent?) async throws -> RegisterRecord {
        let (record, entry) = try await transaction { conn -> (RegisterRecord, AuditEntry?) in
            let rows = try await self.all(conn, """
                UPDATE register_records SET body = \(body), archived = \(archived), updated_at = now() WHERE id = \(id)
                RETURNING id, organisation_id, kind, body, archived, created_at, updated_at
                """, Self.registerRecord)
            guard let record = rows.first else { throw StoreError.notFound("register", String(id)) }
            if let audit { return (record, try await self.appendAudit(conn, audit)) }
            return (record, nil)
        }
        if let entry { auditSeal.checkpoint(entry) }
        return record
    }

    public func registerRecord(id: Int64) async throws -> RegisterRecord? {
        try await connection { conn in
            try await self.all(conn, "SELECT id, organisation_id, kind, body, archived, created_at, updated_at FROM register_records WHERE id = \(id)",
                               Self.registerRecord).first
        }
    }

    public func registerRecords(kind: String, organisationIds: [Int64]?) async throws -> [RegisterRecord] {
        if let organisationIds, organisationIds.isEmpty { return [] }
        return try await connection { conn in
            if let organisationIds {
                return try await self.all(conn, """
                    SELECT id, organisation_id, kind, body, archived, created_at, updated_at FROM register_records
                    WHERE kind = \(kind) AND organisation_id = ANY(\(organisationIds)) ORDER BY id
                    """, Self.registerRecord)
            }
            return try await self.all(conn, """
                SELECT id, organisation_id, kind, body, archived, created_at, updated_at FROM register_records
                WHERE kind = \(kind) ORDER BY id
                """, Self.registerRecord)
        }
    }

    static func registerRecord(_ row: PostgresRow) throws -> RegisterRecord {
        let (id, org, kind, body, archived, created, updated) = try row.decode((Int64, Int64, String, String, Bool, Date, Date).self)
        return RegisterRecord(id: id, organisationId: org, kind: kind, body: body, archived: archived, createdAt: created, updatedAt: updated)
    }
}
