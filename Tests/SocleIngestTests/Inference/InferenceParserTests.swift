import Foundation
import Testing
@testable import SocleIngest

@Suite("Value parsers")
struct InferenceParserTests {
    @Test("integers", arguments: [
        ("0", Int64(0)), ("42", 42), ("-42", -42), ("+7", 7), ("1 234", 1234), ("1 234 567", 1_234_567),
        ("1\u{00A0}234", 1234), ("12\u{202F}345\u{202F}678", 12_345_678), ("−5", -5), ("007", 7),
        ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
    ] as [(String, Int64)])
    func integers(_ text: String, _ expected: Int64) {
        #expect(IntegerParser.parse(text) == expected)
    }

    @Test("not integers", arguments: [
        "", "-", "+", "1,5", "1.5", "12 34", "1234 567", "1 2345", "1  234", "1 234 ", "abc", "1e3", "1_000",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999", "--1", "1-",
    ])
    func notIntegers(_ text: String) {
        #expect(IntegerParser.parse(text) == nil)
    }

    @Test("numbers", arguments: [
        ("22,26", ",", 22.26), ("1 234 567,89", ",", 1_234_567.89), ("1\u{00A0}234,5", ",", 1234.5),
        ("1.234,5", ",", 1234.5), ("1.234.567", ",", 1_234_567), ("1,234", ",", 1.234), ("1.234", ",", 1234),
        ("1,234", ".", 1234), ("1,234.5", ".", 1234.5), ("1.5", ".", 1.5), ("-3", ",", -3), ("(12,5)", ",", -12.5),
        ("(1 200,00 €)", ",", -1200), ("12,5 %", ",", 12.5), ("12%", ".", 12), ("100 €", ",", 100),
        ("1,5e3", ",", 1500), ("2.5E-3", ".", 0.0025), ("0,5", ",", 0.5), (",5", ",", 0.5), ("−2,5", ",", -2.5),
        ("12345678901234567890123", ".", 1.2345678901234568e22), ("0.1", ".", 0.1), ("48.8566", ".", 48.8566),
    ] as [(String, Character, Double)])
    func numbers(_ text: String, _ sep: Character, _ expected: Double) {
        #expect(NumberParser.parse(text, decimalSeparator: sep) == expected)
    }

    @Test("not numbers", arguments: [
        ("", ","), ("abc", ","), ("1,5", "."), ("1.5", ","), ("1.234,5", "."), ("1 234.567,8", ","), ("1,", ","),
        ("1,2,3", ","), ("12 34", ","), ("(-5)", ","), ("e5", "."), ("1e", "."), ("%", ","), ("€", ","),
        ("48.8566,2.3522", "."), ("48.8566,2.3522", ","), ("2024-03-01", "."), ("1..5", "."), ("N/A", ","),
    ] as [(String, Character)])
    func notNumbers(_ text: String, _ sep: Character) {
        #expect(NumberParser.parse(text, decimalSeparator: sep) == nil)
    }

    @Test("booleans", arguments: [
        ("oui", true), ("Non", false), ("VRAI", true), ("faux", false), ("true", true), ("False", false),
        ("yes", true), ("NO", false), ("O", true), ("n", false), ("Y", true), ("N", false),
    ])
    func booleans(_ text: String, _ expected: Bool) {
        #expect(BooleanParser.parse(text) == expected)
    }

    @Test("not booleans", arguments: ["", "x", "1", "0", "ouii", "nope", "vraiment", "t", "f", "oui non"])
    func notBooleans(_ text: String) {
        #expect(BooleanParser.parse(text) == nil)
    }

