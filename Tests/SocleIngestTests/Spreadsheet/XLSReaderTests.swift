import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// The .xls reader: a workbook written by LibreOffice from real corpus files, byte-built workbooks for
/// the record-level traps, and forged or disguised files that must get a clear refusal.
@Suite struct XLSReaderTests {
    static let fixture = Fixtures.url("xls/classeur-collectivite.xls")

    static func read(_ url: URL, name: String = "classeur.xls", sheet: String? = nil, batch: Int = 3) throws -> ReaderDump {
        try ReaderDump.read(ReaderFactory.open(url, options: ReaderOptions(displayName: name, sheet: sheet)), batchRows: batch)
    }

    static func refusal(_ bytes: [UInt8], name: String = "classeur.xls") -> SocleError? {
        do {
            let url = try Fixtures.temp(name, bytes)
            _ = try read(url, name: name, batch: 1000)
            return nil
        } catch {
            return error as? SocleError
        }
    }

    // MARK: a real workbook (LibreOffice's BIFF8 writer)

    @Test func firstSheetDatesCodesAndAccents() throws {
        let d = try Self.read(Self.fixture, name: "classeur-collectivite.xls", batch: 100)
        #expect(d.report.format == .xls)
        #expect(d.report.warnings.first == Notice("spreadsheet.warning.sheet", ["sheet": "Députés"]))
        #expect(d.labels.count == 13)
        #expect(d.labels[0] == "Code du département" && d.labels[12] == "Date de début du mandat")
        #expect(d.rows.count == 575)
        #expect(d.rows[0] == ["01", "Ain", nil, nil, "0101", "1Ère Circonscription", "BRETON", "Xavier", "M", "1962-11-25",
                              "33", "Cadre de la fonction publique", "2024-07-08"])
        #expect(d.rows[1][6] == "DAUBIÉ" && d.rows[1][9] == "1980-05-05")
        #expect(d.lines.first == 2 && d.lines.last == 576)
        #expect(d.batches == 6)
    }

    /// 3,000 communes, 11,000 shared strings over many CONTINUE records: every cell equals the CSV it came from.
    @Test func longSharedStringTableMatchesTheSource() throws {
        let d = try Self.read(Self.fixture, sheet: "communes", batch: 1000)
        let csv = try String(contentsOf: Fixtures.url("real_csv/insee_cog/commune_2022.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let expected = lines.dropFirst().filter { $0[0] == "COM" }.prefix(3000).map { $0.map { $0.isEmpty ? nil : $0 } as [String?] }
        #expect(d.labels == lines[0])
        #expect(d.rows.count == 3000)
        #expect(d.rows == Array(expected))
    }

    @Test func formulasErrorsBooleansAndDatetimes() throws {
        for sheet in ["Calculs", "3"] {
            let d = try Self.read(Self.fixture, sheet: sheet)
            #expect(d.labels == ["libellé", "montant", "part", "résultat", "horodatage", "ok"])
            #expect(d.rows == [
                ["Investissement", "1250000", "0.25", "5000000", "2025-01-21T12:00:00", "true"],
                ["Fonctionnement", "3749999.5", "0.75", nil, nil, "false"],
                ["Subvention €", "-1234.56", "0", "Subvention € (-1234.56)", nil, nil],
                ["Énergie œuvre", "12.34", "0.5", nil, nil, nil],
                ["Total", "5000000", "1", "true", nil, nil],
            ])
            let notice = try #require(d.report.warnings.first { $0.code == "xls.warning.error_cells" })
            #expect(notice.args == ["count": "2", "first": "D3", "error": "#DIV/0!"])
            #expect(notice.message(.french).contains("#DIV/0!"))
        }
    }

    @Test func unknownSheetListsTheSheets() throws {
        let e = try #require(socleError { _ = try Self.read(Self.fixture, sheet: "Budget") })
        #expect(e.code == "xls.sheet_not_found")
        #expect(e.message(.french).contains("1. \"Députés\", 2. \"Communes\", 3. \"Calculs\""))
    }

    @Test func passwordProtectedWorkbookIsRefused() throws {
        let e = try #require(socleError { _ = try Self.read(Fixtures.url("xls/classeur-protege.xls"), name: "protege.xls") })
        #expect(e.code == "xls.encrypted")
        #expect(e.location?.file == "protege.xls")
        #expect(e.message(.french).contains("mot de passe"))
    }

    @Test(arguments: [600, 4096, 200_000, 500_000])
    func truncatedWorkbookIsRefused(_ size: Int) throws {
        let bytes = Array(try Data(contentsOf: Self.fixture).prefix(size))
        let e = try #require(Self.refusal(bytes))
        #expect(["xls.truncated", "xls.corrupt"].contains(e.code), "\(e.code)")
        #expect(e.location?.file == "classeur.xls")
    }

    // MARK: record-level traps (byte-built workbooks)

    @Test(arguments: [0, 8192])
    func sharedStringsSwitchingWidthAcrossContinue(_ padTo: Int) throws {
        // Unpadded the stream lives in the mini stream; padded, in regular sectors.
        let url = try Fixtures.temp("petit.xls", XLSFixture.compound(XLSFixture.stream(padTo: padTo)))
        let d = try Self.read(url, name: "petit.xls", batch: 2)
        #expect(d.report.warnings.first == Notice("spreadsheet.warning.sheet", ["sheet": "Données"]))
        #expect(d.labels == ["commune", "montant", "date", "ok", "calcul"])
        #expect(d.rows == XLSFixture.expectedRows)
        #expect(d.lines == [2, 3, 4, 6])
        #expect(d.report.warnings.contains(Notice("xls.warning.error_cells", ["count": "1", "first": "D3", "error": "#N/A"])))
    }

    @Test func hiddenAndChartSheets() throws {
        let url = try Fixtures.temp("petit.xls", XLSFixture.compound(XLSFixture.stream()))
        // A hidden sheet is read only when asked for; a chart is refused.
        let hidden = try Self.read(url, sheet: "Paramètres")
        #expect(hidden.labels == ["clé"] && hidden.rows.isEmpty)
        #expect(try Self.read(url, sheet: "1").labels == ["clé"])
        #expect(socleError { _ = try Self.read(url, sheet: "Graphique") }?.code == "xls.not_a_worksheet")
    }

    @Test func embeddedChartSubstreamIsSkipped() throws {
        var cells = XLSFixture.label(row: 0, col: 0, "code") + XLSFixture.label(row: 1, col: 0, "01001")
        cells += XLSFixture.bof(0x0020) + XLSFixture.cell(0x0203, row: 0, col: 0, XLSFixture.f64(99)) + XLSFixture.eof
        cells += XLSFixture.label(row: 2, col: 0, "01002")
        let stream = XLSFixture.workbook(globals: XLSFixture.globals(), sheets: [("Feuil1", 0, 0, cells)])
        let d = try Self.read(try Fixtures.temp("graphique.xls", XLSFixture.compound(stream)))
        #expect(d.labels == ["code"])
        #expect(d.rows == [["01001"], ["01002"]])
    }

    @Test func date1904System() throws {
        let url = try Fixtures.temp("mac.xls", XLSFixture.compound(XLSFixture.stream(globals: XLSFixture.globals(dateMode1904: true))))
        let d = try Self.read(url)
        #expect(d.rows[0][2] == "2028-01-02")
        #expect(d.report.warnings.contains(Notice("xlsx.warning.date1904")))
    }

    @Test func encryptedRecordInTheGlobals() throws {
        let g = XLSFixture.globals(extra: XLSFixture.record(0x002F, [1, 0] + [UInt8](repeating: 0, count: 52)))
        #expect(Self.refusal(XLSFixture.compound(XLSFixture.stream(globals: g)))?.code == "xls.encrypted")
    }

    // MARK: forged containers

    @Test func fatLoopIsRefused() throws {
        var bytes = XLSFixture.compound(XLSFixture.stream(padTo: 8192))
        // The stream starts in sector 2; make sector 3 point back to 2 (FAT at file offset 512).
        bytes.replaceSubrange(512 + 12 ..< 512 + 16, with: XLSFixture.le32(2))
        let e = try #require(Self.refusal(bytes))
        #expect(e.code == "xls.corrupt")
        #expect(e.message(.french).contains("boucle"))
    }

    @Test func sizesAndSectorsPastTheFileAreRefused() throws {
        let good = XLSFixture.compound(XLSFixture.stream(padTo: 8192))
        // The Workbook entry (directory in sector 1, second entry) claims 2 GB.
        var huge = good
        huge.replaceSubrange(1024 + 128 + 120 ..< 1024 + 128 + 124, with: XLSFixture.le32(0x7FFF_FFFF))
        #expect(Self.refusal(huge)?.code == "xls.truncated")
        // The header claims a million FAT sectors; a FAT entry points far past the end.
        var fatCount = good
        fatCount.replaceSubrange(44..<48, with: XLSFixture.le32(1_000_000))
        #expect(Self.refusal(fatCount)?.code == "xls.corrupt")
        var wild = good
        wild.replaceSubrange(512 + 12 ..< 512 + 16, with: XLSFixture.le32(0x0FFF_FFFF))
        #expect(Self.refusal(wild)?.code == "xls.corrupt")
        // The directory chain loops on itself.
        var dirLoop = good
        dirLoop.replaceSubrange(512 + 4 ..< 512 + 8, with: XLSFixture.le32(1))
        #expect(Self.refusal(dirLoop)?.code == "xls.corrupt")
    }

    @Test func otherOfficeDocumentIsNotAWorkbook() throws {
        let e = try #require(Self.refusal(XLSFixture.compound([UInt8](repeating: 0, count: 5000), name: "WordDocument")))
        #expect(e.code == "xls.no_workbook")
        #expect(e.message(.french).contains("WordDocument"))
    }

    @Test func oldExcelVersionsAreNamed() throws {
        let biff4 = XLSFixture.record(0x0409, XLSFixture.le16(0) + XLSFixture.le16(0x10)) + XLSFixture.eof
        let e = try #require(Self.refusal(XLSFixture.compound(biff4)))
        #expect(e.code == "xls.old_version")
        #expect(e.message(.french).contains("BIFF4"))
    }

    // MARK: detection by content

    @Test func contentWinsOverTheName() throws {
        let url = try Fixtures.temp("export.csv", XLSFixture.compound(XLSFixture.stream()))
        #expect(SourceFormat.detect(fileName: "export.csv", head: Array(try Data(contentsOf: url).prefix(16))) == .xls)
        #expect(try Self.read(url, name: "export.csv").rows == XLSFixture.expectedRows)
    }

    @Test func csvNamedXLSIsReadAsCSVWithANotice() throws {
        let url = try Fixtures.temp("export.xls", "Code;Commune\n01001;L'Abergement-Clémenciat\n")
        let d = try Self.read(url, name: "export.xls")
        #expect(d.report.format == .csv)
        #expect(d.rows == [["01001", "L'Abergement-Clémenciat"]])
        #expect(d.report.warnings.first == Notice("xls.warning.text_named_xls"))
    }

    @Test func committedDisguisedFixtures() throws {
        let csv = try Self.read(Fixtures.url("xls/export-csv.xls"), name: "export-csv.xls")
        #expect(csv.report.format == .csv)
        #expect(csv.labels.count == 13 && csv.rows.count == 5)
        #expect(csv.rows[0][0] == "01" && csv.rows[1][6] == "DAUBIÉ")
        let e = try #require(socleError { _ = try Self.read(Fixtures.url("xls/export-html.xls"), name: "export-html.xls") })
        #expect(e.code == "xls.html")
        #expect(e.message(.french).contains("page web"))
    }

    @Test(arguments: [
        ("<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>Code</td></tr></table></body></html>", "xls.html"),
        ("\u{FEFF}<!DOCTYPE html>\n<html>", "xls.html"),
        ("<table border=1><tr><th>Code</th></tr><tr><td>01001</td></tr></table>", "xls.html"),
        ("<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">", "xls.xml_spreadsheet"),
    ])
    func markupNamedXLSIsRefused(_ text: String, _ code: String) throws {
        let e = try #require(Self.refusal(Array(text.utf8), name: "export.xls"))
        #expect(e.code == code)
        #expect(e.location?.file == "export.xls")
        #expect(e.message(.french).contains(".xlsx"))
    }
}
