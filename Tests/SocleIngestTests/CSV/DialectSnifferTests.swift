import Foundation
import Testing
@testable import SocleIngest

/// Delimiter and title-line guessing on samples.
struct DialectSnifferTests {
    @Test(arguments: [
        ("semicolon", "a;b;c\n1;2;3\n4;5;6\n", ";"),
        ("comma", "a,b,c\n1,2,3\n", ","),
        ("tab", "a\tb\n1\t2\n", "\t"),
        ("pipe", "a|b\n1|2\n", "|"),
        ("decimal commas with semicolons", "dep;taux;part\n01;22,26;1,5\n02;3,1;0,25\n", ";"),
        ("semicolons inside quotes, comma delimiter", "id,texte,n\n1,\"a;b\",2\n2,\"c;d\",3\n", ","),
        ("semicolon-only header, commas in text", "id;adresse\n1;12, rue X\n2;3, place Y, bis\n", ";"),
        ("all quoted comma file", "\"COM\",\"01001\",\"L'Abergement\"\n\"COM\",\"01002\",\"Ambérieu, ville\"\n", ","),
        ("lat,lon unquoted in a semicolon file", "geo;\"shape\";id\n48.9,2.07;\"{\"\"a\"\": [1, 2]}\";6\n48.8,2.1;\"{\"\"a\"\": [3, 4]}\";7\n", ";"),
        ("tie prefers semicolon", "a;b,c\n1;2,3\n", ";"),
        ("quoted newlines", "a,b\n\"x\ny;z\",1\n\"p;q\",2\n", ","),
    ])
    func delimiter(_ name: String, _ text: String, _ expected: String) {
        let d = DialectSniffer.sniffDelimiter(Array(text.utf8), complete: true)
        #expect(d.map { String(UnicodeScalar($0)) } == expected, "\(name)")
    }

    @Test func noDelimiter() {
        #expect(DialectSniffer.sniffDelimiter(Array("nom\nAlice\nBob\n".utf8), complete: true) == nil)
        #expect(DialectSniffer.sniffDelimiter([], complete: true) == nil)
    }

    @Test func cutSampleDropsThePartialRecord() {
        let shapes = DialectSniffer.shapes(of: Array("a;b\n1;2\n3;\"4\n5".utf8), delimiter: 0x3B, complete: false)
        #expect(shapes.count == 2)
        let whole = DialectSniffer.shapes(of: Array("a;b\n1;2\n3;4".utf8), delimiter: 0x3B, complete: true)
        #expect(whole.map(\.fields) == [2, 2, 2])
    }

    @Test(arguments: [
        ("no title", "id;nom\n1;a\n2;b\n", 0),
        ("one title", "Titre du fichier\nid;nom\n1;a\n2;b\n", 1),
        ("Excel title", "Titre;;\nid;nom;v\n1;a;2\n", 1),
        ("two titles and a blank", "Ville\n\nExport 2024\nid;nom\n1;a\n", 2),
        ("short title when the count is established", "Source: INSEE; 2022\na;b;c;d;e;f\n1;2;3;4;5;6\n1;2;3;4;5;6\n1;2;3;4;5;6\n", 1),
        ("header only", "id;nom\n", 0),
        ("header with fewer fields than rows is kept", "a;b;c;d;e\n1;2;3;4;5;6\n1;2;3;4;5;6\n1;2;3;4;5;6\n", 0),
        ("never the last record", "Titre\n", 0),
    ])
    func titleLines(_ name: String, _ text: String, _ expected: Int) {
        #expect(DialectSniffer.titleLineCount(Array(text.utf8), delimiter: 0x3B, complete: true) == expected, "\(name)")
    }

    @Test(arguments: [
        ("tab", UInt8(9)), ("\t", 9), ("TAB", 9), (";", 0x3B), ("semicolon", 0x3B), (",", 0x2C), ("comma", 0x2C), ("|", 0x7C), (":", 0x3A),
    ])
    func namedDelimiters(_ name: String, _ byte: UInt8) {
        #expect(DialectSniffer.delimiter(named: name) == byte)
    }
}
