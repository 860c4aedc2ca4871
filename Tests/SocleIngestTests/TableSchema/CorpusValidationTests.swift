import Foundation
import SocleCore
import Testing
@testable import SocleIngest

/// A corpus example, its schema, and the errors expected as "row:field:constraint" ("-" for the header).
/// The expectations were cross-checked with frictionless-py 5 (`Detector(schema_sync=True)`, as Validata runs it).
struct CorpusCase: CustomTestStringConvertible, Sendable {
    var data: String
    var schema: String
    var valid: Bool
    /// All errors, in order; when `partial`, only some of them (each must be present).
    var errors: [String]
    var partial = false
    var why: String

    var testDescription: String { "\(data) vs \(schema)" }
}

@Suite struct CorpusValidationTests {
    static let cases: [CorpusCase] = [
        // Valid examples pass their schema.
        CorpusCase(data: "comptage-mobilites/channel_exemple-valide.csv", schema: "comptage-mobilites/schema-channel.json",
                   valid: true, errors: [], why: "multi-value quoted cell E-SCOOTER,PEDESTRIAN matches the list pattern"),
        CorpusCase(data: "comptage-mobilites/channel_exemple-valide-eco-compteur.csv", schema: "comptage-mobilites/schema-channel.json",
                   valid: true, errors: [], why: "Eco-Compteur export with +01:00 offsets"),
        CorpusCase(data: "comptage-mobilites/measure_exemple-valide.csv", schema: "comptage-mobilites/schema-measure.json",
                   valid: true, errors: [], why: "Z datetimes"),
        CorpusCase(data: "comptage-mobilites/measure_exemple-valide-eco-compteur.csv", schema: "comptage-mobilites/schema-measure.json",
                   valid: true, errors: [], why: "3650 daily rows, no final newline"),
        CorpusCase(data: "comptage-mobilites/site_exemple-valide.csv", schema: "comptage-mobilites/schema-site.json",
                   valid: true, errors: [], why: "INSEE pattern, lon/lat bounds, GREENWAY enum"),
        CorpusCase(data: "comptage-mobilites/site_exemple-valide-eco-compteur.csv", schema: "comptage-mobilites/schema-site.json",
                   valid: true, errors: [], why: "quoted names, empty optional cells"),
        CorpusCase(data: "irve/exemple-valide-statique.csv", schema: "irve/schema-statique.json",
                   valid: true, errors: [], why: "geopoint array, email, booleans, %Y-%m-%d dates, anchored alternation pattern"),
        CorpusCase(data: "irve/exemple-valide-dynamique.csv", schema: "irve/schema-dynamique.json",
                   valid: true, errors: [], why: "datetime with +0000 offset"),
        CorpusCase(data: "subventions/exemple_valide.csv", schema: "subventions/schema.json",
                   valid: true, errors: [], why: "SCDL subventions v2.1.1 with oui/non booleans"),
        // Invalid examples fail, located by row, field and constraint.
        CorpusCase(data: "comptage-mobilites/channel_exemple-invalide.csv", schema: "comptage-mobilites/schema-channel.json",
                   valid: false, errors: ["1:started_at:required", "2:started_at:required", "2:channel_id:primaryKey",
                                          "3:mobility_type:pattern", "4:mobility_type:pattern"],
                   why: "duplicate primary key, value outside the list, multi-value cell with a bad item"),
        CorpusCase(data: "stationnement/exemple-invalide.csv", schema: "stationnement/schema.json",
                   valid: false, errors: ["1:id:pattern", "1:tarif_pmr:enum"], why: "id P-001, tarif_pmr=inconnu"),
        CorpusCase(data: "lieux-covoiturage/exemple-invalide_v0.1.1.csv", schema: "lieux-covoiturage/schema.json",
                   valid: false, errors: ["-:id_local:missing-label", "-:id_lieu:extra-label", "2:date_maj:type"],
                   why: "v0.1.1 header (id_lieu, no id_local) and a dd-mm-yyyy date; the swapped lat/lon stay within bounds"),
        CorpusCase(data: "subventions/exemple_invalide_erreurs_cellules.csv", schema: "subventions/schema.json",
                   valid: false, errors: ["1:pourcentageSubvention:maximum", "2:pourcentageSubvention:maximum",
                                          "3:pourcentageSubvention:maximum", "4:dateConvention:type", "4:rnaBeneficiaire:pattern",
                                          "5:montant:type", "5:notificationUE:type", "6:idAttribuant:pattern",
                                          "7:datesPeriodeVersement:pattern", "7:notificationUE:type", "8:pourcentageSubvention:type",
                                          "9:montant:required", "11:rnaBeneficiaire:pattern", "15:nature:enum",
                                          "29:rnaBeneficiaire:pattern"],
                   why: "percentages over 1, French dates and decimal commas, yes/no booleans, short RNA/SIRET"),
        CorpusCase(data: "subventions/exemple_invalide_erreurs_colonnes.csv", schema: "subventions/schema.json",
                   valid: false, errors: ["-:nomBeneficiaire:missing-label", "-:NOM_Beneficiaire:extra-label",
                                          "1:pourcentageSubvention:maximum", "15:nature:enum"], partial: true,
                   why: "renamed column NOM_Beneficiaire; the swapped idAttribuant/nomAttribuant order is accepted"),
        // Version traps: examples written for another version of the schema.
        CorpusCase(data: "stationnement/exemple-valide_legacy-headers.csv", schema: "stationnement/schema.json",
                   valid: false, errors: ["-:id:missing-label", "-:nom:missing-label", "-:type_usagers:missing-label",
                                          "-:num_siret:missing-label", "-:id_park:extra-label", "-:num_SIRET:extra-label",
                                          "1:gratuit:type"], partial: true,
                   why: "old valid example: legacy headers (id_park, num_SIRET…) and gratuit=2016-10-31"),
        CorpusCase(data: "irve/v3-draft/exemple-valide-statique.csv", schema: "irve/schema-statique.json",
                   valid: false, errors: ["-:coordonneesXY:missing-label", "-:puissance_nominale:missing-label",
                                          "-:station_latitude:extra-label", "-:puissance_nominale_kw:extra-label"], partial: true,
                   why: "IRVE v3 draft (63 columns) against the v2.3.0 schema"),
        CorpusCase(data: "irve/v3-draft/exemple-invalide-statique.csv", schema: "irve/schema-statique.json",
                   valid: false, errors: ["-:coordonneesXY:missing-label", "-:date_maj:missing-label"], partial: true,
                   why: "IRVE v3 draft against the v2.3.0 schema: the header mismatch comes first"),
        CorpusCase(data: "subventions/exemple_valide.csv", schema: "subventions/schema_betagouv-draft-40fields.json",
                   valid: false, errors: ["-:idServiceInstructeur:missing-label", "-:descriptionConditionsVersement:missing-label",
                                          "-:dispositifAide:extra-label"],
                   why: "the 40-field draft says version 2.1.1 but is a different schema"),
        // A valid example that genuinely fails the latest schema: schema.data.gouv.fr's lieux-covoiturage
        // schema (version string still 0.3.0, lastModified 2026-02-23) dropped `id_lieu` and made `id_local`
        // required, while the example (etalab/lieux-covoiturage@2e7a2c0) still has id_lieu and an empty id_local.
        CorpusCase(data: "lieux-covoiturage/exemple-valide.csv", schema: "lieux-covoiturage/schema.json",
                   valid: false, errors: ["-:id_lieu:extra-label", "1:id_local:required"],
                   why: "documented drift between the published example and the latest schema"),
    ]

