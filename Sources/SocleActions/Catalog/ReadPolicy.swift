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

/// How much of a dataset a reader sees: everything (members of its organisation), or only what is
/// published (everyone else — the published revision, even after a newer upload).
public enum ReadScope: Sendable {
    case full
    case published(Int)
}

/// A dataset as one reader may see it (its metadata; `ReadGrant` adds the revision's readable columns).
public struct VisibleDataset: Sendable {
    public var dataset: Dataset
    public var metadata: DatasetMetadata
    public var organisation: Organisation
    public var scope: ReadScope

    /// The revision number this reader sees (current for members, published for the public).
    public var revisionNumber: Int? {
        switch scope {
        case .full: return dataset.currentRevision
        case .published(let n): return n
        }
    }
}

/// The one access rule. Every page, API route, compatibility view, export, feed, SQL statement, search
/// and CLI command asks it what a reader may see (`visible`: the dataset and its metadata; `grant`: the
/// revision and its columns) or change (`writable`).
///
/// The rule: members of the owning organisation read the current revision whole (it is their data);
/// everyone else reads only published public datasets, at their published revision, and only the
/// columns whose applicable privacy level (a person's review, else a cleared anonymisation, else the
/// detector's suggestion) is public. A dataset the reader may not see is answered like an unknown one
/// (not found), so private slugs never leak; a change by someone signed in but not allowed is
/// forbidden; by nobody, unauthorised.
public struct ReadPolicy: Sendable {
    let store: any SocleStore
    /// Public grants kept while the dataset's fingerprint is unchanged (the server shares one).
    let cache: GrantCache?
    public init(store: any SocleStore, cache: GrantCache? = nil) {
        self.store = store
        self.cache = cache
    }

    // MARK: datasets and metadata

    public func readable(_ slug: String, by principal: Principal) async throws -> VisibleDataset {
        guard let d = try await store.dataset(slug: slug), let v = try await visible(d, by: principal) else {
            throw StoreError.notFound("dataset", slug)
        }
        return v
    }

    /// nil when the principal may not see the dataset at all.
    public func visible(_ d: Dataset, by principal: Principal, organisations: [Int64: Organisation]? = nil) async throws -> VisibleDataset? {
        let m = try await store.metadata(datasetId: d.id)
        let org = try await organisation(id: d.organisationId, cache: organisations)
        if Permissions.can(principal, .readPrivateDataset, organisationId: d.organisationId, datasetSlug: d.slug) {
            return VisibleDataset(dataset: d, metadata: m, organisation: org, scope: .full)
        }
        guard Permissions.canReadPublicly(m), let published = try await store.publishedRevision(datasetId: d.id) else {
            return nil
        }
        return VisibleDataset(dataset: d, metadata: m.publicView, organisation: org, scope: .published(published))
    }

    /// Every dataset the principal may see, in catalog order.
    public func visibleDatasets(by principal: Principal) async throws -> [VisibleDataset] {
        let orgs = Dictionary(uniqueKeysWithValues: try await store.organisations().map { ($0.id, $0) })
        var out: [VisibleDataset] = []
        for d in try await store.datasets() {
            if let v = try await visible(d, by: principal, organisations: orgs) { out.append(v) }
        }
        return out
    }

    /// The dataset for a change needing `permission`: unauthorised for nobody, not found when unknown,
    /// forbidden when not allowed.
    public func writable(_ slug: String, _ permission: Permission, by principal: Principal) async throws -> Dataset {
        if case .anonymous = principal { throw SocleError(.unauthorized, code: "auth.required") }
        guard let d = try await store.dataset(slug: slug) else { throw StoreError.notFound("dataset", slug) }
        guard Permissions.can(principal, permission, organisationId: d.organisationId, datasetSlug: d.slug) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        return d
    }

    public func organisation(id: Int64, cache: [Int64: Organisation]? = nil) async throws -> Organisation {
        if let o = cache?[id] { return o }
        guard let o = try await store.organisations().first(where: { $0.id == id }) else {
            throw StoreError.notFound("organisation", String(id))
        }
        return o
    }

