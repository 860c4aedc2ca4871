import Testing
@testable import SoclePrivacy

@Suite struct ValidatorTests {
    @Test(arguments: [
        ("1 84 03 75 123 456 90", true), ("284027511504593", true), ("169089935212325", true),
        ("2 91 06 2A 012 345 42", true), ("155042B03456796", true), ("296057810000163", true),
        ("184037512345691", false), ("284027511504594", false), ("291062A012345 41", false),
        ("291062B01234542", false), ("123456789012345", false), ("75056", false), ("", false),
        ("1840375123456", false), ("9840375123456 90", false),
    ])
    func nir(value: String, valid: Bool) {
        #expect(Checksums.isValidNIR(value) == valid)
    }

    @Test(arguments: [
        ("FR76 3000 6000 0112 3456 7890 189", true), ("DE89370400440532013000", true),
        ("GB82 WEST 1234 5698 7654 32", true), ("fr7630006000011234567890189", true),
        ("FR76 3000 6000 0112 3456 7890 188", false), ("FR00", false), ("12345678901234567", false),
    ])
    func iban(value: String, valid: Bool) {
        #expect(Checksums.isValidIBAN(value) == valid)
    }

    @Test(arguments: [
        ("732829320", true), ("542107651", true), ("732829321", false), ("12345678", false),
    ])
    func siren(value: String, valid: Bool) {
        #expect(Checksums.isValidSIREN(value) == valid)
    }

    @Test(arguments: [
        ("73282932000074", true), ("21060004500392", true), ("52499120500013", true),
        ("35600000049837", true), ("35600000012345", false), ("35600000000048", true),
        ("73282932000075", false), ("7328293200007", false),
    ])
    func siret(value: String, valid: Bool) {
        #expect(Checksums.isValidSIRET(value) == valid)
    }

    @Test func luhnRejectsNonDigits() {
        #expect(!Checksums.luhn("12a4"))
        #expect(!Checksums.luhn(""))
    }
}
