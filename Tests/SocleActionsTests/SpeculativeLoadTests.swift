import Foundation
import SocleActions
import SocleCore
import SocleIngest
import SocleStore
import SocleTestSupport
import Testing

/// Large files start loading with the typing of their first rows while the whole-file analysis runs;
/// the result must always be the whole-file typing.
@Suite("Speculative typing of large files")
struct SpeculativeLoadTests {
    /// ~9.5 MB: 90,000 rows; `late` replaces the value of column `n` on the last row.
    static func bigFile(late: String? = nil, raggedAtEnd: Bool = false) throws -> URL {
        var text = "n;libelle;montant\n"
        text.reserveCapacity(10_000_000)
        let pad = String(repeating: "x", count: 80)
        for i in 0..<90_000 {
            let n = (i == 89_999 && late != nil) ? late! : String(i)
            text += "\(n);\(pad) \(i);\(i % 1000),5\n"
        }
        if raggedAtEnd { text += "1;2\n" }
        return try Paths.tempFile("gros.csv", Array(text.utf8))
    }

    @Test("typing agreed: the recorded evidence covers the whole file", arguments: Backend.all)
    func agreed(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = try Self.bigFile()
        let report = try await IngestAction(store: t.store).run(IngestRequest(file: file, datasetSlug: "gros",
                                                                              options: ReaderOptions(displayName: "gros.csv")))
        #expect(report.rows == 90_000)
        #expect(report.columns.map(\.type) == [.integer, .text, .number])
        #expect(report.columns[0].evidence.values == 90_000)
        let d = try #require(try await t.store.dataset(slug: "gros"))
        let rev = try #require(try await t.store.revision(datasetId: d.id, number: 1))
        #expect(rev.columns[0].evidence.values == 90_000, "the stored evidence is the whole file's, not the prefix's")
    }

    @Test("a late value changes a type: the speculative load is rolled back and redone", arguments: Backend.all)
    func lateValue(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = try Self.bigFile(late: "abc")
        let report = try await IngestAction(store: t.store).run(IngestRequest(file: file, datasetSlug: "gros",
                                                                              options: ReaderOptions(displayName: "gros.csv")))
        #expect(report.rows == 90_000)
        #expect(report.columns[0].type == .text)
        #expect(report.revision == 1)
        #expect(try await t.store.revisionTables().count == 1, "the rolled-back attempt left no table")
        let d = try #require(try await t.store.dataset(slug: "gros"))
        let rev = try #require(try await t.store.revision(datasetId: d.id, number: 1))
        #expect(rev.columns[0].type == .text)
        let last = try await t.store.readRows(rev, limit: 1, offset: 89_999)
        #expect(last.rows.first?.first == .text("abc"))
        // A late null token keeps the integer type (no rollback needed, nothing lost).
        let nullish = try Self.bigFile(late: "N/A")
        let r2 = try await IngestAction(store: t.store).run(IngestRequest(file: nullish, datasetSlug: "gros-2",
                                                                          options: ReaderOptions(displayName: "gros.csv")))
        #expect(r2.columns[0].type == .integer)
    }

    @Test("a late ragged row is refused with its line, and nothing is written", arguments: Backend.all)
    func lateRagged(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = try Self.bigFile(raggedAtEnd: true)
        do {
            _ = try await IngestAction(store: t.store).run(IngestRequest(file: file, datasetSlug: "gros",
                                                                         options: ReaderOptions(displayName: "gros.csv")))
            Issue.record("a ragged file was loaded")
        } catch let e as SocleError {
            #expect(e.code == "csv.ragged")
            #expect(e.location?.line == 90_002)
        }
        #expect(try await t.store.dataset(slug: "gros") == nil)
        #expect(try await t.store.revisionTables().isEmpty)
    }
}
