import Foundation
import SocleCore
@testable import SocleIngest
import Testing

/// Header rows found under title blocks and merged group headers, two-level headers, footers and
/// repeated headers, on faithful fixtures (Tests/Fixtures/headers/README.md) and small texts.
@Suite("Header detection")
struct HeaderDetectionTests {
    static let spreadsheetLabels = ["Nom de l'attribuant", "SIRET de l'attribuant", "Nom du bénéficiaire", "SIRET du bénéficiaire",
                                    "N° RNA du bénéficiaire", "Date de la convention", "Objet", "Montant (€)"]

    static func open(_ name: String, sheet: String? = nil, headerRow: Int? = nil) throws -> ReaderDump {
        let url = Fixtures.url("headers/" + name)
        let reader = try ReaderFactory.open(url, options: ReaderOptions(displayName: name, sheet: sheet, headerRow: headerRow))
        return try ReaderDump.read(reader, batchRows: 7)
    }

    static func text(_ name: String, _ text: String, headerRow: Int? = nil) throws -> ReaderDump {
        let url = try Fixtures.temp(name, text)
        return try ReaderDump.read(ReaderFactory.open(url, options: ReaderOptions(displayName: name, headerRow: headerRow)), batchRows: 2)
    }

    static func codes(_ d: ReaderDump) -> [String] { d.report.warnings.map(\.code) }

    @Test("a title block and merged group headers are skipped", arguments: ["subventions_antibes.xlsx", "subventions_antibes.ods"])
    func titleBlock(file: String) throws {
        let d = try Self.open(file)
        #expect(d.labels == Self.spreadsheetLabels)
        #expect(d.rows.count == 29)
        #expect(d.lines.first == 6)
        #expect(d.value(0, "Nom du bénéficiaire") == "CEA DU PERSONNEL DE LA VILLE D'ANTIBES JUAN-LES-PINS")
        let chosen = try #require(d.report.warnings.first { $0.code == "header.detected" })
        #expect(chosen.args["row"] == "5")
        #expect(chosen.args["skipped"] == "1, 2, 4")
        #expect(chosen.message(.french).contains("En-tête lue à la ligne 5"))
        let footer = try #require(d.report.warnings.first { $0.code == "footer.dropped" })
        #expect(footer.args["count"] == "2")
        #expect(footer.args["line"] == "36")
        #expect(footer.args["first"] == "TOTAL GÉNÉRAL")
    }

