import SoclePrivacy
import Testing

/// How identifiers are normalised and keyed for the subject index (issue 12, item 3): the spellings of one
/// identifier meet, different identifiers do not.
@Suite("Subject keys")
struct SubjectKeysTests {
    @Test("phones: national, international, dotted, with (0); foreign numbers keep their prefix; junk refused")
    func phones() {
        for v in ["06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78",
                  "33612345678", "06-12-34-56-78"] {
            #expect(SubjectNormaliser.phone(v) == "0612345678", "\(v)")
        }
        #expect(SubjectNormaliser.phone("+44 20 7946 0958") == "+442079460958")
        #expect(SubjectNormaliser.phone("appelez-moi") == nil)
        #expect(SubjectNormaliser.phone("12") == nil)
    }

    @Test("e-mails, NIRs, plates, names and birth dates")
    func others() {
        #expect(SubjectNormaliser.email("  Jeanne.MARTIN@Exemple.FR ") == "jeanne.martin@exemple.fr")
        #expect(SubjectNormaliser.email("jeanne martin@exemple.fr") == nil)
        #expect(SubjectNormaliser.email("@exemple.fr") == nil)
        #expect(SubjectNormaliser.email("a@b@c") == nil)
        #expect(SubjectNormaliser.nir("2 84 03 75 123 456 78") == "2840375123456")
        #expect(SubjectNormaliser.nir("2840375123456") == "2840375123456")
        #expect(SubjectNormaliser.nir("1 85 05 2a 123 456") == "185052A123456")
        #expect(SubjectNormaliser.nir("12345") == nil)
        #expect(SubjectNormaliser.plate("ab-123-cd") == "AB123CD")
        #expect(SubjectNormaliser.plate("A!") == nil)
        #expect(SubjectNormaliser.nameWords("DAUBIÉ Romain") == ["daubie", "romain"])
        #expect(SubjectNormaliser.nameWords("Jean-Pierre L'Œillet") == ["jean", "pierre", "l", "oeillet"])
        #expect(SubjectNormaliser.nameWords("Ζωή Παπαδοπούλου") == ["ζωη", "παπαδοπουλου"], "other scripts through Foundation")
        #expect(SubjectNormaliser.birthDate("29/02/1980") == "1980-02-29")
        #expect(SubjectNormaliser.birthDate("1980-02-29T00:00:00Z") == "1980-02-29")
        #expect(SubjectNormaliser.birthDate("29/02/1981") == nil)
        #expect(SubjectNormaliser.birthDate("31/04/1980") == nil)
    }

    @Test("keys: spellings meet, kinds and keys keep apart; SipHash-2-4 matches its reference vector")
    func keys() {
        let h = SubjectHasher(key: Array(0..<16))
        // The reference implementation's first test vector: key 00…0f, empty message → 0x726fdb47dd0e0e31.
        #expect(h.sipHash24([]) == 0x726fdb47dd0e0e31)
        #expect(h.sipHash24(Array(0..<8)) == 0x93f5f5799a932462)
        var buffer: [UInt8] = []
        var a = "+33 6 12 34 56 78", b = "06.12.34.56.78"
        let ka = a.withUTF8 { h.key(.phone, raw: $0, buffer: &buffer) }
        let kb = b.withUTF8 { h.key(.phone, raw: $0, buffer: &buffer) }
        #expect(ka != nil && ka == kb)
        #expect(ka == h.key(.phone, "0612345678"))
        #expect(h.key(.plate, "AB123CD") != h.key(.nir, "AB123CD"))
        #expect(SubjectHasher(key: Array(repeating: 7, count: 16)).key(.phone, "0612345678") != ka)
        #expect(h.nameBirthKey(words: ["martin", "jeanne"], birthDate: "1984-03-12") == h.nameBirthKey(words: ["jeanne", "martin"], birthDate: "1984-03-12"))
    }
}
