import Foundation
import SocleCore
import SoclePrivacy
import SocleStore

/// What one reader may read of one dataset: which revision and which columns.
public struct ReadGrant: Sendable {
    public var dataset: Dataset
    public var organisation: Organisation
    /// The public view of the metadata for readers outside the organisation.
    public var metadata: DatasetMetadata
    public var revision: Revision
    /// The revision's columns this reader may see, in order.
    public var columns: [ColumnSchema]
    /// Names of the columns withheld from this reader (never their values).
    public var hiddenColumns: [String]
    /// True for members of the owning organisation (current revision, every column).
    public var isMember: Bool

    /// The revision's columns restricted to what may be shown, as the query compiler's schema.
    public var schema: [ColumnSchema] { columns }
}

/// The single read path's policy hook. Every output — native, Opendatasoft and CKAN APIs, exports,
/// DCAT feed, SQL endpoint, search, facets, previews, record pages — asks it what a reader may read.
///
/// Today's rule: members of the owning organisation read the current revision whole (it is their data);
/// everyone else reads only published public datasets, at their published revision, and only the
/// columns whose applicable privacy level (a person's review, else a cleared anonymisation, else the
/// detector's suggestion) is public.
public struct ReadPolicy: Sendable {
    public let store: any SocleStore
    /// Public grants kept while the dataset's fingerprint is unchanged (the server shares one).
    let cache: GrantCache?
    public init(store: any SocleStore, cache: GrantCache? = nil) {
        self.store = store
        self.cache = cache
    }

    /// The grant, or `notFound` (like an unknown slug, so private slugs never leak) when the reader
    /// may not read the dataset or nothing is loaded/published.
    public func grant(_ slug: String, for principal: Principal) async throws -> ReadGrant {
        // Readers outside every organisation (anonymous: most API traffic) all get the same public grant:
        // reuse it while one cheap query says nothing it depends on has changed.
        if case .anonymous = principal, let cache {
            guard let fingerprint = try await store.readFingerprint(slug: slug) else { throw StoreError.notFound("dataset", slug) }
            if let g = await cache.get(slug, fingerprint) { return g }
            guard let d = try await store.dataset(slug: slug), let g = try await grant(d, for: principal) else {
                throw StoreError.notFound("dataset", slug)
            }
            await cache.put(slug, fingerprint, g)
            return g
        }
        guard let d = try await store.dataset(slug: slug), let g = try await grant(d, for: principal) else {
            throw StoreError.notFound("dataset", slug)
        }
        return g
    }

    public func grant(_ d: Dataset, for principal: Principal, organisations: [Int64: Organisation]? = nil) async throws -> ReadGrant? {
        let m = try await store.metadata(datasetId: d.id)
        var found = organisations?[d.organisationId]
        if found == nil { found = try await store.organisations().first(where: { $0.id == d.organisationId }) }
        guard let org = found else { return nil }
        if Permissions.can(principal, .readPrivateDataset, organisationId: d.organisationId, datasetSlug: d.slug) {
            guard let n = d.currentRevision, let rev = try await store.revision(datasetId: d.id, number: n) else { return nil }
            return ReadGrant(dataset: d, organisation: org, metadata: m, revision: rev, columns: rev.columns,
                             hiddenColumns: [], isMember: true)
        }
        guard Permissions.canReadPublicly(m), let n = try await store.publishedRevision(datasetId: d.id),
              let rev = try await store.revision(datasetId: d.id, number: n) else { return nil }
        let statuses = try await PrivacyRecords(store: store).statuses(datasetId: d.id, revision: rev)
        let hidden = Set(statuses.filter { $0.effective != .public }.map(\.name))
        return ReadGrant(dataset: d, organisation: org, metadata: m.publicView, revision: rev,
                         columns: rev.columns.filter { !hidden.contains($0.name) },
                         hiddenColumns: rev.columns.map(\.name).filter(hidden.contains), isMember: false)
    }

    /// Every dataset the reader may read, in catalog order.
    public func grants(for principal: Principal) async throws -> [ReadGrant] {
        let orgs = Dictionary(uniqueKeysWithValues: try await store.organisations().map { ($0.id, $0) })
        var out: [ReadGrant] = []
        for d in try await store.datasets() {
            if let g = try await grant(d, for: principal, organisations: orgs) { out.append(g) }
        }
        return out
    }

    /// Only published public datasets, as anyone sees them (feeds and harvesters).
    public func publicGrants() async throws -> [ReadGrant] {
        try await grants(for: .anonymous)
    }
}

/// Public grants by slug with the fingerprint they were computed under (see `QueryStore.readFingerprint`).
public actor GrantCache {
    var entries: [String: (fingerprint: String, grant: ReadGrant)] = [:]
    public init() {}

    func get(_ slug: String, _ fingerprint: String) -> ReadGrant? {
        guard let e = entries[slug], e.fingerprint == fingerprint else { return nil }
        return e.grant
    }

    func put(_ slug: String, _ fingerprint: String, _ grant: ReadGrant) {
        if entries.count > 10_000 { entries.removeAll() }
        entries[slug] = (fingerprint, grant)
    }
}
