import Foundation
import SocleCore
import SocleStore
import SocleTestSupport
import Testing
import SocleQuery

/// The store conformance suite: every test runs against SQLite and PostgreSQL.
@Suite("Store conformance")
struct StoreConformanceTests {
    static let columns: [ColumnSchema] = [
        ColumnSchema(name: "code_insee", label: "Code INSEE", type: .code),
        ColumnSchema(name: "nom", label: "Nom", type: .text),
        ColumnSchema(name: "population", label: "Population", type: .integer),
        ColumnSchema(name: "part", label: "Part (%)", type: .number),
        ColumnSchema(name: "active", label: "Active", type: .boolean),
        ColumnSchema(name: "position", label: "Position", type: .geopoint),
    ]

    static func batch(_ rows: [(String?, String?, Int64?, Double?, Bool?, (Double, Double)?)]) -> ColumnBatch {
        var code = TextVector(), nom = TextVector(), pos = TextVector()
        var pop: [Int64] = [], popV: [Bool] = [], part: [Double] = [], partV: [Bool] = []
        var act: [Int64] = [], actV: [Bool] = []
        var lon: [Double] = [], lat: [Double] = [], geoV: [Bool] = []
        for r in rows {
            if let c = r.0 { code.append(c) } else { code.appendNull() }
            if let n = r.1 { nom.append(n) } else { nom.appendNull() }
            pop.append(r.2 ?? 0); popV.append(r.2 != nil)
            part.append(r.3 ?? 0); partV.append(r.3 != nil)
            act.append(r.4 == true ? 1 : 0); actV.append(r.4 != nil)
            if let p = r.5 {
                pos.append("\(p.0),\(p.1)"); lat.append(p.0); lon.append(p.1); geoV.append(true)
            } else {
                pos.appendNull(); lat.append(0); lon.append(0); geoV.append(false)
            }
        }
        return ColumnBatch(rowCount: rows.count, columns: [
            .texts(code), .texts(nom), .integers(pop, valid: popV), .reals(part, valid: partV),
            .integers(act, valid: actV), .texts(pos),
            .reals(lon, valid: geoV), .reals(lat, valid: geoV),
        ])
    }

    /// A draft that may create its dataset and organisation (the action layer decides that; see
    /// `catalogRulesAreTheCallers`).
    static func draft(_ slug: String = "communes", org: String = "vire") -> RevisionDraft {
        var d = RevisionDraft(datasetSlug: slug, datasetTitle: "Communes", organisationSlug: org, organisationName: "Vire",
                              source: SourceFileInfo(fileName: "communes.csv", size: 123, sha256: String(repeating: "a", count: 64),
                                                     format: "csv", encoding: "utf-8", delimiter: ";"),
                              columns: columns, warnings: [Notice("csv.warning.padded", ["count": "2"])])
        d.mayCreateDataset = true
        d.mayCreateOrganisation = true
        return d
    }

    /// Issue 11: "create if missing" is decided by the caller (IngestAction), not by the drivers: a draft
    /// that is not allowed to create refuses a missing organisation or dataset and leaves nothing behind.
    @Test("a load creates a missing dataset or organisation only when its draft allows it", arguments: Backend.all)
    func catalogRulesAreTheCallers(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        var d = Self.draft("inconnu", org: "nulle-part")
        d.mayCreateOrganisation = false
        await #expect(throws: SocleError.self) { _ = try await t.store.loadRevision(d, source: LiteralSource(batches: [Self.sample])) }
        #expect(try await t.store.organisation(slug: "nulle-part") == nil)
        d.mayCreateOrganisation = true
        d.mayCreateDataset = false
        await #expect(throws: SocleError.self) { _ = try await t.store.loadRevision(d, source: LiteralSource(batches: [Self.sample])) }
        #expect(try await t.store.dataset(slug: "inconnu") == nil)
        #expect(try await t.store.organisation(slug: "nulle-part") == nil, "the refused load's organisation rolled back")
        #expect(try await t.store.revisionTables().isEmpty)
        d.mayCreateDataset = true
        _ = try await t.store.loadRevision(d, source: LiteralSource(batches: [Self.sample]))
        #expect(try await t.store.dataset(slug: "inconnu") != nil)
    }

    static let sample = batch([
        ("01001", "L'Abergement-Clémenciat", 832, 12.5, true, (46.15, 4.92)),
        ("2A004", "Ajaccio\ttab\nnewline \\ backslash", 71_361, -0.25, false, (41.92, 8.74)),
        (nil, nil, nil, nil, nil, nil),
        ("97101", "Les Abymes « guillemets » \"quoted\"", 9_007_199_254_740_993, 1e-7, true, (16.27, -61.5)),
    ])

