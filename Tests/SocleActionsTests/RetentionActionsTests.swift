import Foundation
import SocleActions
import SocleCore
import SocleIngest
import SocleStore
import SocleTestSupport
import Testing

/// Retention enforced (issue 12, item 5) through `platform.retention`, on both backends: rule validation, the
/// dry run that changes nothing, the run that removes expired rows from the current revision (as a new one) and
/// from older revisions in place with their row counts, the proof in the audit log, a second run that finds
/// nothing, undated rows kept, the anonymise, transfer and sort fates, permissions, caches — and on SQLite, the
/// destroyed value gone from the database and WAL files.
@Suite("Retention")
struct RetentionActionsTests {
    typealias World = RegisterActionsTests.World

    /// 2026-06-15 10:00 UTC: a one-year rule expires what is dated before 2025-06-15.
    static let now = Date(timeIntervalSince1970: 1_781_517_600)

    /// Revision 1: 8 rows; revision 2: the same plus 2 (one expired, one recent). Expired (before 2025-06-15):
    /// rows dated 2019, 2020, 2023 and 2025-06-14; undated: one empty date.
    static let rows1 = [
        "DURAND;06 11 22 33 44;2019-03-02;Vire",
        "ZEPHYRINE-QUOBRACK;06 99 88 77 66;2020-11-30;Caen",
        "MARTIN;06 12 12 12 12;2025-06-14;Vire",
        "PETIT;06 13 13 13 13;2025-06-15;Bayeux",
        "LEROY;06 14 14 14 14;;Lisieux",
        "MOREAU;06 15 15 15 15;2026-01-10;Vire",
        "SIMON;06 16 16 16 16;2023-08-01;Caen",
        "ROUX;06 17 17 17 17;2026-06-01;Vire",
    ]
    static let rows2 = rows1 + ["VINCENT;06 18 18 18 18;2018-05-05;Falaise", "MERCIER;06 19 19 19 19;2026-02-02;Vire"]
    static let header = "nom;telephone;dernier_contact;ville\n"

    /// A dataset with two revisions, linked (nom, telephone) to an activity whose one rule is `fate` after a year
    /// from `dernier_contact`.
    static func setUp(_ w: World, fate: RetentionFate = .destroy, slug: String = "contacts") async throws -> (Dataset, ActivityEntry) {
        try await w.load(slug, csv: header + rows1.joined(separator: "\n") + "\n", in: w.ville)
        let file = try Paths.tempFile("\(slug).csv", Array((header + rows2.joined(separator: "\n") + "\n").utf8))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        _ = try await IngestAction(store: w.t.store).run(IngestRequest(file: file, datasetSlug: slug,
                                                                       options: ReaderOptions(displayName: "\(slug).csv")))
        let d = try #require(try await w.t.store.dataset(slug: slug))
        #expect(d.currentRevision == 2)
        var activity = RegisterActionsTests.complete("Relation usagers")
        activity.retention = [RetentionRule(category: nil, duration: "P1Y", startEvent: "Dernier contact", fate: fate,
                                            dateColumns: [RetentionDateColumn(dataset: slug, column: "dernier_contact")])]
        var a = try await w.register.createActivity(activity, organisation: "ville", by: w.dpo)
        a = try await w.register.setLinks(a.id, add: [(slug, "nom"), (slug, "telephone")], by: w.dpo)
        return (d, a)
    }

    /// The `nom` of every row of a revision, in order.
    static func names(_ w: World, _ d: Dataset, _ n: Int) async throws -> [String?] {
        let rev = try #require(try await w.t.store.revision(datasetId: d.id, number: n))
        let page = try await w.t.store.readRows(rev, limit: 100, offset: 0)
        let i = try #require(rev.columns.firstIndex { $0.name == "nom" })
        return page.rows.map { if case .text(let s) = $0[i] { return s } else { return nil } }
    }

