import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Reader behaviour on small synthetic files: line ends, quoting, header, blank and title lines.
struct CSVSyntheticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var labels: [String]
        var rows: [[String?]]
        var lines: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "LF", text: "a;b\n1;2\n3;4\n", labels: ["a", "b"], rows: [["1", "2"], ["3", "4"]], lines: [2, 3]),
        Case(name: "CRLF", text: "a;b\r\n1;2\r\n3;4\r\n", labels: ["a", "b"], rows: [["1", "2"], ["3", "4"]], lines: [2, 3]),
        Case(name: "lone CR", text: "a;b\r1;2\r3;4", labels: ["a", "b"], rows: [["1", "2"], ["3", "4"]], lines: [2, 3]),
        Case(name: "mixed line ends", text: "a;b\r\n1;2\n3;4\r5;6\r\n", labels: ["a", "b"],
             rows: [["1", "2"], ["3", "4"], ["5", "6"]], lines: [2, 3, 4]),
        Case(name: "no final newline", text: "a,b\n1,2", labels: ["a", "b"], rows: [["1", "2"]], lines: [2]),
        Case(name: "empty fields are null", text: "a;b;c\n;x;\n", labels: ["a", "b", "c"], rows: [[nil, "x", nil]], lines: [2]),
        Case(name: "doubled quotes", text: "a;b\n\"il a dit \"\"oui\"\"\";\"\"\"\"\n", labels: ["a", "b"],
             rows: [["il a dit \"oui\"", "\""]], lines: [2]),
        Case(name: "quoted delimiter and newline", text: "a;b\n\"x;\ny\";1\n2;3\n", labels: ["a", "b"],
             rows: [["x;\ny", "1"], ["2", "3"]], lines: [2, 4]),
        Case(name: "quoted CRLF kept, lines counted", text: "a;b\r\n\"l1\r\nl2\r\nl3\";1\r\n2;3\r\n", labels: ["a", "b"],
             rows: [["l1\r\nl2\r\nl3", "1"], ["2", "3"]], lines: [2, 5]),
        Case(name: "stray quote in unquoted field kept", text: "a;b\n12\" écran;x\"y\n", labels: ["a", "b"],
             rows: [["12\" écran", "x\"y"]], lines: [2]),
        Case(name: "text after closing quote kept", text: "a;b\n\"abc\"def;2\n", labels: ["a", "b"],
             rows: [["abcdef", "2"]], lines: [2]),
        Case(name: "blank lines skipped", text: "a;b\n\n1;2\n\n\n3;4\n\n", labels: ["a", "b"],
             rows: [["1", "2"], ["3", "4"]], lines: [3, 6]),
        Case(name: "blank lines before header", text: "\n\r\n  \na;b\n1;2\n", labels: ["a", "b"], rows: [["1", "2"]], lines: [5]),
        Case(name: "whitespace-only and DOS EOF lines skipped", text: "a;b\n1;2\n   \n\u{1A}", labels: ["a", "b"],
             rows: [["1", "2"]], lines: [2]),
        Case(name: "multi-line quoted header", text: "\"code\ncommune\";nom\n01001;Abergement\n", labels: ["code\ncommune", "nom"],
             rows: [["01001", "Abergement"]], lines: [3]),
        Case(name: "empty and duplicate labels kept", text: "a;;a; b \n1;2;3;4\n", labels: ["a", "", "a", " b "],
             rows: [["1", "2", "3", "4"]], lines: [2]),
        Case(name: "header only", text: "a;b;c\n", labels: ["a", "b", "c"], rows: [], lines: []),
        Case(name: "header only without newline", text: "a;b;c", labels: ["a", "b", "c"], rows: [], lines: []),
        Case(name: "single column", text: "nom\nAlice\n\nBob\n", labels: ["nom"], rows: [["Alice"], ["Bob"]], lines: [2, 4]),
        Case(name: "leading zeros and spaces kept", text: "code;v\n01001; 2,5 \n", labels: ["code", "v"],
             rows: [["01001", " 2,5 "]], lines: [2]),
        Case(name: "comma delimiter, semicolons quoted", text: "id,texte,val\n1,\"a;b\",2\n2,\"c;d;e\",3\n3,\"f;g\",4\n",
             labels: ["id", "texte", "val"], rows: [["1", "a;b", "2"], ["2", "c;d;e", "3"], ["3", "f;g", "4"]], lines: [2, 3, 4]),
        Case(name: "tab delimiter", text: "a\tb\n1,5\t2;3\n", labels: ["a", "b"], rows: [["1,5", "2;3"]], lines: [2]),
        Case(name: "pipe delimiter", text: "a|b|c\n1|2|3\n4|5|6\n", labels: ["a", "b", "c"], rows: [["1", "2", "3"], ["4", "5", "6"]], lines: [2, 3]),
        Case(name: "title line above header", text: "Liste des compteurs au 01/03/2024\nid;nom;val\n1;a;2\n2;b;3\n3;c;4\n",
             labels: ["id", "nom", "val"], rows: [["1", "a", "2"], ["2", "b", "3"], ["3", "c", "4"]], lines: [3, 4, 5]),
        Case(name: "Excel title line with trailing delimiters", text: "Export Mairie;;\n\nid;nom;val\n1;a;2\n",
             labels: ["id", "nom", "val"], rows: [["1", "a", "2"]], lines: [4]),
        Case(name: "two title lines", text: "Ville de Test\nDonnées 2024\nid;nom;val\n1;a;2\n2;b;3\n",
             labels: ["id", "nom", "val"], rows: [["1", "a", "2"], ["2", "b", "3"]], lines: [4, 5]),
        Case(name: "Excel sep= line", text: "sep=,\na;b,c\n1;2,3\n", labels: ["a;b", "c"], rows: [["1;2", "3"]], lines: [3]),
        Case(name: "Excel sep= line with BOM and CRLF", text: "\u{FEFF}SEP=|\r\na|b\r\n1|2\r\n", labels: ["a", "b"], rows: [["1", "2"]], lines: [3]),
        Case(name: "BOM stripped from first label", text: "\u{FEFF}id;nom\n1;a\n", labels: ["id", "nom"], rows: [["1", "a"]], lines: [2]),
    ]

    @Test(arguments: cases)
    func reads(_ c: Case) throws {
        let result = try CSVTest.read(text: c.text)
        #expect(result.labels == c.labels)
        #expect(result.rows == c.rows)
        #expect(result.lines == c.lines)
    }

    @Test func titleLinesAreReported() throws {
        let result = try CSVTest.read(text: "Liste des compteurs au 01/03/2024\nid;nom;val\n1;a;2\n2;b;3\n")
        #expect(result.labels == ["id", "nom", "val"])
        #expect(result.report.warnings == [Notice("header.detected", ["row": "2", "skipped": "1", "filled": "3", "width": "3"])])
    }

    @Test func lonelyHeaderIsNotATitle() throws {
        let result = try CSVTest.read(text: "id;nom\n")
        #expect(result.labels == ["id", "nom"])
        #expect(result.report.warnings.isEmpty)
    }

    @Test func unclosedQuoteNamesTheLineWhereItOpened() throws {
        for text in ["a;b\n1;2\n3;\"oops\n4;5\n6;7\n", "a;b\r\n1;2\r\n3;\"oops\r\n4;5\r\n"] {
            let error = CSVTest.error { _ = try CSVTest.read(text: text) }
            #expect(error?.code == "csv.unclosed_quote")
            #expect(error?.location?.line == 3)
            #expect(error?.location?.file == "test.csv")
        }
    }

    @Test func unclosedQuoteInHeader() throws {
        let error = CSVTest.error { _ = try CSVTest.read(text: "a;\"b\n1;2\n") }
        #expect(error?.code == "csv.unclosed_quote")
        #expect(error?.location?.line == 1)
    }

    @Test(arguments: [
        ("zero bytes", [UInt8]()),
        ("whitespace", Array(" \n\r\n\t \n".utf8)),
        ("UTF-8 BOM only", [0xEF, 0xBB, 0xBF]),
        ("BOM and newlines", [0xEF, 0xBB, 0xBF, 0x0A, 0x0A]),
        ("delimiters only", Array(";;\n;;\n".utf8)),
    ])
    func emptyFile(_ name: String, _ bytes: [UInt8]) throws {
        let error = CSVTest.error { _ = try CSVTest.read(bytes: bytes) }
        #expect(error?.code == "file.empty", "\(name)")
    }

    @Test func delimiterOnlyRowsAreSkippedWithAWarning() throws {
        let result = try CSVTest.read(text: "a;b;c\n1;2;3\n;;\n;;\n")
        #expect(result.rows == [["1", "2", "3"]])
        #expect(result.report.warnings.contains(Notice("csv.warning.delimiter_only_rows", ["count": "2"])))
    }

    @Test func textAfterClosingQuoteIsReported() throws {
        let result = try CSVTest.read(text: "a;b\n\"abc\"def;2\n")
        #expect(result.report.warnings.contains(Notice("csv.warning.text_after_quote", ["count": "1"])))
    }

    @Test(arguments: [
        ("tab", "a\tb\n1\t2\n"), ("\t", "a\tb\n1\t2\n"), ("\\t", "a\tb\n1\t2\n"), ("|", "a|b\n1|2\n"), (",", "a,b\n1,2\n"),
    ])
    func forcedDelimiter(_ delimiter: String, _ text: String) throws {
        let result = try CSVTest.read(text: text, ReaderOptions(displayName: "x.csv", delimiter: delimiter))
        #expect(result.labels == ["a", "b"])
        #expect(result.rows == [["1", "2"]])
    }

    @Test func forcedDelimiterWinsOverSniffing() throws {
        // Sniffing would pick ";", the user says ",".
        let result = try CSVTest.read(text: "a;x,b\n1;y,2\n", ReaderOptions(displayName: "x.csv", delimiter: ","))
        #expect(result.labels == ["a;x", "b"])
        #expect(result.report.delimiter == ",")
    }

    @Test(arguments: ["ab", "\"", "€", "\n"])
    func invalidForcedDelimiter(_ delimiter: String) throws {
        let error = CSVTest.error { _ = try CSVTest.read(text: "a;b\n", ReaderOptions(displayName: "x.csv", delimiter: delimiter)) }
        #expect(error?.code == "csv.delimiter_invalid")
    }

    @Test func noDelimiterFoundReadsOneColumn() throws {
        let result = try CSVTest.read(text: "nom\nParis, France\nLyon\n")
        #expect(result.labels == ["nom"])
        #expect(result.rows == [["Paris, France"], ["Lyon"]])
        #expect(result.report.delimiter == ";")
        #expect(result.report.warnings.contains(Notice("csv.warning.no_delimiter")))
    }

    @Test func errorMessagesAreFrenchFirstAndLocated() throws {
        let error = try #require(CSVTest.error { _ = try CSVTest.read(text: "a;b;c\n1;2;3\n4;5\n") })
        let fr = error.message(.french)
        #expect(fr.hasPrefix("test.csv, ligne 3 : "))
        #expect(fr.contains("2 champs") && fr.contains("3") && fr.contains("--on-ragged pad"))
        #expect(error.message(.english).contains("--on-ragged skip"))
    }
}
