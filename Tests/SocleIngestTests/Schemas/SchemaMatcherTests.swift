import Foundation
import SocleCore
import Testing
@testable import SocleIngest

/// The header labels of a fixture, as a load reads them.
private func labels(_ path: String) throws -> [String] {
    let url = Fixtures.url(path)
    let reader = try ReaderFactory.open(url, options: ReaderOptions(displayName: url.lastPathComponent, onRagged: .skip))
    _ = try reader.nextBatch(maxRows: 1)
    return reader.labels
}

@Suite struct SchemaMatcherTests {
    @Test func bundledSchemasAreTheFourteenTableSchemas() {
        let names = BundledSchemas.all.map(\.name)
        #expect(names.count == 14)
        #expect(names.contains("subventions") && names.contains("irve-statique") && names.contains("comptage-mobilites-site"))
        #expect(!names.contains { $0.contains("decp") })
        #expect(BundledSchemas.named("subventions")?.version == "2.1.1")
        #expect(BundledSchemas.named("irve-statique")?.version == "2.3.0")
        #expect(BundledSchemas.named("stationnement")?.aliases.contains { $0.old == "id_park" && $0.field == "id" } == true)
    }

    @Test func validSubventionsFileIsSubventionsWithEveryField() throws {
        let m = try #require(SchemaMatcher.suggest(labels: try labels("scdl/subventions/exemple_valide.csv")))
        #expect(m.schema == "subventions")
        #expect(m.found.count == 16 && m.renamed.isEmpty && m.missingRequired.isEmpty && m.missingOptional.isEmpty)
        #expect(m.requiredRatio == 1 && m.explainedRatio == 1 && m.extra.isEmpty)
    }

    @Test func columnErrorsFileIsSubventionsWithItsRenameAndMissingField() throws {
        let m = try #require(SchemaMatcher.suggest(labels: try labels("scdl/subventions/exemple_invalide_erreurs_colonnes.csv")))
        #expect(m.schema == "subventions")
        #expect(m.renamed == [.init(column: "NOM_Beneficiaire", field: "nomBeneficiaire", how: "fold")])
        #expect(m.missingOptional == ["dispositifAide"] && m.missingRequired.isEmpty)
        #expect(m.matchedCount == 15 && m.extra.isEmpty)
    }

    @Test func legacyStationnementHeadersMapToTheCurrentNames() throws {
        let m = try #require(SchemaMatcher.suggest(labels: try labels("scdl/stationnement/exemple-valide_legacy-headers.csv")))
        #expect(m.schema == "stationnement")
        #expect(m.missingRequired.isEmpty && m.extra.isEmpty && m.matchedCount == 30)
        let map = m.mapping
        #expect(map["id_park"] == "id" && map["t24h"] == "tarif_24h" && map["ab_nr"] == "abo_non_resident")
        #expect(m.renamed.first { $0.column == "id_park" }?.how == "alias")
        #expect(m.renamed.first { $0.column == "num_SIRET" }?.how == "fold")
    }

    @Test(arguments: [
        ("scdl/lieux-covoiturage/exemple-valide.csv", "lieux-covoiturage"),
        ("scdl/lieux-covoiturage/exemple-invalide_v0.1.1.csv", "lieux-covoiturage"),
        ("scdl/irve/exemple-valide-statique.csv", "irve-statique"),
        ("scdl/irve/exemple-valide-dynamique.csv", "irve-dynamique"),
        ("scdl/stationnement/exemple-invalide.csv", "stationnement"),
        ("scdl/comptage-mobilites/site_exemple-valide.csv", "comptage-mobilites-site"),
        ("scdl/comptage-mobilites/channel_exemple-valide.csv", "comptage-mobilites-channel"),
        ("scdl/comptage-mobilites/measure_exemple-valide.csv", "comptage-mobilites-measure"),
    ])
    func examplesSuggestTheirSchema(path: String, schema: String) throws {
        #expect(SchemaMatcher.suggest(labels: try labels(path))?.schema == schema)
    }

    @Test(arguments: [
        "real_csv/laposte/laposte_hexasmal.csv",
        "real_csv/elections/presidentielle2022_resultats-par-niveau-dpt-t1_extrait.csv",
        "real_csv/insee_cog/commune_2022.csv",
        "scdl/decp/exemple-valide_decp-table-schema-utils.csv",
    ])
    func unrelatedFilesGetNoSuggestion(path: String) throws {
        #expect(SchemaMatcher.suggest(labels: try labels(path)) == nil)
    }

    @Test func twoColumnsForOneFieldAreAmbiguous() throws {
        let subventions = try #require(BundledSchemas.named("subventions"))
        let m = SchemaMatcher.match(labels: ["nomAttribuant", "idAttribuant", "montant", "Montant", "objet", "nature"], schema: subventions)
        #expect(m.ambiguous == [.init(field: "montant", columns: ["montant", "Montant"])])
        #expect(m.found.contains("montant") && m.extra == ["Montant"])
    }

    @Test func aFewCommonNamesAreNotASchema() {
        #expect(SchemaMatcher.suggest(labels: ["id", "nom", "insee", "commentaire", "valeur", "date"]) == nil)
    }

    @Test func noticeNamesTheSchemaVersionAndCounts() throws {
        IngestError.registerCatalog()
        let m = try #require(SchemaMatcher.suggest(labels: try labels("scdl/subventions/exemple_invalide_erreurs_colonnes.csv")))
        let fr = m.notice.message(.french)
        #expect(fr.contains("« Subventions » (subventions, version 2.1.1)"))
        #expect(fr.contains("15 champs sur 16") && fr.contains("NOM_Beneficiaire → nomBeneficiaire"))
        #expect(m.notice.message(.english).contains("15 of 16 fields found"))
    }

    @Test func matchingEveryBundledSchemaIsFast() throws {
        let wide = (0..<300).map { "colonne numero \($0)" } + (try labels("scdl/irve/exemple-valide-statique.csv"))
        let start = Date()
        for _ in 0..<20 { _ = SchemaMatcher.rank(labels: wide) }
        #expect(Date().timeIntervalSince(start) / 20 < 0.05)
    }

    @Test func scdlReferenceResolvesToTheBundledSchema() throws {
        #expect(try BundledSchemas.resolve("scdl:prenoms").fieldNames.contains("ENFANT_PRENOM"))
        #expect(throws: SocleError.self) { try BundledSchemas.resolve("scdl:inconnu") }
    }
}
