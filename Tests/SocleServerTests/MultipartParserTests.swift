@testable import SocleServer
import Testing

/// The streaming multipart parser, fed in every possible split so that a boundary cut between two
/// network chunks is still found.
@Suite("Multipart parser")
struct MultipartParserTests {
    static let body = "preamble ignored\r\n--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\njeton\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\docs\\\\budget 2024.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\na;b\r\n--X;--XyZ-;1\r\n\r\n--XyZ  \r\nContent-Disposition: form-data; name=\"vide\"\r\n\r\n\r\n--XyZ--\r\nepilogue"

    struct Parsed: Equatable {
        var parts: [(String, String?, String)] = []
        static func == (a: Parsed, b: Parsed) -> Bool {
            a.parts.count == b.parts.count && zip(a.parts, b.parts).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }
        }
    }

    static func parse(_ chunks: [[UInt8]]) throws -> Parsed {
        var p = MultipartParser(boundary: "XyZ")
        var out = Parsed()
        var current: MultipartParser.PartHeader?
        var data: [UInt8] = []
        for c in chunks {
            for e in try p.feed(c) {
                switch e {
                case .begin(let h): current = h; data = []
                case .data(let d): data += d
                case .end: out.parts.append((current!.name, current!.filename, String(decoding: data, as: UTF8.self)))
                }
            }
        }
        try p.finish()
        return out
    }

    @Test("every split point gives the same parts")
    func everySplit() throws {
        let bytes = Array(Self.body.utf8)
        let whole = try Self.parse([bytes])
        #expect(whole.parts.count == 3)
        #expect(whole.parts[0].0 == "_csrf" && whole.parts[0].2 == "jeton")
        #expect(whole.parts[1].0 == "file")
        #expect(whole.parts[1].1 == "C:\\docs\\budget 2024.csv")
        #expect(whole.parts[1].2 == "a;b\r\n--X;--XyZ-;1\r\n")
        #expect(whole.parts[2].0 == "vide" && whole.parts[2].2 == "")
        for i in 1..<bytes.count {
            #expect(try Self.parse([Array(bytes[..<i]), Array(bytes[i...])]) == whole, "split at \(i)")
        }
        #expect(try Self.parse(bytes.map { [$0] }) == whole, "byte by byte")
    }

    @Test("the boundary may open the body directly")
    func noPreamble() throws {
        let parsed = try Self.parse([Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--".utf8)])
        #expect(parsed.parts.count == 1)
        #expect(parsed.parts[0].2 == "1")
    }

    @Test("truncated or malformed bodies are refused", arguments: [
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
        "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",
        "--XyZ garbage\r\n",
    ])
    func malformed(_ text: String) {
        #expect(throws: (any Error).self) { try Self.parse([Array(text.utf8)]) }
    }

    @Test("boundary and parameters are read from headers", arguments: [
        ("multipart/form-data; boundary=abc", "abc"),
        ("multipart/form-data; charset=utf-8; boundary=\"a b\"", "a b"),
        ("multipart/form-data", nil),
    ] as [(String, String?)])
    func boundary(_ header: String, _ expected: String?) {
        #expect(MultipartParser.boundary(contentType: header) == expected)
    }

    @Test("file names: quoted, escaped, RFC 5987, paths dropped")
    func fileNames() throws {
        let h = try MultipartParser.parseHeaders(
            "Content-Disposition: form-data; name=\"file\"; filename=\"a%22b.csv\"; filename*=UTF-8''caf%C3%A9.csv\r\n")
        #expect(h.filename == "café.csv")
        #expect(UploadReceiver.sanitize(fileName: "C:\\Users\\x\\budget.csv") == "budget.csv")
        #expect(UploadReceiver.sanitize(fileName: "../../etc/passwd") == "passwd")
        #expect(UploadReceiver.sanitize(fileName: "..") == "upload")
        #expect(UploadReceiver.sanitize(fileName: "a\u{0}b\nc.csv") == "abc.csv")
    }
}
