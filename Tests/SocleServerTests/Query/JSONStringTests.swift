import Foundation
import Testing
@testable import SocleServer
import SocleCore

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
