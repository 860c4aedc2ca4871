import Foundation
import Testing
@testable import SocleIngest

@Suite struct PatternMatcherTests {
    static let values = [
        "", "0", "01234", "2A004", "2B033", "20004", "97411", "123456", "21860194600000", "218601946", "W333216789",
        "W3222", "FRA68P68021001", "FRA68E680210015", "ESZUNE1111ER7", "fra68", "1.2", "1.23", "1.234", "2016",
        "2016/2017", "2016-12-05/2017-12-05", "2017-06-27_2018-06-27", "75114-P-001", "P-001", "N/A", "12",
        "E-SCOOTER,PEDESTRIAN", "ERR001", "ERR002,PEDESTRIAN", "BIKE", ",BIKE", "BIKE,", "Mo-Fr 08:00-12:00,Th 08:00-18:00",
        "24/7", "aaa", "ab", "a-b", "abc_12", "x y", "12345\n", "{}", "a{2}",
    ]

    /// Patterns of the corpus schemas plus tricky ones; the byte machine must agree with ICU on all values.
    static let patterns = [
        #"^\d{14}$"#, #"^\d{9}$"#, #"^W\d{9}$"#, #"^([013-9]\d|2[AB1-9])\d{3}$"#, #"^[A-Z]{2}[A-Z0-9]{4,33}$"#,
        #"^\d\.\d{1,2}$"#, #"^[0-9]{4}(\/[0-9]{4})?$"#, #"^[0-9]{4}\-[0-9]{2}\-[0-9]{2}(\/[0-9]{4}\-[0-9]{2}\-[0-9]{2})?$"#,
        #"^([013-9]\d|2[AB1-9])\d{3}-P-\d{3}$"#, #"^(\d+|N/A)$"#, #"^[0-9A-B]{5}-[0-9]{8}-[0-9]{3}"#, #"^[A-Za-z0-9_]+$"#,
        #"(?:(?:^|,)(BIKE|TWO WHEELS MOTORIZED|PEDESTRIAN|E\-SCOOTER|HORSE\-RIDER|CAR|BUS))+$"#,
        #"(.*?)((\d{1,2}:\d{2})-(\d{1,2}:\d{2})|24/7)"#, #"a|ab"#, #"(a|ab)(c|bcd)?"#, #"(a*)*b?"#, #"[^,]+(,[^,]+)*"#,
        #"\w+\s?\w*"#, #"a{2}"#, #"a\{2\}"#, #"[\d\-]+"#, #"(?<n>\d)\d*"#, #"x*"#, #"[]a]"#, #"\d{2,}"#,
    ]

    @Test(arguments: patterns)
    func byteMachineAgreesWithICU(pattern: String) throws {
        let regex = try #require(ByteRegex(pattern), "pattern should run on bytes")
        let icu = try NSRegularExpression(pattern: "^(?:" + pattern + ")\\z")
        var visited: [UInt64] = []
        var stack: [(Int, Int)] = []
        for value in Self.values {
            var v = value
            let fast = v.withUTF8 { regex.matches($0, visited: &visited, stack: &stack) }
            let slow = icu.firstMatch(in: value, range: NSRange(location: 0, length: value.utf16.count)) != nil
            #expect(fast == slow, "\(pattern) on \(value.debugDescription)")
        }
    }

    /// Outside the subset, the matcher falls back to ICU and still answers.
    @Test(arguments: [
        (#"^[A-Za-z\s\-\u00C0-\u00FF]+$"#, "Saint-Étienne", true), (#"^(?=\d)\w+$"#, "1a", true),
        (#"^(?=\d)\w+$"#, "a1", false), (#"(\d)\1"#, "11", true), (#"^Non concerné$"#, "Non concerné", true),
        (#"^\d{5}$"#, "١٢٣٤٥", true), (#"^\w+$"#, "éa", true),
    ])
    func fallsBackToICU(pattern: String, value: String, expected: Bool) throws {
        let m = try PatternMatcher(pattern)
        #expect(m.matches(value) == expected)
        #expect(m.matches(value) == expected)  // cached answer
    }

    /// Catastrophic backtracking cannot happen: each (instruction, position) pair is tried once.
    @Test func pathologicalPatternTerminates() throws {
        let m = try PatternMatcher(#"(a|a)*(a|aa)*b"#)
        #expect(!m.matches(String(repeating: "a", count: 3000)))
        #expect(m.matches(String(repeating: "a", count: 3000) + "b"))
    }
}
