import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// End to end on real files of the corpus: CSV reader, pass 1 and pass 2.
@Suite("Inference on corpus files")
struct InferenceCorpusTests {
    struct Loaded {
        var analysis: IngestAnalysis
        var batches: [ColumnBatch]
        func column(_ label: String) -> ColumnSchema? { analysis.columns.first { $0.label == label } }
        func index(_ label: String) -> Int? { analysis.columns.firstIndex { $0.label == label } }
        func values(_ label: String) -> [String] { index(label).map { InferenceKit.values(batches, $0) } ?? [] }
    }

    static func load(_ path: String) throws -> Loaded {
        let url = Fixtures.url(path)
        let options = ReaderOptions(displayName: (path as NSString).lastPathComponent)
        var passes: [Int] = []
        let a = try Analyzer.analyze(url: url, options: options) { passes.append($0.pass) }
        var source = try ConvertingSource(url: url, options: options, analysis: a) { passes.append($0.pass) }
        var batches: [ColumnBatch] = []
        while let b = try source.next() { batches.append(b) }
        #expect(batches.reduce(0) { $0 + $1.rowCount } == a.rowCount)
        #expect(passes.contains(1) && passes.contains(2))
        let width = TableLayout(schema: a.columns).columns.count
        #expect(batches.allSatisfy { $0.columns.count == width })
        return Loaded(analysis: a, batches: batches)
    }

