import Foundation
import SocleTestSupport
import Testing

/// `socle breach …` as a DPO's operator runs it, on both backends: record, list with the clock, notify,
/// inform, show, JSON output, bad input refused in French.
@Suite("socle breach")
struct BreachCLITests {
    static func iso(hoursAgo: Double) -> String {
        ISO8601DateFormatter().string(from: Date().addingTimeInterval(-hoursAgo * 3600))
    }

    @Test("create from JSON, list (the clock in words), notify, inform, show; impossible dates refused with their message",
          arguments: Backend.all)
    func breach(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let env = t.environment
        #expect(try CLI.run(["org", "create", "vire", "--name", "Vire", "--type", "commune"], environment: env).status == 0)
        let csv = try Paths.tempFile("agents.csv", Array("nom;service\nMartin;RH\n".utf8))
        #expect(try CLI.run(["ingest", csv.path, "--dataset", "agents", "--org", "vire"], environment: env).status == 0)

        let body = """
        {"title": "Hameçonnage de la messagerie", "occurred_at": "\(Self.iso(hoursAgo: 80))", "aware_at": "\(Self.iso(hoursAgo: 77))",
         "natures": ["confidentiality"], "origin": "externalMalicious", "cause": "phishing", "categories": ["identity", "nir"],
         "people": ["agents"], "people_count": 40, "consequences": "Usurpation possible.", "risk": "risk",
         "measures": "Mots de passe changés.", "datasets": ["agents"]}
        """
        let file = try Paths.tempFile("breach.json", Array(body.utf8))
        let created = try CLI.run(["breach", "create", "--org", "vire", "--file", file.path, "--json"], environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(created.json?["id"] as? Int)
        #expect(created.json?["overdue"] as? Bool == true)
        #expect(created.json?["clock"] as? String == "overdue")
        #expect((created.json?["hoursLeft"] as? Double).map { $0 <= -5 } == true, "\(created.stdout)")

        let list = try CLI.run(["breach", "list"], environment: env)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("En retard de 5 h"), "\(list.stdout)")
        #expect(list.stdout.contains("Hameçonnage de la messagerie"))
        let listJSON = try CLI.run(["breach", "list", "--json"], environment: env)
        #expect(listJSON.jsonArray?.first?["id"] as? Int == id)

        // Bad input: a notification before awareness; a date that is not one; an unknown dataset.
        let early = try CLI.run(["breach", "notify", String(id), "--at", Self.iso(hoursAgo: 90), "--reference", "X"], environment: env)
        #expect(early.status != 0)
        #expect(early.stderr.contains("précède la prise de connaissance"), "\(early.stderr)")
        let notADate = try CLI.run(["breach", "notify", String(id), "--at", "hier"], environment: env)
        #expect(notADate.status != 0 && notADate.stderr.contains("hier"), "\(notADate.stderr)")
        let future = try Paths.tempFile("future.json", Array(#"{"title": "X", "aware_at": "2999-01-01T10:00"}"#.utf8))
        let futureRun = try CLI.run(["breach", "create", "--org", "vire", "--file", future.path], environment: env)
        #expect(futureRun.status != 0 && futureRun.stderr.contains("futur"), "\(futureRun.stderr)")
        let unknown = try Paths.tempFile("unknown.json", Array(#"{"title": "X", "datasets": ["nulle-part"]}"#.utf8))
        let unknownRun = try CLI.run(["breach", "create", "--org", "vire", "--file", unknown.path], environment: env)
        #expect(unknownRun.status != 0 && unknownRun.stderr.contains("nulle-part") && unknownRun.stderr.contains("agents"), "\(unknownRun.stderr)")

        let notified = try CLI.run(["breach", "notify", String(id), "--at", Self.iso(hoursAgo: 1), "--reference", "CNIL-2026-7"], environment: env)
        #expect(notified.status == 0, "\(notified.stderr)")
        #expect(notified.stdout.contains("Notifiée à la CNIL avec 4 h"), "\(notified.stdout)")
        #expect(notified.stdout.contains("CNIL-2026-7"))
        let complementary = try CLI.run(["breach", "notify", String(id), "--at", Self.iso(hoursAgo: 0.5), "--complementary", "--json"], environment: env)
        #expect(complementary.status == 0, "\(complementary.stderr)")
        #expect(((complementary.json?["breach"] as? [String: Any])?["complementary"] as? [Any])?.count == 1)
        let informed = try CLI.run(["breach", "inform", String(id), "--not-informed", "Comptes réinitialisés avant toute utilisation."], environment: env)
        #expect(informed.status == 0, "\(informed.stderr)")
        let shown = try CLI.run(["breach", "show", String(id)], environment: env)
        #expect(shown.stdout.contains("Personnes non informées : Comptes réinitialisés"), "\(shown.stdout)")
        #expect(!shown.stdout.contains("Incomplète"), "\(shown.stdout)")

        // A draft, then a reason not to notify.
        let draft = try Paths.tempFile("draft.json", Array(#"{"title": "Écran visible du public", "aware_at": "\#(Self.iso(hoursAgo: 2))"}"#.utf8))
        let draftRun = try CLI.run(["breach", "create", "--org", "vire", "--file", draft.path], environment: env)
        #expect(draftRun.status == 0 && draftRun.stdout.contains("Incomplète"), "\(draftRun.stdout)\(draftRun.stderr)")
        #expect(draftRun.stdout.contains("restantes pour notifier la CNIL"), "\(draftRun.stdout)")
        let skipped = try CLI.run(["breach", "notify", String(id + 1), "--not-required", "Aucune donnée lisible."], environment: env)
        #expect(skipped.status == 0 && skipped.stdout.contains("Non notifiée"), "\(skipped.stdout)\(skipped.stderr)")

        let audit = try CLI.run(["audit", "list", "--json", "--limit", "500"], environment: env)
        let actions = (audit.jsonArray ?? []).compactMap { $0["action"] as? String }
        #expect(actions.contains("register.breach.create") && actions.contains("register.breach.notify") && actions.contains("register.breach.inform"),
                "\(audit.stdout.prefix(300))\(audit.stderr)")
    }
}
