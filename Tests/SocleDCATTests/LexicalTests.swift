import Foundation
import Testing
@testable import SocleDCAT

@Suite struct LexicalTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (1_717_243_200.5, "2024-06-01T12:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (-86_400, "1969-12-31T00:00:00Z"),
        (-1.5, "1969-12-31T23:59:58Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
    ])
    func dateTimeIsUTCAndPadded(seconds: Double, expected: String) {
        #expect(Lexical.dateTime(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e18, -1e18, 253_402_300_800, -62_135_596_801])
    func dateTimeOutsideXSDYearsIsLeftOut(seconds: Double) {
        #expect(Lexical.dateTime(Date(timeIntervalSince1970: seconds)) == nil)
    }

    @Test func dateAcceptsRealCalendarDatesOnly() {
        let cases: [(String?, String?)] = [
            ("2024-02-29", "date"), ("2023-02-29", nil), ("2024-04-31", nil), ("2024-12-31", "date"),
            ("2024-13", nil), ("2024-00", nil), ("2024-06", "gYearMonth"), ("2024", "gYear"), ("0000", nil),
            ("24-01-01", nil), ("2024-1-01", nil), ("2024-01-01T00:00", nil), ("", nil), ("--", nil),
            ("２０２４", nil), (" 2024-01-02 ", "date"), (nil, nil), ("1900-02-29", nil), ("2000-02-29", "date"),
        ]
        for (input, datatype) in cases {
            #expect(Lexical.date(input)?.datatype == datatype, "\(String(describing: input))")
        }
        #expect(Lexical.date(" 2024-01-02 ")?.lexical == "2024-01-02")
    }

    @Test func communeCodes() {
        let cases: [(String, String?)] = [
            ("14762", "14762"), ("2A004", "2A004"), ("2b033", "2B033"), ("97105", "97105"), ("1476", nil),
            ("147620", nil), ("2C004", nil), ("ABCDE", nil), ("<1476>", nil), (" 14762 ", "14762"), ("１４７６２", nil),
        ]
        for (input, expected) in cases { #expect(Lexical.communeCode(input) == expected, "\(input)") }
    }

    @Test func checksumsMediaTypesEmailsAndTags() {
        #expect(Lexical.sha256(String(repeating: "AB", count: 32)) == String(repeating: "ab", count: 32))
        #expect(Lexical.sha256(String(repeating: "a", count: 63)) == nil)
        #expect(Lexical.sha256(String(repeating: "g", count: 64)) == nil)
        #expect(Lexical.mediaType("Text/CSV; charset=utf-8") == "text/csv")
        #expect(Lexical.mediaType("application/geo+json") == "application/geo+json")
        #expect(Lexical.mediaType("text/csv/extra") == nil)
        #expect(Lexical.mediaType("text /csv") == nil)
        #expect(Lexical.mediaType("") == nil)
        #expect(Lexical.email("opendata@vire.fr") == "opendata@vire.fr")
        #expect(Lexical.email("a@b") == nil)
        #expect(Lexical.email("a b@vire.fr") == nil)
        #expect(Lexical.email("x@vire.fr>, <javascript:1") == nil)
        #expect(Lexical.languageTag("FR") == "fr")
        #expect(Lexical.languageTag("fr-FR") == "fr-FR")
        #expect(Lexical.languageTag("fr\"@en") == nil)
        #expect(Lexical.languageTag("") == nil)
    }

    @Test func iriEscapingIsIdempotentAndLeavesNoForbiddenCharacter() {
        let raw = "https://x.fr/a b<c>\"d\"{e}|f^g`h\\i'j%zz%41é\u{0}\n"
        let iri = IRI(raw)
        #expect(iri.value == "https://x.fr/a%20b%3Cc%3E%22d%22%7Be%7D%7Cf%5Eg%60h%5Ci%27j%25zz%41%C3%A9%00%0A")
        #expect(IRI(iri.value) == iri)
        let forbidden = Set("<>\"{}|^`\\' \n".unicodeScalars)
        #expect(!iri.value.unicodeScalars.contains { forbidden.contains($0) || !$0.isASCII })
    }

    @Test func onlyWebLinksBecomeLinks() {
        #expect(IRI.web("https://data.vire.fr/x")?.value == "https://data.vire.fr/x")
        #expect(IRI.web("  HTTP://data.vire.fr  ")?.value == "HTTP://data.vire.fr")
        #expect(IRI.web("ftp://files.vire.fr/a.csv") != nil)
        for bad in ["javascript:alert(1)", "data:text/html,x", "/relative", "not a url", "https://", "http:///x",
                    "mailto:a@b.fr", "", "https://a b.fr/"] {
            #expect(IRI.web(bad) == nil, "\(bad)")
        }
        #expect(IRI.web(nil) == nil)
    }

    @Test func euCodes() {
        #expect(EUVocabulary.frequencyCode("BIANNUAL") == "ANNUAL_2")
        #expect(EUVocabulary.frequencyCode("monthly") == "MONTHLY")
        #expect(EUVocabulary.frequencyCode("CONT") == "CONT")
        #expect(EUVocabulary.frequencyCode("punctual") == "NEVER")
        #expect(EUVocabulary.frequencyCode("every full moon") == nil)
        for code in ["CONT", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "ANNUAL", "IRREG", "NEVER", "UNKNOWN"] {
            #expect(EUVocabulary.frequencyCode(code) == code)
        }
        #expect(EUVocabulary.themeCode("econ") == "ECON")
        #expect(EUVocabulary.themeCode("NOPE") == nil)
        #expect(EUVocabulary.fileTypeCode("GeoJSON") == "GEOJSON")
        #expect(EUVocabulary.fileTypeCode("«»") == nil)
        #expect(EUVocabulary.languageCode("fr-FR") == "FRA")
    }

    @Test func pagesNeverDivideByZeroOrOverflow() {
        #expect(FeedPage(page: 1, pageSize: 50, totalItems: 0).lastPage == 1)
        #expect(FeedPage(page: 1, pageSize: 50, totalItems: 50).lastPage == 1)
        #expect(FeedPage(page: 1, pageSize: 50, totalItems: 51).lastPage == 2)
        #expect(FeedPage(page: 1, pageSize: 0, totalItems: 3).lastPage == 3)
        #expect(FeedPage(page: 1, pageSize: -7, totalItems: -3).lastPage == 1)
        #expect(FeedPage(page: 1, pageSize: 1, totalItems: .max).lastPage == .max)
        #expect(FeedPage(page: -4, pageSize: 10, totalItems: 3).current == 1)
        #expect(FeedPage(page: 3, pageSize: 10, totalItems: 100).offset == 20)
        #expect(FeedPage(page: .max, pageSize: .max, totalItems: 1).offset == .max)
    }

    @Test func formats() {
        #expect(FeedFormat.allCases.map(\.mediaType) == ["text/turtle", "application/rdf+xml", "application/ld+json"])
        #expect(FeedFormat(fileExtension: "TTL") == .turtle)
        #expect(FeedFormat(fileExtension: "rdf") == .rdfXML)
        #expect(FeedFormat(fileExtension: "jsonld") == .jsonLD)
        #expect(FeedFormat(fileExtension: "csv") == nil)
    }
}
