import Foundation
import HTTPTypes
import HummingbirdTesting
import SocleActions
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// The register's pages as a DPO and a citizen use them: the form (with its errors), the activity with its
/// data, the links, archive, the public register, the dataset page naming its activities.
@Suite("Register pages")
struct RegisterPortalTests {
    static func fields(_ extra: [(String, String)]) -> [(String, String)] {
        [("name", "Aide sociale facultative"), ("purpose", "Instruire et verser les aides"), ("controllerName", "Ville de Test"),
         ("legalBases", "publicTask"), ("collection", "paperForm"), ("people", "residents"), ("categories", "email"),
         ("recipients_internalService", "Action sociale"), ("security", "accessControl"), ("isPublic", "1"),
         ("retention_start_0", "Dernière aide")] + extra
    }

    @Test("the DPO creates an activity through the form, links a reviewed column; the citizen reads the public register",
          arguments: Backend.all)
    func flow(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("aides", csv: "nom,courriel,montant\nMartin,jean.martin@example.org,120\nDurand,l.durand@example.org,80\n")
            let platform = Platform(store: f.store, secretsDirectory: f.configuration.dataDirectory, sharedGrants: false)
            let d = try #require(try await f.store.dataset(slug: "aides"))
            _ = try await platform.privacy.classify(d, column: "courriel", as: .personal, category: .email, by: .system("test"))

            // A bad duration and an incomplete "complete" record: 400, the form again, each error at its field.
            let dpo = f.headers(.dpo)
            let bad = try await client.form("/register/new", headers: dpo, [("_csrf", f.csrf(.dpo)), ("organisation", "ville"),
                                                                           ("name", "Cantine"), ("status", "complete"),
                                                                           ("retention_duration_0", "5 ans"), ("retention_start_0", "Inscription")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("id=\"act-retention_duration_0-error\""))
            #expect(bad.text.contains("ISO 8601"))
            #expect(bad.text.contains("value=\"Cantine\""), "what was typed is kept")
            let incomplete = try await client.form("/register/new", headers: dpo, [("_csrf", f.csrf(.dpo)), ("organisation", "ville"),
                                                                                  ("name", "Cantine"), ("status", "complete")])
            #expect(incomplete.status == .badRequest)
            #expect(incomplete.text.contains("id=\"act-status-error\""))
            #expect(incomplete.text.contains("Finalité"))
            #expect(try await platform.register.activities(.system("test")).isEmpty, "nothing saved on a refusal")

            let created = try await client.form("/register/new", headers: dpo,
                                                [("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("status", "complete"),
                                                 ("retention_duration_0", "P5Y")] + Self.fields([]))
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            #expect(location.hasPrefix("/register/activities/"))
            let id = try #require(Int64(location.split(separator: "/").last ?? ""))

            // The activity page proposes the reviewed e-mail column; the DPO confirms it.
            let page = try await client.execute(uri: location, method: .get, headers: dpo)
            #expect(page.status == .ok)
            #expect(page.text.contains("value=\"aides:courriel\""))
            #expect(page.text.contains("5 ans"), "durations in words")
            let linked = try await client.form("/register/activities/\(id)/links", headers: dpo, [("_csrf", f.csrf(.dpo)), ("add", "aides:courriel")])
            #expect(linked.status == .seeOther)
            let after = try await client.execute(uri: location, method: .get, headers: dpo)
            #expect(after.text.contains("<code>courriel</code>"))
            #expect(!after.text.contains("Donnée personnelle publiée"))
            // The dataset page names the activity to its members.
            let dataset = try await client.execute(uri: "/datasets/aides", method: .get, headers: f.headers(.agent))
            #expect(dataset.text.contains("Aide sociale facultative (courriel)"))

            // The public register: anyone reads it, without the links to the data or the security measures.
            let pub = try await client.execute(uri: "/register/public", method: .get)
            #expect(pub.status == .ok)
            #expect(pub.text.contains("Aide sociale facultative"))
            #expect(!pub.text.contains("/datasets/aides") && !pub.text.contains("<code>courriel") && !pub.text.contains("Contrôle d&#39;accès"))

            // An agent reads the register but may not add to it; the archive hides it from the public.
            let agentList = try await client.execute(uri: "/register", method: .get, headers: f.headers(.agent))
            #expect(agentList.status == .ok)
            #expect(!agentList.text.contains("/register/new"))
            let agentPost = try await client.form("/register/new", headers: f.headers(.agent), [("_csrf", f.csrf(.agent))] + Self.fields([]))
            #expect(agentPost.status == .forbidden)
            let other = try await client.execute(uri: location, method: .get, headers: f.headers(.otherAdmin))
            #expect(other.status == .notFound)
            let archived = try await client.form("/register/activities/\(id)/archive", headers: dpo, [("_csrf", f.csrf(.dpo))])
            #expect(archived.status == .seeOther)
            #expect(!(try await client.execute(uri: "/register/public", method: .get)).text.contains("Aide sociale facultative"))
        }
    }

    @Test("processors and the action plan through their forms: a bad due date is refused at its field, overdue shown",
          arguments: Backend.all)
    func annexes(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let dpo = f.headers(.dpo)
            let processor = try await client.form("/register/processors/new", headers: dpo,
                                                  [("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("name", "Éditeur du logiciel"),
                                                   ("checks", "contractClauses")])
            #expect(processor.status == .seeOther)
            let badDue = try await client.form("/register/measures/new", headers: dpo,
                                               [("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("title", "Chiffrer la base"),
                                                ("type", "technical"), ("due", "2027-02-30")])
            #expect(badDue.status == .badRequest)
            #expect(badDue.text.contains("id=\"rec-due-error\""))
            #expect(badDue.text.contains("2027-02-30"))
            let late = try await client.form("/register/measures/new", headers: dpo,
                                             [("_csrf", f.csrf(.dpo)), ("organisation", "ville"), ("title", "Former les agents"),
                                              ("type", "training"), ("due", "2020-01-31")])
            #expect(late.status == .seeOther)
            let list = try await client.execute(uri: "/register", method: .get, headers: dpo)
            #expect(list.text.contains("Éditeur du logiciel"))
            #expect(list.text.contains("À vérifier : Garanties de sécurité vérifiées"), "the open checks are named")
            #expect(list.text.contains("Former les agents") && list.text.contains("en retard"))
            #expect(!list.text.contains("Chiffrer la base"), "nothing saved on a refusal")
            // An agent reads the list but the forms are the DPO's.
            #expect(try await client.execute(uri: "/register/measures/new", method: .get, headers: f.headers(.agent)).status == .forbidden)
        }
    }
}
