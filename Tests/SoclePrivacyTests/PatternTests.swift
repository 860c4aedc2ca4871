import Testing
@testable import SoclePrivacy

@Suite struct PatternTests {
    @Test(arguments: ["0612345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "+33 6 12 34 56 78",
                      "+33612345678", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78", "01 42 76 40 40"])
    func phones(value: String) { #expect(ValuePatterns.isFrenchPhone(value)) }

    @Test(arguments: ["0012345678", "75056", "061234567", "+44 20 7946 0958", "06 12 34 56 78 90", "2024-01-01"])
    func notPhones(value: String) { #expect(!ValuePatterns.isFrenchPhone(value)) }

    @Test func mobiles() {
        #expect(ValuePatterns.isMobilePhone("+33 7 12 34 56 78"))
        #expect(!ValuePatterns.isMobilePhone("01 42 76 40 40"))
    }

    @Test(arguments: ["AB-123-CD", "ab 123 cd", "AB123CD", "123 ABC 45", "1234 AB 75", "12 A 2A", "456-XY-974"])
    func plates(value: String) { #expect(ValuePatterns.isLicensePlate(value)) }

    @Test(arguments: ["75056", "01D", "ABC", "12345ABC", "A-1-B", "2A004"])
    func notPlates(value: String) { #expect(!ValuePatterns.isLicensePlate(value)) }

    @Test func emailsAndIPs() {
        #expect(ValuePatterns.isEmail("jean.dupont@exemple.fr"))
        #expect(!ValuePatterns.isEmail("jean dupont@exemple.fr"))
        #expect(!ValuePatterns.isEmail("@exemple.fr"))
        #expect(ValuePatterns.isIPAddress("192.168.1.12"))
        #expect(ValuePatterns.isIPAddress("2001:db8::8a2e:370:7334"))
        #expect(ValuePatterns.isIPAddress("2001:0db8:0000:0000:0000:8a2e:0370:7334"))
        #expect(!ValuePatterns.isIPAddress("256.1.1.1"))
        #expect(!ValuePatterns.isIPAddress("12:30:00"))
        #expect(!ValuePatterns.isIPAddress("48.97,-1.54"))
    }

    @Test func datesAndAddresses() {
        #expect(ValuePatterns.year(ofDate: "1984-03-12") == 1984)
        #expect(ValuePatterns.year(ofDate: "12/03/1984") == 1984)
        #expect(ValuePatterns.year(ofDate: "12.03.1984") == 1984)
        #expect(ValuePatterns.year(ofDate: "1984") == nil)
        #expect(ValuePatterns.isPostalAddress("12 rue de la Paix 75002 Paris"))
        #expect(ValuePatterns.isPostalAddress("3 bis, Avenue Foch"))
        #expect(!ValuePatterns.isPostalAddress("Rue de la Paix"))
        #expect(ValuePatterns.isStreetName("Rue de la Paix"))
        #expect(!ValuePatterns.isStreetName("Dupont"))
    }

    @Test func masking() {
        #expect(Masking.mask("Jean Dupont") == "J*** D***")
        #expect(Masking.mask("06 12 34 56 78") == "06 ** ** ** 78")
        #expect(Masking.mask("2 84 02 75 115 045 93") == "2 84 ** ** *** *** 93")
        #expect(Masking.mask("jean.dupont@exemple.fr") == "j***@e***.fr")
        #expect(!Masking.mask("FR76 3000 6000 0112 3456 7890 189").contains("3456"))
    }

    @Test func headerWords() {
        #expect(TextFolding.words("nomBénéficiaire") == ["nom", "beneficiaire"])
        #expect(TextFolding.words("N° Sécu") == ["n", "secu"])
        #expect(TextFolding.words("E-MAIL") == ["e", "mail"])
        #expect(HeaderDictionary.hits(for: "Nom_commune").isEmpty)
        #expect(HeaderDictionary.hits(for: "Prénom").first?.category == .identity)
        #expect(HeaderDictionary.hits(for: "Adresse e-mail").first?.category == .email)
        #expect(HeaderDictionary.hits(for: "Nom").first?.strength == .ambiguous)
        #expect(HeaderDictionary.hits(for: "Nomenclature").isEmpty)
    }
}
