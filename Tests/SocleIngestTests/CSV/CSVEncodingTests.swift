import Foundation
import Testing
import SocleCore
@testable import SocleIngest

/// Encodings: the Windows-1252 table, strict UTF-8 validation, detection and forced encodings.
struct CSVEncodingTests {
    static let table: [(UInt8, String)] = [
        (0x80, "€"), (0x82, "‚"), (0x85, "…"), (0x8A, "Š"), (0x8C, "Œ"), (0x91, "‘"), (0x92, "’"), (0x93, "“"),
        (0x94, "”"), (0x96, "–"), (0x97, "—"), (0x99, "™"), (0x9C, "œ"), (0x9F, "Ÿ"), (0x81, "\u{81}"), (0x9D, "\u{9D}"),
        (0xA0, "\u{A0}"), (0xAB, "«"), (0xB0, "°"), (0xC7, "Ç"), (0xE0, "à"), (0xE9, "é"), (0xFF, "ÿ"), (0x41, "A"),
    ]

    @Test(arguments: table)
    func windows1252Table(_ byte: UInt8, _ expected: String) {
        #expect(Windows1252.windows1252.decode([byte]) == expected)
        #expect(String(Windows1252.windows1252.scalar(byte)) == expected)
    }

    @Test func windows1252AgreesWithFoundation() {
        for byte in UInt8(0x80) ... 0xFF where ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(byte) {
            let foundation = String(bytes: [byte], encoding: .windowsCP1252)
            #expect(Windows1252.windows1252.decode([byte]) == foundation, "byte \(byte)")
        }
    }

    @Test func latin9Differences() {
        #expect(Windows1252.latin9.decode([0xA4, 0xBC, 0xBD, 0xE9]) == "€Œœé")
        #expect(Windows1252.latin9.decode([0x80]) == "\u{80}")
    }

    @Test func windows1252Sentence() {
        let bytes: [UInt8] = [0x4C, 0x92, 0x9C, 0x69, 0x6C, 0x20, 0xE0, 0x20, 0x35, 0x20, 0x80, 0x85]
        #expect(Windows1252.windows1252.decode(bytes) == "L’œil à 5 €…")
    }

    static let utf8Cases: [([UInt8], UTF8Validator.Outcome)] = [
        ([], .valid),
        (Array("Hélène €😀 ascii only here".utf8), .valid),
        ([0x61, 0xC0, 0x80], .invalid(at: 1)),            // overlong NUL
        ([0xE0, 0x80, 0x80], .invalid(at: 0)),            // overlong
        ([0xED, 0xA0, 0x80], .invalid(at: 0)),            // surrogate
        ([0xF4, 0x90, 0x80, 0x80], .invalid(at: 0)),      // above U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], .invalid(at: 0)),
        ([0x61, 0xE9, 0x62], .invalid(at: 1)),            // Windows-1252 é
        ([0xC3], .truncated(at: 0)),
        ([0x61, 0x62, 0xE2, 0x82], .truncated(at: 2)),
        ([0xE2, 0x82, 0x41], .invalid(at: 0)),
        (Array("0123456789abcdef".utf8) + [0xC3, 0xA9], .valid),
    ]

    @Test(arguments: utf8Cases)
    func utf8Validation(_ bytes: [UInt8], _ expected: UTF8Validator.Outcome) {
        #expect(UTF8Validator.validate(bytes) == expected)
    }

    @Test func utf8SampleFileAndAnsiFileGiveTheSameTable() throws {
        let utf8 = try CSVTest.read(Fixtures.url("real_csv/ban_bal_validateur/sample.csv"))
        let ansi = try CSVTest.read(Fixtures.url("real_csv/ban_bal_validateur/sample.ansi.csv"))
        #expect(utf8.report.encoding == "utf-8-bom")
        #expect(ansi.report.encoding == "windows-1252")
        #expect(utf8.labels == ansi.labels)
        #expect(utf8.labels.first == "cle_interop")
        #expect(ansi.rows.first?[6] == "Entrée")
        // Same values, except the dates the ANSI file writes with dots.
        #expect(utf8.rows.count == ansi.rows.count)
        for (u, a) in zip(utf8.rows, ansi.rows) {
            #expect(Array(u.prefix(12)) == Array(a.prefix(12)))
        }
    }