    @Test("a load creates a revision whose rows read back exactly", arguments: Backend.all)
    func loadAndRead(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let rev = try await t.store.loadRevision(Self.draft(), source: LiteralSource(batches: [Self.sample]))
        #expect(rev.number == 1)
        #expect(rev.rowCount == 4)
        let ds = try #require(try await t.store.dataset(slug: "communes"))
        #expect(ds.currentRevision == 1)
        #expect(ds.title == "Communes")
        let stored = try #require(try await t.store.revision(datasetId: ds.id, number: 1))
        #expect(stored.columns == Self.columns)
        #expect(stored.source.sha256 == String(repeating: "a", count: 64))
        #expect(stored.warnings == [Notice("csv.warning.padded", ["count": "2"])])
        let page = try await t.store.readRows(stored, limit: 10, offset: 0)
        #expect(page.total == 4)
        #expect(page.rows.count == 4)
        #expect(page.rows[0] == [.text("01001"), .text("L'Abergement-Clémenciat"), .integer(832), .number(12.5), .bool(true), .text("46.15,4.92")])
        #expect(page.rows[1][1] == .text("Ajaccio\ttab\nnewline \\ backslash"))
        #expect(page.rows[1][3] == .number(-0.25))
        #expect(page.rows[2] == Array(repeating: CellValue.null, count: 6))
        #expect(page.rows[3][2] == .integer(9_007_199_254_740_993))
        #expect(page.rows[3][1] == .text("Les Abymes « guillemets » \"quoted\""))
        let paged = try await t.store.readRows(stored, limit: 2, offset: 2)
        #expect(paged.rows.count == 2)
        #expect(paged.rows[1][0] == .text("97101"))
        #expect(try await t.store.revisionTables() == [stored.tableName])
    }

    @Test("a second load becomes current and the first stays readable", arguments: Backend.all)
    func revisionsAccumulate(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        _ = try await t.store.loadRevision(Self.draft(), source: LiteralSource(batches: [Self.sample]))
        let two = try await t.store.loadRevision(Self.draft(), source: LiteralSource(batches: [Self.sample, Self.sample]))
        #expect(two.number == 2)
        #expect(two.rowCount == 8)
        let ds = try #require(try await t.store.dataset(slug: "communes"))
        #expect(ds.currentRevision == 2)
        let revs = try await t.store.revisions(datasetId: ds.id)
        #expect(revs.map(\.number) == [1, 2])
        #expect(revs.map(\.status) == [.superseded, .ready])
        let first = try await t.store.readRows(revs[0], limit: 100, offset: 0)
        #expect(first.rows.count == 4)
        #expect(try await t.store.revisionTables().count == 2)
    }

    @Test("a load that fails midway leaves no table, no revision, and the previous one current", arguments: Backend.all)
    func failedLoadLeavesNothing(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        _ = try await t.store.loadRevision(Self.draft(), source: LiteralSource(batches: [Self.sample]))
        await #expect(throws: SocleError.self) {
            _ = try await t.store.loadRevision(Self.draft(), source: LiteralSource(batches: [Self.sample, Self.sample], failAt: 1))
        }
        let ds = try #require(try await t.store.dataset(slug: "communes"))
        #expect(ds.currentRevision == 1)
        #expect(try await t.store.revisions(datasetId: ds.id).count == 1)
        #expect(try await t.store.revisionTables().count == 1)
        // A failed first load of a new dataset leaves no dataset and no organisation either.
        await #expect(throws: SocleError.self) {
            _ = try await t.store.loadRevision(Self.draft("neuf", org: "ccas-vire"),
                                               source: LiteralSource(batches: [Self.sample], failAt: 0))
        }
        #expect(try await t.store.dataset(slug: "neuf") == nil)
        #expect(try await t.store.organisation(slug: "ccas-vire") == nil)
        // And the store still accepts the next load.
        let ok = try await t.store.loadRevision(Self.draft(), source: LiteralSource(batches: [Self.sample]))
        #expect(ok.number == 2)
    }

    @Test("a header-only source is a valid 0-row revision", arguments: Backend.all)
    func emptyLoad(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let rev = try await t.store.loadRevision(Self.draft(), source: LiteralSource(batches: []))
        #expect(rev.rowCount == 0)
        #expect(try await t.store.readRows(rev, limit: 10, offset: 0).rows.isEmpty)
    }

    @Test("organisations: create, list, conflict, invalid slug", arguments: Backend.all)
    func organisations(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let vire = try await t.store.createOrganisation(slug: "vire", name: "Vire Normandie")
        #expect(vire.slug == "vire")
        _ = try await t.store.createOrganisation(slug: "ccas-vire", name: "CCAS de Vire")
        #expect(try await t.store.organisations().map(\.slug) == ["ccas-vire", "vire"])
        await #expect(throws: SocleError.self) { _ = try await t.store.createOrganisation(slug: "vire", name: "Autre") }
        do {
            _ = try await t.store.createOrganisation(slug: "Vire Normandie!", name: "x")
            Issue.record("an invalid slug was accepted")
        } catch let e as SocleError {
            #expect(e.code == "slug.invalid")
        }
        #expect(try await t.store.organisation(slug: "vire")?.name == "Vire Normandie")
        #expect(try await t.store.organisation(slug: "absent") == nil)
    }

    @Test("a large load in several batches keeps every row in order", arguments: Backend.all)
    func manyRows(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let batches = (0..<5).map { b in
            Self.batch((0..<2_000).map { i in
                let n = Int64(b * 2_000 + i)
                return (String(format: "%05d", n), "nom \(n)", n, Double(n) / 4, n % 2 == 0, (45.0, 2.0))
            })
        }
        let rev = try await t.store.loadRevision(Self.draft(), source: LiteralSource(batches: batches))
        #expect(rev.rowCount == 10_000)
        let page = try await t.store.readRows(rev, limit: 3, offset: 9_997)
        #expect(page.rows.map { $0[2] } == [.integer(9_997), .integer(9_998), .integer(9_999)])
        #expect(page.rows[0][0] == .text("09997"))
    }
}
