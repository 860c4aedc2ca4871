import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// The portal's forms and flows: signing in and out, uploading, declaring and describing sources,
/// administration, the inventory import, languages.
@Suite("Portal")
struct PortalTests {
    /// The `name=value` part of a Set-Cookie header.
    static func value(_ setCookie: String?) -> String? {
        setCookie?.split(separator: ";").first.map { String($0.split(separator: "=", maxSplits: 1).last ?? "") }
    }

    @Test("sign in with the form: session cookie flags, throttling, sign out", arguments: Backend.all)
    func login(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            // The login page hands anonymous visitors their CSRF cookie.
            let page = try await client.execute(uri: "/login?next=/inventory", method: .get)
            #expect(page.status == .ok)
            let anon = try #require(Self.value(page.setCookie("socle_csrf")))
            var h = HTTPFields()
            h[.cookie] = "socle_csrf=\(anon)"
            h[HTTPField.Name("X-Forwarded-Proto")!] = "https"
            let email = f.users[.agent]!.email
            let ok = try await client.form("/login", headers: h, [("_csrf", anon), ("email", email),
                                                                   ("password", ServerFixture.password), ("next", "/inventory")])
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/inventory")
            let cookie = try #require(ok.setCookie("socle_session"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            #expect(cookie.contains("Secure"))
            let session = try #require(Self.value(cookie))
            var signed = HTTPFields()
            signed[.cookie] = "socle_session=\(session)"
            let inventory = try await client.execute(uri: "/inventory", method: .get, headers: signed)
            #expect(inventory.status == .ok)
            // The next page shows the flash message once, and clears it.
            // Sign out with the session's CSRF token (read from the page's forms).
            let csrf = try #require(Self.csrfToken(in: inventory.text))
            let out = try await client.form("/logout", headers: signed, [("_csrf", csrf)])
            #expect(out.status == .seeOther)
            #expect(out.setCookie("socle_session")?.contains("Max-Age=0") == true)
            #expect(try await client.execute(uri: "/inventory", method: .get, headers: signed).status == .seeOther)

            // A wrong password, five times: then even the right one is refused for a while.
            for _ in 0..<5 {
                let bad = try await client.form("/login", headers: h, [("_csrf", anon), ("email", email), ("password", "faux")])
                #expect(bad.status == .unauthorized)
                #expect(bad.text.contains("incorrect"))
            }
            let throttled = try await client.form("/login", headers: h, [("_csrf", anon), ("email", email),
                                                                          ("password", ServerFixture.password)])
            #expect(throttled.status == .unauthorized)
            #expect(throttled.text.contains("Trop de tentatives"))
            // Without the CSRF cookie the form is refused outright.
            let forged = try await client.form("/login", headers: [:], [("email", email), ("password", ServerFixture.password)])
            #expect(forged.status == .forbidden)
        }
    }

    /// The value of the first hidden `_csrf` field of a page.
    static func csrfToken(in html: String) -> String? {
        guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test("upload from the portal: new source, job page, report", arguments: Backend.all)
    func upload(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let form = Multipart(fields: [("_csrf", f.csrf(.agent)), ("dataset", ""), ("title", "Écoles maternelles"),
                                          ("organisation", "ville")],
                                 file: ("file", "ecoles.csv", Array(ServerFixture.csv.utf8)))
            let r = try await client.multipart("/upload", headers: f.headers(.agent), form)
            #expect(r.status == .seeOther)
            let location = try #require(r.headers[.location])
            #expect(location.hasPrefix("/jobs/"))
            let id = try #require(Int(location.dropFirst("/jobs/".count)))
            let job = try await client.waitForJob(id, headers: f.headers(.agent, csrf: true))
            #expect(job["status"] as? String == "succeeded")
            #expect(job["dataset"] as? String == "ecoles-maternelles")
            let page = try await client.execute(uri: location, method: .get, headers: f.headers(.agent))
            #expect(page.status == .ok)
            #expect(page.text.contains("ecoles.csv"))
            let report = try await client.execute(uri: "/datasets/ecoles-maternelles/revisions/1/report", method: .get,
                                                  headers: f.headers(.agent))
            #expect(report.status == .ok)
            #expect(report.text.contains("population"))
            // Missing file: the form comes back with the message, nothing declared.
            let empty = try await client.multipart("/upload", headers: f.headers(.agent),
                                                   Multipart(fields: [("_csrf", f.csrf(.agent)), ("dataset", "ecoles-maternelles")]))
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("Aucun fichier reçu"))
        }
    }

    @Test("declare a source, edit its metadata, publish from the page", arguments: Backend.all)
    func describeAndPublish(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let s = f.headers(.steward)
            let declared = try await client.form("/datasets/new", headers: s, [
                ("_csrf", f.csrf(.steward)), ("organisation", "ville"), ("title", "Arbres d'alignement"), ("slug", "arbres")])
            #expect(declared.status == .seeOther)
            #expect(declared.headers[.location] == "/datasets/arbres")
            let bad = try await client.form("/datasets/arbres/edit", headers: s, [
                ("_csrf", f.csrf(.steward)), ("title", "Arbres"), ("themes", "CUISINE")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("CUISINE"))
            try await f.dataset("arbres-charges", csv: ServerFixture.csv)
            let edited = try await client.form("/datasets/arbres-charges/edit", headers: s, [
                ("_csrf", f.csrf(.steward)), ("title", "Arbres chargés"), ("description", "Les arbres."), ("licence", "odbl"),
                ("accessLevel", "public"), ("classification", "public"), ("themes", "ENVI"), ("themes", "REGI"),
                ("keywords", "arbres, voirie")])
            #expect(edited.status == .seeOther)
            let m = try await f.store.metadata(datasetId: try #require(await f.store.dataset(slug: "arbres-charges")).id)
            #expect(m.themes == ["ENVI", "REGI"])
            #expect(m.keywords == ["arbres", "voirie"])
            // The review page lists the columns to review; the steward confirms each as public.
            let review = try await client.execute(uri: "/datasets/arbres-charges/privacy", method: .get, headers: s)
            #expect(review.status == .ok)
            #expect(review.text.contains("population"))
            for column in ["commune", "population"] {
                let r = try await client.form("/datasets/arbres-charges/privacy", headers: s, [
                    ("_csrf", f.csrf(.steward)), ("column", column), ("verdict", "public"), ("category", "")])
                #expect(r.status == .seeOther)
            }
            let published = try await client.form("/datasets/arbres-charges/publish", headers: s, [("_csrf", f.csrf(.steward))])
            #expect(published.status == .seeOther)
            #expect(try await client.execute(uri: "/datasets/arbres-charges", method: .get).status == .ok)
            // The catalog finds it by a word of its description, accents and case aside.
            let search = try await client.execute(uri: "/catalog?q=ARBRES", method: .get)
            #expect(search.text.contains("Arbres chargés"))
        }
    }

    @Test("administration: services, users, tokens shown once and revoked", arguments: Backend.all)
    func administration(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let a = f.headers(.admin)
            let service = try await client.form("/admin/services", headers: a, [
                ("_csrf", f.csrf(.admin)), ("organisation", "ville"), ("slug", "finances"), ("name", "Finances")])
            #expect(service.status == .seeOther)
            #expect(try await f.store.services(organisationId: f.ville.id).contains { $0.slug == "finances" })
            let short = try await client.form("/admin/users", headers: a, [
                ("_csrf", f.csrf(.admin)), ("email", "nouveau@ville.test"), ("name", "Nouveau"), ("organisation", "ville"),
                ("role", "agent"), ("password", "court")])
            #expect(short.status == .badRequest)
            #expect(short.text.contains("10 caractères"))
            let user = try await client.form("/admin/users", headers: a, [
                ("_csrf", f.csrf(.admin)), ("email", "nouveau@ville.test"), ("name", "Nouveau"), ("organisation", "ville"),
                ("role", "agent"), ("password", "un-mot-de-passe-long")])
            #expect(user.status == .seeOther)
            // An administrator of "ville" cannot give roles in "autre".
            let foreign = try await client.form("/admin/users", headers: a, [
                ("_csrf", f.csrf(.admin)), ("email", "x@autre.test"), ("organisation", "autre"), ("role", "agent"),
                ("password", "un-mot-de-passe-long")])
            #expect(foreign.status == .forbidden)

            let created = try await client.form("/admin/tokens", headers: f.headers(.agent), [
                ("_csrf", f.csrf(.agent)), ("organisation", "ville"), ("expiresDays", "30")])
            #expect(created.status == .created)
            let secret = try #require(created.text.range(of: "socle_").map { String(created.text[$0.lowerBound...].prefix { $0 != "<" && $0 != "\"" }) })
            var bearer = HTTPFields()
            bearer[.authorization] = "Bearer \(secret)"
            #expect(try await client.json("/api/v1/inventory", headers: bearer).status == .ok)
            // Shown once: the list never shows it again.
            let list = try await client.execute(uri: "/admin/tokens", method: .get, headers: f.headers(.agent))
            #expect(!list.text.contains(secret))
            let token = try #require(await f.store.tokens(userId: f.users[.agent]!.id).first)
            let revoked = try await client.form("/admin/tokens/\(token.id)/revoke", headers: f.headers(.agent), [("_csrf", f.csrf(.agent))])
            #expect(revoked.status == .seeOther)
            let after = try await client.json("/api/v1/inventory", headers: bearer)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "auth.token_revoked")
            // The audit page lists these changes for the DPO.
            let audit = try await client.execute(uri: "/admin/audit?action=token.revoke", method: .get, headers: f.headers(.dpo))
            #expect(audit.status == .ok)
            #expect(audit.text.contains("token.revoke"))
        }
    }

    @Test("inventory import from a spreadsheet, located refusal", arguments: Backend.all)
    func inventoryImport(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let sheet = "titre;service;classification;responsable\nÉtat civil;Urbanisme;personnel;Mme A\nVoirie;urbanisme;public;M. B\n"
            let ok = try await client.multipart("/inventory/import", headers: f.headers(.steward), Multipart(
                fields: [("_csrf", f.csrf(.steward)), ("organisation", "ville")], file: ("file", "inventaire.csv", Array(sheet.utf8))))
            #expect(ok.status == .seeOther)
            #expect(try await f.store.datasets().count == 2)
            let bad = "titre;classification\nCadastre;secret\n"
            let refused = try await client.multipart("/inventory/import", headers: f.headers(.steward), Multipart(
                fields: [("_csrf", f.csrf(.steward)), ("organisation", "ville")], file: ("file", "inventaire-2.csv", Array(bad.utf8))))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("inventaire-2.csv"))
            #expect(try await f.store.datasets().count == 2)
            let api = try await client.json("/api/v1/inventory", headers: f.headers(.tokenRead))
            let coverage = try #require(api.json["coverage"] as? [[String: Any]])
            #expect(coverage.first { $0["organisation"] as? String == "ville" && $0["service"] == nil }?["known"] as? Int == 2)
        }
    }

    @Test("languages: French by default, English on request; French addresses redirect", arguments: Backend.all)
    func languages(_ backend: Backend) async throws {
        try await withServer(backend) { _, client in
            let fr = try await client.execute(uri: "/nulle-part", method: .get)
            #expect(fr.text.contains("lang=\"fr\""))
            let en = try await client.execute(uri: "/nulle-part?lang=en", method: .get)
            #expect(en.text.contains("lang=\"en\""))
            var h = HTTPFields()
            h[.acceptLanguage] = "en-US,en;q=0.8,fr;q=0.3"
            let api = try await client.execute(uri: "/api/v1/datasets/x", method: .get, headers: h)
            #expect(api.errorMessage?.contains("dataset") == true)
            let alias = try await client.execute(uri: "/catalogue?q=ecoles", method: .get)
            #expect(alias.status == .movedPermanently)
            #expect(alias.headers[.location] == "/catalog?q=ecoles")
            let css = try await client.execute(uri: "/static/socle.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(try await client.execute(uri: "/static/..%2Fstrings", method: .get).status == .notFound)
        }
    }
}
