import Foundation
import SocleCore
import SocleStore
import SocleStorePostgres
import SocleStoreSQLite

/// A storage backend under test. Every storage test runs against all of `Backend.all`.
public enum Backend: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// The backends to test: SQLite always; PostgreSQL when `SOCLE_TEST_DATABASE_URL` is set
    /// (scripts/test starts a throwaway cluster and sets it). Under CI it is required.
    public static var all: [Backend] {
        if postgresURL != nil { return [.sqlite, .postgres] }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            fatalError("CI=true but SOCLE_TEST_DATABASE_URL is not set: the PostgreSQL backend must be tested")
        }
        return [.sqlite]
    }

    public static var postgresURL: String? {
        let v = ProcessInfo.processInfo.environment["SOCLE_TEST_DATABASE_URL"]
        return (v?.isEmpty ?? true) ? nil : v
    }

    public var testDescription: String { rawValue }
}


/// A fresh, isolated store for one test: a temporary SQLite directory, or a new PostgreSQL schema.
public struct TestStore: Sendable {
    public let store: any SocleStore
    public let backend: Backend
    /// For SQLite: the data directory. For PostgreSQL: nil.
    public let dataDirectory: URL?
    /// Environment to hand to a `socle` subprocess so that it uses this same store.
    public let environment: [String: String]

    /// `postgresURL` points a PostgreSQL store at another cluster than the shared one (a test that restarts
    /// its cluster must not disturb the others).
    public static func make(_ backend: Backend, postgresURL: String? = nil) async throws -> TestStore {
        switch backend {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("socle-test-\(UUID().uuidString)")
            let store = try SQLiteStore(dataDirectory: dir)
            return TestStore(store: store, backend: backend, dataDirectory: dir,
                             environment: ["SOCLE_DATA_DIR": dir.path, "SOCLE_DATABASE_URL": "", "SOCLE_SECRETS_DIR": ""])
        case .postgres:
            guard let base = postgresURL ?? Backend.postgresURL else { fatalError("SOCLE_TEST_DATABASE_URL not set") }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            let sep = base.contains("?") ? "&" : "?"
            let url = base + sep + "search_path=" + schema
            // The audit key and checkpoints of this store, where a `socle` subprocess finds them too.
            let secrets = FileManager.default.temporaryDirectory.appendingPathComponent("socle-secrets-\(UUID().uuidString)")
            let store = try await PostgresStore(url: url, auditSeal: try AuditSeal.open(directory: secrets, scope: AuditSeal.scope(postgresURL: url)))
            return TestStore(store: store, backend: backend, dataDirectory: nil,
                             environment: ["SOCLE_DATABASE_URL": url, "SOCLE_SECRETS_DIR": secrets.path])
        }
    }

    /// Raw SQL on the store's own database (tampering tests), through the stores' test-only hook.
    public func rawExecute(_ sql: String) async throws {
        switch store {
        case let s as SQLiteStore: try await s._rawExecute(sql)
        case let p as PostgresStore: try await p._rawExecute(sql)
        default: fatalError("unknown store type \(type(of: store))")
        }
    }

    public func close() async {
        try? await store.close()
        if let d = dataDirectory { try? FileManager.default.removeItem(at: d) }
    }
}

/// A batch source built from literal rows, for storage tests that must not depend on the readers.
public struct LiteralSource: BatchSource {
    public var batches: [ColumnBatch]
    /// When set, throws this error instead of returning the batch at that index.
    public var failAt: Int?
    private var index = 0

    public init(batches: [ColumnBatch], failAt: Int? = nil) {
        self.batches = batches
        self.failAt = failAt
    }

    public mutating func next() throws -> ColumnBatch? {
        defer { index += 1 }
        if let f = failAt, f == index { throw SocleError(.invalidInput, code: "test.injected_failure") }
        return index < batches.count ? batches[index] : nil
    }
}
