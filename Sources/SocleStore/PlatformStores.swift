import Foundation
import SocleCore

/// Organisations' details, services, users, memberships, API tokens and sessions.
public protocol AccountStore: Sendable {
    func organisationProfile(_ organisationId: Int64) async throws -> OrganisationProfile
    func setOrganisationProfile(_ organisationId: Int64, _ profile: OrganisationProfile, name: String?) async throws

    func services(organisationId: Int64) async throws -> [Service]
    /// `conflict` when the organisation already has a service with that slug.
    func createService(organisationId: Int64, slug: String, name: String) async throws -> Service

    /// `conflict` when the e-mail exists. The password arrives already hashed (bcrypt).
    func createUser(email: String, name: String, passwordHash: String) async throws -> User
    func user(id: Int64) async throws -> User?
    func user(email: String) async throws -> User?
    func users() async throws -> [User]
    func passwordHash(userId: Int64) async throws -> String?
    /// Replaces the user's password hash and closes all of their sessions.
    func setPasswordHash(userId: Int64, _ hash: String) async throws
    /// Disables (or enables) an account; disabling closes its sessions. Its tokens stop working with it.
    func setDisabled(userId: Int64, _ disabled: Bool) async throws
    /// Adds or changes the user's role in an organisation.
    func setMembership(userId: Int64, organisationId: Int64, role: Role) async throws
    func removeMembership(userId: Int64, organisationId: Int64) async throws

    /// Stores a new token given the SHA-256 hex of its secret.
    func createToken(userId: Int64, organisationId: Int64, secretHash: String, prefix: String, canWrite: Bool,
                     datasets: [String]?, expiresAt: Date?) async throws -> APIToken
    /// The token whose secret hashes to this value (revoked or expired ones included: callers check).
    func token(secretHash: String) async throws -> APIToken?
    func tokens(userId: Int64?) async throws -> [APIToken]
    func revokeToken(id: Int64, at: Date) async throws
    func touchToken(id: Int64, at: Date) async throws

    func createSession(idHash: String, session: Session) async throws
    func session(idHash: String) async throws -> Session?
    func deleteSession(idHash: String) async throws
    func deleteExpiredSessions(before: Date) async throws
}

/// Catalog metadata beyond the basics of a load: declared sources, DCAT-AP fields, publication.
public protocol MetadataStore: Sendable {
    /// Declares a source before any data is loaded (status `declared`). `conflict` when the slug exists.
    func declareDataset(slug: String, title: String, organisationId: Int64, metadata: DatasetMetadata) async throws -> Dataset
    func metadata(datasetId: Int64) async throws -> DatasetMetadata
    func updateDataset(datasetId: Int64, title: String, metadata: DatasetMetadata) async throws
    /// Sets or clears the published revision (publishing is an explicit act; status follows).
    /// Publishes a revision (nil unpublishes); `audit`, when given, is appended in the same transaction.
    func setPublished(datasetId: Int64, revision: Int?, audit: AuditEvent?) async throws
    func publishedRevision(datasetId: Int64) async throws -> Int?
}

/// Persisted background jobs.
public protocol JobStore: Sendable {
    func createJob(kind: String, datasetSlug: String?, payload: String, createdBy: Int64?) async throws -> Job
    func job(id: Int64) async throws -> Job?
    func jobs(status: JobStatus?, limit: Int) async throws -> [Job]
    /// Atomically takes the oldest queued job and marks it running (nil when none).
    func claimNextJob(at: Date) async throws -> Job?
    func updateJobProgress(id: Int64, progress: Double, rows: Int64) async throws
    func finishJob(id: Int64, status: JobStatus, error: SocleError?, result: String?, at: Date) async throws
    /// Marks every `running` job failed with the given reason (called at start-up: they were cut by a crash).
    func failInterruptedJobs(reason: SocleError, at: Date) async throws -> Int
}

/// The hash-chained audit log.
public protocol AuditStore: Sendable {
    /// The key and checkpoint file the chain is sealed with (given when the store is opened).
    var auditSeal: AuditSeal { get }
    /// Appends an entry in its own transaction, chaining it to the last one under `auditSeal`, then
    /// writes the signed checkpoint of the new head.
    func appendAudit(_ event: AuditEvent) async throws -> AuditEntry
    /// Entries in order, optionally filtered; `afterSeq` pages forward.
    func auditEntries(afterSeq: Int64, limit: Int, actor: String?, action: String?, objectType: String?) async throws -> [AuditEntry]
}

extension MetadataStore {
    public func setPublished(datasetId: Int64, revision: Int?) async throws {
        try await setPublished(datasetId: datasetId, revision: revision, audit: nil)
    }
}
