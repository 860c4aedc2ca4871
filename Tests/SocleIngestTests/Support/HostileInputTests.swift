import Foundation
import SocleCore
import Testing
@testable import SocleIngest

/// Issue 10, finding 2: files built to exhaust memory are refused by every reader with a clear error,
/// long before they could: cells, records, columns, zip inflation and shared-string tables are bounded.
@Suite("Hostile files are refused with bounded memory")
struct HostileInputTests {
    /// Opens the file through the production entry point and reads it to the end.
    static func drain(_ url: URL, batchRows: Int = 8_192) throws -> Int {
        let reader = try ReaderFactory.open(url, options: ReaderOptions(displayName: url.lastPathComponent))
        var rows = 0
        while let b = try reader.nextBatch(maxRows: batchRows) { rows += b.rowCount }
        return rows
    }

    static func refusal(_ url: URL) -> SocleError? {
        do {
            _ = try drain(url)
            return nil
        } catch let e as SocleError {
            return e
        } catch {
            Issue.record("not a SocleError: \(error)")
            return nil
        }
    }

    @Test("an XLSX inline cell that inflates past the ratio limit (a zip bomb) is refused")
    func inlineCellBomb() throws {
        let big = String(repeating: "a", count: 40 << 20)
        let url = try ZipFixture.xlsx("bombe.xlsx", sheets: [("Feuil1", """
            <row r="1"><c r="A1" t="inlineStr"><is><t>nom</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>\(big)</t></is></c></row>
            """)])
        let e = try #require(Self.refusal(url))
        #expect(e.code == "zip.inflation_limit")
        #expect(e.kind == .tooLarge)
        #expect(e.message(.french).contains("bombe.xlsx"))
    }

    @Test("an XLSX cell past the cell limit is refused even when the sheet is stored uncompressed")
    func storedHugeCell() throws {
        let big = String(repeating: "é", count: (IngestLimits.maxCellBytes / 2) + 1_000)
        let url = try ZipFixture.xlsx("cellule.xlsx", sheets: [("Feuil1", """
            <row r="1"><c r="A1" t="inlineStr"><is><t>nom</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>\(big)</t></is></c></row>
            """)], stored: ["xl/worksheets/sheet1.xml"])
        let e = try #require(Self.refusal(url))
        #expect(e.code == "spreadsheet.cell_too_large")
        #expect(e.location?.line == 1 || e.location?.line == 2)
    }

    @Test("an XLSX whose shared-strings table inflates like a bomb is refused at open")
    func sharedStringsBomb() throws {
        let url = try ZipFixture.xlsx("partages.xlsx", sheets: [("Feuil1", #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)],
                                      sharedStrings: [String(repeating: "b", count: 40 << 20)])
        let e = try #require(Self.refusal(url))
        #expect(e.code == "zip.inflation_limit")
    }

    @Test("an ODS cell past the cell limit is refused")
    func odsHugeCell() throws {
        let big = String(repeating: "c", count: IngestLimits.maxCellBytes + 1_000)
        let url = try ZipFixture.ods("cellule.ods", tables: [("Feuille1", """
            <table:table-row><table:table-cell office:value-type="string"><text:p>nom</text:p></table:table-cell></table:table-row>
            <table:table-row><table:table-cell office:value-type="string"><text:p>\(big)</text:p></table:table-cell></table:table-row>
            """)], storeContent: true)
        let e = try #require(Self.refusal(url))
        #expect(["spreadsheet.cell_too_large", "spreadsheet.record_too_large"].contains(e.code), "\(e.code)")
    }

    @Test("a JSON string past the record limit is refused, located")
    func hugeJSONString() throws {
        var bytes = Array(#"[{"nom": "a"}, {"nom": ""#.utf8)
        bytes += Array(repeating: UInt8(ascii: "x"), count: IngestLimits.maxRecordBytes + 1_000)
        bytes += Array(#""}]"#.utf8)
        let url = try Fixtures.temp("enorme.json", bytes)
        let e = try #require(Self.refusal(url))
        #expect(e.code == "json.value_too_large")
        #expect(e.message(.french).contains("enorme.json"))
    }

    @Test("a GeoJSON geometry past the record limit is refused")
    func hugeGeometry() throws {
        var text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"a"},"geometry":{"type":"LineString","coordinates":["#
        let point = "[2.3456789,48.8566001],"
        let count = IngestLimits.maxRecordBytes / point.utf8.count + 10
        text += String(repeating: point, count: count) + "[2.3,48.8]]}}]}"
        let url = try Fixtures.temp("ligne.geojson", text)
        let e = try #require(Self.refusal(url))
        #expect(e.code == "json.value_too_large")
    }

    @Test("a table wider than the stores accept is refused before any work, in every format")
    func tooManyColumns() throws {
        let n = IngestLimits.maxColumns + 1
        let csv = (0 ..< n).map { "c\($0)" }.joined(separator: ";") + "\n" + (0 ..< n).map(String.init).joined(separator: ";") + "\n"
        let e1 = try #require(Self.refusal(try Fixtures.temp("large.csv", csv)))
        #expect(e1.code == "file.too_many_columns")
        #expect(e1.args["count"] == String(n))
        #expect(!e1.message(.french).contains("CREATE"))
        let record = "{" + (0 ..< n).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        let e2 = try #require(Self.refusal(try Fixtures.temp("large.json", "[" + record + "]")))
        #expect(["json.too_many_columns", "file.too_many_columns"].contains(e2.code), "\(e2.code)")
        // Keys that appear one per record add up too.
        let ndjson = (0 ..< n).map { "{\"k\($0)\": 1}" }.joined(separator: "\n")
        let e3 = try #require(Self.refusal(try Fixtures.temp("cles.ndjson", ndjson)))
        #expect(e3.code == "json.too_many_columns")
        let header = (0 ..< n).map { "<c r=\"\(SpreadsheetText.columnLetters($0))1\" t=\"inlineStr\"><is><t>c\($0)</t></is></c>" }.joined()
        let e4 = try #require(Self.refusal(try ZipFixture.xlsx("large.xlsx", sheets: [("Feuil1", "<row r=\"1\">\(header)</row>")])))
        #expect(e4.code == "file.too_many_columns")
    }

    @Test("batches stop growing at the batch byte limit whatever their row count")
    func batchByteLimit() throws {
        let cell = String(repeating: "z", count: 1 << 20)
        let rows = (IngestLimits.maxBatchBytes >> 20) + 4
        var text = "a;b\n"
        for i in 0 ..< rows { text += "\(i);\(cell)\n" }
        let url = try Fixtures.temp("lourd.csv", text)
        let reader = try ReaderFactory.open(url, options: ReaderOptions(displayName: "lourd.csv"))
        let first = try #require(try reader.nextBatch(maxRows: 8_192))
        #expect(first.rowCount < rows)
        #expect(first.bytes.count <= IngestLimits.maxBatchBytes + IngestLimits.maxRecordBytes)
        var total = first.rowCount
        while let b = try reader.nextBatch(maxRows: 8_192) { total += b.rowCount }
        #expect(total == rows)
    }

    @Test("a bounded accumulator drops what passes its limit and says so")
    func accumulatorLimit() {
        let a = ByteAccumulator(capacity: 16, limit: 64)
        for _ in 0 ..< 10 { a.append(Array(repeating: UInt8(1), count: 10)) }
        #expect(a.overflowed)
        #expect(a.count <= 64)
        a.removeAll()
        #expect(!a.overflowed)
        a.append(Array(repeating: UInt8(2), count: 64))
        #expect(!a.overflowed && a.count == 64)
    }
}
