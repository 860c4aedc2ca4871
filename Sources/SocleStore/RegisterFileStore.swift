import Foundation
import SocleCore

/// Files held by register records (proofs: a policy, a contract, a deliberation…): the record's body says what
/// the file is, the store keeps its bytes beside it, in the database on both backends.
public protocol RegisterFileStore: Sendable {
    /// Creates the record and its file in one transaction (with the audit entry); `notFound` when the
    /// organisation does not exist.
    func createRegisterRecord(organisationId: Int64, kind: String, body: String, file: [UInt8], sha256: String,
                              audit: AuditEvent?) async throws -> RegisterRecord
    /// The bytes of a record's file; nil when it has none.
    func registerFile(recordId: Int64) async throws -> [UInt8]?
    /// Deletes a record and its file for good (with the audit entry); `notFound` when the record does not exist.
    func deleteRegisterRecord(id: Int64, audit: AuditEvent?) async throws
}