    @Test(arguments: cases)
    func corpusExample(_ c: CorpusCase) throws {
        let schema = try TableSchemaDocument.load(Fixtures.url("scdl/" + c.schema))
        let report = try validate(Fixtures.url("scdl/" + c.data), schema)
        #expect(report.valid == c.valid, "\(c.why)")
        let got = report.errors.map { "\($0.row.map(String.init) ?? "-"):\($0.field ?? "-"):\($0.constraint)" }
        if c.partial {
            for e in c.errors { #expect(got.contains(e), "missing \(e) — \(c.why)") }
        } else {
            #expect(got == c.errors, "\(c.why)")
        }
        for e in report.errors where e.row != nil {
            // Each located error names its row, its file line, its field and shows the value.
            #expect(e.message.hasPrefix("Ligne \(e.row ?? 0) (ligne "))
            if let v = e.value { #expect(e.message.contains(IssueText.display(v))) }
        }
    }

    private func validate(_ url: URL, _ schema: TableSchemaDocument) throws -> ValidationReport {
        try TableSchemaValidator.validate(url: url, options: ReaderOptions(displayName: url.lastPathComponent), schema: schema)
    }

    @Test func largeExampleIsFullyChecked() throws {
        // 3650 rows: every row checked, none reported.
        let schema = try TableSchemaDocument.load(Fixtures.url("scdl/comptage-mobilites/schema-measure.json"))
        let report = try validate(Fixtures.url("scdl/comptage-mobilites/measure_exemple-valide-eco-compteur.csv"), schema)
        #expect(report.rowCount == 3650)
        #expect(report.valid)
    }
}
