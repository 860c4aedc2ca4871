import Foundation
import Testing
@testable import SocleServer
import SocleCore

/// `Last-Modified` is written by hand (IMF-fixdate, RFC 9110): it must read back with the parser and
/// agree with the reference examples.
@Suite("HTTP dates")
struct HTTPDateTests {
    @Test("IMF-fixdate: RFC examples, leap days, before 1970, read back by the parser")
    func format() throws {
        #expect(ConditionalGET.format(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(ConditionalGET.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(ConditionalGET.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(ConditionalGET.format(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(ConditionalGET.format(Date(timeIntervalSince1970: 1_795_849_200.9)) == "Sat, 28 Nov 2026 07:00:00 GMT")
        #expect(ConditionalGET.format(Date(timeIntervalSince1970: .infinity)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        for t in stride(from: -2_000_000_000.0, to: 4_000_000_000, by: 86_399 * 37) {
            let text = ConditionalGET.format(Date(timeIntervalSince1970: t))
            #expect(ConditionalGET.parse(text)?.timeIntervalSince1970 == t.rounded(.down), "\(t) → \(text)")
        }
    }
}

/// JSON strings are copied whole when nothing needs escaping and escaped byte by byte otherwise: both
/// paths must give JSON that reads back as the original text.
@Test("JSON strings: plain ones copied whole, quotes, backslashes and control characters escaped", arguments: [
    "Totem Rivoli 1", "", "Café « crème » — 12 €", "dit \"le Grand\"", "C:\\dossier", "ligne 1\nligne 2\r\n\tfin",
    "\u{01}\u{1F}", "😀 ok",
])
func jsonStrings(_ text: String) throws {
    var json = JSONBuffer()
    json.string(text)
    let back = try JSONSerialization.jsonObject(with: Data(json.bytes), options: .fragmentsAllowed) as? String
    #expect(back == text)
}
