import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// `SourceFormat.detect`: an OpenDocument spreadsheet is recognised by its first bytes whatever its name.
@Suite struct FormatDetectionTests {
    static let rows = """
    <table:table-row><table:table-cell office:value-type="string"><text:p>code</text:p></table:table-cell></table:table-row>
    <table:table-row><table:table-cell office:value-type="string"><text:p>01001</text:p></table:table-cell></table:table-row>
    """

    @Test(arguments: ["budget.ods", "budget.xlsx", "budget.csv", "budget.json", "budget"])
    func odsWhateverItsExtension(_ name: String) throws {
        let url = try ZipFixture.ods(name, tables: [("Feuille1", Self.rows)])
        #expect(SourceFormat.detect(fileName: name, head: try ZipFixture.head(url)) == .ods)
        let reader = try ReaderFactory.open(url, options: ReaderOptions(displayName: name))
        #expect((reader as? RowFilterReader)?.base is ODSReader, "the factory wraps the format's reader in the header and footer filter")
        let d = try ReaderDump.read(reader)
        #expect(d.labels == ["code"] && d.rows == [["01001"]])
    }

    @Test func odsTemplateIsReadAsODS() throws {
        let url = try ZipFixture.ods("modele.ots", tables: [("F", Self.rows)],
                                     mimetype: ZipFixture.odsMimetype + "-template")
        #expect(SourceFormat.detect(fileName: "modele.ots", head: try ZipFixture.head(url)) == .ods)
    }

    @Test func otherZipsKeepTheRules() throws {
        // Another OpenDocument type, and an xlsx: the extension decides, else a zip is taken for xlsx.
        let text = try ZipFixture.ods("lettre.odt", tables: [], mimetype: "application/vnd.oasis.opendocument.text")
        #expect(SourceFormat.detect(fileName: "lettre", head: try ZipFixture.head(text)) == .xlsx)
        #expect(SourceFormat.detect(fileName: "lettre.csv", head: try ZipFixture.head(text)) == .csv)
        let xlsx = try ZipFixture.xlsx("t.xlsx", sheets: [("S", "")])
        #expect(SourceFormat.detect(fileName: "t.ods", head: try ZipFixture.head(xlsx)) == .ods)
        #expect(SourceFormat.detect(fileName: "t", head: try ZipFixture.head(xlsx)) == .xlsx)
        // A compressed `mimetype` entry is not the ODF signature.
        let deflated = try ZipFixture.write("d.zip", [("mimetype", ZipFixture.odsMimetype)])
        #expect(SourceFormat.detect(fileName: "d.csv", head: try ZipFixture.head(deflated)) == .csv)
    }

    @Test(arguments: [
        [UInt8](), [0x50, 0x4B, 0x03, 0x04], Array("PK\u{3}\u{4}".utf8) + [UInt8](repeating: 0xFF, count: 40),
    ])
    func truncatedOrOddHeadersDoNotCrash(_ head: [UInt8]) {
        #expect(SourceFormat.detect(fileName: "x.csv", head: head) == .csv)
    }

    @Test func otherFormatsUnchanged() {
        #expect(SourceFormat.detect(fileName: "a.geojson", head: Array("{".utf8)) == .geojson)
        #expect(SourceFormat.detect(fileName: "a", head: Array(" [{}]".utf8)) == .json)
        #expect(SourceFormat.detect(fileName: "a.txt", head: Array("a;b".utf8)) == .csv)
    }
}
