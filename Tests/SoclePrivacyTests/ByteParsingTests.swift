import Testing
@testable import SoclePrivacy

/// The recognisers work on UTF-8 bytes for speed: these pin the spellings they must keep accepting or refusing.
@Suite struct ByteParsingTests {
    @Test(arguments: ["06\u{A0}12\u{A0}34\u{A0}56\u{A0}78", "06/12/34/56/78", "(06) 12 34 56 78", "+33 (0)1 42 76 40 40"])
    func moreSpellingsOfPhones(value: String) { #expect(ValuePatterns.isFrenchPhone(value)) }

    @Test(arguments: ["06 12 34 56 7a", "33 6 12 34 56 78", "06 12 +34 56 78", "０６１２３４５６７８", "06•12•34•56•78"])
    func notPhonesEither(value: String) { #expect(!ValuePatterns.isFrenchPhone(value)) }

    @Test func mobileAfterPrefixes() {
        #expect(ValuePatterns.isMobilePhone("0033 6 12 34 56 78"))
        #expect(ValuePatterns.isMobilePhone("+33 (0)7 12 34 56 78"))
        #expect(!ValuePatterns.isMobilePhone("+33 (0)4 72 10 30 30"))
    }

    @Test(arguments: [("2024-01-05T10:00:00Z", 2024), ("05/01/2024 10:00", 2024), ("5/1/1984", 1984),
                      ("1984.03.12", 1984), ("12-03-1984", 1984)])
    func datesWithTimes(value: String, year: Int) { #expect(ValuePatterns.year(ofDate: value) == year) }

    @Test(arguments: ["1.2.3.4", "2024/13/01", "12/03/84", "2024-01", "le 12/03/1984", "12/03/1984a", "2024-1234567890-01"])
    func notDates(value: String) { #expect(ValuePatterns.year(ofDate: value) == nil) }

    @Test func identifiersWithOddCharacters() {
        #expect(Checksums.isValidNIR("1\u{A0}84\u{A0}03\u{A0}75\u{A0}123\u{A0}456\u{A0}90"))
        #expect(Checksums.isValidNIR("1.84.03.75.123.456.90"))
        #expect(!Checksums.isValidNIR("1 84 03 75 123 456 9é"))
        #expect(!Checksums.isValidSIRET("²7328293200007"))
        #expect(!Checksums.looksLikeNIR("²84027511504593"))
        #expect(Checksums.isValidIBAN("fr76-3000-6000-0112-3456-7890-189"))
        #expect(!Checksums.isValidIBAN("FR76 3000 6000 0112 3456 7890 18é"))
    }

    @Test func emails() {
        #expect(ValuePatterns.isEmail("élodie.martin@exemple.fr"))
        #expect(ValuePatterns.isEmail("contact@mairie-saint-étienne.fr"))
        #expect(!ValuePatterns.isEmail("a@b@c.fr"))
        #expect(!ValuePatterns.isEmail("jean@.fr"))
        #expect(!ValuePatterns.isEmail("jean@exemple."))
        #expect(!ValuePatterns.isEmail("jean@exemple_fr"))
    }

    @Test func foldingKeepsAccentsCamelCaseAndScripts() {
        #expect(TextFolding.words("nomBénéficiaire") == ["nom", "beneficiaire"])
        #expect(TextFolding.words("N° sécu") == ["n", "secu"])
        #expect(TextFolding.words("ŒUF – Élève’s") == ["oeuf", "eleve", "s"])
        #expect(TextFolding.words("Lieu-dit Ä×Ö") == ["lieu", "dit", "a", "o"])
        #expect(TextFolding.words("Ville de Łódź") == ["ville", "de", "łodz"])
        #expect(TextFolding.words("Ελληνικά 2ª") == TextFolding.slowWords("Ελληνικά 2ª"))
        #expect(TextFolding.words("CP 69100€") == ["cp", "69100"])
    }

    @Test func wordsOnlyShapes() {
        #expect(ValueScan.wordsOnly("Jean-Pierre D'Arc") == true)
        #expect(ValueScan.wordsOnly("le gall") == false)
        #expect(ValueScan.wordsOnly("Élodie Gauthier") == true)
        #expect(ValueScan.wordsOnly("Rue 12") == nil)
        #expect(ValueScan.wordsOnly("Zoe\u{301} Martin") == true)
    }

    @Test func addressesAndPlates() {
        #expect(ValuePatterns.isIPAddress("2a01:cb00:1:2::5"))
        #expect(ValuePatterns.isIPAddress("fe80::1"))
        #expect(ValuePatterns.isIPAddress("10.0.0.255"))
        #expect(!ValuePatterns.isIPAddress("1.2.3.4:80"))
        #expect(!ValuePatterns.isIPAddress("1.2.3."))
        #expect(!ValuePatterns.isIPAddress("1..2.3"))
        #expect(!ValuePatterns.isIPAddress("2023-01-01T00:00:00+01:00"))
        #expect(!ValuePatterns.isIPAddress("48.87673,2.25425"))
        #expect(ValuePatterns.isLicensePlate("12 ABC 2A"))
        #expect(ValuePatterns.isLicensePlate("ab-123-cd"))
        #expect(!ValuePatterns.isLicensePlate("123ABC45"))
        #expect(!ValuePatterns.isLicensePlate("AB-123-CDÉ"))
    }
}
