import Foundation
import SocleTestSupport
import Testing

/// `socle register …` as a DPO's operator runs it, on both backends.
@Suite("socle register")
struct RegisterCLITests {
    static let activity = """
    {"name": "Aide sociale facultative", "purpose": "Instruire et verser les aides", "status": "complete",
     "controller": {"name": "CCAS de Vire"}, "legal_bases": ["publicTask"], "collection": ["paperForm"],
     "people": ["residents", "vulnerable"], "categories": ["identity", "email"],
     "recipients": [{"kind": "internalService", "name": "Action sociale"}],
     "retention": [{"duration": "P5Y", "start_event": "Dernière aide", "fate": "destroy", "phase": "active", "binding": "recommended"}],
     "security": ["accessControl", "backup"], "is_public": true}
    """

    @Test("create from JSON, list, link a reviewed column, show, export, public register; bad files refused with their field",
          arguments: Backend.all)
    func register(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let env = t.environment
        #expect(try CLI.run(["org", "create", "ccas-vire", "--name", "CCAS de Vire", "--type", "ccas"], environment: env).status == 0)
        #expect(try CLI.run(["org", "create", "vire", "--name", "Vire", "--type", "commune"], environment: env).status == 0)
        let csv = try Paths.tempFile("aides.csv", Array("nom;courriel;montant\nMartin;jean.martin@example.org;120\nDurand;l.durand@example.org;80\n".utf8))
        let ingest = try CLI.run(["ingest", csv.path, "--dataset", "aides", "--org", "ccas-vire"], environment: env)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try CLI.run(["classify", "aides", "courriel", "--as", "personal", "--category", "email"], environment: env).status == 0)

        // A draft needs only a name; a complete record needs every required field.
        let file = try Paths.tempFile("activite.json", Array(Self.activity.utf8))
        let created = try CLI.run(["register", "create", "--org", "ccas-vire", "--file", file.path, "--json"], environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(created.json?["id"] as? Int)
        #expect(created.json?["completeness"] as? Int == 100)
        let incomplete = try Paths.tempFile("incomplete.json", Array(#"{"name": "Cantine", "status": "complete"}"#.utf8))
        let refused = try CLI.run(["register", "create", "--org", "vire", "--file", incomplete.path], environment: env)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Finalité") && refused.stderr.contains("Base légale"), "\(refused.stderr)")
        let draft = try Paths.tempFile("draft.json", Array(#"{"name": "Cantine"}"#.utf8))
        #expect(try CLI.run(["register", "create", "--org", "vire", "--file", draft.path], environment: env).status == 0)

        // Bad input: an unknown value names the field and the allowed ones; broken JSON names the file.
        let badValue = try Paths.tempFile("bad.json", Array(#"{"name": "X", "legal_bases": ["whatever"]}"#.utf8))
        let bad = try CLI.run(["register", "create", "--org", "vire", "--file", badValue.path], environment: env)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("legalBases") && bad.stderr.contains("publicTask"), "\(bad.stderr)")
        let broken = try Paths.tempFile("broken.json", Array(#"{"name": "X", "#.utf8))
        let brokenRun = try CLI.run(["register", "create", "--org", "vire", "--file", broken.path], environment: env)
        #expect(brokenRun.status != 0)
        #expect(brokenRun.stderr.contains("broken.json"), "\(brokenRun.stderr)")
        let badDuration = try Paths.tempFile("duration.json", Array(#"{"name": "X", "retention": [{"duration": "5 ans", "start_event": "collecte"}]}"#.utf8))
        let durationRun = try CLI.run(["register", "create", "--org", "vire", "--file", badDuration.path], environment: env)
        #expect(durationRun.status != 0)
        #expect(durationRun.stderr.contains("ISO 8601"), "\(durationRun.stderr)")

        let reversed = try Paths.tempFile("dpia.json", Array(#"{"name": "X", "dpia": {"started": "2026-05-02", "completed": "2026-04-30"}}"#.utf8))
        let reversedRun = try CLI.run(["register", "create", "--org", "vire", "--file", reversed.path], environment: env)
        #expect(reversedRun.status != 0)
        #expect(reversedRun.stderr.contains("précède"), "\(reversedRun.stderr)")
        let impossible = try Paths.tempFile("dpia2.json", Array(#"{"name": "X", "dpia": {"started": "2026-02-30"}}"#.utf8))
        let impossibleRun = try CLI.run(["register", "create", "--org", "vire", "--file", impossible.path], environment: env)
        #expect(impossibleRun.status != 0)
        #expect(impossibleRun.stderr.contains("2026-02-30"), "\(impossibleRun.stderr)")

        let list = try CLI.run(["register", "list", "--json"], environment: env)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)

        // The proposal comes from the confirmed classification; linking it shows the dataset with its rows.
        let proposals = try CLI.run(["register", "proposals", String(id), "--json"], environment: env)
        let proposed = try #require(try JSONSerialization.jsonObject(with: Data(proposals.stdout.utf8)) as? [[String: Any]])
        #expect(proposed.map { $0["column"] as? String } == ["courriel"])
        let link = try CLI.run(["register", "link", String(id), "--add", "aides:courriel", "--json"], environment: env)
        #expect(link.status == 0, "\(link.stderr)")
        let datasets = try #require(link.json?["datasets"] as? [[String: Any]])
        #expect(datasets.first?["slug"] as? String == "aides")
        #expect(datasets.first?["rows"] as? Int == 2)
        #expect((datasets.first?["exposed"] as? [String])?.isEmpty == true)
        let badLink = try CLI.run(["register", "link", String(id), "--add", "aides:inconnue"], environment: env)
        #expect(badLink.status != 0)
        #expect(badLink.stderr.contains("courriel"), "the known columns are listed: \(badLink.stderr)")

        // An update from a file that does not mention the links keeps them (they are confirmed on their own).
        let update = try CLI.run(["register", "update", String(id), "--file", file.path], environment: env)
        #expect(update.status == 0, "\(update.stderr)")
        let shown = try CLI.run(["register", "show", String(id), "--json"], environment: env)
        #expect(((shown.json?["record"] as? [String: Any])?["activity"] as? [String: Any])?["links"].map { ($0 as? [Any])?.count } == 1)

        let export = try CLI.run(["register", "export", "--format", "csv"], environment: env)
        #expect(export.status == 0)
        #expect(export.stdout.hasPrefix("N°,Organisation,Traitement"))
        #expect(export.stdout.contains("aides.courriel"))

        // The public register shows the complete public activity, never its links.
        let pub = try CLI.run(["register", "public"], environment: env)
        let activities = try #require(pub.json?["activities"] as? [[String: Any]])
        #expect(activities.map { $0["name"] as? String } == ["Aide sociale facultative"])
        #expect(!pub.stdout.contains("courriel\"") && !pub.stdout.contains("links"))

        let archive = try CLI.run(["register", "archive", String(id)], environment: env)
        #expect(archive.status == 0, "\(archive.stderr)")
        #expect((try CLI.run(["register", "public"], environment: env).json?["activities"] as? [Any])?.isEmpty == true)
        let audit = try CLI.run(["audit", "list", "--json"], environment: env)
        #expect(audit.stdout.contains("register.activity.create") && audit.stdout.contains("register.activity.links"))
    }
}
