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

/// Issue 5's promise, tried on every output path: a personal value never reaches a reader outside the
/// owning organisation — anonymous, or holding a token of another organisation — whether the column was
/// reclassified personal after publication or the dataset was never published.
@Suite("Personal data never leaves through any output")
struct OutputGateTests {
    static let marker = "Secretpersonne"
    static let csv = """
    commune;population;nom du référent;position
    Vire;12000;Jean Secretpersonne;48.84,-0.89
    Caen;12001;Marie Secretpersonne;49.18,-0.37
    Vire;12002;Pierre Secretpersonne;48.84,-0.89
    Caen;12003;Sophie Secretpersonne;49.18,-0.37
    Vire;12004;Luc Secretpersonne;48.84,-0.89
    Caen;12005;Anne Secretpersonne;49.18,-0.37
    Vire;12006;Paul Secretpersonne;48.84,-0.89
    Caen;12007;Julie Secretpersonne;49.18,-0.37
    Vire;12008;Marc Secretpersonne;48.84,-0.89
    Caen;12009;Claire Secretpersonne;49.18,-0.37
    Vire;12010;Louis Secretpersonne;48.84,-0.89
    Caen;12011;Emma Secretpersonne;49.18,-0.37
    """

    static func paths(_ slug: String) -> [String] {
        [
            "/api/v1/datasets", "/api/v1/datasets?q=Secret", "/api/v1/datasets/\(slug)",
            "/api/v1/datasets/\(slug)/records", "/api/v1/datasets/\(slug)/records?select=nom_du_referent",
            "/api/v1/datasets/\(slug)/records?where=nom_du_referent%20like%20%27%25Secret%25%27",
            "/api/v1/datasets/\(slug)/records?where=search(%22Secret%22)",
            "/api/v1/datasets/\(slug)/records?group_by=nom_du_referent", "/api/v1/datasets/\(slug)/records?order_by=nom_du_referent",
            "/api/v1/datasets/\(slug)/records?refine=nom_du_referent:Jean%20Secret",
            "/api/v1/datasets/\(slug)/records/1", "/api/v1/datasets/\(slug)/facets", "/api/v1/datasets/\(slug)/facets?facet=nom_du_referent",
            "/api/v1/datasets/\(slug)/exports/csv", "/api/v1/datasets/\(slug)/exports/csv?dialect=excel-fr",
            "/api/v1/datasets/\(slug)/exports/json", "/api/v1/datasets/\(slug)/exports/ndjson",
            "/api/v1/datasets/\(slug)/exports/geojson", "/api/v1/datasets/\(slug)/exports/xlsx",
            "/api/v1/datasets/\(slug)/rows", "/api/v1/datasets/\(slug)/download.csv", "/api/v1/datasets/\(slug)/revisions",
            "/api/v1/datasets/\(slug)/privacy",
            "/datasets/\(slug)", "/datasets/\(slug)?sort=nom_du_referent", "/datasets/\(slug)/revisions/1/report",
            "/datasets/\(slug)/privacy", "/datasets/\(slug)/anonymise", "/catalog", "/catalog?q=Secret", "/",
            "/datasets/\(slug).ttl", "/datasets/\(slug).rdf", "/datasets/\(slug).jsonld",
            "/catalog.ttl", "/catalog.rdf", "/catalog.jsonld",
            "/api/explore/v2.1/catalog/datasets", "/api/explore/v2.1/catalog/datasets/\(slug)",
            "/api/explore/v2.1/catalog/datasets/\(slug)/records", "/api/explore/v2.1/catalog/datasets/\(slug)/records?select=nom_du_referent",
            "/api/explore/v2.1/catalog/datasets/\(slug)/facets", "/api/explore/v2.1/catalog/datasets/\(slug)/exports/csv",
            "/api/explore/v2.1/catalog/datasets/\(slug)/exports/json", "/api/explore/v2.1/catalog/facets",
            "/api/3/action/package_list", "/api/3/action/package_search?q=Secret", "/api/3/action/package_show?id=\(slug)",
            "/api/3/action/datastore_search?resource_id=\(slug)", "/api/3/action/datastore_search?resource_id=\(slug)&q=Secret",
            "/api/3/action/datastore_search?resource_id=\(slug)&fields=nom_du_referent",
            "/api/3/action/datastore_search_sql?sql=SELECT%20*%20FROM%20%22\(slug)%22",
            "/api/3/action/datastore_search_sql?sql=SELECT%20nom_du_referent%20FROM%20%22\(slug)%22",
            "/datastore/dump/\(slug)", "/datastore/dump/\(slug)?format=json",
        ]
    }

