import Foundation
import NIOCore
import PostgresNIO
import SocleCore
import SocleStore

/// `RegisterFileStore` on PostgreSQL: the bytes in `register_files` (BYTEA), beside their record.
extension PostgresStore {
    public func createRegisterRecord(organisationId: Int64, kind: String, body: String, file: [UInt8], sha256: String,
                                     audit: AuditEvent?) async throws -> RegisterRecord {
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
            var buffer = ByteBufferAllocator().buffer(capacity: file.count)
            buffer.writeBytes(file)
            try await self.run(conn, """
                INSERT INTO register_files (record_id, size, sha256, content) VALUES (\(record.id), \(Int64(file.count)), \(sha256), \(buffer))
                """)
            var event = audit
            event?.objectId = String(record.id)
            if let event { return (record, try await self.appendAudit(conn, event)) }
            return (record, nil)
        }
        if let entry { auditSeal.checkpoint(entry) }
        return record
    }

    public func registerFile(recordId: Int64) async throws -> [UInt8]? {
        try await connection { conn in
            try await self.all(conn, "SELECT content FROM register_files WHERE record_id = \(recordId)") { row in
                Array(try row.decode(ByteBuffer.self).readableBytesView)
            }.first
        }
    }

    public func deleteRegisterRecord(id: Int64, audit: AuditEvent?) async throws {
        let entry = try await transaction { conn -> AuditEntry? in
            try await self.run(conn, "DELETE FROM register_files WHERE record_id = \(id)")
            let n = try await self.run(conn, "DELETE FROM register_records WHERE id = \(id) RETURNING 1")
            guard n > 0 else { throw StoreError.notFound("register", String(id)) }
            if let audit { return try await self.appendAudit(conn, audit) }
            return nil
        }
        if let entry { auditSeal.checkpoint(entry) }
    }
}
