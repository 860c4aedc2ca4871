import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// The review page and the anonymisation wizard, driven as a steward would, with forms.
@Suite("Privacy pages")
struct PrivacyPagesTests {
    @Test("review every column on the page, then the wizard produces a derived dataset whose lineage is shown", arguments: Backend.all)
    func reviewAndWizard(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("registre", csv: OutputGateTests.csv)
            let s = f.headers(.steward)
            let page = try await client.execute(uri: "/datasets/registre/privacy", method: .get, headers: s)
            #expect(page.status == .ok)
            #expect(page.text.contains("nom du référent"))
            #expect(page.text.contains("À revoir"))
            // Masked examples only: the page never shows a whole personal value.
            #expect(!page.text.contains(OutputGateTests.marker))
            for (column, verdict, category) in [("nom_du_referent", "personal", "identity"), ("commune", "public", ""),
                                                ("population", "public", ""), ("position", "public", "")] {
                let r = try await client.form("/datasets/registre/privacy", headers: s, [
                    ("_csrf", f.csrf(.steward)), ("column", column), ("verdict", verdict), ("category", category)])
                #expect(r.status == .seeOther, "\(column)")
            }
            let bad = try await client.form("/datasets/registre/privacy", headers: s, [
                ("_csrf", f.csrf(.steward)), ("column", "commune"), ("verdict", "peut-être"), ("category", "")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("peut-être"))
            // An agent may read the page but not decide.
            let agent = try await client.form("/datasets/registre/privacy", headers: f.headers(.agent), [
                ("_csrf", f.csrf(.agent)), ("column", "commune"), ("verdict", "public"), ("category", "")])
            #expect(agent.status == .forbidden)

            let wizard = try await client.execute(uri: "/datasets/registre/anonymise", method: .get, headers: s)
            #expect(wizard.status == .ok)
            #expect(wizard.text.contains("name=\"action.nom_du_referent\""))
            // k = 50 cannot be reached: refused with the smallest group, nothing created.
            let tooBig = try await client.form("/datasets/registre/anonymise", headers: s, [
                ("_csrf", f.csrf(.steward)), ("action.nom_du_referent", "drop"), ("action.position", "drop"),
                ("quasi", "commune"), ("k", "50"), ("into", "registre-anonyme"), ("title", "Registre anonyme")])
            #expect(tooBig.status == .badRequest)
            #expect(tooBig.text.contains("plus petit groupe"))
            #expect(try await f.store.dataset(slug: "registre-anonyme") == nil)
            let made = try await client.form("/datasets/registre/anonymise", headers: s, [
                ("_csrf", f.csrf(.steward)), ("action.nom_du_referent", "drop"), ("action.position", "drop"),
                ("quasi", "commune"), ("k", "5"), ("into", "registre-anonyme"), ("title", "Registre anonyme")])
            #expect(made.status == .seeOther)
            #expect(made.headers[.location] == "/datasets/registre-anonyme/privacy")
            let lineage = try await client.execute(uri: "/datasets/registre-anonyme/privacy", method: .get, headers: s)
            #expect(lineage.text.contains("Dérivé de « registre »"))
            #expect(lineage.text.contains("colonne « nom du référent » supprimée"))
            #expect(lineage.text.contains("Contrôles réussis"))
        }
    }
}
