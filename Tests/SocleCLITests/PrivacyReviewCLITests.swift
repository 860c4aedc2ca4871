import Foundation
import SocleCore
import SocleTestSupport
import Testing

/// `socle anonymise --dry-run` and `--rerun`, `socle classify --confirm-all [--except]`, and the publication
/// refusal's codes, through the real binary on both backends (issue 12, item 8).
@Suite("socle classify --confirm-all, anonymise --dry-run and --rerun")
struct PrivacyReviewCLITests {
    @Test("a dry run names the unreviewed columns; confirm-all except one; a re-run sees the review", arguments: Backend.all)
    func flow(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        var env = t.environment
        env["SOCLE_SECRETS_DIR"] = FileManager.default.temporaryDirectory.appendingPathComponent("socle-secrets-\(UUID().uuidString)").path
        let file = try Paths.tempFile("personnes.csv", Array(PrivacyCLITests.people().utf8))
        #expect(try CLI.run(["ingest", file.path, "--dataset", "aides"], environment: env).status == 0)
        let plan = ["--drop", "nom,Prénom,telephone,date_de_naissance", "--k", "5", "--quasi", "commune"]

        // Nothing reviewed: the dry run says what would block, and produces nothing.
        let dry = try CLI.run(["anonymise", "aides", "--dry-run", "--json"] + plan, environment: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        let blockers = dry.json?["blockers"] as? [[String: Any]] ?? []
        #expect(blockers.contains { $0["code"] as? String == "publish.blocked.lineage.unreviewed" && ($0["message"] as? String ?? "").contains("aide") })
        #expect(try await t.store.dataset(slug: "aides-anonymise") == nil)
        let noInto = try CLI.run(["anonymise", "aides"] + plan, environment: env)
        #expect(noInto.status == 1)
        #expect(noInto.stderr.contains("--into"))

        let made = try CLI.run(["anonymise", "aides", "--into", "aides-anon"] + plan, environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        let refused = try CLI.run(["publish", "aides-anon", "--json"], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("publish.blocked.lineage.unreviewed"))
        #expect(!refused.stdout.contains("pseudonymisation conservée"))

        // Confirm every suggestion but one, then that one by hand.
        let bad = try CLI.run(["classify", "aides", "--confirm-all", "--except", "inconnue"], environment: env)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("inconnue"))
        let all = try CLI.run(["classify", "aides", "--confirm-all", "--except", "aide", "--json"], environment: env)
        #expect(all.status == 0, "\(all.stderr)")
        let done = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(done.count == 5)
        #expect(!done.contains { $0["name"] as? String == "aide" })
        #expect(try CLI.run(["classify", "aides", "aide", "--as", "public"], environment: env).status == 0)

        let rerun = try CLI.run(["anonymise", "aides-anon", "--rerun", "--json"], environment: env)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.json?["revision"] as? Int == 2)
        let again = try CLI.run(["publish", "aides-anon", "--json"], environment: env)
        #expect(!again.stdout.contains("publish.blocked.lineage.unreviewed"))
        #expect(!again.stdout.contains("publish.blocked.lineage.source_changed"))
        let notDerived = try CLI.run(["anonymise", "aides", "--rerun"], environment: env)
        #expect(notDerived.status == 1)
        #expect(notDerived.stderr.contains("rien à relancer"))
    }
}
