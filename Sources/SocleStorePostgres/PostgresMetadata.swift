import Foundation
import PostgresNIO
import SocleCore
import SocleStore

/// `MetadataStore` on PostgreSQL: declared sources, DCAT-AP metadata as JSON, publication.
extension PostgresStore {
    public func declareDataset(slug: String, title: String, organisationId: Int64, metadata: DatasetMetadata) async throws -> Dataset {
        try Slug.validate(slug)
        let clean = try PlatformRules.requiredName(title)
        let json = StoreSupport.encodeJSON(metadata)
        let now = Date()
        return try await transaction { conn in
            try await self.requireOrganisation(conn, organisationId)
            try await self.requireOwnerService(conn, metadata.ownerServiceId, organisationId: organisationId)
            let rows = try await self.insertingUnique(conflict: ("dataset", slug)) {
                try await self.all(conn, """
                    INSERT INTO datasets (slug, title, organisation_id, created_at, metadata_json)
                    VALUES (\(slug), \(clean), \(organisationId), \(now), \(json)) RETURNING id, created_at
                    """) { try $0.decode((Int64, Date).self) }
            }
            let (id, created) = try Self.first(rows)
            return Dataset(id: id, slug: slug, title: clean, organisationId: organisationId, currentRevision: nil, createdAt: created)
        }
    }

    public func metadata(datasetId: Int64) async throws -> DatasetMetadata {
        try await connection { conn in
            let rows = try await self.all(conn, """
                SELECT metadata_json, current_revision, published_revision FROM datasets WHERE id = \(datasetId)
                """) { try $0.decode((String, Int32?, Int32?).self) }
            guard let (json, current, published) = rows.first else { throw StoreError.notFound("dataset", String(datasetId)) }
            var m = try PlatformRules.decodeMetadata(json)
            m.status = PlatformRules.status(stored: m.status, currentRevision: current.map(Int.init),
                                            publishedRevision: published.map(Int.init))
            return m
        }
    }

    public func updateDataset(datasetId: Int64, title: String, metadata: DatasetMetadata) async throws {
        let clean = try PlatformRules.requiredName(title)
        let json = StoreSupport.encodeJSON(metadata)
        try await transaction { conn in
            let orgs = try await self.all(conn, "SELECT organisation_id FROM datasets WHERE id = \(datasetId) FOR UPDATE") {
                try $0.decode(Int64.self)
            }
            guard let org = orgs.first else { throw StoreError.notFound("dataset", String(datasetId)) }
            try await self.requireOwnerService(conn, metadata.ownerServiceId, organisationId: org)
            try await self.run(conn, "UPDATE datasets SET title = \(clean), metadata_json = \(json) WHERE id = \(datasetId)")
        }
    }

    public func setPublished(datasetId: Int64, revision: Int?, audit: AuditEvent?) async throws {
        let number = revision.map { Int32(clamping: $0) }
        let entry = try await transaction { conn -> AuditEntry? in
            if try await !self.exists(conn, "SELECT 1 FROM datasets WHERE id = \(datasetId) FOR UPDATE") {
                throw StoreError.notFound("dataset", String(datasetId))
            }
            if let n = revision, let number,
               try await !self.exists(conn, "SELECT 1 FROM revisions WHERE dataset_id = \(datasetId) AND number = \(number)") {
                throw StoreError.notFound("revision", String(n))
            }
            try await self.run(conn, "UPDATE datasets SET published_revision = \(number) WHERE id = \(datasetId)")
            if let audit { return try await self.appendAudit(conn, audit) }
            return nil
        }
        if let entry { auditSeal.checkpoint(entry) }
    }

    public func publishedRevision(datasetId: Int64) async throws -> Int? {
        try await connection { conn in
            let rows = try await self.all(conn, "SELECT published_revision FROM datasets WHERE id = \(datasetId)") {
                try $0.decode(Int32?.self)
            }
            guard let published = rows.first else { throw StoreError.notFound("dataset", String(datasetId)) }
            return published.map(Int.init)
        }
    }

    /// The owner service must belong to the dataset's organisation.
    func requireOwnerService(_ conn: PostgresConnection, _ serviceId: Int64?, organisationId: Int64) async throws {
        guard let serviceId else { return }
        if try await !exists(conn, "SELECT 1 FROM services WHERE id = \(serviceId) AND organisation_id = \(organisationId)") {
            throw StoreError.notFound("service", String(serviceId))
        }
    }
}
