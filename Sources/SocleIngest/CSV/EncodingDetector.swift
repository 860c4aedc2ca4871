import Foundation
import SocleCore

/// Decides how a CSV file's bytes become text: forced encoding, byte-order mark, binary check,
/// strict UTF-8 validation of the whole file, else Windows-1252.
public enum EncodingDetector {
    /// The decision, with the bytes to skip (a byte-order mark) and notices for the report.
    public struct Detection: Sendable, Equatable {
        public var encoding: TextEncoding
        public var skip: Int
        public var warnings: [Notice]
    }

    /// Bytes examined for the binary check and the BOM-less UTF-16 guess.
    static let headSize = 64 << 10

    /// Signatures of common binary files users upload by mistake (zip = xlsx/ods, OLE2 = xls…).
    static let magics: [[UInt8]] = [
        [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], Array("%PDF-".utf8),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], [0x1F, 0x8B], [0x89, 0x50, 0x4E, 0x47],
        [0xFF, 0xD8, 0xFF], Array("Rar!".utf8), [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],
        Array("SQLite format 3".utf8), [0x28, 0xB5, 0x2F, 0xFD], [0x42, 0x5A, 0x68],
    ]

    /// Detects the encoding of the file at `url` (see `detect(file:displayName:forced:)`).
    public static func detect(url: URL, displayName: String, forced: TextEncoding? = nil) throws -> Detection {
        guard let file = ChunkedFile(path: url.path) else {
            throw IngestError.make("file.unreadable", file: displayName)
        }
        return try detect(file: file, displayName: displayName, forced: forced)
    }

    /// True when the first bytes are those of a binary file: a known signature, a NUL byte, or
    /// more than 1 % of control characters other than tab, line feed, form feed and return.
    public static func looksBinary(_ head: [UInt8]) -> Bool {
        if magics.contains(where: { head.starts(with: $0) }) { return true }
        var controls = 0
        for b in head where b < 0x20 {
            if b == 0 { return true }
            if b != 0x09 && b != 0x0A && b != 0x0C && b != 0x0D { controls += 1 }
        }
        return controls >= 8 && controls * 100 > head.count
    }

    /// The encoding announced by a byte-order mark and the mark's length.
    public static func byteOrderMark(_ head: [UInt8]) -> (TextEncoding, Int)? {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8BOM, 3) }
        if head.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if head.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    /// UTF-16 without a byte-order mark: text where every other byte is zero.
    public static func guessUTF16(_ head: [UInt8]) -> TextEncoding? {
        let pairs = min(head.count, 4096) / 2
        guard pairs >= 2 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for k in 0 ..< pairs {
            if head[2 * k] == 0 { evenZeros += 1 }
            if head[2 * k + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 10 >= pairs * 4 && evenZeros * 20 < pairs { return .utf16LE }
        if evenZeros * 10 >= pairs * 4 && oddZeros * 20 < pairs { return .utf16BE }
        return nil
    }

    static func detect(file: ChunkedFile, displayName: String, forced: TextEncoding?) throws -> Detection {
        var head = [UInt8](repeating: 0, count: headSize)
        let got = head.withUnsafeMutableBytes { file.readFully(into: $0.baseAddress!, count: headSize) }
        head.removeSubrange(got...)
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw IngestError.make("csv.encoding_unsupported", file: displayName, args: ["encoding": "UTF-32"])
        }
        let bom = byteOrderMark(head)
        if let forced {
            var encoding = forced
            var skip = 0
            if forced.isUTF8, bom?.0 == .utf8BOM {
                encoding = .utf8BOM; skip = 3
            } else if forced.isUTF16, let (e, n) = bom, e.isUTF16 {
                encoding = e; skip = n
            } else if !forced.isUTF8, !forced.isUTF16, bom?.0 == .utf8BOM {
                skip = 3 // a UTF-8 mark in front of Windows-1252 bytes
            }
            if !encoding.isUTF16 && looksBinary(head) { throw binary(displayName) }
            return Detection(encoding: encoding, skip: skip, warnings: [])
        }
        if let (e, n) = bom, e.isUTF16 { return Detection(encoding: e, skip: n, warnings: []) }
        if let e = guessUTF16(head) {
            return Detection(encoding: e, skip: 0, warnings: [Notice("csv.warning.utf16_without_bom", ["encoding": e.rawValue])])
        }
        if looksBinary(head) { throw binary(displayName) }
        let skip = bom == nil ? 0 : 3
        if let bad = try firstInvalidUTF8(file: file, head: head, headIsWholeFile: got < headSize, from: skip,
                                          displayName: displayName) {
            // Plain Windows-1252 is normal for files from Excel (report.encoding says it); a UTF-8
            // mark in front of it is odd enough to be worth a note.
            let notes = bom == nil ? [] : [Notice("csv.warning.bom_not_utf8", ["offset": String(bad)])]
            return Detection(encoding: .windows1252, skip: skip, warnings: notes)
        }
        return Detection(encoding: bom == nil ? .utf8 : .utf8BOM, skip: skip, warnings: [])
    }

    static func binary(_ displayName: String) -> SocleError {
        IngestError.make("csv.binary", file: displayName)
    }

    /// Validates the whole file as UTF-8 (the head already read, then the rest chunk by chunk);
    /// returns the file offset of the first invalid sequence, or nil when it is all valid.
    static func firstInvalidUTF8(file: ChunkedFile, head: [UInt8], headIsWholeFile: Bool, from: Int,
                                 displayName: String) throws -> Int64? {
        let chunk = TextSource.chunkSize
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk + 4)
        defer { buffer.deallocate() }
        var carry = 0
        var bufferOffset = Int64(from) // file offset of buffer[0]
        var pending = Array(head.dropFirst(from))
        var atEnd = headIsWholeFile
        while true {
            var count: Int
            if !pending.isEmpty {
                // First round: validate the head we already have.
                count = pending.count
                pending.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: count) }
                pending = []
            } else {
                if atEnd { return carry > 0 ? bufferOffset : nil }
                let n = file.readFully(into: buffer + carry, count: chunk - carry)
                if n < 0 { throw IngestError.make("file.unreadable", file: displayName) }
                if n == 0 { return carry > 0 ? bufferOffset : nil }
                count = carry + n
                if n < chunk - carry { atEnd = true }
            }
            switch UTF8Validator.validate(UnsafeBufferPointer(start: buffer, count: count)) {
            case .valid:
                bufferOffset += Int64(count)
                carry = 0
            case .invalid(let at):
                return bufferOffset + Int64(at)
            case .truncated(let at):
                carry = count - at
                memmove(buffer, buffer + at, carry)
                bufferOffset += Int64(at)
            }
        }
    }
}
