/// A case-, accent- and punctuation-insensitive key of a short value, computed on its UTF-8 bytes
/// without making a String: `N/C`, `n.c.` and `NC` share a key, so do `Néant` and `neant`.
///
/// Folding: ASCII letters to lowercase; the Latin-1 accented letters (U+00C0–U+00FF) to their
/// base letter, `œ`/`Œ` to `oe`; spaces (incl. U+00A0, U+202F), `.`, `/`, `-`, `_`, `'`, `’`, `!`, `(`, `)`, `–`, `—`
/// dropped; digits and `#` kept. Anything else (other non-ASCII, `@`, `:`…) means "no key".
/// The key is a 64-bit FNV-1a hash of the folded bytes; `length` is the number of folded bytes.
public enum FoldKey {
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    public struct Key: Hashable, Sendable {
        public var hash: UInt64
        public var length: Int
    }

    /// Values longer than this (in bytes) get no key: markers and names are short (a PCS label can take 90).
    static let maxBytes = 96

    /// Base letter of U+00C0…U+00FF (second UTF-8 byte 0x80…0xBF after 0xC3), 0 when none.
    private static let latin1: [UInt8] = {
        let map = "aaaaaaaceeeeiiii" + "dnooooo" + "\u{0}" + "ouuuuy" + "\u{0}" + "s"
        let upper = Array(map.utf8) // U+00C0…U+00DF
        var t = [UInt8](repeating: 0, count: 64)
        for i in 0 ..< min(32, upper.count) { t[i] = upper[i] }
        for i in 0 ..< 32 { t[32 + i] = t[i] } // U+00E0…U+00FF mirror the capitals
        t[32 + 31] = UInt8(ascii: "y") // ÿ
        return t
    }()

    /// The folded key of `p` (already trimmed), or nil when it has a byte outside the folding.
    @inline(__always)
    public static func of(_ p: Bytes) -> Key? {
        let n = p.count
        guard n <= maxBytes else { return nil }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var len = 0
        var i = 0
        @inline(__always) func put(_ b: UInt8) {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
            len += 1
        }
        while i < n {
            let b = p[i]
            if b &- 0x61 < 26 || b &- 0x30 < 10 || b == UInt8(ascii: "#") { put(b); i += 1; continue }
            if b &- 0x41 < 26 { put(b | 0x20); i += 1; continue }
            switch b {
            case 0x20, 0x09, UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "'"), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"):
                i += 1
            case 0xC3:
                guard i + 1 < n else { return nil }
                let c = p[i + 1]
                guard c >= 0x80, c <= 0xBF else { return nil }
                let base = latin1[Int(c - 0x80)]
                guard base != 0 else { return nil }
                put(base)
                i += 2
            case 0xC2:
                guard i + 1 < n, p[i + 1] == 0xA0 else { return nil }
                i += 2
            case 0xC5:
                guard i + 1 < n, p[i + 1] == 0x92 || p[i + 1] == 0x93 else { return nil }
                put(UInt8(ascii: "o")); put(UInt8(ascii: "e"))
                i += 2
            case 0xE2:
                // U+202F narrow no-break space, U+2019 ’, U+2013 –, U+2014 —.
                guard i + 2 < n, p[i + 1] == 0x80,
                      p[i + 2] == 0xAF || p[i + 2] == 0x99 || p[i + 2] == 0x93 || p[i + 2] == 0x94
                else { return nil }
                i += 3
            default:
                return nil
            }
        }
        return Key(hash: h, length: len)
    }

    public static func of(_ s: String) -> Key? { ByteText.with(s) { of($0) } }
}
