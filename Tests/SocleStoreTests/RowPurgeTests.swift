import Foundation
import SocleCore
import SocleQuery
import SocleStore
import SocleTestSupport
import Testing

/// `purgeRows`, the primitive under retention and erasure, on both backends: per-revision matches, deletion and
/// blanking, dry runs, the new revision, row counts, documents and audit in the transaction, and the same proof
/// hash on both backends for the same rows.
@Suite("Row purge")
struct RowPurgeTests {
    typealias C = StoreConformanceTests

    /// Revision 1: three communes; revision 2: the same and a fourth.
    static func load(_ t: TestStore) async throws -> Dataset {
        let rows: [(String?, String?, Int64?, Double?, Bool?, (Double, Double)?)] = [
            ("14762", "Vire", 12_000, 1.5, true, (48.84, -0.89)),
            ("14118", "Caen", 105_000, nil, false, nil),
            ("14047", "Bayeux", 13_000, 0.25, nil, (49.27, -0.70)),
        ]
        _ = try await t.store.loadRevision(C.draft(), source: LiteralSource(batches: [C.batch(rows)]))
        _ = try await t.store.loadRevision(C.draft(), source: LiteralSource(batches: [C.batch(rows + [("14366", "Lisieux", 20_000, 2, true, nil)])]))
        return try #require(try await t.store.dataset(slug: "communes"))
    }

    @Test("rows by number or value leave every revision, the current one as a new revision; counts, documents, audit; same hash on both backends",
          arguments: Backend.all)
    func purge(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let d = try await Self.load(t)
        let caen = RowMatch.equals(column: "code_insee", value: .text("14118"))

        let dry = try await t.store.purgeRows(RowPurgeRequest(datasetId: d.id, dryRun: true) { _ in caen })
        #expect(dry.tables.map(\.revision) == [1, 2] && dry.tables.map(\.matched) == [1, 1] && dry.tables.map(\.sample) == [[2], [2]])
        #expect(dry.newRevision == nil)
        // The proof is the same text on both backends: typed values read back alike.
        var digest = RowPurgeDigest()
        for n in [1, 2] {
            digest.add(PurgedRow(revision: n, row: 2, columns: [], values: [.text("14118"), .text("Caen"), .integer(105_000), .null, .bool(false),
                                                                             .null, .null, .null]))
        }
        #expect(dry.sha256 == digest.finish())
        #expect(try await t.store.revisions(datasetId: d.id).map(\.rowCount) == [3, 4], "a dry run writes nothing")

        let seen = Recorder()
        var request = RowPurgeRequest(datasetId: d.id, notice: Notice("test.purged", [Revision.rewrittenArg: "2026-06-15T10:00:00Z"])) { _ in caen }
        request.visit = { row in seen.add(row.revision) }
        request.documents = { r in [DocumentDraft(kind: "test", key: "k", body: "{\"rows\":\(r.matched)}")] }
        request.audit = { r in [AuditEvent(actor: "system:test", action: "test.purge", objectType: "dataset", objectId: "communes",
                                           details: ["sha256": r.sha256])] }
        let done = try await t.store.purgeRows(request)
        #expect(done.matched == 2 && done.newRevision == 3 && done.sha256 == dry.sha256)
        #expect(seen.values == [1, 2])
        let revisions = try await t.store.revisions(datasetId: d.id)
        #expect(revisions.map(\.rowCount) == [2, 3, 3])
        #expect(revisions.map(\.status) == [.superseded, .superseded, .ready])
        #expect(revisions[0].rewrittenAt == "2026-06-15T10:00:00Z" && revisions[2].rewrittenAt == "2026-06-15T10:00:00Z")
        #expect(revisions[0].columns.allSatisfy { $0.evidence.samples.isEmpty })
        #expect(try await t.store.dataset(slug: "communes")?.currentRevision == 3)
        #expect(try await t.store.revisionTables().count == 3)
        for rev in revisions {
            let page = try await t.store.readRows(rev, limit: 10, offset: 0)
            #expect(!page.rows.contains { $0[1] == .text("Caen") }, "revision \(rev.number)")
            #expect(page.rows.count == Int(rev.rowCount))
        }
        #expect(try await t.store.document(datasetId: d.id, kind: "test", key: "k") == "{\"rows\":2}")
        #expect(try await t.store.document(datasetId: d.id, kind: RowPurgeResult.documentKind, key: "") != nil)
        #expect(try await t.store.auditEntries(afterSeq: 0, limit: 10, actor: nil, action: "test.purge", objectType: nil).first?.details
                    .contains(done.sha256) == true)

        // Blanking by row number, only in revision 1, without a new revision; a match on a missing column is skipped.
        var blank = RowPurgeRequest(datasetId: d.id, action: .blank(columns: ["nom", "absente"]), newRevision: false) { rev in
            rev.number == 1 ? .rows([1]) : .notNull(column: "absente")
        }
        blank.notice = Notice("test.blanked", [Revision.rewrittenArg: "2026-06-16T10:00:00Z"])
        let blanked = try await t.store.purgeRows(blank)
        #expect(blanked.tables.map(\.revision) == [1] && blanked.newRevision == nil)
        let rev1 = try #require(try await t.store.revision(datasetId: d.id, number: 1))
        #expect(rev1.rowCount == 2)
        let page = try await t.store.readRows(rev1, limit: 10, offset: 0)
        #expect(page.rows.first?[1] == .null && page.rows.first?[0] == .text("14762"))
        #expect(try await t.store.dataset(slug: "communes")?.currentRevision == 3)

        await #expect(throws: SocleError.self) { _ = try await t.store.purgeRows(RowPurgeRequest(datasetId: 999_999) { _ in caen }) }
    }
}

/// Collects what a purge's visitor saw (it runs inside the store's transaction).
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [Int] = []
    func add(_ v: Int) { lock.withLock { seen.append(v) } }
    var values: [Int] { lock.withLock { seen } }
}
