import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleActions
import SocleCore
import SocleIngest
import SoclePrivacy
import SocleServer
import SocleStore
import SocleTestSupport
import Testing

/// Datasets of the compatibility tests, made once per server: two published ones in "ville" (one with
/// a point column, one of counts), a published one in "autre", an unpublished one and a published one
/// whose column `eleve` was reclassified personal after publication (hidden from the public).
enum CompatFixture {
    static let equipements = """
    identifiant;nom;categorie;coordonnees;accessible;ouverture;places;surface
    EQ01;Gymnase Bernard;Sport;48.86412,-0.88581;true;1980-06-19;120;1500.5
    EQ02;Médiathèque "Dubois";Culture;48.83044,-0.87069;true;2008-06-19;80;900.25
    EQ03;Stade Robert;Sport;48.86948,-0.83565;false;1988-10-07;2000;12000
    EQ04;École Jules Ferry;Enseignement;48.85,-0.86;true;1995-09-01;300;2400
    EQ05;Piscine d'été;Sport;48.84,-0.85;false;;;
    """
    static let comptages = """
    id_compteur;nom_compteur;date_heure;comptage
    0014762001;Rue de la Gare;2026-01-01T00:00:00Z;6
    0014762002;Route de Caen;2026-01-01T00:00:00Z;69
    0014762001;Rue de la Gare;2026-01-01T01:00:00Z;64
    0014762002;Route de Caen;2026-01-01T01:00:00Z;12
    0014762001;Rue de la Gare;2026-01-02T00:00:00Z;18
    """
    static let agents = "matricule;nom;service\nA1;Martin;Voirie\nA2;Durand;Écoles\n"
    static let inscrits = "ecole;eleve;classe\nJules Ferry;Léa Petit;CP\nJules Ferry;Hugo Roux;CE1\n"
    static let arbres = "espece;hauteur\nChêne;12\nTilleul;8\n"

    /// Declares, loads, reviews (every column public) and optionally publishes a dataset; `personal`
    /// columns are reclassified after publication.
    static func add(_ f: ServerFixture, _ slug: String, _ title: String, _ csv: String, org: Organisation, publish: Bool,
                    metadata: DatasetMetadata = ServerFixture.publishable, personal: [String] = []) async throws {
        let system = Principal.system("test")
        let catalog = CatalogActions(store: f.store)
        let privacy = PrivacyActions(store: f.store)
        _ = try await catalog.declare(slug: slug, title: title, organisation: org, metadata: DatasetMetadata(), by: system)
        let file = try Paths.tempFile("\(slug).csv", Array(csv.utf8))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        _ = try await IngestAction(store: f.store).run(
            IngestRequest(file: file, datasetSlug: slug, options: ReaderOptions(displayName: "\(slug).csv")))
        var d = try #require(try await f.store.dataset(slug: slug))
        try await catalog.update(d, title: title, metadata: metadata, by: system)
        d = try #require(try await f.store.dataset(slug: slug))
        for c in try await privacy.statuses(d)?.columns ?? [] {
            _ = try await privacy.classify(d, column: c.name, as: .public, category: nil, by: system)
        }
        if publish { try await catalog.publish(d, by: system) }
        // A column reclassified after publication is withheld from the public from then on.
        for name in personal {
            _ = try await privacy.classify(d, column: name, as: .personal, category: nil, by: system)
        }
    }

    /// Loads the datasets; tests address them by slug.
    static func load(_ f: ServerFixture) async throws {
        func make(_ slug: String, _ title: String, _ csv: String, org: Organisation, publish: Bool, metadata: DatasetMetadata,
                  personal: [String] = []) async throws {
            try await add(f, slug, title, csv, org: org, publish: publish, metadata: metadata, personal: personal)
        }
        func meta(_ description: String, keywords: [String], themes: [String], licence: Licence) -> DatasetMetadata {
            var m = ServerFixture.publishable
            m.description = description
            m.keywords = keywords
            m.themes = themes
            m.licence = licence
            m.frequency = "ANNUAL"
            return m
        }
        try await make("equipements", "Équipements publics", equipements, org: f.ville, publish: true,
                       metadata: meta("Écoles, gymnases et médiathèques.", keywords: ["équipements", "sport"], themes: ["GOVE", "EDUC"], licence: .etalab2))
        try await make("comptages-velo", "Comptages vélo", comptages, org: f.ville, publish: true,
                       metadata: meta("Passages horaires aux compteurs vélo.", keywords: ["vélo", "mobilité"], themes: ["TRAN"], licence: .odbl))
        try await make("arbres", "Arbres d'alignement", arbres, org: f.autre, publish: true,
                       metadata: meta("Arbres de la commune voisine.", keywords: ["nature"], themes: ["ENVI"], licence: .etalab2))
        try await make("agents", "Agents municipaux", agents, org: f.ville, publish: false,
                       metadata: meta("Liste interne.", keywords: ["rh"], themes: ["GOVE"], licence: .etalab2))
        try await make("inscriptions", "Inscriptions scolaires", inscrits, org: f.ville, publish: true,
                       metadata: meta("Effectifs par école.", keywords: ["écoles"], themes: ["EDUC"], licence: .etalab2),
                       personal: ["eleve"])
    }
}

/// Runs `body` against a server holding the compatibility datasets.
func withCompatServer(_ backend: Backend, _ body: @Sendable (ServerFixture, any TestClientProtocol) async throws -> Void) async throws {
    try await withServer(backend) { f, client in
        try await CompatFixture.load(f)
        try await body(f, client)
    }
}

extension TestClientProtocol {
    /// GET with a query string built from pairs (percent-encoded like a browser).
    func get(_ path: String, _ pairs: [(String, String)] = [], headers: HTTPFields = [:]) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try await execute(uri: query.isEmpty ? path : "\(path)?\(query)", method: .get, headers: headers, body: nil)
    }

    /// A CKAN action called as ckanapi does: POST with a JSON body.
    func ckan(_ action: String, _ body: [String: Any] = [:], headers: HTTPFields = [:]) async throws -> TestResponse {
        try await json("/api/action/\(action)", .post, headers: headers, body)
    }
}

extension TestResponse {
    /// CKAN's `result` (nil when the call failed).
    var result: Any? { json["success"] as? Bool == true ? json["result"] : nil }
    var ckanError: [String: Any]? { json["error"] as? [String: Any] }
    var odsErrorCode: String? { json["error_code"] as? String }
    var jsonArray: [Any]? { try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [Any] }
}