    @Test("rule validation: bad durations, unknown dataset or column, a non-date column, a dataset given twice; labels accepted; old bodies decode",
          arguments: Backend.all)
    func validation(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        try await w.load("contacts", csv: Self.header + Self.rows1.joined(separator: "\n") + "\n", in: w.ville)
        try await w.load("ailleurs", csv: Self.header + Self.rows1.joined(separator: "\n") + "\n", in: w.bourg)
        func attempt(_ rule: RetentionRule) async -> SocleError? {
            var a = RegisterActionsTests.complete("Essai")
            a.retention = [rule]
            return await RegisterActionsTests.refusal { _ = try await w.register.createActivity(a, organisation: "ville", by: w.dpo) }
        }
        func rule(_ dates: [(String, String)], duration: String = "P1Y") -> RetentionRule {
            RetentionRule(category: nil, duration: duration, startEvent: "Dernier contact",
                          dateColumns: dates.map { RetentionDateColumn(dataset: $0.0, column: $0.1) })
        }
        for bad in ["5 ans", "P", "P1Y2", "1Y", "PT5H", "P5D1Y"] {
            #expect(await attempt(rule([], duration: bad))?.code == "register.bad_duration", "\(bad)")
        }
        #expect(await attempt(rule([("inconnu", "date")]))?.code == "register.unknown_dataset")
        #expect(await attempt(rule([("ailleurs", "dernier_contact")]))?.code == "register.unknown_dataset", "another organisation's dataset")
        let missing = await attempt(rule([("contacts", "date_fin")]))
        #expect(missing?.code == "register.unknown_column")
        #expect(missing?.message(.french).contains("dernier_contact") == true, "the known columns are listed")
        let notDate = await attempt(rule([("contacts", "ville")]))
        #expect(notDate?.code == "retention.not_a_date")
        #expect(notDate?.message(.french).contains("dernier_contact") == true, "the date columns are suggested: \(notDate?.message(.french) ?? "")")
        #expect(await attempt(rule([("contacts", "dernier_contact"), ("contacts", "dernier_contact")]))?.code == "retention.duplicate_dataset")
        // Nothing was stored by the refusals.
        #expect(try await w.register.activities(w.dpo).isEmpty)

        var ok = RegisterActionsTests.complete("Valide")
        ok.retention = [rule([("contacts", " dernier_contact ")])]
        let saved = try await w.register.createActivity(ok, organisation: "ville", by: w.dpo)
        #expect(saved.body.retention[0].dateColumns == [RetentionDateColumn(dataset: "contacts", column: "dernier_contact")])

        // A body written before date columns existed still decodes (no date column: the rule is reported, not enforced),
        // and a rule without them is written as before.
        let old = try JSONInput.decode(RetentionRule.self, from: Data(#"{"duration": "P1Y", "start_event": "collecte"}"#.utf8), source: "old")
        #expect(old.dateColumns.isEmpty && old.fate == .destroy)
        let written = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
        #expect(!written.contains("dateColumns"), "\(written)")
        // The public register never shows them (they name datasets and columns).
        var shown = saved
        shown.body.isPublic = true
        #expect(PublicActivity(shown).retention.allSatisfy { $0.dateColumns.isEmpty })
    }

    @Test("a dry run lists the expired rows and changes nothing; a run removes them from the current revision (as a new one) and from older ones, with counts, proof and record; a second run finds nothing",
          arguments: Backend.all)
    func dryRunThenRun(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let (d, a) = try await Self.setUp(w)
        let auditBefore = try await w.t.store.auditEntries(afterSeq: 0, limit: 10_000, actor: nil, action: nil, objectType: nil).count

        let scopes = try await w.platform.retention.scopes(w.dpo)
        #expect(scopes.count == 1)
        #expect(scopes.first?.targets.map(\.dataset) == ["contacts"])
        #expect(scopes.first?.targets.first?.problem == nil)

        let dry = try await w.platform.retention.run(w.dpo, dryRun: true, now: Self.now)
        let o = try #require(dry.outcomes.first)
        #expect(dry.outcomes.count == 1)
        #expect(o.activityId == a.id && o.rule == 1 && o.dataset == "contacts" && o.cutoff == "2025-06-15")
        #expect(o.tables.map(\.revision) == [1, 2])
        #expect(o.tables.map(\.matched) == [4, 5], "2019, 2020, 2023, 2025-06-14 (+ 2018 in revision 2)")
        #expect(o.tables.first?.sample == [1, 2, 3, 7])
        #expect(o.rows == 9 && o.currentRows == 5)
        #expect(o.undated == 1, "the empty date is kept and reported")
        #expect(o.done == "retention.done.dry_run")
        #expect(o.sha256.count == 64)
        // Nothing changed: revisions, counts, rows, audit, runs.
        let d1 = try #require(try await w.t.store.dataset(slug: "contacts"))
        #expect(d1.currentRevision == 2)
        #expect(try await w.t.store.revisions(datasetId: d.id).map(\.rowCount) == [8, 10])
        #expect(try await Self.names(w, d, 1).contains("ZEPHYRINE-QUOBRACK"))
        #expect(try await w.t.store.auditEntries(afterSeq: 0, limit: 10_000, actor: nil, action: nil, objectType: nil).count == auditBefore)
        #expect(try await w.platform.retention.runs(w.dpo).isEmpty)

        let before1 = try #require(try await w.t.store.revision(datasetId: d.id, number: 1))
        let run = try await w.platform.retention.run(w.dpo, dryRun: false, now: Self.now)
        let r = try #require(run.outcomes.first)
        #expect(r.rows == 9 && r.done == "retention.done.destroy")
        #expect(r.sha256 == o.sha256, "the proof hashes the same rows the dry run listed")
        #expect(r.newRevision == 3)
        let revisions = try await w.t.store.revisions(datasetId: d.id)
        #expect(revisions.map(\.number) == [1, 2, 3])
        #expect(revisions.map(\.rowCount) == [4, 5, 5], "stored counts follow the rows")
        #expect(try await w.t.store.dataset(slug: "contacts")?.currentRevision == 3)
        for n in 1...3 {
            let names = try await Self.names(w, d, n)
            #expect(names.count == Int(revisions[n - 1].rowCount), "revision \(n)")
            for gone in ["DURAND", "ZEPHYRINE-QUOBRACK", "MARTIN", "SIMON", "VINCENT"] { #expect(!names.contains(gone), "\(gone) in revision \(n)") }
            for kept in ["PETIT", "LEROY", "MOREAU", "ROUX"] { #expect(names.contains(kept), "\(kept) in revision \(n)") }
        }
        // Readers' caches see the rewritten revision: its content version changed although its table did not.
        let after1 = try #require(try await w.t.store.revision(datasetId: d.id, number: 1))
        #expect(after1.tableName == before1.tableName && after1.contentVersion != before1.contentVersion)
        #expect(after1.warnings.contains { $0.code == "retention.revision_purged" })
        // The new revision keeps the privacy scan its rows were classified by.
        let current = try #require(try await w.t.store.dataset(slug: "contacts"))
        let statuses = try #require(try await w.platform.privacy.statuses(current))
        #expect(statuses.revision.number == 3)
        #expect(statuses.columns.allSatisfy { $0.suggestion != nil })

        // The proof in the audit log, in the same transaction as the removal.
        let entries = try await w.t.store.auditEntries(afterSeq: 0, limit: 10_000, actor: nil, action: "retention.destroy", objectType: nil)
        let proof = try #require(entries.last)
        #expect(entries.count == 1)
        #expect(proof.objectId == "contacts")
        let details = try JSONDecoder().decode([String: String].self, from: Data(proof.details.utf8))
        #expect(details["rows"] == "9" && details["revisions"] == "1,2" && details["new_revision"] == "3")
        #expect(details["sha256"] == r.sha256 && details["activity"] == String(a.id) && details["rule"] == "1")
        #expect(details["cutoff"] == "2025-06-15" && details["date_column"] == "dernier_contact" && details["duration"] == "P1Y")
        #expect(try await w.platform.audit.verify().broken == nil)
        // The run is recorded for the organisation's DPO.
        let runs = try await w.platform.retention.runs(w.dpo)
        #expect(runs.count == 1)
        #expect(runs.first?.organisation.slug == "ville" && runs.first?.run.rows == 9)
        #expect(try await w.platform.retention.lastRun() != nil)

        // A second run finds nothing, and makes no revision.
        let again = try await w.platform.retention.run(w.dpo, dryRun: false, now: Self.now)
        #expect(again.outcomes.first?.rows == 0 && again.outcomes.first?.done == "retention.done.nothing")
        #expect(again.outcomes.first?.undated == 1)
        #expect(try await w.t.store.dataset(slug: "contacts")?.currentRevision == 3)
        #expect(try await w.t.store.auditEntries(afterSeq: 0, limit: 10_000, actor: nil, action: "retention.destroy", objectType: nil).count == 1)
    }

    @Test("counts of a rewritten older revision are not served from the cache", arguments: Backend.all)
    func countCache(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        _ = try await Self.setUp(w)
        let request = RecordsRequest(filter: "ville = 'Vire'", limit: 1)
        let before = try await w.platform.reads.records(try await w.platform.policy.grant("contacts", revision: 1, for: w.dpo), request)
        #expect(before.totalCount == 4)
        _ = try await w.platform.retention.run(w.dpo, dryRun: false, now: Self.now)
        let after = try await w.platform.reads.records(try await w.platform.policy.grant("contacts", revision: 1, for: w.dpo), request)
        #expect(after.totalCount == 2, "DURAND and MARTIN (Vire) are gone from revision 1")
    }

    @Test("the anonymise fate blanks the linked personal columns of expired rows in every revision and keeps the rows; a second run finds nothing",
          arguments: Backend.all)
    func anonymise(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let (d, _) = try await Self.setUp(w, fate: .anonymise)
        let run = try await w.platform.retention.run(w.dpo, dryRun: false, now: Self.now)
        let o = try #require(run.outcomes.first)
        #expect(o.rows == 9 && o.done == "retention.done.anonymise" && o.newRevision == 3)
        let revisions = try await w.t.store.revisions(datasetId: d.id)
        #expect(revisions.map(\.rowCount) == [8, 10, 10], "anonymised rows stay")
        for n in 1...3 {
            let names = try await Self.names(w, d, n)
            #expect(names.filter { $0 == nil }.count == (n == 1 ? 4 : 5), "revision \(n): \(names)")
            #expect(!names.contains("ZEPHYRINE-QUOBRACK") && names.contains("PETIT"))
        }
        let rev3 = try #require(revisions.last)
        let page = try await w.t.store.readRows(rev3, limit: 100, offset: 0)
        let phone = try #require(rev3.columns.firstIndex { $0.name == "telephone" })
        let date = try #require(rev3.columns.firstIndex { $0.name == "dernier_contact" })
        let city = try #require(rev3.columns.firstIndex { $0.name == "ville" })
        #expect(page.rows[1][phone] == .null && page.rows[1][date] == .text("2020-11-30") && page.rows[1][city] == .text("Caen"),
                "the personal columns are blanked, the date and the rest kept")
        #expect(try await w.t.store.auditEntries(afterSeq: 0, limit: 100, actor: nil, action: "retention.anonymise", objectType: nil).count == 1)
        let again = try await w.platform.retention.run(w.dpo, dryRun: false, now: Self.now)
        #expect(again.outcomes.first?.rows == 0)
        #expect(try await w.t.store.dataset(slug: "contacts")?.currentRevision == 3)
    }

    @Test("transfer to archives writes the expired rows to a file before removing them; sorting lists them and keeps them",
          arguments: Backend.all)
    func transferAndSort(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let archives = w.platform.retention.archiveDirectory
        defer { try? FileManager.default.removeItem(at: archives) }
        let (d, _) = try await Self.setUp(w, fate: .transfer)
        let (s, _) = try await Self.setUp(w, fate: .sort, slug: "dossiers")
        let run = try await w.platform.retention.run(w.dpo, dryRun: false, now: Self.now)
        let transfer = try #require(run.outcomes.first { $0.dataset == "contacts" })
        let file = try #require(transfer.file)
        let text = try String(contentsOf: archives.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\r\n")
        #expect(lines.first == "revision,_row,nom,telephone,dernier_contact,ville")
        #expect(lines.count == 10, "a header and the 9 expired rows of both revisions")
        #expect(text.contains("2,2,ZEPHYRINE-QUOBRACK,06 99 88 77 66,2020-11-30,Caen"))
        #expect(try await w.t.store.revisions(datasetId: d.id).map(\.rowCount) == [4, 5, 5])

        let sort = try #require(run.outcomes.first { $0.dataset == "dossiers" })
        #expect(sort.rows == 9 && sort.done == "retention.done.sort" && sort.newRevision == nil)
        let listed = try String(contentsOf: archives.appendingPathComponent(try #require(sort.file)), encoding: .utf8)
        #expect(listed.contains("ZEPHYRINE-QUOBRACK"))
        #expect(try await w.t.store.revisions(datasetId: s.id).map(\.rowCount) == [8, 10], "rows to sort are kept")
        #expect(try await w.t.store.auditEntries(afterSeq: 0, limit: 100, actor: nil, action: "retention.sort", objectType: nil).count == 1)
        // The next (daily) run does not list the same rows again.
        let again = try await w.platform.retention.run(w.dpo, dryRun: false, now: Self.now)
        let waiting = try #require(again.outcomes.first { $0.dataset == "dossiers" })
        #expect(waiting.rows == 9 && waiting.done == "retention.done.sort_already" && waiting.file == nil)
        #expect(try await w.t.store.auditEntries(afterSeq: 0, limit: 100, actor: nil, action: "retention.sort", objectType: nil).count == 1)
    }

    @Test("only a DPO or an administrator runs retention; a rule without a date column is reported, not enforced", arguments: Backend.all)
    func permissionsAndProblems(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let (_, a) = try await Self.setUp(w)
        let e = await RegisterActionsTests.refusal { _ = try await w.platform.retention.run(w.agent, dryRun: false, now: Self.now) }
        #expect(e?.code == "auth.forbidden")
        let e2 = await RegisterActionsTests.refusal { _ = try await w.platform.retention.run(w.outsider, dryRun: true, organisation: "ville", now: Self.now) }
        #expect(e2 != nil)
        // The agent reads the rules (the register is readable by members), not more.
        #expect(try await w.platform.retention.scopes(w.agent).count == 1)

        var body = a.body
        body.retention[0].dateColumns = []
        _ = try await w.register.updateActivity(a.id, body, by: w.dpo)
        let run = try await w.platform.retention.run(w.dpo, dryRun: false, now: Self.now)
        #expect(run.outcomes.first?.problem == "retention.problem.no_date_column")
        #expect(run.outcomes.first?.rows == 0)
        #expect(try await w.t.store.dataset(slug: "contacts")?.currentRevision == 2)
    }

    @Test("SQLite: a destroyed value is in neither the database file nor the WAL after the run")
    func sqliteFiles() async throws {
        let w = try await World.make(.sqlite)
        defer { Task { await w.close() } }
        _ = try await Self.setUp(w)
        let dir = try #require(w.t.dataDirectory)
        let needle = Array("ZEPHYRINE-QUOBRACK".utf8)
        func found() throws -> [String] {
            try ["socle.sqlite", "socle.sqlite-wal"].filter { name in
                let url = dir.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: url.path) else { return false }
                let bytes = [UInt8](try Data(contentsOf: url))
                return bytes.count >= needle.count && (0...(bytes.count - needle.count)).contains { i in
                    bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle
                }
            }
        }
        #expect(!(try found()).isEmpty, "the value is in the files before the run (the check can fail)")
        _ = try await w.platform.retention.run(w.dpo, dryRun: false, now: Self.now)
        let left = try found()
        #expect(left.isEmpty, "found in \(left)")
    }
}
