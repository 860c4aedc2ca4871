import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
@testable import SocleServer
import SocleStore
import SocleTestSupport
import Testing

/// `/api/v1/register/subjects/…` and `/register/subjects` with the real router, on both backends: who may
/// search, identifiers only in bodies, located errors, the package as a ZIP, erasure tied to a request.
@Suite("Subject API and pages")
struct SubjectAPITests {
    static let csv = """
    nom;prenom;date_de_naissance;courriel;telephone
    MARTIN;Jeanne;12/03/1984;jeanne.martin@exemple.fr;06 12 34 56 78
    DURAND;Paul;01/07/1950;paul.durand@exemple.fr;07 98 76 54 32

    """

    @Test("search, package and erase through the API; agents, tokens of stewards and strangers refused", arguments: Backend.all)
    func api(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("aides", csv: Self.csv)
            let dpo = f.headers(.dpo, csrf: true)
            let found = try await client.json("/api/v1/register/subjects/search", .post, headers: dpo, ["email": "Jeanne.Martin@exemple.fr"])
            #expect(found.status == .ok, "\(found.text.prefix(300))")
            RegisterAPITests.conforms(found, "SubjectSearchResult")
            let matches = try #require(found.json["matches"] as? [[String: Any]])
            #expect(matches.count == 1)
            #expect(matches.first?["dataset"] as? String == "aides" && matches.first?["row"] as? Int == 1
                    && matches.first?["column"] as? String == "courriel" && matches.first?["revision"] as? Int == 1)
            #expect(found.json["revisions_indexed"] as? Int == 1,
                    "a revision loaded without the index is indexed at the first search: \(found.text.prefix(300))")
            // Refusals: an agent, a steward's token, the other organisation's administrator, anonymous.
            for who in [Who.agent, .tokenRead, .anonymous] {
                let r = try await client.json("/api/v1/register/subjects/search", .post, headers: f.headers(who, csrf: true), ["email": "jeanne.martin@exemple.fr"])
                #expect(r.status == .forbidden || r.status == .unauthorized, "\(who): \(r.status)")
            }
            let other = try await client.json("/api/v1/register/subjects/search", .post, headers: f.headers(.otherAdmin, csrf: true),
                                              ["email": "jeanne.martin@exemple.fr"])
            #expect(other.status == .ok)
            #expect((other.json["matches"] as? [Any])?.isEmpty == true, "another organisation's data is not searched")
            // Bad input: located, French, nothing done.
            let bad = try await client.json("/api/v1/register/subjects/search", .post, headers: dpo, ["phone": "appelez-moi"])
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "subject.invalid.phone")
            let junk = try await client.json("/api/v1/register/subjects/search", .post, headers: dpo, ["email": 12])
            #expect(junk.status == .badRequest)

            let zip = try await client.json("/api/v1/register/subjects/package", .post, headers: dpo, ["email": "paul.durand@exemple.fr"])
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            #expect(zip.text.contains("paul.durand@exemple.fr") && !zip.text.contains("jeanne.martin"))

            let noRequest = try await client.json("/api/v1/register/subjects/erase", .post, headers: dpo, ["email": "jeanne.martin@exemple.fr"])
            #expect(noRequest.status == .badRequest)
            #expect(noRequest.errorCode == "subject.request_required")
            let request = try await f.store.createRegisterRecord(organisationId: f.ville.id, kind: "request", body: "{}", audit: nil).id
            let erased = try await client.json("/api/v1/register/subjects/erase", .post, headers: dpo,
                                               ["email": "jeanne.martin@exemple.fr", "request": request])
            #expect(erased.status == .ok, "\(erased.text.prefix(300))")
            RegisterAPITests.conforms(erased, "SubjectErasure")
            #expect(erased.json["rows_removed"] as? Int == 1, "\(erased.text.prefix(300))")
            let after = try await client.json("/api/v1/register/subjects/search", .post, headers: dpo, ["email": "jeanne.martin@exemple.fr"])
            #expect((after.json["matches"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("the DPO's page: search, results, located error, package download, erasure with confirmation", arguments: Backend.all)
    func pages(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("aides", title: "Aides sociales", csv: Self.csv)
            let h = f.headers(.dpo)
            let form = try await client.execute(uri: "/register/subjects", method: .get, headers: h)
            #expect(form.status == .ok)
            #expect(form.text.contains("Retrouver une personne"))
            #expect(try await client.execute(uri: "/register/subjects", method: .get, headers: f.headers(.agent)).status == .forbidden)

            let results = try await client.form("/register/subjects", headers: h, [("_csrf", f.csrf(.dpo)), ("phone", "+33 7 98 76 54 32")])
            #expect(results.status == .ok)
            #expect(results.text.contains("Aides sociales") && results.text.contains("telephone"))
            #expect(results.text.contains("1 correspondance"))
            #expect(!results.text.contains("07 98 76 54 32") || results.text.contains("value=\"+33 7 98 76 54 32\""),
                    "the page shows where, not the row's values")

            let bad = try await client.form("/register/subjects", headers: h, [("_csrf", f.csrf(.dpo)), ("name", "Paul Durand")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("ajoutez sa date de naissance"))

            let zip = try await client.form("/register/subjects/package", headers: h, [("_csrf", f.csrf(.dpo)), ("email", "paul.durand@exemple.fr")])
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentDisposition]?.contains("acces-donnees.zip") == true)

            let request = try await f.store.createRegisterRecord(organisationId: f.ville.id, kind: "request", body: "{}", audit: nil).id
            let unconfirmed = try await client.form("/register/subjects/erase", headers: h,
                                                    [("_csrf", f.csrf(.dpo)), ("email", "paul.durand@exemple.fr"), ("request", String(request))])
            #expect(unconfirmed.status == .badRequest)
            #expect(unconfirmed.text.contains("Cochez la case"))
            let done = try await client.form("/register/subjects/erase", headers: h, [("_csrf", f.csrf(.dpo)), ("email", "paul.durand@exemple.fr"),
                                                                                   ("request", String(request)), ("confirm", "1")])
            #expect(done.status == .ok)
            #expect(done.text.contains("1 enregistrement(s) effacé(s)"), "\(done.text.prefix(2000))")
            #expect(done.text.contains("0 correspondance"))
        }
    }
}
