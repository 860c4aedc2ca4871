import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SocleCore
import SocleServer
import SocleTestSupport
import Testing

/// Issue 13, item 4 through the API and the dataset page, on both backends: the bundled schemas, a
/// dataset's suggestion, validation of its current revision, and its columns renamed in a new revision.
@Suite("schema suggestion: API and page")
struct SchemaAPITests {
    static func fixture(_ path: String) throws -> String {
        try String(contentsOf: Paths.fixture(path), encoding: .utf8)
    }

    @Test("list, suggestion, validate, apply-schema and refusals", arguments: Backend.all)
    func api(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            let write = f.headers(.tokenWrite)
            let list = try await client.json("/api/v1/schemas")
            #expect(list.status == .ok)
            let names = ((list.json["schemas"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
            #expect(names.count == 14 && names.contains("subventions"))

            try await f.dataset("subv", csv: try Self.fixture("scdl/subventions/exemple_invalide_erreurs_colonnes.csv"))
            let anonymous = try await client.json("/api/v1/datasets/subv/schema")
            #expect(anonymous.status == .unauthorized, "signed-in members only (schemathesis: a request without credentials must get 401)")
            let s = try await client.json("/api/v1/datasets/subv/schema", headers: write)
            #expect(s.status == .ok)
            let match = try #require(s.json["suggestion"] as? [String: Any], "\(s.json)")
            #expect(match["schema"] as? String == "subventions" && match["version"] as? String == "2.1.1")
            #expect((match["renamed"] as? [[String: Any]])?.first?["column"] as? String == "NOM_Beneficiaire")
            #expect(match["missing_optional"] as? [String] == ["dispositifAide"])

            let v = try await client.json("/api/v1/datasets/subv/validate?schema=subventions", .post, headers: write)
            #expect(v.status == .ok)
            #expect(v.json["valid"] as? Bool == false)
            let errors = (v.json["errors"] as? [[String: Any]]) ?? []
            #expect(errors.contains { $0["constraint"] as? String == "extra-label" }, "\(errors)")
            let unknown = try await client.json("/api/v1/datasets/subv/validate?schema=inconnu", .post, headers: write)
            #expect(unknown.status == .badRequest)

            let read = try await client.json("/api/v1/datasets/subv/apply-schema", .post, headers: f.headers(.tokenRead))
            #expect(read.status == .forbidden)
            let a = try await client.json("/api/v1/datasets/subv/apply-schema", .post, headers: write)
            #expect(a.status == .created, "\(a.json)")
            #expect(a.json["revision"] as? Int == 2 && a.json["previous_revision"] as? Int == 1)
            let revs = try await f.store.revisions(datasetId: try #require(try await f.store.dataset(slug: "subv")).id)
            #expect(revs.count == 2)
            #expect(revs.last?.columns.map(\.label).contains("nomBeneficiaire") == true)
            #expect(revs.first?.columns.map(\.label).contains("NOM_Beneficiaire") == true)
            #expect(revs.first?.columns.map(\.type) == revs.last?.columns.map(\.type))
            #expect(revs.last?.rowCount == revs.first?.rowCount)
            let audit = try await client.json("/api/v1/audit?limit=50", headers: f.headers(.admin))
            #expect("\(audit.json)".contains("dataset.apply_schema"))

            let again = try await client.json("/api/v1/datasets/subv/apply-schema", .post, headers: write)
            #expect(again.status == .conflict && again.errorCode == "schema.apply.nothing")

            try await f.dataset("communes", csv: ServerFixture.csv)
            let none = try await client.json("/api/v1/datasets/communes/apply-schema", .post, headers: write)
            #expect(none.status == .conflict)
            #expect(none.errorCode == "schema.apply.no_suggestion")
            #expect(none.errorMessage?.contains("pas de schéma suggéré") == true, "\(none.json)")
            #expect(try await f.store.dataset(slug: "communes")?.currentRevision == 1)
        }
    }

    @Test("the dataset page shows « Schéma suggéré », validates on request and applies the names", arguments: Backend.all)
    func page(_ backend: Backend) async throws {
        try await withServer(backend) { f, client in
            try await f.dataset("parcs", csv: try Self.fixture("scdl/stationnement/exemple-valide_legacy-headers.csv"))
            let steward = f.headers(.steward)
            let page = try await client.execute(uri: "/datasets/parcs", method: .get, headers: steward)
            let html = String(buffer: page.body)
            #expect(html.contains("Schéma suggéré") && html.contains("Lieux de stationnement"))
            #expect(html.contains("« id_park », ancien nom de « id »"))
            #expect(html.contains("Valider contre ce schéma") && html.contains("Appliquer les noms du schéma"))
            let checked = try await client.execute(uri: "/datasets/parcs?valider-schema=1", method: .get, headers: steward)
            let report = String(buffer: checked.body)
            #expect(report.contains("lignes vérifiées"), "\(report.suffix(3000))")
            let anonymous = try await client.execute(uri: "/datasets/parcs", method: .get, headers: f.headers(.anonymous))
            #expect(!String(buffer: anonymous.body).contains("Schéma suggéré"))

            let post = try await client.form("/datasets/parcs/apply-schema", headers: steward, [("_csrf", f.csrf(.steward))])
            #expect(post.status == .seeOther || post.status == .found, "\(post.status)")
            #expect(try await f.store.dataset(slug: "parcs")?.currentRevision == 2)
        }
    }
}
