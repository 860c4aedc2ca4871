import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Real files from the shared corpus (counts from Tests/Fixtures SOURCES: Python csv records).
struct CSVCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var encoding: String
        var delimiter: String
        var columns: Int
        var rows: Int
        var testDescription: String { path }
    }

    static let cases: [Case] = [
        Case(path: "real_csv/ban_bal_validateur/sample.ansi.csv", encoding: "windows-1252", delimiter: ";", columns: 13, rows: 15),
        Case(path: "real_csv/ban_bal_validateur/sample.csv", encoding: "utf-8-bom", delimiter: ";", columns: 13, rows: 15),
        Case(path: "real_csv/ban_bal_validateur/junk.ascii.csv", encoding: "utf-8", delimiter: ",", columns: 2, rows: 6),
        Case(path: "real_csv/ban_bal_validateur/locales.csv", encoding: "utf-8", delimiter: ";", columns: 6, rows: 2),
        Case(path: "real_csv/elections/Presidentielle_2017_Resultats_Tour_1_dpt_extrait.csv", encoding: "utf-8-bom", delimiter: ";", columns: 5, rows: 107),
        Case(path: "real_csv/elections/presidentielle2022_resultats-par-niveau-dpt-t1_extrait.csv", encoding: "utf-8-bom", delimiter: ";", columns: 6, rows: 107),
        Case(path: "real_csv/laposte/laposte_hexasmal.csv", encoding: "utf-8", delimiter: ";", columns: 6, rows: 39192),
        Case(path: "real_csv/insee_cog/commune_2022.csv", encoding: "utf-8", delimiter: ",", columns: 12, rows: 37600),
        Case(path: "real_csv/insee_cog/cog_2026/v_commune_2026.csv", encoding: "utf-8", delimiter: ",", columns: 12, rows: 37496),
        Case(path: "real_csv/mobilite_idf/emplacement-des-gares-idf.csv", encoding: "utf-8", delimiter: ";", columns: 39, rows: 1173),
        Case(path: "real_csv/mobilite_idf/comptage-velo-totaux-2021_derived.csv", encoding: "utf-8", delimiter: ",", columns: 4, rows: 68),
        Case(path: "real_csv/mobilite_idf/comptages-routiers-permanents_cleaned_derived.csv", encoding: "utf-8-bom", delimiter: ",", columns: 4, rows: 493),
        Case(path: "real_csv/mobilite_idf/trafic-annuel-entrant-par-station-du-reseau-ferre-2021.csv", encoding: "utf-8", delimiter: ";", columns: 11, rows: 371),
        Case(path: "real_csv/rne_elus/elus-deputes-dep.csv", encoding: "utf-8", delimiter: ";", columns: 13, rows: 575),
        Case(path: "scdl/irve/v3-draft/exemple-valide-statique.csv", encoding: "utf-8", delimiter: ",", columns: 63, rows: 1),
        Case(path: "scdl/irve/v3-draft/exemple-invalide-statique.csv", encoding: "utf-8", delimiter: ",", columns: 63, rows: 4),
        Case(path: "scdl/comptage-mobilites/measure_exemple-valide-eco-compteur.csv", encoding: "utf-8", delimiter: ",", columns: 5, rows: 3650),
        Case(path: "scdl/lieux-covoiturage/exemple-invalide_v0.1.1.csv", encoding: "utf-8", delimiter: ",", columns: 18, rows: 2),
        Case(path: "scdl/subventions/exemple_valide.csv", encoding: "utf-8", delimiter: ",", columns: 16, rows: 29),
        Case(path: "scdl/stationnement/exemple-valide_legacy-headers.csv", encoding: "utf-8", delimiter: ",", columns: 30, rows: 1),
    ]

    @Test(arguments: cases)
    func readsCorpusFile(_ c: Case) throws {
        let result = try CSVTest.read(Fixtures.url(c.path), batchRows: 997)
        #expect(result.report.encoding == c.encoding)
        #expect(result.report.delimiter == c.delimiter)
        #expect(result.labels.count == c.columns)
        #expect(result.rows.count == c.rows)
        #expect(result.report.warnings.isEmpty, "\(result.report.warnings)")
        #expect(!(result.labels.first ?? "").hasPrefix("\u{FEFF}"))
        // Lines strictly increase and start after the header.
        #expect(result.lines.first.map { $0 >= 2 } ?? true)
        #expect(zip(result.lines, result.lines.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func laposteLatLonInOneColumn() throws {
        let r = try CSVTest.read(Fixtures.url("real_csv/laposte/laposte_hexasmal.csv"))
        #expect(r.labels == ["Code_commune_INSEE", "Nom_commune", "Code_postal", "Ligne_5", "Libellé_d_acheminement", "coordonnees_gps"])
        #expect(r.rows[0] == ["50231", "HAUTEVILLE SUR MER", "50590", nil, "HAUTEVILLE SUR MER", "48.9741132204,-1.54436628419"])
        #expect(r.lines.last == 39193)
    }

    @Test func geoJSONInAQuotedCell() throws {
        let r = try CSVTest.read(Fixtures.url("real_csv/mobilite_idf/emplacement-des-gares-idf.csv"))
        #expect(r.labels.prefix(3) == ["Geo Point", "Geo Shape", "gares_id"])
        #expect(r.rows[0][0] == "48.970665047412545,2.077731765931404")
        #expect(r.rows[0][1] == "{\"coordinates\": [2.077731765931404, 48.970665047412545], \"type\": \"Point\"}")
        #expect(r.rows[0][2] == "6.0")
    }

    @Test func crlfFilesKeepNoCarriageReturn() throws {
        for path in ["real_csv/insee_cog/commune_2022.csv", "scdl/irve/v3-draft/exemple-invalide-statique.csv"] {
            let r = try CSVTest.read(Fixtures.url(path))
            #expect(!r.labels.contains { $0.contains("\r") })
            #expect(!r.rows.contains { $0.contains { $0?.contains("\r") == true } }, "\(path)")
        }
        let cog = try CSVTest.read(Fixtures.url("real_csv/insee_cog/commune_2022.csv"))
        #expect(cog.labels.last == "COMPARENT")
        #expect(cog.rows[0] == ["COM", "01001", "84", "01", "01D", "012", "5", "ABERGEMENT CLEMENCIAT",
                                "Abergement-Clémenciat", "L'Abergement-Clémenciat", "0108", nil])
    }

    @Test func allQuotedFile() throws {
        let r = try CSVTest.read(Fixtures.url("real_csv/insee_cog/cog_2026/v_commune_2026.csv"))
        #expect(r.labels.first == "TYPECOM")
        #expect(r.rows[0] == ["COM", "01001", "84", "01", "01D", "012", "5", "ABERGEMENT CLEMENCIAT",
                              "Abergement-Clémenciat", "L'Abergement-Clémenciat", "0108", nil])
    }

    @Test func jsonArraysInQuotedCells() throws {
        let r = try CSVTest.read(Fixtures.url("scdl/irve/v3-draft/exemple-valide-statique.csv"))
        #expect(r.rows[0].contains("[\"remote\",\"v2g\"]"))
        #expect(r.rows[0][0] == "Société X")
    }

    @Test func noFinalNewline() throws {
        let r = try CSVTest.read(Fixtures.url("scdl/comptage-mobilites/measure_exemple-valide-eco-compteur.csv"))
        #expect(r.rows.last == ["353226397", "CPTTEST2032", "2022-12-31T00:00:00+01:00", "2023-01-01T00:00:00+01:00", "0"])
        #expect(r.lines.last == 3651)
    }

    @Test func bomAndSemicolonElectionFiles() throws {
        let r = try CSVTest.read(Fixtures.url("real_csv/elections/Presidentielle_2017_Resultats_Tour_1_dpt_extrait.csv"))
        #expect(r.labels == ["Code du département", "Libellé du département", "Inscrits", "Abstentions", "% Abs/Ins"])
        #expect(r.rows[0] == ["1", "Ain", "415886", "81507", "19,6"])
    }
}