    @Test func utf8BOMFollowedByWindows1252() throws {
        let body: [UInt8] = Array("nom;ville;prix\n".utf8) + [0x4A, 0x6F, 0x73, 0xE9, 0x3B, 0x4D, 0x9C, 0x75, 0x76, 0x72, 0x65, 0x73, 0x3B, 0x35, 0x80, 0x0A]
        let result = try CSVTest.read(bytes: [0xEF, 0xBB, 0xBF] + body)
        #expect(result.report.encoding == "windows-1252")
        #expect(result.labels == ["nom", "ville", "prix"])
        #expect(result.rows == [["José", "Mœuvres", "5€"]])
        #expect(result.report.warnings == [Notice("csv.warning.bom_not_utf8", ["offset": "21"])])
        // The lead's second pass forces what the first found: same result, BOM still dropped.
        let forced = try CSVTest.read(bytes: [0xEF, 0xBB, 0xBF] + body, ReaderOptions(displayName: "t.csv", encoding: "windows-1252"))
        #expect(forced.labels == ["nom", "ville", "prix"])
        #expect(forced.rows == result.rows)
    }

    /// Whatever `report.encoding` says can be forced back and gives the same rows.
    @Test(arguments: [
        "real_csv/ban_bal_validateur/sample.ansi.csv", "real_csv/ban_bal_validateur/sample.csv", "real_csv/laposte/laposte_hexasmal.csv",
    ])
    func reportedEncodingCanBeForced(_ path: String) throws {
        let first = try CSVTest.read(Fixtures.url(path))
        let options = ReaderOptions(displayName: "x", encoding: first.report.encoding, delimiter: first.report.delimiter)
        let second = try CSVTest.read(Fixtures.url(path), options)
        #expect(second.labels == first.labels)
        #expect(second.rows == first.rows)
        #expect(second.report.encoding == first.report.encoding)
    }

    @Test(arguments: ["windows-1252", "cp1252", "latin1", "ISO-8859-1", "iso-8859-15"])
    func forcedSingleByteEncodings(_ name: String) throws {
        let bytes: [UInt8] = Array("nom;n\n".utf8) + [0x48, 0xE9, 0x6C, 0xE8, 0x6E, 0x65, 0x3B, 0x31, 0x0A]
        let result = try CSVTest.read(bytes: bytes, ReaderOptions(displayName: "t.csv", encoding: name))
        #expect(result.rows == [["Hélène", "1"]])
        #expect(result.report.encoding == TextEncoding(label: name)?.rawValue)
    }

    @Test func forcedUTF8OnWindows1252FileNamesTheLine() throws {
        let bytes: [UInt8] = Array("nom;n\nAlice;1\nBob;2\n".utf8) + [0x48, 0xE9, 0x3B, 0x33, 0x0A]
        let error = CSVTest.error { _ = try CSVTest.read(bytes: bytes, ReaderOptions(displayName: "t.csv", encoding: "utf-8")) }
        #expect(error?.code == "csv.invalid_utf8")
        #expect(error?.location?.line == 4)
        #expect(error?.message(.french).contains("--encoding windows-1252") == true)
    }

    @Test func forcedUTF8OnBOMFile() throws {
        for name in ["utf-8", "utf-8-bom", "UTF8"] {
            let result = try CSVTest.read(bytes: [0xEF, 0xBB, 0xBF] + Array("a;b\n1;é\n".utf8), ReaderOptions(displayName: "t.csv", encoding: name))
            #expect(result.labels == ["a", "b"])
            #expect(result.rows == [["1", "é"]])
            #expect(result.report.encoding == "utf-8-bom")
        }
    }

