import Foundation
import Testing
@testable import SocleExport

/// The several-sheet workbook (the register in the CNIL's model): its parts, sheet names, styles and cells,
/// read back with our ZIP reader, Python's zipfile, and openpyxl when installed.
@Suite struct XLSXWorkbookTests {
    static func sample() -> XLSXWorkbook {
        typealias C = XLSXWorkbook.Cell
        return XLSXWorkbook(sheets: [
            .init(name: "Registre", widths: [12, 40], rows: [[C("Registre des activités", .bold)], [], [C(number: 1), C("État civil & <actes>", .wrapped)]]),
            .init(name: "1 État civil: registres/actes", widths: [40], rows: [[C("Fiche", .boldWrapped)], [C("  espaces  ")]]),
            .init(name: "1 état civil registresactes", rows: [[C("doublon de nom")]]),
        ])
    }

    @Test func sheetsAreNamedLikeExcelWantsThemUniqueAndShort() {
        let names = Self.sample().sheetNames
        #expect(names == ["Registre", "1 État civil registresactes", "1 état civil registresactes (2)"])
        #expect(names.allSatisfy { $0.utf16.count <= 31 })
    }

    @Test func partsStylesAndCells() throws {
        let zip = try ZipReader(Self.sample().bytes())
        let book = try #require(zip.text("xl/workbook.xml"))
        #expect(book.contains("<sheet name=\"Registre\" sheetId=\"1\" r:id=\"rId1\"/>"))
        #expect(book.contains("sheetId=\"3\" r:id=\"rId3\""))
        let rels = try #require(zip.text("xl/_rels/workbook.xml.rels"))
        #expect(rels.contains("Target=\"worksheets/sheet3.xml\"") && rels.contains("Id=\"rId4\"") && rels.contains("styles.xml"))
        let types = try #require(zip.text("[Content_Types].xml"))
        #expect(types.contains("/xl/worksheets/sheet2.xml"))
        let first = try #require(zip.text("xl/worksheets/sheet1.xml"))
        #expect(first.contains("<cols><col min=\"1\" max=\"1\" width=\"12.0\" customWidth=\"1\"/>"))
        #expect(first.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Registre des activités</t></is></c>"))
        #expect(first.contains("<c r=\"A3\"><v>1</v></c>"))
        #expect(first.contains("État civil &amp; &lt;actes&gt;"), "text is escaped")
        #expect(first.contains("<row r=\"2\"></row>"), "an empty row stays a row")
        let styles = try #require(zip.text("xl/styles.xml"))
        #expect(styles.contains("<b/>") && styles.contains("wrapText=\"1\"") && styles.contains("cellXfs count=\"4\""))
    }

    @Test(.enabled(if: ExternalReaderTests.python != nil))
    func pythonReadsEverySheet() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("socle-book-\(UUID().uuidString).xlsx")
        try Data(Self.sample().bytes()).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            try:
                import openpyxl
            except ImportError:
                print("ZIP-OK", len(z.namelist())); sys.exit(0)
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["Registre"]
            print("XLSX-OK", wb.sheetnames, ws["A1"].value, ws["A1"].font.b, ws["B3"].value, ws["B3"].alignment.wrap_text, ws.column_dimensions["B"].width)
            """
        let result = try ExternalReaderTests.run(script, file: url)
        #expect(result.status == 0, "\(result.output)")
        if result.output.hasPrefix("ZIP-OK") {
            #expect(result.output == "ZIP-OK 8\n")
        } else {
            #expect(result.output == "XLSX-OK ['Registre', '1 État civil registresactes', '1 état civil registresactes (2)'] Registre des activités True État civil & <actes> True 40.0\n")
        }
    }
}
