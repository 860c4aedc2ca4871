import Testing
@testable import SocleIngest

@Suite("Header cleaning")
struct InferenceHeaderCleanerTests {
    @Test("one label", arguments: [
        ("Code_commune_INSEE", "code_commune_insee"), ("Libellé_d_acheminement", "libelle_d_acheminement"),
        ("Nom de l'élu", "nom_de_l_elu"), ("Cœur", "coeur"), ("Façade ÉTÉ", "facade_ete"), ("% Abs/Ins", "abs_ins"),
        ("  Date\nde début  ", "date_de_debut"), ("2024", "c_2024"), ("1Ère Circonscription", "c_1ere_circonscription"),
        ("_row", "row"), ("__geo__", "geo"), ("Æther straße", "aether_strasse"), ("Geo Point", "geo_point"),
        ("a--b__c", "a_b_c"), ("ÇA", "ca"),
    ])
    func single(_ label: String, _ expected: String) {
        #expect(HeaderCleaner.clean([label]) == [expected])
    }

    @Test("empty and symbol-only labels get their position")
    func empties() {
        #expect(HeaderCleaner.clean(["a", "", "€€", "  "]) == ["a", "column_2", "column_3", "column_4"])
    }

    @Test("duplicates are numbered and stay unique")
    func duplicates() {
        #expect(HeaderCleaner.clean(["Nom", "nom", "NOM", "nom_2"]) == ["nom", "nom_2", "nom_3", "nom_2_2"])
        #expect(HeaderCleaner.clean(["", "column_1"]) == ["column_1", "column_1_2"])
    }

    @Test("names are at most 63 bytes, also with a suffix")
    func length() {
        let long = String(repeating: "abcdefghij", count: 10)
        let names = HeaderCleaner.clean([long, long])
        #expect(names[0].utf8.count == 63)
        #expect(names[1].utf8.count <= 63)
        #expect(names[1].hasSuffix("_2"))
        #expect(names[0] != names[1])
    }

    @Test("every name is a safe SQL identifier")
    func safe() {
        let labels = ["", "1", "_", "é", "日本", "a b", "ß", "x", "X", "\"quoted\"", "a;b", "-", "0_0"]
        let names = HeaderCleaner.clean(labels)
        #expect(Set(names).count == names.count)
        for n in names {
            let bytes = Array(n.utf8)
            #expect(!bytes.isEmpty && bytes.count <= 63)
            #expect(bytes[0] >= 0x61 && bytes[0] <= 0x7A, "\(n)")
            #expect(bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }, "\(n)")
        }
    }
}
