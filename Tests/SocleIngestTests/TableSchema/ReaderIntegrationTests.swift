import Foundation
import SocleCore
import Testing
@testable import SocleIngest

/// The validator reading real files through `ReaderFactory`.
@Suite struct ReaderIntegrationTests {
    static let schema = #"{"fields": [{"name": "nom", "constraints": {"required": true}}, {"name": "n", "type": "integer"}]}"#

    private func validate(_ name: String, _ text: String, options: ReaderOptions? = nil) throws -> ValidationReport {
        let url = try Fixtures.temp(name, text)
        return try TableSchemaValidator.validate(url: url, options: options ?? ReaderOptions(displayName: name),
                                                 schema: try SchemaTestSupport.schema(Self.schema))
    }

    @Test func rowsAndPhysicalLinesDiffer() throws {
        // A quoted cell spanning two lines: data row 2 starts on file line 4.
        let report = try validate("multi.csv", "nom;n\n\"Saint-\nLô\";1\nVire;deux\n")
        let e = try #require(report.errors.first)
        #expect(report.errors.count == 1)
        #expect(e.row == 2 && e.field == "n" && e.constraint == "type" && e.value == "deux")
        #expect(e.message.hasPrefix("Ligne 2 (ligne 4 du fichier), champ « n » : « deux » n'est pas un nombre entier"))
    }

    @Test func windows1252FileWithBOMlessHeader() throws {
        let url = try Fixtures.temp("cp1252.csv", [UInt8]("nom;n\n".utf8) + [0x4C, 0xE9, 0x6F, 0x3B, 0x31, 0x0A])
        let report = try TableSchemaValidator.validate(url: url, options: ReaderOptions(displayName: "cp1252.csv"),
                                                       schema: try SchemaTestSupport.schema(Self.schema))
        #expect(report.valid)
        #expect(report.rowCount == 1)
    }

    @Test func unreadableRestOfFileBecomesASourceError() throws {
        // A ragged row is refused by the reader (default policy): the report says where, and is invalid.
        let report = try validate("ragged.csv", "nom,n\nA,1\nB,2,3,4\nC,3\n")
        #expect(!report.valid)
        let last = try #require(report.errors.last)
        #expect(last.constraint == "source-error")
        #expect(last.message.hasPrefix("ragged.csv, ligne 3 : "))
    }

    @Test func jsonRecordsAreNamedAsRecords() throws {
        let report = try validate("communes.json", #"[{"nom": "Vire", "n": 1}, {"nom": "Caen", "n": "deux"}, {"n": 3}]"#)
        #expect(report.errors.map { "\($0.row ?? 0):\($0.field ?? ""):\($0.constraint)" } == ["2:n:type", "3:nom:required"])
        #expect(report.errors.first?.message.hasPrefix("Ligne 2 (enregistrement 2 du fichier), champ « n »") == true)
    }

    @Test func headerOnlyFile() throws {
        let report = try validate("vide.csv", "n,autre\n")
        #expect(report.rowCount == 0)
        #expect(report.errors.map(\.constraint) == ["missing-label", "extra-label"])
    }
}
