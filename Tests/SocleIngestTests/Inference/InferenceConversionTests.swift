import Foundation
import Testing
import SocleCore
@testable import SocleIngest

@Suite("Typed conversion (pass 2)")
struct InferenceConversionTests {
    typealias K = InferenceKit

    static let table = """
    id;nom;montant;actif;date;horodatage;cp;point
    1; Rue  A ;1 234,5;oui;31/01/2024;2024-03-01T10:00:00+01:00; 01400 ;48.8566,2.3522
    2;;-3;non;29/02/2024;2024-03-01T10:00:00Z;75001;
    3;N/A;N/A;N/A;N/A;N/A;N/A;N/A
    4;B;(12,50 €);Vrai;01/12/2023;2024-03-01 10:00:00.25;2A004;-33.9, 151.2
    """

    @Test("every value of every type, in layout order")
    func valueByValue() throws {
        let a = try K.analyze(Self.table)
        #expect(a.columns.map(\.type) == [.code, .text, .number, .boolean, .date, .datetime, .code, .geopoint])
        let out = try K.convert(Self.table, analysis: a, batchSize: 2)
        #expect(out.count == 2 && out.map(\.rowCount) == [2, 2])
        let layout = TableLayout(schema: a.columns)
        #expect(out[0].columns.count == layout.columns.count)
        for (vector, column) in zip(out[0].columns, layout.columns) {
            switch (vector, column.storage) {
            case (.integers, .integer), (.reals, .real), (.texts, .text): break
            default: Issue.record("\(column.name) has the wrong storage")
            }
        }
        #expect(K.values(out, 0) == ["1", "2", "3", "4"])
        #expect(K.values(out, 1) == [" Rue  A ", "NULL", "N/A", "B"])
        #expect(K.values(out, 2) == ["1234.5", "-3.0", "NULL", "-12.5"])
        #expect(K.values(out, 3) == ["1", "0", "NULL", "1"])
        #expect(K.values(out, 4) == ["2024-01-31", "2024-02-29", "NULL", "2023-12-01"])
        #expect(K.values(out, 5) == ["2024-03-01T09:00:00Z", "2024-03-01T10:00:00Z", "NULL", "2024-03-01T10:00:00.250"])
        #expect(K.values(out, 6) == ["01400", "75001", "NULL", "2A004"])
        #expect(K.values(out, 7) == ["48.8566,2.3522", "NULL", "NULL", "-33.9,151.2"])
        #expect(K.values(out, 8) == ["2.3522", "NULL", "NULL", "151.2"])
        #expect(K.values(out, 9) == ["48.8566", "NULL", "NULL", "-33.9"])
        // A point source has no bounding-box helpers: they would only repeat lon/lat.
        #expect(layout.columns.count == 10)
    }

    @Test("integers are Int64 and keep their sign and size")
    func integers() throws {
        let text = "n\n-9223372036854775808\n9223372036854775807\n1 000\n"
        let a = try K.analyze(text)
        #expect(a.columns[0].type == .integer)
        #expect(K.values(try K.convert(text, analysis: a), 0) == ["-9223372036854775808", "9223372036854775807", "1000"])
    }

    @Test("a value that no longer converts is a located error")
    func changedFile() throws {
        let a = try K.analyze("n;d\n1;01/02/2024\n2;03/04/2024\n")
        do {
            _ = try K.convert("n;d\n1;01/02/2024\n2;31/02/2024\n", analysis: a)
            Issue.record("expected an error")
        } catch let e as SocleError {
            #expect(e.code == "inference.not_date")
            #expect(e.location == SourceLocation(file: "test.csv", line: 3, column: "d", row: 2))
            #expect(e.args["value"] == "31/02/2024")
            IngestError.registerCatalog()
            #expect(e.message(.french).contains("n'est pas une date valide"))
            #expect(e.message(.english).contains("\"31/02/2024\" is not a valid date"))
        }
    }

    @Test("extra columns in pass 2 mean the file changed")
    func extraColumns() throws {
        let a = try K.analyze("n\n1\n")
        #expect(throws: SocleError.self) { _ = try K.convert("n;m\n1;2\n", analysis: a) }
    }

    @Test("every conversion error has a French and an English message", arguments: ColumnType.allCases)
    func catalog(_ type: ColumnType) {
        IngestError.registerCatalog()
        let e = ValueConverter.mismatch(type, value: "zz", file: "f.csv", line: 3, column: "c", row: 2)
        #expect(Catalog.shared.template(e.code, language: .french) != nil)
        #expect(Catalog.shared.template(e.code, language: .english) != nil)
    }
}
