import Foundation
import SocleCore
import SocleStore
import SocleTestSupport
import Testing

/// `socle retention …` as the operator runs it, on both backends: a dry run, a run killed with SIGKILL inside
/// its transaction (all or nothing), the real run, a second run that finds nothing.
@Suite("socle retention")
struct RetentionCLITests {
    static let csv1 = "nom;dernier_contact\nDURAND;2001-01-01\nPETIT;2099-01-01\nLEROY;\n"
    static let csv2 = "nom;dernier_contact\nDURAND;2001-01-01\nPETIT;2099-01-01\nLEROY;\nROUX;2002-02-02\n"
    static let activity = """
    {"name": "Relation usagers", "retention": [{"duration": "P1Y", "start_event": "Dernier contact", "fate": "destroy",
     "date_columns": [{"dataset": "contacts", "column": "dernier_contact"}]}], "links": [{"dataset": "contacts", "column": "nom"}]}
    """

    @Test("dry run, a run killed inside its transaction leaves everything, the run, a second run", arguments: Backend.all)
    func run(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let env = t.environment
        #expect(try CLI.run(["org", "create", "ville", "--name", "Ville", "--type", "commune"], environment: env).status == 0)
        for csv in [Self.csv1, Self.csv2] {
            let file = try Paths.tempFile("contacts.csv", Array(csv.utf8))
            let r = try CLI.run(["ingest", file.path, "--dataset", "contacts", "--org", "ville"], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let file = try Paths.tempFile("activite.json", Array(Self.activity.utf8))
        let created = try CLI.run(["register", "create", "--org", "ville", "--file", file.path], environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        let d = try #require(try await t.store.dataset(slug: "contacts"))
        func counts() async throws -> [Int64] { try await t.store.revisions(datasetId: d.id).map(\.rowCount) }

        let dry = try CLI.run(["retention", "run", "--dry-run", "--json"], environment: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        let outcome = try #require((dry.json?["outcomes"] as? [[String: Any]])?.first)
        #expect(outcome["rows"] as? Int == 3 && outcome["undated"] as? Int == 1 && dry.json?["dry_run"] as? Bool == true)
        let text = try CLI.run(["retention", "run", "--dry-run"], environment: env)
        #expect(text.stdout.contains("Simulation") && text.stdout.contains("révision 2 : 2 lignes"), "\(text.stdout)")

        // Killed inside the purge's transaction: nothing changed, no proof, no orphan table, the chain intact.
        var faulty = env
        faulty["SOCLE_FAULT"] = FaultPoint.inRowPurge
        let killed = try CLI.run(["retention", "run"], environment: faulty)
        #expect(killed.status != 0)
        #expect(killed.stderr.contains("fault point"), "\(killed.stderr)")
        #expect(try await counts() == [3, 4])
        #expect(try await t.store.dataset(slug: "contacts")?.currentRevision == 2)
        #expect(try await t.store.revisionTables().count == 2)
        #expect(try await t.store.auditEntries(afterSeq: 0, limit: 1_000, actor: nil, action: "retention.destroy", objectType: nil).isEmpty)
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)

        let run = try CLI.run(["retention", "run", "--json"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.json?["rows"] as? Int == 3)
        #expect(try await counts() == [2, 2, 2])
        #expect(try await t.store.dataset(slug: "contacts")?.currentRevision == 3)
        #expect(try await t.store.auditEntries(afterSeq: 0, limit: 1_000, actor: nil, action: "retention.destroy", objectType: nil).count == 1)
        let again = try CLI.run(["retention", "run", "--json"], environment: env)
        #expect(again.json?["rows"] as? Int == 0)
        let runs = try CLI.run(["retention", "runs", "--json"], environment: env)
        #expect(runs.jsonArray?.count == 2, "\(runs.stdout)")
    }
}
