import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Null markers and semantic formats (issue 13, items 2 and 3).
@Suite("Null markers and semantic formats")
struct SemanticFormatTests {
    typealias K = InferenceKit

    private func bits(_ s: String) -> UInt64 {
        ByteText.with(s) { v in FormatDetector.detect(v, ValueClass.of(v)) }
    }

    private func column(_ header: String, _ values: [String], markers: [String] = []) throws -> (ColumnSchema, [String]) {
        let text = ([header] + values).joined(separator: "\n")
        let a = try Analyzer.analyze(reader: InferenceFakeReader(csv: text), file: "test.csv", nullMarkers: markers)
        let out = try K.convert(text, analysis: a)
        return (try #require(a.columns.first), K.values(out, 0))
    }

    // MARK: null markers

    @Test("the documented markers match whatever their case, accents and spacing",
          arguments: ["NC", "nc", "N/C", "n.c.", "N.C", "néant", "NEANT", "Néant", "s.o.", "S/O", "so", "-", "--", "—",
                      "ND", "n.d.", "N/D", "non communiqué", "Non Communiqué", "NON COMMUNIQUE", "non  renseigné",
                      "Ne rien indiquer", "sans objet", "#N/A", "NA", "null", "NULL", "NaN", "#DIV/0!", "#VALEUR!",
                      "#NOM?", "non\u{00A0}communiqué", "s.o"])
    func markers(_ spelling: String) {
        #expect(NullTokens.matches(spelling), "\(spelling)")
    }

    @Test("values are not markers", arguments: ["0", "-3", "12", "Nantes", "NCA", "sans", "non", "N/C/D", "2A", "N° 12", "1-1"])
    func notMarkers(_ value: String) {
        #expect(!NullTokens.matches(value), "\(value)")
    }

    @Test("a marker in an amount column is a null with its spelling in the evidence; the column stays a number")
    func amountWithMarkers() throws {
        let (c, values) = try column("montant", ["1 200,50", "NC", "3 400", "néant", "Non communiqué", "75,25"])
        #expect(c.type == .number)
        #expect(c.evidence.nulls == 3)
        #expect(c.evidence.notes.contains(Notice("inference.note.null_tokens",
                                                 ["count": "3", "values": "« NC », « néant », « Non communiqué »"])))
        #expect(values == ["1200.5", "NULL", "3400.0", "NULL", "NULL", "75.25"])
    }

    @Test("a dataset's own markers add to the list, in pass 1 and pass 2, and are kept in the column's format")
    func extraMarkers() throws {
        let (plain, _) = try column("n", ["1", "2", "à venir", "4"])
        #expect(plain.type == .text)
        let (c, values) = try column("n", ["1", "2", "à venir", "4", "A VENIR"], markers: ["à venir"])
        #expect(c.type == .integer)
        #expect(c.evidence.nulls == 2)
        #expect(c.format.nullMarkers == ["à venir"])
        #expect(values == ["1", "2", "NULL", "4", "NULL"])
        #expect(NullTokens.unusable(["ok", "a@b"]) == "a@b")
        #expect(NullTokens.unusable(["NC", "à venir"]) == nil)
    }

    @Test("markers stay as written in a text column")
    func textKeepsMarkers() throws {
        let (c, values) = try column("nom", ["Association A", "NC", "Club B"])
        #expect(c.type == .text)
        #expect(values == ["Association A", "NC", "Club B"])
    }

    // MARK: keys

    @Test("SIREN and SIRET keys (Luhn), and La Poste's SIRET numbered past the key")
    func sirenSiret() {
        #expect(bits("732829320") & FormatDetector.siren != 0)
        #expect(bits("732829321") & FormatDetector.siren == 0)
        #expect(bits("21060004500392") & FormatDetector.siret != 0)
        #expect(bits("21060004500393") & FormatDetector.siret == 0)
        #expect(bits("35600000000001") & FormatDetector.siret != 0, "La Poste: digits add up to a multiple of 5")
        #expect(bits("35600000000002") & FormatDetector.siret == 0)
    }

    @Test("UAI letter, RNA shape, FINESS key, APE code, VAT key")
    func otherKeys() {
        #expect(bits("0750001U") & FormatDetector.uai != 0)
        #expect(bits("0750001A") & FormatDetector.uai == 0)
        #expect(ByteText.with("0691234s") { FormatDetector.isUAI($0) })
        #expect(bits("W333216789") & FormatDetector.rna != 0)
        #expect(bits("W2A1234567") & FormatDetector.rna != 0)
        #expect(bits("X333216789") & FormatDetector.rna == 0)
        #expect(bits("750712184") & FormatDetector.finess != 0)
        #expect(bits("750712185") & FormatDetector.finess == 0)
        #expect(bits("8411Z") & FormatDetector.ape != 0)
        #expect(bits("84.11Z") & FormatDetector.ape != 0)
        #expect(bits("FR96552100554") & FormatDetector.tva != 0)
        #expect(bits("FR97552100554") & FormatDetector.tva == 0)
    }

    @Test("INSEE commune codes and postcodes are checked against the official lists")
    func codeLists() {
        #expect(bits("01001") & FormatDetector.commune != 0)
        #expect(bits("2A004") & FormatDetector.commune != 0)
        #expect(bits("75056") & FormatDetector.commune != 0)
        #expect(bits("00001") & FormatDetector.commune == 0)
        #expect(bits("75001") & FormatDetector.postcode != 0)
        #expect(bits("75001") & FormatDetector.commune == 0)
        #expect(bits("06600") & FormatDetector.postcode != 0)
        #expect(bits("99999") & FormatDetector.postcode == 0)
        #expect(bits("2A") & FormatDetector.departement != 0)
        #expect(bits("974") & FormatDetector.departement != 0)
        #expect(bits("20") & FormatDetector.departement == 0)
        #expect(bits("84") & FormatDetector.region != 0)
        #expect(bits("05") & FormatDetector.region == 0)
    }

    @Test("phones, e-mails, URLs, UUIDs, words")
    func shapes() {
        for p in ["0612345678", "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "+33 (0)1 45 67 89 01", "0033145678901"] {
            #expect(bits(p) & FormatDetector.phone != 0, "\(p)")
        }
        for p in ["0012345678", "06 12 34 56", "1234567890"] { #expect(bits(p) & FormatDetector.phone == 0, "\(p)") }
        #expect(bits("mairie@ville-antibes.fr") & FormatDetector.email != 0)
        #expect(bits("mairie@ville") & FormatDetector.email == 0)
        #expect(bits("a b@c.fr") & FormatDetector.email == 0)
        #expect(bits("https://www.antibes.fr/x?y=1") & FormatDetector.url != 0)
        #expect(bits("www.data.gouv.fr") & FormatDetector.url != 0)
        #expect(bits("http:// x") & FormatDetector.url == 0)
        #expect(bits("123e4567-e89b-12d3-a456-426614174000") & FormatDetector.uuid != 0)
        #expect(bits("Mercredi") & FormatDetector.weekday != 0)
        #expect(bits("Décembre") & FormatDetector.month != 0)
        #expect(bits("féminin") & FormatDetector.sexe != 0)
    }

    // MARK: columns

    @Test("a SIRET column with no leading zero is a code, never an integer")
    func siretIsCode() throws {
        let (c, values) = try column("idBeneficiaire", ["52499120500013", "38033590100027", "NC", "37939422400016"])
        #expect(c.type == .code)
        #expect(c.format.semantic == "siret")
        #expect(c.evidence.notes.contains(Notice("inference.note.identifier_code")))
        #expect(values == ["52499120500013", "38033590100027", "NULL", "37939422400016"])
    }

    @Test("a float-encoded identifier loses its .0, with a notice")
    func floatEncoded() throws {
        // 9 of 10 have a valid key (21860194600000 does not): the column is a SIRET column.
        let ids = ["21060004500392.0", "21860194600000.0", "52499120500013", "38033590100027", "37939422400016",
                   "40772080400019", "40261754200012", "42901366700028", "21060004500392.0", "52499120500013"]
        let (c, values) = try column("idAttribuant", ids)
        #expect(c.type == .code)
        #expect(c.format.semantic == "siret")
        #expect(c.format.dropsDecimalZero == true)
        #expect(c.evidence.notes.contains(Notice("inference.note.float_zero", ["count": "3"])))
        #expect(values == ids.map { $0.replacingOccurrences(of: ".0", with: "") })
    }

    @Test("amounts with a currency become numbers with the unit in the format",
          arguments: [("50 000 euros", 50_000.0), ("97 000€", 97_000), ("97\u{00A0}000\u{00A0}€", 97_000),
                      ("1\u{202F}234,56 €", 1_234.56), ("12 EUR", 12), ("3,5 Euro", 3.5)])
    func amounts(_ value: String, _ expected: Double) throws {
        let (c, values) = try column("montant", [value, "NC", "1 000 €"])
        #expect(c.type == .number)
        #expect(c.format.semantic == "montant")
        #expect(c.format.unit == "EUR")
        #expect(values.first.flatMap(Double.init) == expected)
        #expect(values[1] == "NULL")
    }

    @Test("words ending like a unit are not amounts")
    func notAmounts() {
        #expect(NumberParser.parse("12 eurs", decimalSeparator: ",") == nil)
        #expect(NumberParser.parse("12heure", decimalSeparator: ",") == nil)
        #expect(NumberParser.parse("12 euros", decimalSeparator: ",") == 12)
    }

    @Test("formats that need the column's name: département, région, year")
    func namedFormats() throws {
        #expect(try column("dep", ["01", "13", "2A", "75"]).0.format.semantic == "code_departement")
        #expect(try column("valeur", ["11", "13", "45", "75"]).0.format.semantic == nil)
        #expect(try column("annee", ["2019", "2020", "2021"]).0.format.semantic == "year")
        #expect(try column("annee", ["2019", "2020", "2021"]).0.type == .integer)
        #expect(try column("montant", ["2019", "2020", "2021"]).0.format.semantic == nil)
    }

    @Test("postcode and commune columns; a share under 90 % gives no format")
    func shares() throws {
        let (pc, _) = try column("cp", ["06600", "75001", "13001", "69003"])
        #expect(pc.format.semantic == "code_postal")
        #expect(pc.type == .code)
        let (com, _) = try column("code", ["01001", "75056", "13055", "2A004"])
        #expect(com.format.semantic == "code_commune_insee")
        let mixed = (0 ..< 8).map { _ in "52499120500013" } + ["52499120500014", "52499120500015"]
        #expect(try column("x", mixed).0.format.semantic == nil, "8 of 10 is under the 90 % share")
        let mostly = (0 ..< 9).map { _ in "52499120500013" } + ["52499120500014"]
        #expect(try column("x", mostly).0.format.semantic == "siret", "9 of 10 reaches it")
    }

    @Test("a constant five-digit quantity is not a postcode; the SCDL's xlong/ylat are coordinates (found by bench/types)")
    func benchTypesFindings() throws {
        // A bike counter's time step (seconds in a day) is also Civray's postcode.
        let step = try column("time_step", ["86400", "86400", "86400"]).0
        #expect(step.format.semantic == nil && step.type == .integer)
        // Varied values, or a name that says code, still make a postcode.
        #expect(try column("arrivee", ["75001", "13001", "69003", "33000"]).0.format.semantic == "code_postal")
        #expect(try column("cp", ["86400", "86400"]).0.format.semantic == "code_postal")
        #expect(try column("Xlong", ["-1.23", "2.35"]).0.format.semantic == "longitude_wgs")
        #expect(try column("Ylat", ["47.21", "48.85"]).0.format.semantic == "latitude_wgs")
        // IRVE's coordonneesXY: a [longitude, latitude] array is a point, stored latitude first.
        let (xy, points) = try column("coordonneesXY", ["[7.48710500,48.345345]", "[ -1.55, 47.2184 ]", "NC"])
        #expect(xy.type == .geopoint && xy.format.semantic == "latlon_wgs")
        #expect(points == ["48.345345,7.487105", "47.2184,-1.55", "NULL"])
        // Not a point: out of range, three numbers, text.
        for bad in ["[200,48]", "[1,2,3]", "[\"a\",\"b\"]", "[]"] {
            #expect(try column("xy", [bad, "[2.35,48.85]"]).0.type == .text, "\(bad)")
        }
    }

    @Test("type-derived formats: booleans, dates, percentages, coordinates")
    func typeFormats() throws {
        #expect(try column("ue", ["oui", "non", "Oui"]).0.format.semantic == "booleen")
        #expect(try column("d", ["07/07/2015", "04/10/2013"]).0.format.semantic == "date_fr")
        #expect(try column("d", ["2015-07-07", "2013-10-04"]).0.format.semantic == "date")
        let pct = try column("taux", ["5 %", "10 %", "12,5 %"]).0
        #expect(pct.format.semantic == "pourcentage" && pct.format.unit == "%")
        #expect(try column("latitude", ["43,58", "48,85"]).0.format.semantic == "latitude_wgs")
        #expect(try column("mail", ["a@b.fr", "c@d.org"]).0.format.semantic == "email")
    }

    @Test("names of communes, départements and régions from INSEE's COG; one repeated name is not enough unnamed")
    func placeNames() throws {
        #expect(try column("NCC", ["ABERGEMENT CLEMENCIAT", "PARIS", "SAINT ETIENNE", "Œuilly", "Bœurs-en-Othe"]).0.format.semantic == "commune")
        #expect(try column("LIBELLE", ["L'Abergement-Clémenciat", "St-Étienne", "Ste-Foy-lès-Lyon", "Nantes"]).0.format.semantic == "commune")
        #expect(try column("Libellé du département", ["Ain", "Aisne", "Corse-du-Sud", "Réunion", "La Réunion"]).0.format.semantic == "departement")
        #expect(try column("nom", ["Bretagne", "Île-de-France", "GRAND EST", "Provence-Alpes-Côte d'Azur"]).0.format.semantic == "region")
        // The operator Orange, repeated, is no commune column; under a name that says "commune", one name is enough.
        #expect(try column("operateur", ["Orange", "Orange", "Orange"]).0.format.semantic == nil)
        #expect(try column("ville", ["Paris", "Paris"]).0.format.semantic == "commune")
        // First names and words are not communes.
        #expect(try column("prenom", ["Marie", "Jean", "Pierre", "Sophie"]).0.format.semantic == nil)
    }

    @Test("postal addresses and street names are adresse; parks and buildings named alone are not")
    func addresses() throws {
        let a = try column("ad_lieu", ["12 rue de la Paix", "3 bis, avenue Foch", "Place du Marché", "8 av. Jean Jaurès 44000 Nantes",
                                       "Grande Rue", "15 résidence des Pins"]).0
        #expect(a.format.semantic == "adresse" && a.type == .text)
        #expect(try column("nom", ["Parc des sports", "Résidence du Lac", "Zone artisanale"]).0.format.semantic == nil)
        #expect(try column("x", ["Rue", "12 rue", "Avenue"]).0.format.semantic == nil)
    }

    @Test("countries: ISO codes under a name that says country, French names; RFC 822 date-times")
    func countries() throws {
        #expect(try column("code_pays", ["FR", "DE", "it", "ES"]).0.format.semantic == "iso_country_code_alpha2")
        #expect(try column("pays_iso3", ["FRA", "DEU", "ITA"]).0.format.semantic == "iso_country_code_alpha3")
        #expect(try column("code pays", ["250", "276", "004"]).0.format.semantic == "iso_country_code_numeric")
        // Direction codes and counts are not countries without a name that says so.
        #expect(try column("provider_direction_code", ["IN", "OUT", "IN"]).0.format.semantic == nil)
        #expect(try column("nb", ["250", "276", "380"]).0.format.semantic == nil)
        #expect(try column("destination", ["Allemagne", "ÉTATS-UNIS", "Côte d'Ivoire", "République française"]).0.format.semantic == "pays")
        #expect(try column("pays", ["France", "France"]).0.format.semantic == "pays")
        let rfc = try column("pubDate", ["Sun, 06 Nov 1994 08:49:37 GMT", "Mon, 24 Feb 2010 23:00:37 +1000"]).0
        #expect(rfc.format.semantic == "datetime_rfc822")
        #expect(try column("rnb_id", ["FT4RKBXBVH9S", "NHDE2W8HE3X3"]).0.format.semantic == "id_rnb")
        #expect(try column("rnb_id", ["FT4RKBXBVH90", "NHDE2W8HE3X3"]).0.format.semantic == nil, "no 0 in an RNB id")
        #expect(try column("rnb_id", ["NIDE2W8HE3X3", "FT4RKBXBVH9S"]).0.format.semantic == nil)
        for bad in ["Sun, 06 Nov 1994 25:49:37 GMT", "Lun, 06 Nov 1994 08:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT"] {
            #expect(!ByteText.with(bad) { FormatDetector.isRFC822($0) }, "\(bad)")
        }
    }

    @Test("socio-professional categories (codes and labels), cantons, FANTOIR and Import codes")
    func inseeReferences() throws {
        #expect(try column("code_csp", ["372a", "621C", "7100", "231a"]).0.format.semantic == "code_csp_insee")
        #expect(try column("x", ["372a", "621C", "7100"]).0.format.semantic == nil, "a PCS code needs a name")
        #expect(try column("csp", ["Employés de la poste", "Agriculteurs exploitants", "Professions intermédiaires"])
            .0.format.semantic == "csp_insee")
        #expect(try column("canton", ["Bourg-en-Bresse-1", "Ceyzériat", "Belley"]).0.format.semantic == "insee_canton")
        #expect(try column("code_fantoir", ["7755A", "B150B", "ZA04C"]).0.format.semantic == "code_fantoir")
        #expect(try column("code_import", ["123S1871092288", "751P00188854"]).0.format.semantic == "code_import")
        // An APE code still reads as APE even where its first four characters are a FANTOIR prefix.
        #expect(try column("ape", ["8411Z", "8411Z", "4711D"]).0.format.semantic == "insee_ape700")
    }

    @Test("sex codes written as capitals (M, F) are found under a name that says sex")
    func sexCapitals() throws {
        #expect(try column("Code sexe", ["M", "F", "F", "M"]).0.format.semantic == "sexe")
        #expect(try column("Sexe", ["MASCULIN", "FEMININ"]).0.format.semantic == "sexe")
        #expect(try column("classe", ["M", "F", "F", "M"]).0.format.semantic == nil)
    }

    @Test("a format found on the whole file, even when its first rows differ (a sorted file whose first codes lost a zero)")
    func wholeFile() throws {
        let text = (0..<6_000).map { "texte \($0)" } + (0..<100_000).map { "x\($0)@exemple.fr" }
        let c = try column("c", text).0
        #expect(c.format.semantic == "email")
        #expect(c.evidence.notes.contains { $0.code == "inference.note.format" && $0.args["count"] == "100000" })
    }

    @Test("every format has a French and an English name")
    func labels() {
        for f in SemanticFormat.allCases {
            #expect(f.label(.french) != f.labelKey, "\(f)")
            #expect(f.label(.english) != f.labelKey, "\(f)")
        }
    }
}
