import Foundation
import SocleActions
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// Rectification (GDPR art. 16, issue 12 item 3) through `platform.subjects`, on both backends: the person's rows
/// corrected in a new current revision and in every older one, typed like a load, audited, with the old values
/// gone from the database files; bad input refused whole.
@Suite("Subject rectification")
struct SubjectRectificationTests {
    typealias World = SubjectActionsTests.World

    @Test("the person's rows are corrected in every revision, typed like a load, audited; the old value is nowhere left",
          arguments: Backend.all)
    func rectify(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let aides = try await w.load("aides", SubjectActionsTests.people, in: w.ccas)
        try await w.load("aides", SubjectActionsTests.people, in: w.ccas)
        try await w.load("cantine", "eleve;courriel_parent\nLéo;jeanne.martin@exemple.fr\n", in: w.ville)
        let query = SubjectQuery(email: "jeanne.martin@exemple.fr")
        let request = try await w.request(in: w.ccas)

        // Refusals, each located and changing nothing.
        func refused(_ dataset: String, _ changes: [String: String], by who: Principal? = nil) async -> SocleError? {
            await SubjectActionsTests.refusal {
                _ = try await w.subjects.rectify(query, request: request, dataset: dataset, changes: changes, by: who ?? w.dpo)
            }
        }
        #expect(await refused("aides", [:])?.code == "subject.rectify.no_change")
        let unknown = await refused("aides", ["adresse": "1 rue de la Paix"])
        #expect(unknown?.code == "subject.rectify.unknown_column")
        #expect(unknown?.message(.french).contains("courriel") == true, "the message lists the columns")
        let badDate = await refused("aides", ["date_de_naissance": "31/02/1984"])
        #expect(badDate?.code == "subject.rectify.invalid_value")
        #expect(badDate?.location?.column == "date_de_naissance")
        #expect(await refused("aides", ["montant": "beaucoup"])?.code == "subject.rectify.invalid_value")
        #expect(await refused("inconnu", ["courriel": "x@exemple.fr"])?.code == "subject.rectify.not_found")
        #expect(await refused("aides", ["courriel": "x@exemple.fr"], by: w.agent)?.code == "subject.unknown_request")
        #expect(try await w.t.store.revisions(datasetId: aides.id).count == 2, "nothing changed by the refusals")

        let report = try await w.subjects.rectify(query, request: request, dataset: "aides",
                                                  changes: ["courriel": "jeanne.dupont@exemple.fr", "date_de_naissance": "13/03/1984",
                                                            "montant": "130,75"], by: w.dpo)
        #expect(report.rowsCorrected == 1)
        #expect(report.revisionsTouched == [1, 2])
        #expect(report.newRevision == 3)
        #expect(report.columns == ["courriel", "date_de_naissance", "montant"])
        #expect(report.compacted)

        let revisions = try await w.t.store.revisions(datasetId: aides.id)
        #expect(revisions.map(\.rowCount) == [3, 3, 3], "rectification keeps every row")
        #expect(try await w.t.store.dataset(slug: "aides")?.currentRevision == 3)
        for r in revisions {
            let rows = try await w.t.store.storedRows(of: r, ids: [1, 2])
            let names = r.columns.map(\.name)
            func cell(_ row: Int, _ column: String) -> CellValue? { names.firstIndex(of: column).map { rows[row].cells[$0] } }
            #expect(cell(0, "courriel") == .text("jeanne.dupont@exemple.fr"), "revision \(r.number)")
            #expect(cell(0, "date_de_naissance") == .text("1984-03-13"), "revision \(r.number): typed as a load types it")
            #expect(cell(0, "montant") == .number(130.75), "revision \(r.number)")
            #expect(cell(1, "courriel") == .text("paul.durand@exemple.fr"), "the others are untouched")
        }
        // Found under the new address in every revision; the old one only where it was not corrected (cantine).
        let now = try await w.subjects.search(SubjectQuery(email: "jeanne.dupont@exemple.fr"), by: w.dpo).matches
        #expect(Set(now.map { "\($0.dataset)/\($0.revision)" }) == ["aides/1", "aides/2", "aides/3"], "\(now)")
        let old = try await w.subjects.search(query, by: w.dpo).matches
        #expect(Set(old.map(\.dataset)) == ["cantine"], "\(old)")

        let history = try await w.platform.requests.get(request, w.dpo).body.events
        #expect(history.contains { $0.kind == "subject.rectify" && $0.summary.contains("courriel") }, "\(history)")
        let audit = try await w.t.store.auditEntries(afterSeq: 0, limit: 1_000, actor: nil, action: "subject.rectify", objectType: nil)
        let entry = try #require(audit.last)
        let details = try JSONDecoder().decode([String: String].self, from: Data(entry.details.utf8))
        #expect(details["sha256"] == report.sha256 && details["rows"] == "1" && details["dataset"] == "aides")
        #expect(!entry.details.contains("jeanne.dupont") && !entry.details.contains("Jeanne.Martin"))

        // SQLite: the replaced value (as the file spelled it) is in no database file.
        if let dir = w.t.dataDirectory {
            for suffix in ["", "-wal"] {
                guard let bytes = FileManager.default.contents(atPath: dir.appendingPathComponent("socle.sqlite" + suffix).path) else { continue }
                #expect(bytes.range(of: Data("Jeanne.Martin@exemple.fr".utf8)) == nil, "old value still in socle.sqlite\(suffix)")
                #expect(bytes.range(of: Data("jeanne.dupont@exemple.fr".utf8)) != nil || suffix == "-wal", "the probe can fail")
            }
        }
    }
}
