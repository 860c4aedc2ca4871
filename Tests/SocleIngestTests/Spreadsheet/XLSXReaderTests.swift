import Foundation
import Testing
import SocleCore
@testable import SocleIngest

@Suite struct XLSXReaderTests {
    static let styles = #"""
    <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
    <numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.00&quot; m&quot;"/><numFmt numFmtId="166" formatCode="[$-40C]d\ mmmm\ yyyy;@"/></numFmts>
    <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
    <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22"/><xf numFmtId="164"><alignment/></xf><xf numFmtId="165"/><xf numFmtId="20"/><xf numFmtId="166"/></cellXfs>
    </styleSheet>
    """#

    static let shared = [
        "Code", "<r><t>Da</t></r><r><rPr><b/></rPr><t>te</t></r>", "Montant", "01001",
        "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh>", "ligne_x000D_suite", "A &amp; B &lt;C&gt;", "2A004",
    ]

    static let sheet1 = """
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Nom</t></is></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="inlineStr"><is><t>Actif</t></is></c><c r="F1" t="inlineStr"><is><t>Calc</t></is></c><c r="G1" t="inlineStr"><is><r><t>Heu</t></r><r><t>re</t></r></is></c></row>
    <row r="2" spans="1:7"><c r="A2" t="s"><v>3</v></c><c r="B2" t="inlineStr"><is><t xml:space="preserve">L'Abergement </t></is></c><c r="C2" s="1"><v>44927</v></c><c r="D2" s="4"><v>12.5</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="str"><f>UPPER("abc")</f><v>ABC</v></c><c r="G2" s="2"><v>44927.5</v></c></row>
    <row r="3"><c r="A3" t="s"><v>7</v></c><c r="C3" s="3"><v>60</v></c><c r="D3"><v>42</v></c><c r="E3" t="b"><v>0</v></c><c r="F3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="G3" s="5"><v>0.75</v></c></row>
    <row r="5"><c r="C5" s="1"><v>59</v></c><c r="D5"><v>2.2999999999999998</v></c><c r="G5" s="2"><v>61.999999999</v></c></row>
    <row r="6"><c r="A6" s="1"/><c r="B6" s="1"></c></row>
    <row r="7"><c t="s"><v>4</v></c><c t="s"><v>5</v></c><c t="s"><v>6</v></c><c><v>-1.5E-3</v></c><c r="H7" t="inlineStr"><is><t>extra</t></is></c></row>
    <row r="8"><c r="C8" s="6"><v>45292</v></c><c r="D8"><v>1E+21</v></c><c r="A8" t="s"><v>99</v></c></row>
    """

    static let sheet2 = """
    <row r="1"/><row r="2"><c r="B2" s="1"/></row>
    <row r="3"><c r="B3" t="inlineStr"><is><t>x</t></is></c><c r="C3" t="inlineStr"><is><t>y</t></is></c></row>
    <row r="4"><c r="B4"><v>1</v></c><c r="C4"><v>2</v></c></row>
    """

    private func workbook() throws -> URL {
        try ZipFixture.xlsx("classeur.xlsx", sheets: [("Feuil1", Self.sheet1), ("Données 2", Self.sheet2)],
                            sharedStrings: Self.shared, styles: Self.styles)
    }

    private func read(_ url: URL, sheet: String? = nil, batch: Int = 2) throws -> ReaderDump {
        try ReaderDump.read(XLSXReader(url: url, options: ReaderOptions(displayName: "classeur.xlsx", sheet: sheet)), batchRows: batch)
    }

    @Test func firstSheetWithEveryCellKind() throws {
        let d = try read(workbook())
        #expect(d.labels == ["Code", "Nom", "Date", "Montant", "Actif", "Calc", "Heure", ""])
        #expect(d.lines == [2, 3, 5, 7, 8])
        #expect(d.rows[0] == ["01001", "L'Abergement ", "2023-01-01", "12.5", "true", "ABC", "2023-01-01T12:00:00", nil])
        #expect(d.rows[1] == ["2A004", nil, "1900-02-29", "42", "false", nil, "18:00:00", nil])
        #expect(d.rows[2] == [nil, nil, "1900-02-28", "2.3", nil, nil, "1900-03-02T00:00:00", nil])
        #expect(d.rows[3] == ["東京", "ligne\rsuite", "A & B <C>", "-0.0015", nil, nil, nil, "extra"])
        #expect(d.rows[4] == [nil, nil, "2024-01-01", "1e+21", nil, nil, nil, nil])
        #expect(d.report.format == .xlsx)
        #expect(d.report.warnings.contains(Notice("xlsx.warning.error_cells", ["count": "1", "first": "F3"])))
        #expect(d.report.warnings.contains(Notice("spreadsheet.warning.extra_columns", ["count": "1"])))
    }

    @Test(arguments: [("Données 2", 3), ("2", 3), (" données 2 ", 3), ("Feuil1", 1), ("1", 1)])
    func sheetChosenByNameOrIndex(sheet: String, headerRow: Int) throws {
        let d = try read(workbook(), sheet: sheet)
        if headerRow == 3 {
            #expect(d.labels == ["", "x", "y"])
            #expect(d.rows == [[nil, "1", "2"]] && d.lines == [4])
        } else {
            #expect(d.labels.first == "Code")
        }
    }

    @Test func unknownSheetListsTheSheets() throws {
        let e = try #require(socleError { _ = try read(workbook(), sheet: "Feuil9") })
        #expect(e.code == "xlsx.sheet_not_found")
        #expect(e.args["sheets"] == "1. \"Feuil1\", 2. \"Données 2\"")
        #expect(e.location?.file == "classeur.xlsx")
    }

    @Test func date1904System() throws {
        let url = try ZipFixture.xlsx("mac.xlsx", sheets: [("S", #"<row r="1"><c t="inlineStr"><is><t>d</t></is></c></row><row r="2"><c s="1"><v>0</v></c></row><row r="3"><c s="1"><v>1462</v></c></row>"#)],
                                      styles: Self.styles, date1904: true)
        let d = try read(url)
        #expect(d.column("d") == ["1904-01-01", "1908-01-02"])
        #expect(d.report.warnings.contains(Notice("xlsx.warning.date1904")))
    }

    @Test func badFilesAreRefusedWithAdvice() throws {
        let text = try Fixtures.temp("faux.xlsx", "Code;Nom\n01001;Ain\n")
        #expect(socleError { _ = try XLSXReader(url: text, options: ReaderOptions(displayName: "faux.xlsx")) }?.code == "xlsx.not_zip")
        let xls = try Fixtures.temp("vieux.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        #expect(socleError { _ = try XLSXReader(url: xls, options: ReaderOptions(displayName: "vieux.xlsx")) }?.code == "xlsx.legacy_office")
        let zip = try ZipFixture.write("autre.xlsx", [("readme.txt", "hello")])
        #expect(socleError { _ = try XLSXReader(url: zip, options: ReaderOptions(displayName: "autre.xlsx")) }?.code == "xlsx.no_workbook")
        let ods = try ZipFixture.ods("calc.xlsx", tables: [("T", "")])
        #expect(socleError { _ = try XLSXReader(url: ods, options: ReaderOptions(displayName: "calc.xlsx")) }?.code == "xlsx.looks_like_ods")
        let broken = try ZipFixture.xlsx("coupe.xlsx", sheets: [("S", #"<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c><v>1</v></c></row><row r="3"><c><v"#)])
        let e = socleError { _ = try read(broken) }
        #expect(e?.code == "xlsx.corrupt")
        let empty = try ZipFixture.xlsx("vide.xlsx", sheets: [("Vide", #"<row r="1"><c r="A1" s="0"/></row>"#)])
        #expect(socleError { _ = try read(empty) }?.code == "spreadsheet.empty_sheet")
        IngestError.registerCatalog()
        #expect(socleError { _ = try XLSXReader(url: text, options: ReaderOptions(displayName: "faux.xlsx")) }?.message(.french).contains("archive ZIP") == true)
    }

    @Test func bigSheetStreamsInBatchesAndCanBeAbandoned() throws {
        var rows = #"<row r="1"><c t="inlineStr"><is><t>n</t></is></c><c t="inlineStr"><is><t>s</t></is></c></row>"#
        for i in 2...30001 { rows += #"<row r="\#(i)"><c r="A\#(i)"><v>\#(i)</v></c><c r="B\#(i)" t="s"><v>3</v></c></row>"# }
        let url = try ZipFixture.xlsx("gros.xlsx", sheets: [("S", rows)], sharedStrings: Self.shared)
        let reader = try XLSXReader(url: url, options: ReaderOptions(displayName: "gros.xlsx"))
        var count = 0
        var last: String?
        while let b = try reader.nextBatch(maxRows: 4096) {
            count += b.rowCount
            last = b.string(row: b.rowCount - 1, column: 0)
            #expect(b.string(row: 0, column: 1) == "01001")
        }
        #expect(count == 30000 && last == "30001")
        #expect(reader.bytesRead == reader.totalBytes)
        for _ in 0..<5 {
            let abandoned = try XLSXReader(url: url, options: ReaderOptions(displayName: "gros.xlsx"))
            _ = try abandoned.nextBatch(maxRows: 10)
        }
    }

    @Test func legislativesResultsWorkbook() throws {
        let url = Fixtures.url("real_csv/elections/legislatives2022_resultats-par-niveau-cirlg-t1-france-entiere.xlsx")
        let reader = try ReaderFactory.open(url, options: ReaderOptions(displayName: url.lastPathComponent))
        let d = try ReaderDump.read(reader, batchRows: 100)
        #expect(d.labels.count == 103)
        #expect(Array(d.labels.prefix(4)) == ["Code du département", "Libellé du département", "Code de la circonscription", "Libellé de la circonscription"])
        #expect(d.rows.count == 566)
        #expect(d.lines.first == 2 && d.lines.last == 567)
        #expect(d.rows.allSatisfy { $0.count == 103 })
        #expect(Array(d.rows[0].prefix(6)) == ["01", "Ain", "01", "1ère circonscription", "Complet", "85723"])
        #expect(d.value(0, "% Abs/Ins") == "21.69")
        #expect(d.report.warnings.first == Notice("spreadsheet.warning.sheet", ["sheet": "Résultats par niveau CirLG T1 F"]))
    }
}
