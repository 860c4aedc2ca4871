import Foundation
import SocleCore
import SocleStore
import SocleStorePostgres
import SocleStoreSQLite
import SocleTestSupport
import Testing

/// Helpers shared by the platform conformance suites.
enum PlatformTest {
    /// A fixed instant with whole seconds, which both backends store exactly.
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    /// Runs `body` and checks it throws a `SocleError` with this kind, code and (when given) arguments.
    static func expectError(_ kind: SocleError.Kind, _ code: String, args: [String: String]? = nil,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation,
                            _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code), nothing was thrown", sourceLocation: sourceLocation)
        } catch let e as SocleError {
            #expect(e.kind == kind, sourceLocation: sourceLocation)
            #expect(e.code == code, sourceLocation: sourceLocation)
            if let args { #expect(e.args == args, sourceLocation: sourceLocation) }
        } catch {
            Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Raw SQL on the store's own database, through the stores' test-only hook.
    static func rawExecute(_ t: TestStore, _ sql: String) async throws {
        switch t.store {
        case let s as SQLiteStore: try await s._rawExecute(sql)
        case let p as PostgresStore: try await p._rawExecute(sql)
        default: Issue.record("unknown store type \(type(of: t.store))")
        }
    }

    /// Times set by the store from the clock: equal to within the precision of either backend.
    static func close(_ a: Date?, _ b: Date?, within seconds: Double = 0.01) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a.timeIntervalSince(b)) <= seconds
    }

    /// A SHA-256-shaped hex string, distinct per seed.
    static func hash(_ seed: Int) -> String {
        let hex = String(seed, radix: 16)
        return String(repeating: "0", count: 64 - hex.count) + hex
    }

    /// A one-column load (creating the dataset and the organisation "vire" when missing).
    static func load(_ t: TestStore, slug: String, rows: [String] = ["a", "b"]) async throws -> Revision {
        var names = TextVector()
        for r in rows { names.append(r) }
        var draft = RevisionDraft(
            datasetSlug: slug, datasetTitle: "Titre", organisationSlug: "vire", organisationName: "Vire",
            source: SourceFileInfo(fileName: "x.csv", size: 10, sha256: String(repeating: "b", count: 64), format: "csv",
                                   encoding: "utf-8", delimiter: ";"),
            columns: [ColumnSchema(name: "nom", label: "Nom", type: .text)], warnings: [])
        // A store-level load: the test decides what it may create (the action layer does in the product).
        draft.mayCreateDataset = true
        draft.mayCreateOrganisation = true
        return try await t.store.loadRevision(draft, source: LiteralSource(batches: [
            ColumnBatch(rowCount: rows.count, columns: [.texts(names)]),
        ]))
    }
}