    @Test("anonymous readers and foreign tokens never see a personal value, on any path", arguments: Backend.all)
    func everyPath(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let system = Principal.system("test")
            // Published with every column reviewed public, then the DPO reclassifies `nom_du_referent` as personal.
            let d = try await f.dataset("registre", csv: Self.csv, publish: true)
            _ = try await PrivacyActions(store: f.store).classify(d, column: "nom_du_referent", as: .personal, category: .identity, by: system)
            // Never published, personal.
            try await f.dataset("prive", csv: Self.csv)
            // A token of another organisation's admin: valid, but no rights on these datasets.
            let accounts = AccountActions(store: f.store)
            let foreign = try await accounts.createToken(for: f.users[.otherAdmin]!, organisation: f.autre, canWrite: true,
                                                         datasets: nil, expiresIn: nil, by: system).secret
            let readers: [(String, HTTPFields)] = [("anonymous", [:]), ("foreign token", [.authorization: "Bearer \(foreign)"])]

            for (who, headers) in readers {
                var reached = 0
                for slug in ["registre", "prive"] {
                    for path in Self.paths(slug) {
                        let r = try await client.execute(uri: path, method: .get, headers: headers)
                        let bytes = Data(r.body.readableBytesView)
                        #expect(bytes.range(of: Data(Self.marker.utf8)) == nil, "\(who) read a personal value at \(path)")
                        if slug == "prive" && r.status == .ok {
                            // Listings may answer 200 (without the dataset); the dataset's own paths must not.
                            let text = String(decoding: bytes, as: UTF8.self)
                            #expect(!text.contains("\"prive\"") || path.contains("package_list") == false, "\(who) sees prive at \(path)")
                        }
                        if slug == "registre", r.status == .ok { reached += 1 }
                    }
                }
                // The public part stays readable: the test exercised real answers, not only refusals.
                #expect(reached > 20, "\(who): only \(reached) paths answered")
            }

            // Outside the organisation, even the hidden column's name is absent from descriptions and data.
            for path in ["/api/v1/datasets/registre", "/api/v1/datasets/registre/revisions", "/api/v1/datasets/registre/records",
                         "/api/v1/datasets/registre/exports/csv", "/api/explore/v2.1/catalog/datasets/registre",
                         "/api/3/action/datastore_search?resource_id=registre", "/datasets/registre.ttl"] {
                let r = try await client.execute(uri: path, method: .get)
                #expect(r.status == .ok, "\(path)")
                #expect(!String(buffer: r.body).contains("nom_du_referent"), "hidden column named at \(path)")
            }
            // Control: the owning organisation's steward does read the column (the test can fail).
            let member = try await client.execute(uri: "/api/v1/datasets/registre/records?select=nom_du_referent", method: .get,
                                                  headers: f.headers(.steward))
            #expect(String(buffer: member.body).contains(Self.marker))
            let hidden = try await client.json("/api/v1/datasets/registre/records")
            #expect((hidden.json["results"] as? [[String: Any]])?.first?.keys.sorted() == ["_row", "commune", "population", "position"])
        }
    }

    @Test("a dataset with a personal column cannot be published, by the API or the page, and says what would unblock it", arguments: Backend.all)
    func gate(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("prive", csv: Self.csv)
            let d = try #require(try await f.store.dataset(slug: "prive"))
            try await CatalogActions(store: f.store).update(d, title: "Registre", metadata: ServerFixture.publishable, by: .system("test"))
            let refused = try await client.json("/api/v1/datasets/prive/publish", .post, headers: f.headers(.tokenWrite))
            #expect(refused.status == .conflict)
            let reasons = try #require(refused.json["reasons"] as? [String])
            #expect(reasons.contains { $0.contains("« nom_du_referent »") && $0.contains("suggestion du détecteur : personnelle") })
            // Review: the steward confirms the suggestion; publication is still refused, now because the column is personal.
            _ = try await client.json("/api/v1/datasets/prive/privacy/nom_du_referent", .put, headers: f.headers(.tokenWrite), ["verdict": "personal", "category": "identity"])
            for c in ["commune", "population", "position"] {
                _ = try await client.json("/api/v1/datasets/prive/privacy/\(c)", .put, headers: f.headers(.tokenWrite), ["verdict": "public"])
            }
            let still = try await client.json("/api/v1/datasets/prive/publish", .post, headers: f.headers(.tokenWrite))
            #expect(still.status == .conflict)
            #expect((still.json["reasons"] as? [String])?.contains { $0.contains("anonymisé") } == true)
            // A read-only token may not review.
            let ro = try await client.json("/api/v1/datasets/prive/privacy/nom_du_referent", .put, headers: f.headers(.tokenRead), ["verdict": "public"])
            #expect(ro.status == .forbidden)
            // The anonymisation API drops the column; the derived dataset is publishable once described.
            let anon = try await client.json("/api/v1/datasets/prive/anonymise", .post, headers: f.headers(.tokenWrite),
                                             ["into": "registre-anonyme", "drop": ["nom du référent", "position"], "k": 5, "quasi": ["commune"]])
            #expect(anon.status == .created)
            #expect(anon.json["clears_personal_data"] as? Bool == true, "\(anon.json["checks"] ?? anon.text)")
            let derived = try #require(try await f.store.dataset(slug: "registre-anonyme"))
            try await CatalogActions(store: f.store).update(derived, title: "Registre anonyme", metadata: ServerFixture.publishable, by: .system("test"))
            let ok = try await client.json("/api/v1/datasets/registre-anonyme/publish", .post, headers: f.headers(.tokenWrite))
            #expect(ok.status == .ok)
            let lineage = try await client.json("/api/v1/datasets/registre-anonyme/privacy", headers: f.headers(.tokenWrite))
            #expect((lineage.json["lineage"] as? [String: Any])?["source_dataset"] as? String == "prive")
            let page = try await client.execute(uri: "/datasets/registre-anonyme/privacy", method: .get, headers: f.headers(.steward))
            #expect(page.text.contains("Dérivé de « prive »"))
            let published = try await client.execute(uri: "/api/v1/datasets/registre-anonyme/exports/csv", method: .get)
            #expect(!String(buffer: published.body).contains(Self.marker))
        }
    }

    @Test("a reclassification takes effect on the very next public read (no stale grant)", arguments: Backend.all)
    func noStaleGrant(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let d = try await f.dataset("registre", csv: Self.csv, publish: true)
            let before = try await client.execute(uri: "/api/v1/datasets/registre/records", method: .get)
            #expect(String(buffer: before.body).contains(Self.marker))
            _ = try await PrivacyActions(store: f.store).classify(d, column: "nom_du_referent", as: .personal, category: .identity,
                                                                 by: .system("test"))
            let after = try await client.execute(uri: "/api/v1/datasets/registre/records", method: .get)
            #expect(!String(buffer: after.body).contains(Self.marker))
            try await CatalogActions(store: f.store).unpublish(d, by: .system("test"))
            #expect(try await client.execute(uri: "/api/v1/datasets/registre/records", method: .get).status == .notFound)
        }
    }
}
