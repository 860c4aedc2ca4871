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

    /// An erasure request recorded through the API by the DPO; returns its number.
    static func request(_ client: any TestClientProtocol, _ f: ServerFixture, email: String,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> Int {
        let created = try await client.json("/api/v1/register/requests?organisation=ville", .post, headers: f.headers(.dpo, csrf: true),
                                            ["right": "erasure", "requester": "Personne", "contact": email,
                                             "identifiers": ["email": email], "channel": "email"])
        #expect(created.status == .created, "\(created.text.prefix(300))", sourceLocation: sourceLocation)
        return try #require((created.json["request"] as? [String: Any])?["id"] as? Int, sourceLocation: sourceLocation)
    }

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
            let request = try await Self.request(client, f, email: "jeanne.martin@exemple.fr")
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

            let request = try await Self.request(client, f, email: "paul.durand@exemple.fr")
            // From the request's page: the form comes filled with the request's identifiers.
            let prefilled = try await client.execute(uri: "/register/subjects?request=\(request)", method: .get, headers: h)
            #expect(prefilled.status == .ok)
            #expect(prefilled.text.contains("value=\"paul.durand@exemple.fr\""))
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

    @Test("rectification through the API and the DPO's page: typed, located errors, confirmation required", arguments: Backend.all)
    func rectify(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("aides", title: "Aides sociales", csv: Self.csv)
            let dpo = f.headers(.dpo, csrf: true)
            let request = try await Self.request(client, f, email: "jeanne.martin@exemple.fr")
            let noDataset = try await client.json("/api/v1/register/subjects/rectify", .post, headers: dpo,
                                                  ["email": "jeanne.martin@exemple.fr", "request": request,
                                                   "changes": [["column": "telephone", "value": "06 00 00 00 01"]]])
            #expect(noDataset.status == .badRequest)
            #expect(noDataset.errorCode == "subject.rectify.dataset_required")
            let badColumn = try await client.json("/api/v1/register/subjects/rectify", .post, headers: dpo,
                                                  ["email": "jeanne.martin@exemple.fr", "request": request, "dataset": "aides",
                                                   "changes": [["column": "adresse", "value": "1 rue de la Paix"]]])
            #expect(badColumn.status == .badRequest)
            #expect(badColumn.errorCode == "subject.rectify.unknown_column")
            let done = try await client.json("/api/v1/register/subjects/rectify", .post, headers: dpo,
                                             ["email": "jeanne.martin@exemple.fr", "request": request, "dataset": "aides",
                                              "changes": [["column": "telephone", "value": "06 00 00 00 01"]]])
            #expect(done.status == .ok, "\(done.text.prefix(300))")
            RegisterAPITests.conforms(done, "SubjectRectification")
            #expect(done.json["rows_corrected"] as? Int == 1 && done.json["new_revision"] as? Int == 2)
            let byPhone = try await client.json("/api/v1/register/subjects/search", .post, headers: dpo, ["phone": "0600000001"])
            #expect((byPhone.json["matches"] as? [Any])?.count == 2, "revisions 1 and 2 both corrected: \(byPhone.text.prefix(300))")

            // The page: the form appears under the results; unconfirmed is refused; confirmed corrects.
            let h = f.headers(.dpo)
            let results = try await client.form("/register/subjects", headers: h, [("_csrf", f.csrf(.dpo)), ("email", "jeanne.martin@exemple.fr"),
                                                                                  ("request", String(request))])
            #expect(results.text.contains("Rectifier les données de cette personne"))
            #expect(results.text.contains("<option value=\"aides\""))
            let unconfirmed = try await client.form("/register/subjects/rectify", headers: h, [
                ("_csrf", f.csrf(.dpo)), ("email", "jeanne.martin@exemple.fr"), ("request", String(request)), ("dataset", "aides"),
                ("column", "nom"), ("value", "MARTIN-DUPONT")])
            #expect(unconfirmed.status == .badRequest)
            #expect(unconfirmed.text.contains("Cochez la case de confirmation pour rectifier"))
            let wrong = try await client.form("/register/subjects/rectify", headers: h, [
                ("_csrf", f.csrf(.dpo)), ("email", "jeanne.martin@exemple.fr"), ("request", String(request)), ("dataset", "aides"),
                ("column", "date_de_naissance"), ("value", "32/13/1984"), ("confirm", "1")])
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("ne convient pas à la colonne"), "\(wrong.text.prefix(2000))")
            let history = try await client.execute(uri: "/api/v1/register/requests/\(request)", method: .get, headers: dpo)
            let searches = history.text.components(separatedBy: "\"subject.search\"").count - 1
            #expect(searches == 1, "the refused forms wrote nothing in the request's history: \(history.text.prefix(600))")
            let page = try await client.form("/register/subjects/rectify", headers: h, [
                ("_csrf", f.csrf(.dpo)), ("email", "jeanne.martin@exemple.fr"), ("request", String(request)), ("dataset", "aides"),
                ("column", "nom"), ("value", "MARTIN-DUPONT"), ("confirm", "1")])
            #expect(page.status == .ok)
            #expect(page.text.contains("1 enregistrement(s) rectifié(s)"), "\(page.text.prefix(2000))")
        }
    }
}
