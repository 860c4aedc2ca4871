import Foundation

/// The records of a BIFF5/BIFF8 workbook stream ([MS-XLS] 2.1.4): a 2-byte type, a 2-byte length,
/// then the data. One record is current at a time; its data stays valid until `next()`.
///
/// Strings may run on into CONTINUE records: `readByte`, `skip` and `appendChars` cross into them,
/// and `appendChars` honours the flag byte each CONTINUE starts with when it splits a string's
/// characters (the compressed/uncompressed switch [MS-XLS] 2.5.293 describes).
final class BIFFRecords {
    static let continueType: UInt16 = 0x003C

    struct Failure: Error {}

    let stream: CompoundStream
    /// Offset of the record after the current one.
    private(set) var nextOffset = 0
    /// Offset of the current record's header.
    private(set) var recordOffset = 0
    private(set) var type: UInt16 = 0
    private(set) var length = 0
    /// Index of the current record's data in the stream's window.
    private var base = 0
    /// Read position inside the current record's data, for the string helpers.
    var pos = 0

    init(stream: CompoundStream) {
        self.stream = stream
    }

    /// Loads the next record; false at the end of the stream. A record cut by the end of the stream
    /// throws (the file was truncated).
    func next() throws -> Bool {
        guard try stream.ensure(nextOffset, 4, keepFrom: nextOffset) else {
            if nextOffset < stream.size { throw CompoundFile.Failure.truncated }
            return false
        }
        var b = nextOffset - stream.windowStart
        let t = UInt16(stream.window[b]) | UInt16(stream.window[b + 1]) << 8
        let n = Int(stream.window[b + 2]) | Int(stream.window[b + 3]) << 8
        guard try stream.ensure(nextOffset, 4 + n, keepFrom: nextOffset) else { throw CompoundFile.Failure.truncated }
        b = nextOffset - stream.windowStart
        recordOffset = nextOffset
        type = t
        length = n
        base = b + 4
        pos = 0
        nextOffset += 4 + n
        return true
    }

    /// The type of the record after the current one, without moving; nil at the end.
    func peekType() throws -> UInt16? {
        guard try stream.ensure(nextOffset, 4, keepFrom: recordOffset) else { return nil }
        base = recordOffset + 4 - stream.windowStart
        let b = nextOffset - stream.windowStart
        return UInt16(stream.window[b]) | UInt16(stream.window[b + 1]) << 8
    }

    /// Continues at a stream offset (a sheet's BOF).
    func seek(_ offset: Int) {
        stream.seek(offset)
        nextOffset = offset
    }

    // MARK: fixed fields (out-of-record reads give 0)

    @inline(__always) func u8(_ i: Int) -> Int {
        i < length ? Int(stream.window[base + i]) : 0
    }

    @inline(__always) func u16(_ i: Int) -> Int {
        i + 1 < length ? Int(stream.window[base + i]) | Int(stream.window[base + i + 1]) << 8 : 0
    }

    @inline(__always) func u32(_ i: Int) -> UInt32 {
        guard i + 3 < length else { return 0 }
        let w = stream.window, b = base + i
        return UInt32(w[b]) | UInt32(w[b + 1]) << 8 | UInt32(w[b + 2]) << 16 | UInt32(w[b + 3]) << 24
    }

    @inline(__always) func f64(_ i: Int) -> Double {
        guard i + 7 < length else { return 0 }
        let w = stream.window, b = base + i
        var bits: UInt64 = 0
        for k in (0..<8).reversed() { bits = bits << 8 | UInt64(w[b + k]) }
        return Double(bitPattern: bits)
    }

    // MARK: reads that may cross into CONTINUE records

    /// Moves to the following CONTINUE record; anything else there means the string is cut.
    private func enterContinue() throws {
        guard try peekType() == Self.continueType, try next() else { throw Failure() }
    }

    func readByte() throws -> Int {
        while pos >= length { try enterContinue() }
        let v = Int(stream.window[base + pos])
        pos += 1
        return v
    }

    func readU16() throws -> Int {
        let lo = try readByte()
        return lo | (try readByte()) << 8
    }

    func readU32() throws -> Int {
        let lo = try readU16()
        return lo | (try readU16()) << 16
    }

    /// Skips bytes (rich-text runs, phonetic data), crossing CONTINUE records without flag bytes.
    func skip(_ count: Int) throws {
        var left = count
        while left > 0 {
            while pos >= length { try enterContinue() }
            let n = min(left, length - pos)
            pos += n
            left -= n
        }
    }

    /// Appends `count` characters as UTF-8: one byte each (Latin-1, [MS-XLS] "compressed") or two
    /// (UTF-16LE). When the characters run on into a CONTINUE record, that record's first byte says
    /// again whether they are compressed. Past its limit, `out` stops growing and says so (`overflowed`).
    func appendChars(_ count: Int, highByte: Bool, to out: ByteAccumulator) throws {
        var wide = highByte
        var left = count
        var pendingHigh: UInt32 = 0
        while left > 0 {
            if pos >= length {
                try enterContinue()
                guard length > 0 else { continue }
                wide = stream.window[base] & 0x01 != 0
                pos = 1
                continue
            }
            let w = stream.window
            if wide {
                guard pos + 1 < length else { throw Failure() }
                let unit = UInt32(w[base + pos]) | UInt32(w[base + pos + 1]) << 8
                pos += 2
                left -= 1
                if unit >= 0xD800 && unit < 0xDC00 {
                    if pendingHigh != 0 { Self.appendScalar(0xFFFD, to: out) }
                    pendingHigh = unit
                    continue
                }
                if unit >= 0xDC00 && unit < 0xE000 {
                    if pendingHigh != 0 {
                        Self.appendScalar(0x10000 + ((pendingHigh - 0xD800) << 10) + (unit - 0xDC00), to: out)
                        pendingHigh = 0
                    } else {
                        Self.appendScalar(0xFFFD, to: out)
                    }
                    continue
                }
                if pendingHigh != 0 { Self.appendScalar(0xFFFD, to: out); pendingHigh = 0 }
                if unit != 0 { Self.appendScalar(unit, to: out) }
            } else {
                let n = min(left, length - pos)
                for k in 0..<n {
                    let c = w[base + pos + k]
                    if c < 0x80 {
                        if c != 0 { out.append(c) }
                    } else {
                        out.append(0xC0 | c >> 6)
                        out.append(0x80 | c & 0x3F)
                    }
                }
                pos += n
                left -= n
            }
        }
        if pendingHigh != 0 { Self.appendScalar(0xFFFD, to: out) }
    }

    /// Appends bytes of an 8-bit code page (BIFF5 strings), Windows-1252 unless told otherwise.
    func appendCodePage(_ count: Int, codePage: Windows1252, to out: ByteAccumulator) throws {
        var left = count
        while left > 0 {
            while pos >= length { try enterContinue() }
            let n = min(left, length - pos)
            for k in 0..<n {
                let c = stream.window[base + pos + k]
                if c < 0x80 {
                    if c != 0 { out.append(c) }
                } else {
                    out.append(codePage.utf8(c))
                }
            }
            pos += n
            left -= n
        }
    }

    static func appendScalar(_ v: UInt32, to out: ByteAccumulator) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | v >> 6))
            out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12))
            out.append(UInt8(0x80 | (v >> 6) & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18))
            out.append(UInt8(0x80 | (v >> 12) & 0x3F))
            out.append(UInt8(0x80 | (v >> 6) & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