    @Test("digits and checkbox as booleans only when allowed")
    func digitBooleans() {
        ByteText.with("1") { #expect(BooleanParser.parse($0, allowDigits: true, allowCheckbox: false) == true) }
        ByteText.with("0") { #expect(BooleanParser.parse($0, allowDigits: true, allowCheckbox: false) == false) }
        ByteText.with("X") { #expect(BooleanParser.parse($0, allowDigits: false, allowCheckbox: true) == true) }
        ByteText.with("x") { #expect(BooleanParser.parse($0, allowDigits: false, allowCheckbox: false) == nil) }
    }

    @Test("null tokens", arguments: [
        ("NA", true), ("N/A", true), ("n/a", true), ("-", true), ("--", true), ("null", true), ("NULL", true),
        ("nd", true), ("ND", true), ("s/o", true), ("#N/A", true), ("NC", true),
        ("none", true), ("---", true), ("nan", true), ("NON COMMUNIQUÉ", true), ("néant", true),
        ("N", false), ("0", false), ("x", false), ("nonce", false),
    ])
    func nullTokens(_ text: String, _ expected: Bool) {
        #expect(NullTokens.matches(text) == expected)
    }

    @Test("dates", arguments: [
        ("31/01/2024", true, "2024-01-31"), ("01/02/2024", true, "2024-02-01"), ("01/02/2024", false, "2024-01-02"),
        ("5/3/2024", true, "2024-03-05"), ("31/01/24", true, "2024-01-31"), ("25/11/62", true, "1962-11-25"), ("01/01/29", true, "2029-01-01"),
        ("01/01/30", true, "1930-01-01"),
        ("31-01-2024", true, "2024-01-31"), ("31.01.2024", true, "2024-01-31"), ("2024-01-31", false, "2024-01-31"),
        ("2024/01/31", true, "2024-01-31"), ("2024.01.31", true, "2024-01-31"), ("29/02/2024", true, "2024-02-29"),
        ("29/02/2000", true, "2000-02-29"), ("01/31/2024", false, "2024-01-31"),
    ])
    func dates(_ text: String, _ dayFirst: Bool, _ expected: String) {
        #expect(DateParser.parseDate(text, dayFirst: dayFirst)?.dateText == expected)
    }

    @Test("not dates", arguments: [
        ("29/02/2023", true), ("29/02/1900", true), ("31/04/2024", true), ("32/01/2024", true), ("13/13/2024", true),
        ("01/31/2024", true), ("31/01/2024", false), ("2024-13-01", true), ("2024-02-30", true), ("31/01-2024", true),
        ("1/1/202", true), ("0000-01-01", true), ("2024-01-31T10:00", true), ("12.05", true), ("2024-1-", true),
        ("abc", true), ("2024-01-31x", true),
    ])
    func notDates(_ text: String, _ dayFirst: Bool) {
        #expect(DateParser.parseDate(text, dayFirst: dayFirst) == nil)
    }

    @Test("datetimes", arguments: [
        ("2024-03-01T10:00:00+01:00", "2024-03-01T09:00:00Z"), ("2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z"),
        ("2024-03-01 10:00", "2024-03-01T10:00:00"), ("2024-03-01T10:00:05.5", "2024-03-01T10:00:05.500"),
        ("2024-03-01T10:00:05.123456-02:30", "2024-03-01T12:30:05.123Z"), ("2024-01-01T00:30:00+0100", "2023-12-31T23:30:00Z"),
        ("2024-12-31T23:00:00-05", "2025-01-01T04:00:00Z"), ("2024-02-28T23:30:00-01:00", "2024-02-29T00:30:00Z"),
        ("31/01/2024 08:15", "2024-01-31T08:15:00"), ("31/01/2024 8:15:30", "2024-01-31T08:15:30"),
        ("2022-01-01T00:00:00+01:00", "2021-12-31T23:00:00Z"),
    ])
    func datetimes(_ text: String, _ expected: String) {
        #expect(DateParser.parseDateTime(text, dayFirst: true)?.dateTimeText == expected)
    }

    @Test("not datetimes", arguments: [
        "2024-03-01", "2024-03-01T24:00:00", "2024-03-01T10:60", "2024-03-01T10", "2024-03-01T10:00:00+1",
        "2024-03-01T10:00:00+01:0", "2024-03-01T10:00:00 +01:00", "2024-02-30T10:00", "31/01/2024T", "10:00",
        "2024-03-01T10:00:61",
    ])
    func notDatetimes(_ text: String) {
        #expect(DateParser.parseDateTime(text, dayFirst: true) == nil)
    }

    @Test("date only accepted as midnight when allowed")
    func dateOnlyAsDateTime() {
        #expect(DateParser.parseDateTime("2024-03-01", allowDateOnly: true)?.dateTimeText == "2024-03-01T00:00:00")
    }

    @Test("geopoints", arguments: [
        ("48.8566,2.3522", "48.8566,2.3522"), ("48.8566, 2.3522", "48.8566,2.3522"), ("-33.9 , 151.2", "-33.9,151.2"),
        ("48.85660,+002.35220", "48.8566,2.3522"), ("90,180", "90,180"), ("-90,-180", "-90,-180"), ("0.0,-0.0", "0,0"),
        ("48.970665047412545,2.077731765931404", "48.970665047412545,2.077731765931404"), (".5,.25", "0.5,0.25"),
    ])
    func geopoints(_ text: String, _ canonical: String) {
        var out: [UInt8] = []
        let p = ByteText.with(text) { GeoPointParser.appendCanonical($0, to: &out) }
        #expect(p != nil)
        #expect(String(decoding: out, as: UTF8.self) == canonical)
    }

    @Test("not geopoints", arguments: [
        "91,2", "48,181", "48.8566", "48.8566;2.3522", "48,85,2,35", "a,b", ",", "48.8566,", "1e1,2", "48.8.5,2",
        "48 ,2 3",
    ])
    func notGeopoints(_ text: String) {
        #expect(GeoPointParser.parse(text) == nil)
    }

    @Test("geopoint text from doubles")
    func canonicalFromDoubles() {
        #expect(GeoPointParser.canonical(lat: 48.8566, lon: 2.3522) == "48.8566,2.3522")
        #expect(GeoPointParser.canonical(lat: 0.00001, lon: -1) == "0.00001,-1")
    }
}
