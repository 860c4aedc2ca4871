import Foundation
import SocleCore
import Testing
@testable import SocleExport

@Suite struct XLSXWriterTests {
    static let partNames = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                            "xl/styles.xml", "xl/worksheets/sheet1.xml"]

    static func sheet(_ bytes: [UInt8]) throws -> String {
        let zip = try ZipReader(bytes)
        #expect(zip.entries.map(\.name) == partNames)
        // Only the streamed sheet needs a data descriptor.
        #expect(zip.entries.map { $0.flags & 0x0008 != 0 } == [false, false, false, false, false, true])
        return try #require(zip.text("xl/worksheets/sheet1.xml"))
    }

    @Test func writesAValidZipWithEveryPart() throws {
        let bytes = SampleTable.render(XLSXWriter(columns: SampleTable.columns))
        let zip = try ZipReader(bytes)
        #expect(zip.entries.map(\.name) == Self.partNames)
        #expect(zip.text("xl/styles.xml")?.contains("numFmtId=\"14\"") == true)
        #expect(zip.text("xl/workbook.xml")?.contains("<sheet name=\"Export\" sheetId=\"1\" r:id=\"rId1\"/>") == true)
        let sheet = try Self.sheet(bytes)
        #expect(sheet.hasPrefix("<?xml"))
        #expect(sheet.hasSuffix("</sheetData></worksheet>"))
    }

    @Test func typesEachCell() throws {
        let sheet = try Self.sheet(SampleTable.render(XLSXWriter(columns: SampleTable.columns)))
        let expected = [
            // Header: names, bold.
            "<row r=\"1\"><c r=\"A1\" s=\"3\" t=\"inlineStr\"><is><t>id</t></is></c>",
            "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>12.5</v></c><c r=\"C2\" t=\"b\"><v>1</v></c>",
            "<c r=\"D2\" s=\"1\"><v>45296</v></c>",  // 2024-01-05
            "<c r=\"E2\" s=\"2\"><v>45296.604166666664</v></c>",  // 14:30, zone ignored
            "<c r=\"F2\" t=\"inlineStr\"><is><t>01053</t></is></c>",  // code keeps its zero
            "<c r=\"G2\" t=\"inlineStr\"><is><t>46.2,5.22</t></is></c>",
            "<c r=\"D3\" s=\"1\"><v>59</v></c>",  // 1900-02-28, before Excel's phantom leap day
            "<c r=\"E3\" s=\"2\"><v>45291.99998842592</v></c>",
            "<t xml:space=\"preserve\"> 41.93 , 8.74 </t>",
            "<t>Ajaccio &quot;la&quot; ville; côte, \nligne 2&#13;\nfin</t>",
            "<row r=\"4\"></row>",  // all-null row: no cell
            "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>9223372036854775807</t></is></c><c r=\"C5\" t=\"b\"><v>1</v></c>",
            "<c r=\"D5\" t=\"inlineStr\"><is><t>1899-12-31</t></is></c>",  // no serial before 1900
            "<c r=\"E5\" t=\"inlineStr\"><is><t>pas une date</t></is></c>",
            "<t>=SUM(A1) 🇫🇷 é 日本 &amp; &lt;b&gt;</t>",  // control char and U+FFFE dropped
            "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>-9223372036854775808</t></is></c><c r=\"C6\" t=\"b\"><v>0</v></c></row>",
        ]
        for piece in expected { #expect(sheet.contains(piece), "missing \(piece)") }
        #expect(!sheet.contains("r=\"B5\""))  // NaN: empty cell
        #expect(!sheet.contains("r=\"B6\""))  // -infinity: empty cell
    }

    @Test func headerUsesLabelsAndSheetNameIsCleaned() throws {
        let options = ExportOptions(useLabels: true, sheetName: "'Budget [2024]: <primitif> & annexes/détail'")
        let bytes = SampleTable.render(XLSXWriter(columns: SampleTable.columns, options: options), rows: [])
        let zip = try ZipReader(bytes)
        let workbook = try #require(zip.text("xl/workbook.xml"))
        #expect(workbook.contains("<sheet name=\"Budget 2024 &lt;primitif&gt; &amp; annexe\""))
        let sheet = try Self.sheet(bytes)
        #expect(sheet.contains("<t>Nom; &quot;officiel&quot;</t>"))
        #expect(sheet.contains("<t>Montant (€)</t>"))
    }

    @Test(arguments: [
        ("1900-01-01", 1.0), ("1900-02-28", 59), ("1900-03-01", 61), ("1970-01-01", 25_569),
        ("2024-01-05", 45_296), ("2024-02-29", 45_351), ("9999-12-31", 2_958_465),
    ])
    func dateSerials(text: String, serial: Double) {
        #expect(ExcelDate.serial(date: text) == serial)
        #expect(ExcelDate.serial(dateTime: text) == serial)
    }

    @Test(arguments: ["1899-12-31", "0000-01-01", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32",
                      "24-01-05", "2024/01/05", "2024-01-05x", "", "２０２４-01-05"])
    func invalidDatesHaveNoSerial(text: String) {
        #expect(ExcelDate.serial(date: text) == nil)
    }

    @Test(arguments: [
        ("2024-01-05T12:00", 45_296.5), ("2024-01-05 06:00:00", 45_296.25), ("2024-01-05T18:00:00.000Z", 45_296.75),
        ("2024-01-05T12:00:00+02:00", 45_296.5), ("2024-01-05T12:00:00-0330", 45_296.5), ("2024-01-05T00:00:00+01", 45_296),
    ])
    func dateTimeSerials(text: String, serial: Double) {
        #expect(ExcelDate.serial(dateTime: text) == serial)
    }

    @Test(arguments: ["2024-01-05T24:00", "2024-01-05T12:60", "2024-01-05T12", "2024-01-05T12:00:00.",
                      "2024-01-05T12:00:00+2", "2024-01-05T12:00:00Zz", "2024-01-05X12:00"])
    func invalidDateTimesHaveNoSerial(text: String) {
        #expect(ExcelDate.serial(dateTime: text) == nil)
    }

    @Test func stopsAtTheRowLimitAndSaysSo() throws {
        var writer = XLSXWriter(columns: SampleTable.columns, options: ExportOptions(),
                                maxDataRows: 3, byteBudget: ZipStreamWriter.maxOffset)
        var out: [UInt8] = []
        writer.begin(into: &out)
        for row in SampleTable.rows { writer.row(row, into: &out) }
        writer.end(into: &out)
        #expect(writer.rowCount == 3)
        #expect(writer.truncated)
        #expect(writer.notices == [Notice("export.xlsx.row_limit", ["rows": "3"])])
        let sheet = try Self.sheet(out)
        #expect(sheet.contains("<row r=\"4\">"))
        #expect(!sheet.contains("<row r=\"5\">"))
    }

    @Test func stopsBeforeTheArchiveOutgrowsItsOffsets() throws {
        let columns = [ExportColumn(name: "t", type: .text)]
        var writer = XLSXWriter(columns: columns, options: ExportOptions(), maxDataRows: 1_000, byteBudget: 4_000)
        var out: [UInt8] = []
        writer.begin(into: &out)
        let written = out.count
        for _ in 0..<100 { writer.row([.text(String(repeating: "x", count: 100))], into: &out) }
        writer.end(into: &out)
        #expect(writer.truncated)
        #expect(writer.rowCount > 0 && writer.rowCount < 100)
        #expect(written + writer.rowCount * 150 < 4_000)
        #expect(writer.notices.map(\.code) == ["export.xlsx.size_limit"])
        _ = try Self.sheet(out)
    }

    @Test func cutsCellsAtExcelsLimitOnACharacterBoundary() throws {
        let columns = [ExportColumn(name: "a", type: .text), ExportColumn(name: "b", type: .text)]
        let long = String(repeating: "é", count: 40_000)
        let flags = String(repeating: "🇫", count: 20_000)  // two UTF-16 units each
        var writer = XLSXWriter(columns: columns)
        var out: [UInt8] = []
        writer.begin(into: &out)
        writer.row([.text(long), .text(flags)], into: &out)
        writer.row([.text(String(repeating: "a", count: 32_767)), .null], into: &out)
        writer.end(into: &out)
        #expect(writer.notices == [Notice("export.xlsx.cell_truncated", ["count": "2"])])
        #expect(!writer.truncated)
        let sheet = try Self.sheet(out)
        #expect(sheet.contains("<t>" + String(repeating: "é", count: 32_767) + "</t>"))
        #expect(sheet.contains("<t>" + String(repeating: "🇫", count: 16_383) + "</t>"))
        #expect(sheet.contains("<t>" + String(repeating: "a", count: 32_767) + "</t>"))
    }

    @Test func keepsExcelsColumnLimitAndSaysSo() throws {
        let columns = (0...XLSXWriter.maxColumns).map { ExportColumn(name: "c\($0)", type: .integer) }
        let writer = XLSXWriter(columns: columns)
        let bytes = SampleTable.render(writer, rows: [columns.indices.map { .integer(Int64($0)) }])
        let sheet = try Self.sheet(bytes)
        #expect(sheet.contains("<c r=\"XFD2\"><v>16383</v></c></row>"))
        #expect(!sheet.contains("XFE"))
        #expect(writer.notices == [Notice("export.xlsx.column_limit", ["columns": "16384"])])
    }

    @Test func columnLetters() {
        let cases = [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")]
        for (index, letters) in cases {
            #expect(String(decoding: XLSXParts.columnLetters(index), as: UTF8.self) == letters)
        }
    }

    @Test func crcMatchesTheStandardCheckValue() {
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        // Incremental updates in odd pieces give the same value as one pass.
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var pieces = CRC32()
        var i = 0
        while i < data.count {
            let n = min(1 + i % 13, data.count - i)
            pieces.update(Array(data[i..<(i + n)]))
            i += n
        }
        #expect(pieces.value == ZipReader.crc32(data))
    }
}
