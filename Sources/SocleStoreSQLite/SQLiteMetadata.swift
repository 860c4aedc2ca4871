import Foundation
import GRDB
import SocleCore
import SocleStore

/// `MetadataStore` on SQLite: declared sources, DCAT-AP metadata as JSON, publication.
extension SQLiteStore {
    public func declareDataset(slug: String, title: String, organisationId: Int64, metadata: DatasetMetadata) async throws -> Dataset {
        try Slug.validate(slug)
        let clean = try PlatformRules.requiredName(title)
        let json = StoreSupport.encodeJSON(metadata)
        let now = Date()
        return try await writing { db in
            try Self.requireOrganisation(db, organisationId)
            try Self.requireOwnerService(db, metadata.ownerServiceId, organisationId: organisationId)
            do {
                try db.execute(sql: """
                    INSERT INTO datasets (slug, title, organisation_id, created_at, metadata_json) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [slug, clean, organisationId, StoreSupport.isoString(now), json])
            } catch let error where Self.isUniqueViolation(error) {
                throw StoreError.conflict("dataset", slug)
            }
            return Dataset(id: db.lastInsertedRowID, slug: slug, title: clean, organisationId: organisationId,
                           currentRevision: nil, createdAt: now)
        }
    }

    public func metadata(datasetId: Int64) async throws -> DatasetMetadata {
        try await reading { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT metadata_json, current_revision, published_revision FROM datasets WHERE id = ?
                """, arguments: [datasetId]) else {
                throw StoreError.notFound("dataset", String(datasetId))
            }
            var m = try PlatformRules.decodeMetadata(row["metadata_json"])
            m.status = PlatformRules.status(stored: m.status, currentRevision: row["current_revision"],
                                            publishedRevision: row["published_revision"])
            return m
        }
    }

    public func updateDataset(datasetId: Int64, title: String, metadata: DatasetMetadata) async throws {
        let clean = try PlatformRules.requiredName(title)
        let json = StoreSupport.encodeJSON(metadata)
        try await writing { db in
            guard let org = try Int64.fetchOne(db, sql: "SELECT organisation_id FROM datasets WHERE id = ?", arguments: [datasetId]) else {
                throw StoreError.notFound("dataset", String(datasetId))
            }
            try Self.requireOwnerService(db, metadata.ownerServiceId, organisationId: org)
            try db.execute(sql: "UPDATE datasets SET title = ?, metadata_json = ? WHERE id = ?", arguments: [clean, json, datasetId])
        }
    }

    public func setPublished(datasetId: Int64, revision: Int?, audit: AuditEvent?) async throws {
        let seal = auditSeal
        let entry = try await writing { db -> AuditEntry? in
            if try !Self.exists(db, "SELECT 1 FROM datasets WHERE id = ?", [datasetId]) {
                throw StoreError.notFound("dataset", String(datasetId))
            }
            if let n = revision, try !Self.exists(db, "SELECT 1 FROM revisions WHERE dataset_id = ? AND number = ?", [datasetId, n]) {
                throw StoreError.notFound("revision", String(n))
            }
            try db.execute(sql: "UPDATE datasets SET published_revision = ? WHERE id = ?", arguments: [revision, datasetId])
            return try audit.map { try Self.appendAudit(db, $0, seal: seal) }
        }
        if let entry { auditSeal.checkpoint(entry) }
    }

    public func publishedRevision(datasetId: Int64) async throws -> Int? {
        try await reading { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT published_revision FROM datasets WHERE id = ?", arguments: [datasetId]) else {
                throw StoreError.notFound("dataset", String(datasetId))
            }
            return row["published_revision"]
        }
    }

    /// The owner service must belong to the dataset's organisation.
    static func requireOwnerService(_ db: Database, _ serviceId: Int64?, organisationId: Int64) throws {
        guard let serviceId else { return }
        if try !exists(db, "SELECT 1 FROM services WHERE id = ? AND organisation_id = ?", [serviceId, organisationId]) {
            throw StoreError.notFound("service", String(serviceId))
        }
    }
}
