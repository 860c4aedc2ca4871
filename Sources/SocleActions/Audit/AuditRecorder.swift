import Foundation
import SocleCore
import SocleIngest
import SocleExport
import SoclePrivacy
import SocleStore
import SocleQuery

/// Appends to the hash-chained audit log; every mutating action calls it after its change.
public struct AuditRecorder: Sendable {
    let store: any SocleStore
    public init(store: any SocleStore) { self.store = store }

    @discardableResult
    public func record(_ principal: Principal, _ action: String, _ objectType: String, _ objectId: String,
                       _ details: [String: String] = [:]) async throws -> AuditEntry {
        try await store.appendAudit(AuditEvent(actor: principal.auditName, action: action, objectType: objectType,
                                               objectId: objectId, details: details))
    }

    /// Reads the whole log page by page and checks every link of the chain under the store's seal, then
    /// the signed checkpoints kept outside the database. Returns how many entries were checked and the
    /// first break, if any.
    public func verify() async throws -> (entries: Int64, broken: AuditChain.Break?) {
        var verifier = AuditChain.Verifier(seal: store.auditSeal)
        var after: Int64 = 0
        while true {
            let page = try await store.auditEntries(afterSeq: after, limit: 5_000, actor: nil, action: nil, objectType: nil)
            if page.isEmpty { break }
            for e in page {
                if let b = verifier.check(e) { return (verifier.count, b) }
                after = e.seq
            }
        }
        return (verifier.count, verifier.finish())
    }
}

/// Registers the actions' string catalog (auth, publication, inventory and job messages).
public enum ActionStrings {
    private static let done: Void = {
        Catalog.shared.register(bundle: Bundle.module)
        ColumnDetector.registerCatalog()
        QueryStrings.register()
        ExportStrings.register()
        IngestError.registerCatalog()
    }()
    public static func register() { _ = done }
}
