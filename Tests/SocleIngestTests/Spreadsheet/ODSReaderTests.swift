import Foundation
import Testing
import SocleCore
@testable import SocleIngest

@Suite struct ODSReaderTests {
    static let first = """
    <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="5"/></table:table-row>
    <table:table-row><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Code</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Nom</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Montant</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Date</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Heure</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Ok</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Part</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16377"/></table:table-row>
    <table:table-row><table:table-cell office:value-type="string"><office:annotation><dc:creator>Agent</dc:creator><text:p>commentaire</text:p></office:annotation><text:p>01001</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>L'Abergement<text:s text:c="2"/>de<text:tab/>Varey</text:p><text:p>ligne <text:span text:style-name="T1">deux</text:span><text:line-break/>fin</text:p></table:table-cell><table:table-cell office:value-type="currency" office:currency="EUR" office:value="1234.50"><text:p>1 234,50 €</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-03-15"><text:p>15/03/2024</text:p></table:table-cell><table:table-cell office:value-type="time" office:time-value="PT13H05M09S"><text:p>13:05:09</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.125"><text:p>12,5 %</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16377"/></table:table-row>
    <table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="string"><text:p>2A004</text:p></table:table-cell><table:covered-table-cell/><table:table-cell office:value-type="float" office:value="7" table:number-columns-repeated="2"><text:p>7</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="1E-05"/></table:table-row>
    <table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
    <table:table-row><table:table-cell office:value-type="date" office:date-value="2024-03-15T08:30:00"/><table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="-3"/><table:table-cell table:number-columns-repeated="4"/><table:table-cell office:value-type="string"><text:p>hors</text:p></table:table-cell></table:table-row>
    <table:table-row table:number-rows-repeated="1048560"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
    """

    static let second = """
    <table:table-header-rows><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row></table:table-header-rows>
    <table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>
    """

    private func url() throws -> URL {
        try ZipFixture.ods("budget.ods", tables: [("Budget 2024", Self.first), ("Autre", Self.second)])
    }

    private func read(_ url: URL, sheet: String? = nil) throws -> ReaderDump {
        try ReaderDump.read(ODSReader(url: url, options: ReaderOptions(displayName: "budget.ods", sheet: sheet)), batchRows: 2)
    }

    @Test func valuesRepeatsAndTrailingEmptiness() throws {
        let d = try read(url())
        #expect(d.labels == ["Code", "Nom", "Montant", "Date", "Heure", "Ok", "Part", ""])
        #expect(d.lines == [4, 5, 6, 7, 12])
        #expect(d.rows[0] == ["01001", "L'Abergement  de\tVarey\nligne deux\nfin", "1234.5", "2024-03-15", "13:05:09", "true", "0.125", nil])
        let repeated: [String?] = ["2A004", nil, "7", "7", nil, nil, nil, "0.00001"]
        #expect(d.rows[1] == repeated && d.rows[2] == repeated && d.rows[3] == repeated)
        #expect(d.rows[4] == ["2024-03-15T08:30:00", nil, "-3", nil, nil, nil, nil, "hors"])
        #expect(d.report.format == .ods)
        #expect(d.report.warnings.contains { $0.code == "ods.warning.error_cells" && $0.args["first"] == "B12" })
    }

    @Test(arguments: [("Autre", ["a"]), ("2", ["a"]), ("budget 2024", ["Code"]), ("1", ["Code"])])
    func sheetByNameOrIndex(sheet: String, firstLabels: [String]) throws {
        let d = try read(url(), sheet: sheet)
        #expect(Array(d.labels.prefix(1)) == firstLabels)
        if sheet == "Autre" { #expect(d.rows == [["1"]] && d.lines == [2]) }
    }

    @Test func unknownSheetAndBadFiles() throws {
        let e = socleError { _ = try read(url(), sheet: "Recettes") }
        #expect(e?.code == "ods.sheet_not_found")
        #expect(e?.args["sheets"] == "1. \"Budget 2024\", 2. \"Autre\"")
        let text = try Fixtures.temp("faux.ods", "a;b\n")
        #expect(socleError { _ = try ODSReader(url: text, options: ReaderOptions(displayName: "faux.ods")) }?.code == "ods.not_zip")
        let xlsx = try ZipFixture.xlsx("x.ods", sheets: [("S", "")])
        #expect(socleError { _ = try ODSReader(url: xlsx, options: ReaderOptions(displayName: "x.ods")) }?.code == "ods.looks_like_xlsx")
        let empty = try ZipFixture.ods("vide.ods", tables: [("Vide", #"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#)])
        #expect(socleError { _ = try read(empty) }?.code == "spreadsheet.empty_sheet")
    }

    @Test func factoryOpensODSByExtension() throws {
        let r = try ReaderFactory.open(url(), options: ReaderOptions(displayName: "budget.ods"))
        #expect((r as? RowFilterReader)?.base is ODSReader, "the factory wraps the format's reader in the header and footer filter")
        #expect(r.labels.first == "Code")
    }
}