    @Test("a two-level header joins its group labels", arguments: ["subventions_antibes.xlsx", "subventions_antibes.ods"])
    func twoLevels(file: String) throws {
        let d = try Self.open(file, sheet: "Par année")
        #expect(d.labels == ["Année de la convention", "Aide en numéraire - Nombre", "Aide en numéraire - Montant",
                             "Aide en numéraire et en nature - Nombre", "Aide en numéraire et en nature - Montant"])
        #expect(d.rows.first?.first == "2011")
        let notice = try #require(d.report.warnings.first { $0.code == "header.two_level" })
        #expect(notice.args["upper"] == "3" && notice.args["row"] == "4")
    }

    @Test("a report pasted twice loads once, without its repeated header, titles and totals",
          arguments: ["subventions_antibes.xlsx", "subventions_antibes.ods"])
    func pastedTwice(file: String) throws {
        let d = try Self.open(file, sheet: "Rapport collé")
        #expect(d.labels == ["Bénéficiaire", "SIRET", "Date de la convention", "Montant"])
        #expect(d.rows.count == 20)
        #expect(!d.rows.contains { $0[0] == "Bénéficiaire" || $0[0] == "Total" || $0[0]?.hasPrefix("Subventions") == true })
        let repeats = try #require(d.report.warnings.first { $0.code == "header.repeats_dropped" })
        #expect(repeats.args["count"] == "1")
        #expect(repeats.args["extra"] == "2")
        #expect(d.report.warnings.first { $0.code == "footer.dropped" }?.args["count"] == "1")
    }

    @Test("--header-row overrides the detection", arguments: ["subventions_antibes.xlsx", "subventions_antibes.ods"])
    func forced(file: String) throws {
        let d = try Self.open(file, headerRow: 4)
        #expect(d.labels.first == "Informations relatives à l'attribuant")
        #expect(d.rows.first?.first == "Nom de l'attribuant")
        #expect(d.report.warnings.first { $0.code == "header.forced" }?.args == ["row": "4", "count": "2"])
    }

    @Test("a finance package's CSV: two title lines, a blank line, a total")
    func financeCSV() throws {
        let d = try Self.open("etat_subventions_finances.csv")
        #expect(d.labels == ["Bénéficiaire", "N° SIRET", "Date convention", "Objet", "Nature de l'aide", "Montant"])
        #expect(d.rows.count == 29)
        #expect(d.lines.first == 5)
        #expect(d.report.warnings.first { $0.code == "header.detected" }?.args["skipped"] == "1, 2")
        #expect(d.report.warnings.first { $0.code == "footer.dropped" }?.args["first"] == "Total")
    }

    @Test("CSV: a forced header line, and lines that do not exist or are empty")
    func forcedCSV() throws {
        let text = "Titre\n\nid;nom\n1;a\n"
        let d = try Self.text("t.csv", text, headerRow: 3)
        #expect(d.labels == ["id", "nom"])
        #expect(d.rows == [["1", "a"]])
        for (row, code) in [(2, "header.row_empty"), (9, "header.row_missing")] {
            let e = socleError { _ = try Self.text("t.csv", text, headerRow: row) }
            #expect(e?.code == code)
            #expect(e?.location?.line == row)
        }
        let sheet = socleError { _ = try Self.open("subventions_antibes.ods", headerRow: 3) }
        #expect(sheet?.code == "header.row_empty")
        #expect(sheet?.message(.french).contains("(3) est vide") == true)
    }

    @Test("no recognisable header: generated names, every row loaded, reported")
    func noHeader() throws {
        let d = try Self.text("mesures.csv", "12;3,5;2024-01-02\n13;4,5;2024-01-03\n14;5,5;2024-01-04\n")
        #expect(d.labels == ["colonne_1", "colonne_2", "colonne_3"])
        #expect(d.rows.count == 3)
        #expect(d.report.warnings.first?.code == "header.none")
    }

    @Test("ordinary files keep their first row as header, without notice")
    func ordinary() throws {
        let d = try Self.text("a.csv", "annee;2019;2020\nParis;1;2\nLyon;3;4\n")
        #expect(d.labels == ["annee", "2019", "2020"])
        #expect(d.rows.count == 2)
        #expect(Self.codes(d).isEmpty)
        let narrow = try Self.text("b.csv", "id;nom;;\n1;a;x;y\n2;b;x;y\n")
        #expect(narrow.labels == ["id", "nom", "", ""])
    }

    @Test("a subtotal inside the data stays; a lone note at the end goes")
    func subtotalsStay() throws {
        let text = "commune;type;montant\nA;x;1\nTotal;;1\nB;y;2\nDonnées arrêtées au 31/12/2023\n"
        let d = try Self.text("c.csv", text)
        #expect(d.rows.map { $0[0] } == ["A", "Total", "B"])
        #expect(Self.codes(d) == ["footer.dropped"])
        // A short row that is data is still refused, at its line.
        let e = socleError { _ = try Self.text("d.csv", "commune;type;montant\nA;x;1\nLone value here\nB;y;2\n") }
        #expect(e?.code == "csv.ragged")
        #expect(e?.location?.line == 3)
    }

    @Test("the first-byte filter never rules out a note or a total that the full check would find",
          arguments: ["Source : INSEE", "  SOURCES: x", "Notes : a", "NB : b", "n.b. : c", "Remarque : d", "Lecture : e",
                      "* provisoire", "(*) estimé", "Total", "TOTAL GÉNÉRAL", "Totaux", "Sous-total - Nord", "sous total :"])
    func endMatterFilter(_ text: String) {
        let bytes = ArraySlice(Array(text.utf8))
        let may = FooterDetector.candidates(bytes)
        #expect(FooterDetector.isNote(bytes) || FooterDetector.isTotal(bytes))
        #expect(!FooterDetector.isNote(bytes) || may.note)
        #expect(!FooterDetector.isTotal(bytes) || may.total)
        #expect(FooterDetector.candidates(ArraySlice(Array("10000007".utf8))) == (false, false))
    }
}
