/// Byte-level helpers shared by the value parsers (they all work on UTF-8 without making Strings).
enum ByteText {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    @inline(__always)
    static func isUpperAlnum(_ b: UInt8) -> Bool { b &- 0x30 < 10 || b &- 0x41 < 26 }

    /// Length of a space-like separator at `i`: 1 for ' ', 2 for U+00A0, 3 for U+202F; 0 otherwise.
    /// French files group thousands with any of these.
    @inline(__always)
    static func spaceLength(_ p: Bytes, at i: Int) -> Int {
        let b = p[i]
        if b == 0x20 { return 1 }
        if b == 0xC2, i + 1 < p.count, p[i + 1] == 0xA0 { return 2 }
        if b == 0xE2, i + 2 < p.count, p[i + 1] == 0x80, p[i + 2] == 0xAF { return 3 }
        return 0
    }

    /// Length of a space-like byte sequence (incl. tab, CR, LF) ending just before `end`; 0 otherwise.
    @inline(__always)
    static func trailingSpaceLength(_ p: Bytes, end: Int) -> Int {
        guard end > 0 else { return 0 }
        let b = p[end - 1]
        if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { return 1 }
        if b == 0xA0, end >= 2, p[end - 2] == 0xC2 { return 2 }
        if b == 0xAF, end >= 3, p[end - 3] == 0xE2, p[end - 2] == 0x80 { return 3 }
        return 0
    }

    /// The value without surrounding spaces, tabs, line breaks, U+00A0 and U+202F.
    @inline(__always)
    static func trim(_ p: Bytes) -> Bytes {
        // Fast path: nothing to trim (the usual case).
        if let f = p.first, let l = p.last, f > 0x20, f != 0xC2, f != 0xE2, l > 0x20, l != 0xA0, l != 0xAF {
            return p
        }
        var s = 0
        var e = p.count
        while s < e {
            let b = p[s]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { s += 1; continue }
            if b == 0xC2 || b == 0xE2 {
                let n = spaceLength(p, at: s)
                if n > 0 && s + n <= e { s += n; continue }
            }
            break
        }
        while e > s {
            let n = trailingSpaceLength(p, end: e)
            if n == 0 || e - n < s { break }
            e -= n
        }
        if s == 0 && e == p.count { return p }
        return Bytes(rebasing: p[s ..< e])
    }

    /// ASCII case-insensitive comparison with a lowercase ASCII literal.
    @inline(__always)
    static func equalsLower(_ p: Bytes, _ lower: StaticString) -> Bool {
        guard p.count == lower.utf8CodeUnitCount else { return false }
        let l = lower.utf8Start
        for i in 0 ..< p.count {
            var b = p[i]
            if b &- 0x41 < 26 { b |= 0x20 }
            if b != l[i] { return false }
        }
        return true
    }

    /// A String for reports, cut to at most `limit` characters (with an ellipsis).
    static func excerpt(_ p: Bytes, limit: Int = 80) -> String {
        let s = String(decoding: p, as: UTF8.self)
        return excerpt(s, limit: limit)
    }

    static func excerpt(_ s: String, limit: Int = 80) -> String {
        guard s.count > limit else { return s }
        return String(s.prefix(max(0, limit - 1))) + "…"
    }

    /// Runs `body` on the UTF-8 bytes of a String (tests and rare paths only).
    static func with<R>(_ s: String, _ body: (Bytes) -> R) -> R {
        var s = s
        return s.withUTF8 { body($0) }
    }
}