    @Test("La Poste: INSEE codes and postcodes are codes, coordinates a geopoint")
    func laposte() throws {
        let f = try Self.load("real_csv/laposte/laposte_hexasmal.csv")
        #expect(f.analysis.rowCount == 39192)
        #expect(f.column("Code_commune_INSEE")?.type == .code)
        #expect(f.column("Code_postal")?.type == .code)
        #expect(f.column("Nom_commune")?.type == .text)
        #expect(f.column("Nom_commune")?.evidence.counterExamples == [])
        let gps = try #require(f.column("coordonnees_gps"))
        #expect(gps.type == .geopoint && gps.evidence.nulls == 270)
        #expect(f.analysis.columns.map(\.name) == ["code_commune_insee", "nom_commune", "code_postal", "ligne_5",
                                                   "libelle_d_acheminement", "coordonnees_gps"])
        let insee = f.values("Code_commune_INSEE")
        #expect(insee.first == "50231")
        #expect(insee.contains("01009") && insee.contains { $0.hasPrefix("2A") })
        #expect(f.values("coordonnees_gps").first == "48.9741132204,-1.54436628419")
        #expect(InferenceKit.values(f.batches, 6).first == "-1.54436628419")  // _geo_lon
        #expect(InferenceKit.values(f.batches, 7).first == "48.9741132204")   // _geo_lat
        #expect(f.analysis.warnings.isEmpty)
    }

    @Test("Elections 2022: département codes, decimal commas")
    func elections2022() throws {
        let f = try Self.load("real_csv/elections/presidentielle2022_resultats-par-niveau-dpt-t1_extrait.csv")
        #expect(f.column("Code du département")?.type == .code)
        #expect(f.values("Code du département").prefix(3) == ["01", "02", "03"])
        let abs = try #require(f.column("% Abs/Ins"))
        #expect(abs.type == .number && abs.format.decimalSeparator == ",")
        #expect(f.values("% Abs/Ins").prefix(3) == ["22.26", "27.06", "23.4"])
        #expect(f.column("Inscrits")?.type == .integer)
        #expect(f.values("Inscrits").first == "438109")
        #expect(f.analysis.warnings.isEmpty)
    }

    @Test("Elections 2017: codes without their leading zero are warned about")
    func elections2017() throws {
        let f = try Self.load("real_csv/elections/Presidentielle_2017_Resultats_Tour_1_dpt_extrait.csv")
        #expect(f.column("Code du département")?.type == .code)
        #expect(f.values("Code du département").prefix(2) == ["1", "2"])
        #expect(f.analysis.warnings.contains { $0.code == "inference.warning.zeros_stripped" && $0.args["column"] == "Code du département" })
        #expect(f.values("% Abs/Ins").first == "19.6")
    }

    @Test("RNE: dd/mm/yyyy dates, no false leading-zero warning")
    func elus() throws {
        let f = try Self.load("real_csv/rne_elus/elus-deputes-dep.csv")
        let birth = try #require(f.column("Date de naissance"))
        #expect(birth.type == .date && birth.format.dayFirst == true)
        #expect(f.values("Date de naissance").prefix(3) == ["1962-11-25", "1980-05-05", "1981-10-17"])
        #expect(f.values("Date de début du mandat").prefix(3) == ["2024-07-08", "2024-07-08", "2025-01-24"])
        #expect(f.column("Code de la circonscription législative")?.type == .code)
        #expect(f.values("Code de la circonscription législative").first == "0101")
        #expect(f.column("Code sexe")?.type == .text)
        #expect(f.analysis.warnings.isEmpty)
    }

    @Test("Comptage mobilités: datetimes with offsets in UTC")
    func measures() throws {
        let f = try Self.load("scdl/comptage-mobilites/measure_exemple-valide-eco-compteur.csv")
        #expect(f.analysis.rowCount == 3650)
        #expect(f.column("start_datetime")?.type == .datetime)
        #expect(f.values("start_datetime").first == "2021-12-31T23:00:00Z")
        #expect(f.values("end_datetime").first == "2022-01-01T23:00:00Z")
        #expect(f.column("count")?.type == .integer)
        #expect(f.column("channel_id")?.type == .code)
        #expect(f.column("counter_id")?.type == .text)
    }

    @Test("COG 2021 after Excel: codes kept as found, stripped zeros warned about")
    func excelMangled() throws {
        let f = try Self.load("real_csv/insee_cog/commune2021_excel-mangled.csv")
        #expect(f.column("COM")?.type == .code)
        #expect(f.values("COM").first == "1001")
        for label in ["COM", "DEP", "ARR", "CAN"] {
            #expect(f.analysis.warnings.contains { $0.code == "inference.warning.zeros_stripped" && $0.args["column"] == label }, "\(label)")
        }
    }

    @Test("COG 2022: codes with their zeros, no warning")
    func cog2022() throws {
        let f = try Self.load("real_csv/insee_cog/commune_2022.csv")
        #expect(["COM", "REG", "DEP", "ARR", "CAN", "COMPARENT"].allSatisfy { f.column($0)?.type == .code })
        #expect(f.column("TNCC")?.type == .integer)
        #expect(f.values("COM").first == "01001")
        #expect(f.analysis.warnings.isEmpty)
    }

    @Test("BAN sample: a long/lat column pair builds a geopoint")
    func banPair() throws {
        let f = try Self.load("real_csv/ban_bal_validateur/sample.csv")
        let point = try #require(f.analysis.columns.last)
        #expect(point.type == .geopoint && point.name == "geo_point" && point.label == "")
        #expect(point.format.latitudeColumn == "lat" && point.format.longitudeColumn == "long")
        #expect(f.values("lat").first == "48.55045")
        let layout = TableLayout(schema: f.analysis.columns)
        #expect(layout.geoSourceIndex == f.analysis.columns.count - 1)
        #expect(InferenceKit.values(f.batches, f.analysis.columns.count - 1).first == "48.55045,7.737072")
        #expect(InferenceKit.values(f.batches, f.analysis.columns.count).first == "7.737072")  // _geo_lon
        #expect(f.column("date_der_maj")?.type == .date)
        #expect(f.values("date_der_maj").first == "2013-01-26")
    }

    @Test("Opendatasoft export: Geo Point cell and Geo Shape GeoJSON cell")
    func gares() throws {
        let f = try Self.load("real_csv/mobilite_idf/emplacement-des-gares-idf.csv")
        #expect(f.column("Geo Point")?.type == .geopoint)
        #expect(f.column("Geo Shape")?.type == .geometry)
        #expect(f.values("Geo Point").first == "48.970665047412545,2.077731765931404")
        #expect(f.values("Geo Shape").first?.hasPrefix("{\"coordinates\": [2.077731765931404") == true)
        let lonIndex = f.analysis.columns.count  // _geo_lon, fed by the first geographic column
        #expect(InferenceKit.values(f.batches, lonIndex).first == "2.077731765931404")
        #expect(f.column("x")?.type == .number && f.column("gares_id")?.type == .number)
        #expect(f.analysis.columns.count == 39)
    }

    @Test("IRVE: coordonneesXY written [lon,lat] is a geopoint stored lat,lon, with a note on the order")
    func irveCoordinates() throws {
        let f = try Self.load("scdl/irve/exemple-valide-statique.csv")
        let xy = try #require(f.column("coordonneesXY"))
        #expect(xy.type == .geopoint && xy.format.semantic == "latlon_wgs")
        #expect(xy.evidence.notes.contains { $0.code == "inference.note.point_array" && $0.args["count"] == "2" })
        #expect(f.values("coordonneesXY") == ["48.345345,7.487105", "48.345345,7.487105"])
        let lon = try #require(TableLayout(schema: f.analysis.columns).columns.firstIndex { $0.name == TableLayout.helperLon })
        #expect(InferenceKit.values(f.batches, lon).first == "7.487105")
    }

    @Test("COG, La Poste, BAL and the deputies' register: place names, addresses and sex codes on real files",
          arguments: [
              ("real_csv/insee_cog/cog_2026/v_commune_2026.csv", "LIBELLE", "commune"),
              ("real_csv/insee_cog/cog_2026/v_commune_2026.csv", "NCC", "commune"),
              ("real_csv/insee_cog/commune2021_excel-mangled.csv", "NCCENR", "commune"),
              ("real_csv/laposte/laposte_hexasmal.csv", "Nom_commune", "commune"),
              ("real_csv/insee_cog/cog_2026/v_departement_2026.csv", "LIBELLE", "departement"),
              ("real_csv/insee_cog/cog_2026/v_region_2026.csv", "NCCENR", "region"),
              ("real_csv/ban_bal_validateur/sample.csv", "voie_nom", "adresse"),
              ("real_csv/ban_bal_validateur/sample.csv", "commune_nom", "commune"),
              ("real_csv/rne_elus/elus-deputes-dep.csv", "Code sexe", "sexe"),
              ("real_csv/rne_elus/elus-deputes-dep.csv", "Libellé du département", "departement"),
          ])
    func placesOnRealFiles(_ path: String, _ label: String, _ format: String) throws {
        let f = try Self.load(path)
        let c = try #require(f.column(label))
        #expect(c.format.semantic == format, "\(path) \(label): \(c.format.semantic ?? "nil")")
    }
}
