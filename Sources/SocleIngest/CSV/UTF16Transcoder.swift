/// Streams UTF-16 (either byte order) to UTF-8, carrying split code units and surrogate pairs
/// across chunks; unpaired surrogates become U+FFFD.
struct UTF16Transcoder {
    let bigEndian: Bool

    /// Decodes `count` bytes at `src` into `out` (room for `count * 3 / 2 + 4` bytes needed).
    /// Returns bytes written and bytes consumed; unconsumed bytes (an odd byte, or a high
    /// surrogate waiting for its pair) must be passed again with the next chunk. At `final`,
    /// everything is consumed.
    func transcode(_ src: UnsafePointer<UInt8>, count: Int, into out: UnsafeMutablePointer<UInt8>,
                   final: Bool) -> (written: Int, consumed: Int) {
        var i = 0, o = 0
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(src[k]) << 8 | UInt32(src[k + 1]) : UInt32(src[k + 1]) << 8 | UInt32(src[k])
        }
        @inline(__always) func put(_ cp: UInt32) {
            if cp < 0x80 {
                out[o] = UInt8(cp); o += 1
            } else if cp < 0x800 {
                out[o] = UInt8(0xC0 | cp >> 6); out[o + 1] = UInt8(0x80 | cp & 0x3F); o += 2
            } else if cp < 0x10000 {
                out[o] = UInt8(0xE0 | cp >> 12); out[o + 1] = UInt8(0x80 | (cp >> 6) & 0x3F)
                out[o + 2] = UInt8(0x80 | cp & 0x3F); o += 3
            } else {
                out[o] = UInt8(0xF0 | cp >> 18); out[o + 1] = UInt8(0x80 | (cp >> 12) & 0x3F)
                out[o + 2] = UInt8(0x80 | (cp >> 6) & 0x3F); out[o + 3] = UInt8(0x80 | cp & 0x3F); o += 4
            }
        }
        while i + 1 < count {
            let u = unit(i)
            if u >= 0xD800 && u < 0xDC00 {
                if i + 3 < count {
                    let v = unit(i + 2)
                    if v >= 0xDC00 && v < 0xE000 {
                        put(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00))
                        i += 4
                    } else {
                        put(0xFFFD); i += 2
                    }
                } else if final {
                    put(0xFFFD); i += 2
                } else {
                    break
                }
            } else if u >= 0xDC00 && u < 0xE000 {
                put(0xFFFD); i += 2
            } else {
                put(u); i += 2
            }
        }
        if final && i < count {
            put(0xFFFD)
            i = count
        }
        return (o, i)
    }
}