    public func organisation(slug: String) async throws -> Organisation {
        guard let o = try await store.organisation(slug: slug) else { throw StoreError.notFound("organisation", slug) }
        return o
    }

    /// The revision a reader sees, or nil when nothing is loaded (or published) yet.
    public func revision(_ v: VisibleDataset) async throws -> Revision? {
        guard let n = v.revisionNumber else { return nil }
        return try await store.revision(datasetId: v.dataset.id, number: n)
    }

    /// The revisions a reader may list: all for members, up to the published one for the public.
    public func revisions(_ v: VisibleDataset) async throws -> [Revision] {
        let all = try await store.revisions(datasetId: v.dataset.id).sorted { $0.number < $1.number }
        switch v.scope {
        case .full: return all
        case .published(let n): return all.filter { $0.number <= n }
        }
    }

    /// A dataset as its organisation's members see it; not found for anyone else (like an unknown slug).
    public func member(_ slug: String, by principal: Principal) async throws -> Dataset {
        guard let d = try await store.dataset(slug: slug),
              Permissions.can(principal, .readPrivateDataset, organisationId: d.organisationId, datasetSlug: d.slug) else {
            throw SocleError(.notFound, code: "store.not_found.dataset", args: ["slug": slug])
        }
        return d
    }

    /// A job its author may follow, and members of its dataset's organisation; anyone else: not found.
    public func readableJob(_ id: Int64, by principal: Principal) async throws -> Job {
        guard let job = try await store.job(id: id) else { throw StoreError.notFound("job", String(id)) }
        if let author = job.createdBy, author == principal.userId, principal.isPerson { return job }
        if let slug = job.datasetSlug, let d = try await store.dataset(slug: slug),
           Permissions.can(principal, .readPrivateDataset, organisationId: d.organisationId, datasetSlug: slug) {
            return job
        }
        throw StoreError.notFound("job", String(id))
    }

    // MARK: rows

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

    /// A grant on revision `number`: members may read any revision; anyone else only the published one.
    public func grant(_ slug: String, revision number: Int, for principal: Principal) async throws -> ReadGrant {
        var g = try await grant(slug, for: principal)
        if g.revision.number == number { return g }
        guard g.isMember, let rev = try await store.revision(datasetId: g.dataset.id, number: number) else {
            throw SocleError.notFound("revision", String(number))
        }
        g.revision = rev
        g.columns = rev.columns
        return g
    }

    public func grant(_ d: Dataset, for principal: Principal, organisations: [Int64: Organisation]? = nil) async throws -> ReadGrant? {
        guard let v = try await visible(d, by: principal, organisations: organisations) else { return nil }
        return try await grant(v)
    }

    /// The grant on what `v` shows (nil when nothing is loaded, or published, yet).
    func grant(_ v: VisibleDataset) async throws -> ReadGrant? {
        let d = v.dataset
        guard let rev = try await revision(v) else { return nil }
        if case .full = v.scope {
            return ReadGrant(dataset: d, organisation: v.organisation, metadata: v.metadata, revision: rev, columns: rev.columns,
                             hiddenColumns: [], isMember: true)
        }
        let statuses = try await PrivacyRecords(store: store).statuses(datasetId: d.id, revision: rev)
        let hidden = Set(statuses.filter { $0.effective != .public }.map(\.name))
        return ReadGrant(dataset: d, organisation: v.organisation, metadata: v.metadata, revision: rev,
                         columns: rev.columns.filter { !hidden.contains($0.name) },
                         hiddenColumns: rev.columns.map(\.name).filter(hidden.contains), isMember: false)
    }

    /// Every dataset the reader may read, in catalog order.
    public func grants(for principal: Principal) async throws -> [ReadGrant] {
        var out: [ReadGrant] = []
        for v in try await visibleDatasets(by: principal) {
            if let g = try await grant(v) { out.append(g) }
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