    @Test func unknownEncodingIsRefused() {
        let error = CSVTest.error { _ = try CSVTest.read(text: "a;b\n", ReaderOptions(displayName: "t.csv", encoding: "klingon")) }
        #expect(error?.code == "csv.encoding_unknown")
        #expect(error?.args["encoding"] == "klingon")
    }

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for u in text.utf16 {
            let hi = UInt8(u >> 8), lo = UInt8(u & 0xFF)
            out += bigEndian ? [hi, lo] : [lo, hi]
        }
        return out
    }

    @Test(arguments: [(false, true, "utf-16le"), (true, true, "utf-16be"), (false, false, "utf-16le"), (true, false, "utf-16be")])
    func utf16(_ bigEndian: Bool, _ bom: Bool, _ expected: String) throws {
        // Excel's "Unicode text" export: UTF-16 with tabs.
        let text = "commune\tnombre\nSaint-Étienne\t12\nL’Haÿ-les-Roses 😀\t3\n"
        let result = try CSVTest.read(bytes: Self.utf16(text, bigEndian: bigEndian, bom: bom))
        #expect(result.report.encoding == expected)
        #expect(result.report.delimiter == "\t")
        #expect(result.labels == ["commune", "nombre"])
        #expect(result.rows == [["Saint-Étienne", "12"], ["L’Haÿ-les-Roses 😀", "3"]])
    }

    @Test func forcedUTF16() throws {
        let bytes = Self.utf16("a;b\n1;é\n", bigEndian: false, bom: false)
        let result = try CSVTest.read(bytes: bytes, ReaderOptions(displayName: "t.csv", encoding: "utf-16"))
        #expect(result.rows == [["1", "é"]])
    }

    @Test func utf32IsRefused() {
        let error = CSVTest.error { _ = try CSVTest.read(bytes: [0xFF, 0xFE, 0, 0, 0x61, 0, 0, 0]) }
        #expect(error?.code == "csv.encoding_unsupported")
    }

    static let binaries: [(String, [UInt8])] = [
        ("NUL bytes", Array("a;b\n1;".utf8) + [0, 0, 1, 2] + Array(";3\n".utf8)),
        ("zip (xlsx renamed .csv)", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8)),
        ("PDF", Array("%PDF-1.7\n%âãÏÓ\n1 0 obj\n".utf8)),
        ("old xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x41, 0x42]),
        ("control characters", (0 ..< 400).map { UInt8(1 + $0 % 8) } + Array("a;b\n".utf8)),
    ]

    @Test(arguments: binaries)
    func binaryGarbage(_ name: String, _ bytes: [UInt8]) throws {
        let error = CSVTest.error { _ = try CSVTest.read(bytes: bytes) }
        #expect(error?.code == "csv.binary", "\(name)")
        #expect(error?.message(.french).contains(".xlsx") == true)
        // Even with a forced encoding.
        let forced = CSVTest.error { _ = try CSVTest.read(bytes: bytes, ReaderOptions(displayName: "t.csv", encoding: "windows-1252")) }
        #expect(forced?.code == "csv.binary", "\(name)")
    }

    @Test func aFewControlCharactersAreText() {
        #expect(!EncodingDetector.looksBinary(Array("a;b\n1;x\u{0B}y\n2;\u{0C}\n".utf8)))
    }

    @Test func detectorOnFiles() throws {
        let ansi = try EncodingDetector.detect(url: Fixtures.url("real_csv/ban_bal_validateur/sample.ansi.csv"), displayName: "a")
        #expect(ansi.encoding == .windows1252 && ansi.skip == 0)
        let bom = try EncodingDetector.detect(url: Fixtures.url("real_csv/ban_bal_validateur/sample.csv"), displayName: "a")
        #expect(bom.encoding == .utf8BOM && bom.skip == 3)
        let plain = try EncodingDetector.detect(url: Fixtures.url("real_csv/laposte/laposte_hexasmal.csv"), displayName: "a")
        #expect(plain.encoding == .utf8 && plain.skip == 0)
    }

    /// An invalid byte far beyond the first chunk still switches the whole file to Windows-1252.
    @Test func invalidByteLateInTheFileIsFound() throws {
        var text = "id;nom\n"
        for i in 0 ..< 60000 { text += "\(i);Ligne numéro \(i)\n" }
        let bytes = Array(text.utf8)
        let late = try CSVTest.read(bytes: bytes + [0x39, 0x3B, 0xC9, 0x74, 0xE9, 0x0A]) // "9;Été" in Windows-1252
        #expect(late.report.encoding == "windows-1252")
        #expect(late.rows.last == ["9", "Été"])
        #expect(late.rows.count == 60001)
        let clean = try CSVTest.read(bytes: bytes)
        #expect(clean.report.encoding == "utf-8")
        #expect(clean.rows[1] == ["1", "Ligne numéro 1"])
    }
}
