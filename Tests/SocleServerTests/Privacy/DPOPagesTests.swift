import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
import SocleServer
import SocleStore
import SocleTestSupport
import Testing

/// The DPO's pages as a new DPO found them (issue 12, item 8): the wizard says up front what will block
/// publication, the gate names the real reason and sees a later review through a re-run, every
/// suggestion can be confirmed at once, the lineage and the audit log read as sentences.
@Suite("DPO pages")
struct DPOPagesTests {
    @Test("the wizard warns before producing, the gate names the unreviewed column, a re-run after the review clears",
          arguments: Backend.all)
    func wizardGateAndRerun(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("registre", csv: OutputGateTests.csv)
            let s = f.headers(.steward)
            // Before anything is reviewed the wizard says so, with a link to the review, and what the plan gives.
            let wizard = try await client.execute(uri: "/datasets/registre/anonymise", method: .get, headers: s)
            #expect(wizard.status == .ok)
            #expect(wizard.text.contains("Ce qui bloquera la publication du jeu produit"))
            #expect(wizard.text.contains("ne sont pas encore revues"))
            #expect(wizard.text.contains("href=\"/datasets/registre/privacy\""))
            // « Vérifier sans produire »: the chosen plan's blockers, nothing created.
            let check = try await client.form("/datasets/registre/anonymise", headers: s, [
                ("_csrf", f.csrf(.steward)), ("action.nom_du_referent", "drop"), ("action.position", "drop"),
                ("quasi", "commune"), ("k", "5"), ("into", "registre-anonyme"), ("preview", "1")])
            #expect(check.status == .ok)
            #expect(check.text.contains("restera personnel"))
            #expect(check.text.contains("n&#39;était pas encore revue") || check.text.contains("n'était pas encore revue"))
            #expect(try await f.store.dataset(slug: "registre-anonyme") == nil)

            let made = try await client.form("/datasets/registre/anonymise", headers: s, [
                ("_csrf", f.csrf(.steward)), ("action.nom_du_referent", "drop"), ("action.position", "drop"),
                ("quasi", "commune"), ("k", "5"), ("into", "registre-anonyme"), ("title", "Registre anonyme")])
            #expect(made.status == .seeOther)
            // The refusal names the real reason, not "pseudonymisation or k-anonymity".
            let refused = try await client.json("/api/v1/datasets/registre-anonyme/publish", .post, headers: f.headers(.tokenWrite))
            #expect(refused.status == .conflict)
            let codes = refused.json["reason_codes"] as? [String] ?? []
            #expect(codes.contains("publish.blocked.lineage.unreviewed"))
            #expect(!codes.contains("publish.blocked.lineage_not_cleared"))
            #expect(!refused.text.contains("pseudonymisation conservée"))
            #expect(refused.text.contains("commune"))

            // The source is reviewed: the derived dataset says a re-run would see it.
            let confirm = try await client.form("/datasets/registre/privacy/confirm-all", headers: s, [("_csrf", f.csrf(.steward))])
            #expect(confirm.status == .seeOther)
            let derived = try #require(try await f.store.dataset(slug: "registre-anonyme"))
            let stale = try await PrivacyActions(store: f.store).publicationBlockers(derived).map(\.code)
            #expect(stale.contains("publish.blocked.lineage.source_changed"))
            let page = try await client.execute(uri: "/datasets/registre-anonyme/privacy", method: .get, headers: s)
            #expect(page.text.contains("Relancer l&#39;anonymisation") || page.text.contains("Relancer l'anonymisation"))
            // Lineage in words, with the author's name.
            #expect(page.text.contains("colonne « nom du référent » supprimée"))
            #expect(page.text.contains("Par Steward"))
            #expect(!page.text.contains("user:"))

            let rerun = try await client.form("/datasets/registre-anonyme/anonymise/rerun", headers: s, [("_csrf", f.csrf(.steward))])
            #expect(rerun.status == .seeOther)
            let after = try #require(try await f.store.dataset(slug: "registre-anonyme"))
            #expect(after.currentRevision == 2)
            let blockers = try await PrivacyActions(store: f.store).publicationBlockers(after).map(\.code)
            #expect(!blockers.contains { $0.hasPrefix("publish.blocked.lineage") })
            let lineage = try #require(try await PrivacyRecords(store: f.store).lineage(datasetId: after.id))
            #expect(lineage.clearsPersonalData && lineage.revision == 2)
            // The API re-runs too, and lists the steps with codes and sentences.
            let api = try await client.json("/api/v1/datasets/registre-anonyme/anonymise/rerun", .post, headers: f.headers(.tokenWrite))
            #expect(api.status == .created)
            #expect(api.json["revision"] as? Int == 3)
            let privacy = try await client.json("/api/v1/datasets/registre-anonyme/privacy", headers: f.headers(.tokenRead))
            let steps = privacy.json["lineage_steps"] as? [[String: Any]] ?? []
            #expect(steps.contains { $0["code"] as? String == "drop" && ($0["label"] as? String ?? "").contains("supprimée") })
            // A dataset that is not derived has nothing to re-run.
            let none = try await client.json("/api/v1/datasets/registre/anonymise/rerun", .post, headers: f.headers(.tokenWrite))
            #expect(none.status == .badRequest)
            #expect(none.errorCode == "anonymise.not_derived")
        }
    }

    @Test("confirm every suggestion but the excluded columns, in one audited post; a bad exclusion changes nothing",
          arguments: Backend.all)
    func confirmAll(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let d = try await f.dataset("registre", csv: OutputGateTests.csv)
            let s = f.headers(.steward)
            let page = try await client.execute(uri: "/datasets/registre/privacy", method: .get, headers: s)
            #expect(page.text.contains("Confirmer toutes les suggestions"))
            #expect(page.text.contains("form=\"confirm-all\""))
            // Without the anti-forgery token: refused.
            let forged = try await client.form("/datasets/registre/privacy/confirm-all", headers: s, [("except", "position")])
            #expect(forged.status == .forbidden)
            // An unknown column to exclude: refused, nothing reviewed.
            let bad = try await client.json("/api/v1/datasets/registre/privacy/confirm-all", .post, headers: f.headers(.tokenWrite),
                                            ["except": ["inconnue"]])
            #expect(bad.status == .badRequest)
            #expect(bad.errorMessage?.contains("inconnue") == true)
            #expect(try await PrivacyActions(store: f.store).statuses(d)!.columns.allSatisfy(\.needsReview))
            // An agent may not.
            let agent = try await client.form("/datasets/registre/privacy/confirm-all", headers: f.headers(.agent),
                                              [("_csrf", f.csrf(.agent))])
            #expect(agent.status == .forbidden)

            let ok = try await client.form("/datasets/registre/privacy/confirm-all", headers: s,
                                           [("_csrf", f.csrf(.steward)), ("except", "position")])
            #expect(ok.status == .seeOther)
            let columns = try await PrivacyActions(store: f.store).statuses(d)!.columns
            #expect(columns.first { $0.name == "position" }?.needsReview == true)
            #expect(columns.filter { $0.name != "position" }.allSatisfy { !$0.needsReview })
            #expect(columns.first { $0.name == "nom_du_referent" }?.review?.confirmedSuggestion == true)
            let audit = try await f.store.auditEntries(afterSeq: 0, limit: 1_000, actor: nil, action: "privacy.classify", objectType: nil)
            #expect(audit.count == columns.count - 1)
            // The API confirms the last one.
            let api = try await client.json("/api/v1/datasets/registre/privacy/confirm-all", .post, headers: f.headers(.tokenWrite), [:])
            #expect(api.status == .ok)
            #expect((api.json["columns"] as? [[String: Any]] ?? []).allSatisfy { $0["needs_review"] as? Bool == false })
        }
    }

    @Test("the audit page reads as sentences, filters by family, organisation, dataset and dates, hashes behind details",
          arguments: Backend.all)
    func auditSentences(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("budget", title: "Budget primitif", csv: ServerFixture.csv, publish: true)
            try await f.dataset("ailleurs", title: "Jeu d'ailleurs", csv: ServerFixture.csv, in: f.autre)
            let dpo = f.headers(.dpo)
            let page = try await client.execute(uri: "/admin/audit", method: .get, headers: dpo)
            #expect(page.status == .ok)
            #expect(page.text.contains("a publié le jeu « Budget primitif » le "))
            #expect(page.text.contains("<details>"))
            let family = try await client.execute(uri: "/admin/audit?family=privacy", method: .get, headers: dpo)
            #expect(family.text.contains("a revu la classification"))
            #expect(!family.text.contains("a publié le jeu"))
            let org = try await client.execute(uri: "/admin/audit?organisation=autre", method: .get, headers: dpo)
            #expect(org.text.contains("Jeu d&#39;ailleurs") || org.text.contains("Jeu d'ailleurs"))
            #expect(!org.text.contains("Budget primitif"))
            let ds = try await client.execute(uri: "/admin/audit?dataset=budget", method: .get, headers: dpo)
            #expect(ds.text.contains("Budget primitif"))
            #expect(!ds.text.contains("ailleurs"))
            let future = try await client.execute(uri: "/admin/audit?from=2999-01-01", method: .get, headers: dpo)
            #expect(!future.text.contains("Budget primitif"))
            let bad = try await client.execute(uri: "/admin/audit?from=2026-13-45", method: .get, headers: dpo)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Date invalide"))
        }
    }
}
