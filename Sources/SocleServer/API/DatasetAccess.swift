import Foundation
import SocleActions
import SocleCore
import SocleStore

/// How much of a dataset a reader sees: everything (members of its organisation), or only what is
/// published (everyone else — the published revision, even after a newer upload).
enum ReadScope: Sendable {
    case full
    case published(Int)
}

/// A dataset as one reader may see it.
struct VisibleDataset: Sendable {
    var dataset: Dataset
    var metadata: DatasetMetadata
    var organisation: Organisation
    var scope: ReadScope

    /// The revision number this reader sees (current for members, published for the public).
    var revisionNumber: Int? {
        switch scope {
        case .full: return dataset.currentRevision
        case .published(let n): return n
        }
    }
}

/// Finds datasets and applies the visibility rules every route shares: a dataset the principal may
/// not read is answered 404, like an unknown one, so private slugs never leak; a write by someone
/// signed in but not allowed is 403; by nobody, 401.
struct DatasetAccess: Sendable {
    let store: any SocleStore

    func readable(_ slug: String, by principal: Principal) async throws -> VisibleDataset {
        guard let d = try await store.dataset(slug: slug) else { throw StoreError.notFound("dataset", slug) }
        guard let v = try await visible(d, by: principal) else { throw StoreError.notFound("dataset", slug) }
        return v
    }

    /// nil when the principal may not see the dataset at all.
    func visible(_ d: Dataset, by principal: Principal, organisations: [Int64: Organisation]? = nil) async throws -> VisibleDataset? {
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
    func visibleDatasets(by principal: Principal) async throws -> [VisibleDataset] {
        let orgs = Dictionary(uniqueKeysWithValues: try await store.organisations().map { ($0.id, $0) })
        var out: [VisibleDataset] = []
        for d in try await store.datasets() {
            if let v = try await visible(d, by: principal, organisations: orgs) { out.append(v) }
        }
        return out
    }

    /// The dataset for a change needing `permission`: 401 for nobody, 404 unknown, 403 not allowed.
    func writable(_ slug: String, _ permission: Permission, by principal: Principal) async throws -> Dataset {
        if case .anonymous = principal { throw SocleError(.unauthorized, code: "auth.required") }
        guard let d = try await store.dataset(slug: slug) else { throw StoreError.notFound("dataset", slug) }
        guard Permissions.can(principal, permission, organisationId: d.organisationId, datasetSlug: d.slug) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        return d
    }

    func organisation(id: Int64, cache: [Int64: Organisation]? = nil) async throws -> Organisation {
        if let o = cache?[id] { return o }
        guard let o = try await store.organisations().first(where: { $0.id == id }) else {
            throw StoreError.notFound("organisation", String(id))
        }
        return o
    }

    func organisation(slug: String) async throws -> Organisation {
        guard let o = try await store.organisation(slug: slug) else { throw StoreError.notFound("organisation", slug) }
        return o
    }

    /// The revision a reader sees, or nil when nothing is loaded (or published) yet.
    func revision(_ v: VisibleDataset) async throws -> Revision? {
        guard let n = v.revisionNumber else { return nil }
        return try await store.revision(datasetId: v.dataset.id, number: n)
    }

    /// The revisions a reader may list: all for members, up to the published one for the public.
    func revisions(_ v: VisibleDataset) async throws -> [Revision] {
        let all = try await store.revisions(datasetId: v.dataset.id).sorted { $0.number < $1.number }
        switch v.scope {
        case .full: return all
        case .published(let n): return all.filter { $0.number <= n }
        }
    }
}
