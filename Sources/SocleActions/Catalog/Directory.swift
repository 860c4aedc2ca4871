import Foundation
import SocleCore
import SocleStore

/// The platform's reads that are not rows: organisations, services, accounts, tokens, jobs, the audit
/// log. Where who-sees-what applies, the rule is here (tokens one may see, organisations one
/// administers, who may read the log); the server's pages and the CLI only lay the results out.
/// Datasets and their rows are read through `ReadPolicy`.
public struct Directory: Sendable {
    let store: any SocleStore
    public init(store: any SocleStore) { self.store = store }

    // MARK: organisations and services (public facts about the territory's authorities)

    public func organisations() async throws -> [Organisation] { try await store.organisations() }

    /// Not found (`store.not_found.organisation`) when unknown.
    public func organisation(slug: String) async throws -> Organisation {
        try await ReadPolicy(store: store).organisation(slug: slug)
    }

    public func profile(_ organisation: Organisation) async throws -> OrganisationProfile {
        try await store.organisationProfile(organisation.id)
    }

    public func services(of organisationId: Int64) async throws -> [Service] {
        try await store.services(organisationId: organisationId)
    }

    /// Organisations where the principal holds every one of `permissions`.
    public func organisations(where principal: Principal, holds permissions: Permission...) async throws -> [Organisation] {
        try await store.organisations().filter { o in permissions.allSatisfy { Permissions.can(principal, $0, organisationId: o.id) } }
    }

    /// Like `organisations(where:holds:)`, but forbidden when there is none.
    public func requireOrganisations(where principal: Principal, holds permission: Permission) async throws -> [Organisation] {
        let orgs = try await organisations(where: principal, holds: permission)
        if orgs.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        return orgs
    }

    /// How many datasets each service of the organisation owns, by service id.
    public func datasetCounts(byServiceOf organisationId: Int64) async throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for d in try await store.datasets() where d.organisationId == organisationId {
            if let s = try await store.metadata(datasetId: d.id).ownerServiceId { counts[s, default: 0] += 1 }
        }
        return counts
    }

    // MARK: datasets one may change

    /// Datasets the principal may upload into, in catalog order.
    public func uploadTargets(for principal: Principal) async throws -> [Dataset] {
        try await store.datasets().filter { Permissions.can(principal, .uploadData, organisationId: $0.organisationId, datasetSlug: $0.slug) }
    }

    /// The whole metadata of a dataset the caller obtained through `ReadPolicy.writable` (or as a member).
    public func metadata(of dataset: Dataset) async throws -> DatasetMetadata {
        try await store.metadata(datasetId: dataset.id)
    }

    /// The published revision number of a dataset, for members' views (the public's comes with its grant).
    public func publishedRevision(of dataset: Dataset) async throws -> Int? {
        try await store.publishedRevision(datasetId: dataset.id)
    }

    /// The organisation's sources with their metadata, for the inventory; forbidden without the right to read it.
    public func inventory(of organisation: Organisation, by principal: Principal) async throws -> [(Dataset, DatasetMetadata)] {
        guard Permissions.can(principal, .readInventory, organisationId: organisation.id) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        var out: [(Dataset, DatasetMetadata)] = []
        for d in try await store.datasets() where d.organisationId == organisation.id {
            out.append((d, try await store.metadata(datasetId: d.id)))
        }
        return out
    }

    // MARK: accounts and tokens

    /// Accounts with a membership in one of `organisations`, by e-mail.
    public func users(in organisations: [Organisation]) async throws -> [User] {
        let ids = Set(organisations.map(\.id))
        return try await store.users().filter { u in u.memberships.contains { ids.contains($0.organisationId) } }
            .sorted { $0.email < $1.email }
    }

    /// How many accounts belong to each organisation, by organisation id.
    public func memberCounts() async throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for u in try await store.users() { for m in u.memberships { counts[m.organisationId, default: 0] += 1 } }
        return counts
    }

    /// One's own tokens and every token of the organisations one administers (all of them for the
    /// system), newest first, with the e-mail of each token's owner.
    public func tokens(visibleTo principal: Principal) async throws -> [(token: APIToken, ownerEmail: String)] {
        let emails = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.email) })
        return try await store.tokens(userId: nil).filter {
            $0.userId == principal.userId || Permissions.can(principal, .manageUsers, organisationId: $0.organisationId)
        }.sorted { $0.createdAt > $1.createdAt }.map { ($0, emails[$0.userId] ?? "?") }
    }

    /// Every account (the machine's administrator: `socle user list`).
    public func allUsers(by principal: Principal) async throws -> [User] {
        guard case .system = principal else { throw SocleError(.forbidden, code: "auth.forbidden") }
        return try await store.users().sorted { $0.email < $1.email }
    }

    /// An account by e-mail; not found (`store.not_found.user`) when there is none.
    public func user(email: String) async throws -> User {
        guard let u = try await store.user(email: email) else { throw SocleError.notFound("user", email) }
        return u
    }

    // MARK: audit log

    /// Entries matching the filters, oldest first (at most `maximum`); forbidden unless the principal may
    /// read the log of at least one organisation.
    public func auditEntries(by principal: Principal, actor: String?, action: String?, objectType: String?,
                             after: Int64 = 0, limit: Int = 100_000) async throws -> [AuditEntry] {
        try await requireAuditReader(principal)
        var entries: [AuditEntry] = []
        var cursor = after
        while entries.count < limit {
            let chunk = try await store.auditEntries(afterSeq: cursor, limit: min(5_000, limit - entries.count), actor: actor,
                                                     action: action, objectType: objectType)
            entries += chunk
            guard chunk.count == 5_000, let last = chunk.last else { break }
            cursor = last.seq
        }
        return entries
    }

    /// Readable names of the log's actors (`user:3` → e-mail, `token:7` → its prefix).
    public func auditActorNames(by principal: Principal) async throws -> [String: String] {
        try await requireAuditReader(principal)
        var names: [String: String] = [:]
        for u in try await store.users() { names["user:\(u.id)"] = u.email }
        for t in try await store.tokens(userId: nil) { names["token:\(t.id)"] = t.prefix + "…" }
        return names
    }

    /// Whether the chain verifies (`socle audit verify` does the same, with the reason).
    public func auditChainIntact(by principal: Principal) async throws -> Bool {
        try await requireAuditReader(principal)
        return try await AuditRecorder(store: store).verify().broken == nil
    }

    func requireAuditReader(_ principal: Principal) async throws {
        if case .system = principal { return }
        guard try await store.organisations().contains(where: { Permissions.can(principal, .readAudit, organisationId: $0.id) }) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
    }

    // MARK: operations

    /// Jobs in `status`, newest first (metrics and the job service's log).
    public func jobs(status: JobStatus, limit: Int) async throws -> [Job] {
        try await store.jobs(status: status, limit: limit)
    }

    /// A cheap round trip to the store, for the health check.
    public func ping() async throws {
        _ = try await store.organisations()
    }
}
