import Foundation
import GRDB
import SocleCore
import SocleStore

/// `DocumentStore` on SQLite.
extension SQLiteStore {
    public func putDocument(datasetId: Int64, kind: String, key: String, body: String) async throws {
        try await writing { db in
            try Self.putDocument(db, datasetId: datasetId, DocumentDraft(kind: kind, key: key, body: body))
        }
    }

    static func putDocument(_ db: Database, datasetId: Int64, _ d: DocumentDraft) throws {
        if try !exists(db, "SELECT 1 FROM datasets WHERE id = ?", [datasetId]) {
            throw StoreError.notFound("dataset", String(datasetId))
        }
        try db.execute(sql: """
            INSERT INTO dataset_documents (dataset_id, kind, key, body, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (dataset_id, kind, key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
            """, arguments: [datasetId, d.kind, d.key, d.body, StoreSupport.isoString(Date())])
    }

    public func document(datasetId: Int64, kind: String, key: String) async throws -> String? {
        try await reading { db in
            try String.fetchOne(db, sql: "SELECT body FROM dataset_documents WHERE dataset_id = ? AND kind = ? AND key = ?",
                                arguments: [datasetId, kind, key])
        }
    }

    public func documents(datasetId: Int64, kind: String) async throws -> [StoredDocument] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT key, body, updated_at FROM dataset_documents WHERE dataset_id = ? AND kind = ? ORDER BY key",
                             arguments: [datasetId, kind]).map { r in
                StoredDocument(key: r["key"], body: r["body"], updatedAt: StoreSupport.parseISO(r["updated_at"]) ?? Date(timeIntervalSince1970: 0))
            }
        }
    }
}
