#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads a file chunk by chunk and decodes it to UTF-8 into one growable buffer; the parser
/// consumes from `start`, and `fill()` keeps the unconsumed tail (a record cut by the chunk).
final class TextSource {
    enum Failure: Error {
        /// Forced UTF-8, but the byte at this buffer offset starts an invalid sequence.
        case invalidUTF8(at: Int)
        /// One record would need more than `maxRecordBytes` of buffer.
        case tooLarge
        case readError
    }

    /// Read size; the buffer holds about one chunk plus the record it cut.
    static let chunkSize = 1 << 20
    /// A single record (one 5 MB field must load) may not exceed this: beyond it, a quote is
    /// almost surely never closed, and reading on would load the whole file.
    static let maxRecordBytes = IngestLimits.maxRecordBytes

    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// First byte not yet consumed by the parser.
    var start = 0
    private(set) var end = 0
    private(set) var eof = false

    private let file: ChunkedFile
    private let encoding: TextEncoding
    private let validate: Bool
    private var validatedTo = 0
    private let singleByte: Windows1252?
    private let utf16: UTF16Transcoder?
    private var raw: UnsafeMutablePointer<UInt8>?
    private var rawCarry = 0

    var bytesRead: Int64 { file.offset }
    var totalBytes: Int64 { file.size }

    /// `validate` checks UTF-8 while streaming (when the user forced UTF-8 and no whole-file check ran).
    init(file: ChunkedFile, encoding: TextEncoding, validate: Bool) {
        self.file = file
        self.encoding = encoding
        self.validate = validate && encoding.isUTF8
        switch encoding {
        case .windows1252, .iso88591: singleByte = .windows1252; utf16 = nil
        case .iso885915: singleByte = .latin9; utf16 = nil
        case .utf16LE: singleByte = nil; utf16 = UTF16Transcoder(bigEndian: false)
        case .utf16BE: singleByte = nil; utf16 = UTF16Transcoder(bigEndian: true)
        case .utf8, .utf8BOM: singleByte = nil; utf16 = nil
        }
        capacity = 2 * Self.chunkSize + 4 * Self.chunkSize * (encoding.isUTF8 ? 0 : 1)
        base = .allocate(capacity: capacity)
        if !encoding.isUTF8 { raw = .allocate(capacity: Self.chunkSize + 8) }
    }

    deinit {
        base.deallocate()
        raw?.deallocate()
    }

    /// Decoded bytes available to the parser.
    var available: Int { end - start }

    /// Moves the unconsumed bytes to the front and decodes more of the file after them; on return
    /// either more bytes are available or `eof` is set.
    func fill() throws(Failure) {
        if eof { return }
        if start > 0 {
            let live = end - start
            if live > 0 { memmove(base, base + start, live) }
            validatedTo = max(0, validatedTo - start)
            end = live
            start = 0
        }
        if end > Self.maxRecordBytes { throw .tooLarge }
        // Room for one decoded chunk (Windows-1252 may triple, UTF-16 grow by half); a record
        // longer than half the buffer doubles it, so re-scanning a huge record stays linear.
        let room = encoding.isUTF8 ? Self.chunkSize : 3 * Self.chunkSize + 16
        if capacity - end < room || end > capacity / 2 {
            let newCapacity = max(capacity * 2, end + room)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: base, count: end)
            base.deallocate()
            base = grown
            capacity = newCapacity
        }
        let before = end
        while end == before && !eof {
            try readSome()
        }
    }

    private func readSome() throws(Failure) {
        if let table = singleByte, let raw {
            let n = file.read(into: raw, count: min(Self.chunkSize, (capacity - end) / 3))
            if n < 0 { throw .readError }
            if n == 0 { eof = true; return }
            end += table.transcode(UnsafeBufferPointer(start: raw, count: n), into: base + end)
        } else if let utf16, let raw {
            let want = min(Self.chunkSize, (capacity - end - 8) * 2 / 3) - rawCarry
            let n = file.read(into: raw + rawCarry, count: max(0, want))
            if n < 0 { throw .readError }
            if n == 0 { eof = true }
            let total = rawCarry + n
            let r = utf16.transcode(raw, count: total, into: base + end, final: eof)
            end += r.written
            rawCarry = total - r.consumed
            if rawCarry > 0 { memmove(raw, raw + r.consumed, rawCarry) }
        } else {
            let n = file.read(into: base + end, count: capacity - end)
            if n < 0 { throw .readError }
            if n == 0 {
                eof = true
                if validate && validatedTo < end { throw .invalidUTF8(at: validatedTo) }
                return
            }
            end += n
            if validate {
                switch UTF8Validator.validate(UnsafeBufferPointer(start: base + validatedTo, count: end - validatedTo)) {
                case .valid: validatedTo = end
                case .truncated(let at): validatedTo += at
                case .invalid(let at): throw .invalidUTF8(at: validatedTo + at)
                }
            }
        }
    }
}
