import SocleCore
import Testing
@testable import SocleExport

@Suite struct CSVWriterTests {
    @Test func writesRFC4180ThatReadsBack() throws {
        let bytes = SampleTable.render(CSVWriter(columns: SampleTable.columns))
        #expect(Array(bytes.prefix(3)) != [0xEF, 0xBB, 0xBF])
        let records = try CSVReader.records(SampleTable.text(bytes))
        #expect(records.count == 6)
        #expect(records.allSatisfy { $0.count == 9 })
        #expect(records[0] == SampleTable.columns.map(\.name))
        #expect(records[1] == ["1", "12.5", "true", "2024-01-05", "2024-01-05T14:30:00Z", "01053", "46.2,5.22",
                               SampleTable.point, "Bourg-en-Bresse"])
        #expect(records[2][1] == "3")
        #expect(records[2][2] == "false")
        #expect(records[2][5] == "2A004")
        #expect(records[2][8] == SampleTable.tricky)
        #expect(records[3] == Array(repeating: "", count: 9))
        #expect(records[4][0] == "9223372036854775807")
        #expect(records[4][1] == "")  // NaN
        #expect(records[4][2] == "true")  // boolean stored as integer
        #expect(records[4][8] == SampleTable.hostile)
        #expect(records[5][0] == "-9223372036854775808")
        #expect(records[5][1] == "")  // -infinity
        #expect(records[5][2] == "false")
    }

    @Test func quotesOnlyWhenNeeded() {
        let text = SampleTable.text(SampleTable.render(CSVWriter(columns: SampleTable.columns)))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[1].hasPrefix("1,12.5,true,2024-01-05,2024-01-05T14:30:00Z,01053,\"46.2,5.22\","))
        #expect(lines[1].hasSuffix(",Bourg-en-Bresse"))
        #expect(text.contains("\"Ajaccio \"\"la\"\" ville; côte, \nligne 2\r\nfin\""))
        // Standard CSV never quotes a formula-like text that has nothing to quote.
        #expect(text.contains(",=SUM(A1)"))
    }

    @Test func excelFrenchVariant() throws {
        let options = ExportOptions(excelFrench: true, useLabels: true)
        let bytes = SampleTable.render(CSVWriter(columns: SampleTable.columns, options: options))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let records = try CSVReader.records(SampleTable.text(Array(bytes.dropFirst(3))), separator: ";")
        #expect(records[0] == SampleTable.columns.map(\.label))
        #expect(records[1] == ["1", "12,5", "VRAI", "2024-01-05", "2024-01-05T14:30:00Z", "01053", "46.2,5.22",
                               SampleTable.point, "Bourg-en-Bresse"])
        #expect(records[2][2] == "FAUX")
        #expect(records[2][8] == SampleTable.tricky)
        #expect(records[4][8] == SampleTable.hostile)
        let text = SampleTable.text(bytes)
        #expect(text.contains(";\"=SUM(A1)"))  // formula-like text is quoted, never altered
        #expect(text.contains("\"Nom; \"\"officiel\"\"\"\r\n"))  // label with the separator
        #expect(text.contains("\r\n-7;3;FAUX;"))  // a negative number is no text: not quoted
    }

    @Test func emptyTableIsJustTheHeader() {
        let bytes = SampleTable.render(CSVWriter(columns: SampleTable.columns), rows: [])
        #expect(SampleTable.text(bytes) == SampleTable.columns.map(\.name).joined(separator: ",") + "\r\n")
    }

    @Test func extraCellsAreIgnored() throws {
        let columns = [ExportColumn(name: "a", type: .text)]
        let bytes = SampleTable.render(CSVWriter(columns: columns), rows: [[.text("x"), .text("y")]])
        #expect(try CSVReader.records(SampleTable.text(bytes)) == [["a"], ["x"]])
    }
}
