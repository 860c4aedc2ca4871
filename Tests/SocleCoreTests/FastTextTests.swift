import Foundation
import SocleCore
import Testing

/// The byte-level replacements used on the request path must agree with Foundation's.
@Suite("Text helpers")
struct FastTextTests {
    @Test("replacingAll agrees with replacingOccurrences", arguments: [
        ("", "\"", "\"\""), ("plain", "\"", "\"\""), ("a\"b\"\"c\"", "\"", "\"\""), ("{n} et {n}", "{n}", "3"),
        ("ééé{x}ç", "{x}", "→"), ("aaaa", "aa", "b"), ("ab", "abc", "x"), ("x\\y", "\\", "\\\\"), ("abc", "c", ""),
    ])
    func replacing(text: String, target: String, replacement: String) {
        #expect(text.replacingAll(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
    }

    @Test("SQL identifiers are quoted with embedded quotes doubled")
    func identifiers() {
        #expect("commune".sqlQuotedIdentifier == "\"commune\"")
        #expect("a\"b".sqlQuotedIdentifier == "\"a\"\"b\"")
    }

    @Test("base64url round-trips every length and hex matches String(format:)")
    func base64urlAndHex() {
        for n in 0 ..< 40 {
            let bytes = (0 ..< n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) }
            let url = Base64URL.fromStandard(Data(bytes).base64EncodedString())
            #expect(!url.contains("+") && !url.contains("/") && !url.contains("="))
            #expect(Data(base64Encoded: Base64URL.toStandard(url)).map(Array.init) == bytes)
            #expect(Hex.encode(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        }
    }
}
