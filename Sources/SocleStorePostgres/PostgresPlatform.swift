import Foundation
import SocleCore
import SocleStore

// PLACEHOLDER: replaced by the store helper with the real implementation.
extension PostgresStore {
    public func organisationProfile(_ organisationId: Int64) async throws -> OrganisationProfile {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func setOrganisationProfile(_ organisationId: Int64, _ profile: OrganisationProfile, name: String?) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func services(organisationId: Int64) async throws -> [Service] {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func createService(organisationId: Int64, slug: String, name: String) async throws -> Service {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func createUser(email: String, name: String, passwordHash: String) async throws -> User {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func user(id: Int64) async throws -> User? {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func user(email: String) async throws -> User? {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func users() async throws -> [User] {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func passwordHash(userId: Int64) async throws -> String? {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func setMembership(userId: Int64, organisationId: Int64, role: Role) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func removeMembership(userId: Int64, organisationId: Int64) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func createToken(userId: Int64, organisationId: Int64, secretHash: String, prefix: String, canWrite: Bool, datasets: [String]?, expiresAt: Date?) async throws -> APIToken {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func token(secretHash: String) async throws -> APIToken? {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func tokens(userId: Int64?) async throws -> [APIToken] {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func revokeToken(id: Int64, at: Date) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func touchToken(id: Int64, at: Date) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func createSession(idHash: String, session: Session) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func session(idHash: String) async throws -> Session? {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func deleteSession(idHash: String) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func deleteExpiredSessions(before: Date) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func declareDataset(slug: String, title: String, organisationId: Int64, metadata: DatasetMetadata) async throws -> Dataset {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func metadata(datasetId: Int64) async throws -> DatasetMetadata {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func updateDataset(datasetId: Int64, title: String, metadata: DatasetMetadata) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func setPublished(datasetId: Int64, revision: Int?) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func publishedRevision(datasetId: Int64) async throws -> Int? {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func createJob(kind: String, datasetSlug: String?, payload: String, createdBy: Int64?) async throws -> Job {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func job(id: Int64) async throws -> Job? {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func jobs(status: JobStatus?, limit: Int) async throws -> [Job] {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func claimNextJob(at: Date) async throws -> Job? {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func updateJobProgress(id: Int64, progress: Double, rows: Int64) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func finishJob(id: Int64, status: JobStatus, error: SocleError?, result: String?, at: Date) async throws {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func failInterruptedJobs(reason: SocleError, at: Date) async throws -> Int {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func appendAudit(_ event: AuditEvent) async throws -> AuditEntry {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
    public func auditEntries(afterSeq: Int64, limit: Int, actor: String?, action: String?, objectType: String?) async throws -> [AuditEntry] {
        throw SocleError(.internalError, code: "store.not_implemented")
    }
}
