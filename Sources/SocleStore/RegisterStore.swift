import Foundation
import SocleCore

/// One record of an organisation's GDPR register (a processing activity, a processor, a measure…): the
/// typed meaning of `body` (JSON) lives in SocleActions, by `kind`.
public struct RegisterRecord: Sendable, Equatable {
    public var id: Int64
    public var organisationId: Int64
    public var kind: String
    public var body: String
    public var archived: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public init(id: Int64, organisationId: Int64, kind: String, body: String, archived: Bool, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.organisationId = organisationId
        self.kind = kind
        self.body = body
        self.archived = archived
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The GDPR register's records, per organisation. Every change can carry its audit entry, appended in
/// the same transaction.
public protocol RegisterStore: Sendable {
    /// `notFound` when the organisation does not exist.
    func createRegisterRecord(organisationId: Int64, kind: String, body: String, audit: AuditEvent?) async throws -> RegisterRecord
    /// Replaces the body and the archived flag; `notFound` when the record does not exist.
    func updateRegisterRecord(id: Int64, body: String, archived: Bool, audit: AuditEvent?) async throws -> RegisterRecord
    func registerRecord(id: Int64) async throws -> RegisterRecord?
    /// Records of one kind, oldest first; `organisationIds` nil means every organisation.
    func registerRecords(kind: String, organisationIds: [Int64]?) async throws -> [RegisterRecord]
}
