import Foundation
import SocleCore
import SocleTestSupport
import Testing

/// Issue 13, item 4, as a user runs it: the bundled SCDL schemas, the suggestion in the load report,
/// validation against a bundled schema by name, and the columns renamed to the schema's names.
@Suite("socle schemas, validate scdl:NAME, dataset apply-schema")
struct SchemaCLITests {
    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test("schemas list and validate --schema scdl:NAME")
    func listAndValidate() throws {
        let list = try CLI.run(["schemas", "list", "--json"], environment: [:])
        #expect(list.status == 0, "\(list.stderr)")
        let names = ((try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.count == 14 && names.contains("subventions") && names.contains("irve-statique"))
        let text = try CLI.run(["schemas", "list"], environment: [:])
        #expect(text.stdout.contains("scdl:subventions") && text.stdout.contains("2.1.1"))

        let valid = try CLI.run(["validate", Paths.fixture("scdl/subventions/exemple_valide.csv").path, "--schema", "scdl:subventions", "--json"],
                                environment: [:])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(Self.json(valid.stdout)["valid"] as? Bool == true)
        let invalid = try CLI.run(["validate", Paths.fixture("scdl/subventions/exemple_invalide_erreurs_colonnes.csv").path,
                                   "--schema", "scdl:subventions", "--json"], environment: [:])
        #expect(invalid.status == 1)
        let errors = (Self.json(invalid.stdout)["errors"] as? [[String: Any]]) ?? []
        #expect(errors.contains { $0["constraint"] as? String == "extra-label" && $0["field"] as? String == "NOM_Beneficiaire" })
        let unknown = try CLI.run(["validate", Paths.fixture("scdl/subventions/exemple_valide.csv").path, "--schema", "scdl:inconnu"],
                                  environment: [:])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("Schéma inconnu") && unknown.stderr.contains("subventions"), "\(unknown.stderr)")
    }

    @Test("IRVE: coordonneesXY loads as a point; the stored rows validate, the point shown as the schema's [lon,lat]",
          arguments: Backend.all)
    func irvePoints(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = Paths.fixture("scdl/irve/exemple-valide-statique.csv").path
        let load = try CLI.run(["ingest", file, "--dataset", "irve", "--json"], environment: t.environment)
        #expect(load.status == 0, "\(load.stderr)")
        let columns = (Self.json(load.stdout)["columns"] as? [[String: Any]]) ?? []
        let xy = try #require(columns.first { $0["label"] as? String == "coordonneesXY" })
        #expect(xy["type"] as? String == "geopoint")
        let check = try CLI.run(["dataset", "validate", "irve", "--schema", "irve-statique", "--json"], environment: t.environment)
        let errors = (Self.json(check.stdout)["errors"] as? [[String: Any]]) ?? []
        #expect(!errors.contains { $0["field"] as? String == "coordonneesXY" }, "\(check.stdout) \(check.stderr)")
        #expect(check.stdout.contains("\"valid\""), "\(check.stdout) \(check.stderr)")
    }

    @Test("the load report names the schema; apply-schema makes a renamed revision; refusals change nothing", arguments: Backend.all)
    func suggestAndApply(backend: Backend) async throws {
        let t = try await TestStore.make(backend)
        defer { Task { await t.close() } }
        let file = Paths.fixture("scdl/subventions/exemple_invalide_erreurs_colonnes.csv").path
        let load = try CLI.run(["ingest", file, "--dataset", "subv", "--json"], environment: t.environment)
        #expect(load.status == 0, "\(load.stderr)")
        let warnings = (Self.json(load.stdout)["warnings"] as? [String]) ?? []
        #expect(warnings.contains { $0.contains("« Subventions » (subventions, version 2.1.1)") && $0.contains("NOM_Beneficiaire → nomBeneficiaire") },
                "\(warnings)")

        let suggested = try CLI.run(["dataset", "schema", "subv", "--json"], environment: t.environment)
        let match = try #require(Self.json(suggested.stdout)["suggestion"] as? [String: Any], "\(suggested.stdout) \(suggested.stderr)")
        #expect(match["schema"] as? String == "subventions")
        #expect(match["missingOptional"] as? [String] == ["dispositifAide"])

        let check = try CLI.run(["dataset", "validate", "subv", "--schema", "subventions", "--json"], environment: t.environment)
        #expect(Self.json(check.stdout)["valid"] as? Bool == false, "\(check.stdout) \(check.stderr)")

        let applied = try CLI.run(["dataset", "apply-schema", "subv", "--json"], environment: t.environment)
        #expect(applied.status == 0, "\(applied.stderr)")
        let outcome = Self.json(applied.stdout)
        #expect(outcome["revision"] as? Int == 2 && outcome["previousRevision"] as? Int == 1)
        let after = try CLI.run(["show", "subv", "--json", "--limit", "1"], environment: t.environment)
        // `show` gives the cleaned names: `nombeneficiaire` now, `nom_beneficiaire` before.
        #expect(after.stdout.contains("\"nombeneficiaire\"") && !after.stdout.contains("nom_beneficiaire"), "\(after.stdout)")
        let before = try CLI.run(["show", "subv", "--revision", "1", "--json", "--limit", "1"], environment: t.environment)
        #expect(before.stdout.contains("nom_beneficiaire"))

        let again = try CLI.run(["dataset", "apply-schema", "subv"], environment: t.environment)
        #expect(again.status != 0)
        #expect(again.stderr.contains("portent déjà les noms du schéma"), "\(again.stderr)")

        let legacy = try CLI.run(["ingest", Paths.fixture("scdl/stationnement/exemple-valide_legacy-headers.csv").path,
                                  "--dataset", "parcs", "--json"], environment: t.environment)
        #expect(legacy.status == 0, "\(legacy.stderr)")
        let renamed = try CLI.run(["dataset", "apply-schema", "parcs"], environment: t.environment)
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stdout.contains("id_park → id") && renamed.stdout.contains("t24h → tarif_24h"), "\(renamed.stdout)")
        // The geopoint Socle derives from Xlong/Ylat is not one of the file's columns: it is neither "outside the
        // schema" nor reloaded as a column of its own (it was, as a second geo_point, before).
        let parcsSchema = try CLI.run(["dataset", "schema", "parcs", "--json"], environment: t.environment)
        let suggestion = parcsSchema.json?["suggestion"] as? [String: Any]
        #expect((suggestion?["extra"] as? [String])?.isEmpty == true, "\(parcsSchema.stdout)")
        let shown = try CLI.run(["show", "parcs", "--json"], environment: t.environment)
        let firstRow = (shown.json?["rows"] as? [[String: Any]])?.first ?? [:]
        #expect(firstRow.keys.filter { $0.hasPrefix("geo_point") }.sorted() == ["geo_point"], "\(firstRow.keys.sorted())")

        let other = try CLI.run(["ingest", Paths.fixture("real_csv/elections/presidentielle2022_resultats-par-niveau-dpt-t1_extrait.csv").path,
                                 "--dataset", "elections", "--json"], environment: t.environment)
        #expect(other.status == 0, "\(other.stderr)")
        let none = try CLI.run(["dataset", "apply-schema", "elections"], environment: t.environment)
        #expect(none.status != 0)
        #expect(none.stderr.contains("n'a pas de schéma suggéré"), "\(none.stderr)")
        let revisions = try CLI.run(["revisions", "elections", "--json"], environment: t.environment)
        #expect(!revisions.stdout.contains("\"number\" : 2"), "\(revisions.stdout)")
    }
}
