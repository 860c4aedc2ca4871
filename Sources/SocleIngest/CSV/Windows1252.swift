/// Single-byte Western European code pages (Windows-1252, ISO-8859-15) and their UTF-8 transcoding.
public struct Windows1252: Sendable {
    /// Code points of Windows-1252 bytes 0x80–0x9F. The five bytes the code page leaves undefined
    /// (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the same value, as WHATWG does.
    public static let highControls: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 80–87: € ‚ ƒ „ … † ‡
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, // 88–8F: ˆ ‰ Š ‹ Œ Ž
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90–97: ‘ ’ “ ” • – —
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, // 98–9F: ˜ ™ š › œ ž Ÿ
    ]

    /// The Windows-1252 code page (also used for ISO-8859-1, see `TextEncoding.iso88591`).
    public static let windows1252 = Windows1252(latin9: false)
    /// ISO-8859-15 (Latin-9): Latin-1 with `€ Š š Ž ž Œ œ Ÿ` in eight positions.
    public static let latin9 = Windows1252(latin9: true)

    /// For bytes 0x80–0xFF: the UTF-8 bytes packed little-endian in the low 24 bits, length in the top 8.
    private let packed: [UInt32]

    private init(latin9: Bool) {
        var table = [UInt32](repeating: 0, count: 128)
        for b in 0x80...0xFF {
            var cp = UInt32(b)
            if latin9 {
                switch b {
                case 0xA4: cp = 0x20AC
                case 0xA6: cp = 0x0160
                case 0xA8: cp = 0x0161
                case 0xB4: cp = 0x017D
                case 0xB8: cp = 0x017E
                case 0xBC: cp = 0x0152
                case 0xBD: cp = 0x0153
                case 0xBE: cp = 0x0178
                default: break
                }
            } else if b < 0xA0 {
                cp = Self.highControls[b - 0x80]
            }
            table[b - 0x80] = Self.pack(cp)
        }
        packed = table
    }

    private static func pack(_ cp: UInt32) -> UInt32 {
        if cp < 0x800 {
            return (2 << 24) | ((0x80 | (cp & 0x3F)) << 8) | (0xC0 | (cp >> 6))
        }
        let b0 = 0xE0 | (cp >> 12), b1 = 0x80 | ((cp >> 6) & 0x3F), b2 = 0x80 | (cp & 0x3F)
        return (3 << 24) | (b2 << 16) | (b1 << 8) | b0
    }

    /// The Unicode scalar a byte stands for.
    public func scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        let bytes = utf8(byte)
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }

    /// The UTF-8 bytes of one source byte.
    public func utf8(_ byte: UInt8) -> [UInt8] {
        if byte < 0x80 { return [byte] }
        let v = packed[Int(byte) - 0x80]
        return (0 ..< Int(v >> 24)).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) }
    }

    /// Transcodes `source` to UTF-8 at `out` (which must have room for `3 * source.count` bytes);
    /// returns the number of bytes written.
    public func transcode(_ source: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let src = source.baseAddress else { return 0 }
        let n = source.count
        var o = 0
        packed.withUnsafeBufferPointer { table in
            var i = 0
            while i < n {
                let b = src[i]
                if b < 0x80 {
                    out[o] = b
                    o += 1
                } else {
                    let v = table[Int(b) - 0x80]
                    out[o] = UInt8(truncatingIfNeeded: v)
                    out[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: v >> 16)
                    o += Int(v >> 24)
                }
                i += 1
            }
        }
        return o
    }

    /// Convenience for tests and small inputs.
    public func decode(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "" }
        var out = [UInt8](repeating: 0, count: bytes.count * 3)
        let n = bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in dst.baseAddress.map { transcode(src, into: $0) } ?? 0 }
        }
        return String(decoding: out[0 ..< n], as: UTF8.self)
    }
}
