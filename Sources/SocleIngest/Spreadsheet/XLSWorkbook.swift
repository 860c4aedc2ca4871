import Foundation

/// The workbook globals of an Excel 97–2003 file ([MS-XLS] BIFF8, and BIFF5 for Excel 5/95):
/// sheet list, date system, code page, which cell formats show dates, and the shared strings.
struct XLSWorkbook {
    struct Sheet {
        var name: String
        /// Stream offset of the sheet's BOF record.
        var offset: Int
        /// 0 visible, 1 hidden, 2 very hidden.
        var state: Int
        /// 0 worksheet (or dialog), 1 macro sheet, 2 chart, 6 VBA module.
        var kind: Int
        var isWorksheet: Bool { kind == 0 }
    }

    /// What stops a workbook from being read, for the located message.
    enum Refusal: Error {
        case encrypted
        case version(String)
        case sharedStringsTooLarge
    }

    var biff8 = true
    var sheets: [Sheet] = []
    var date1904 = false
    var codePage = Windows1252.windows1252
    /// Date kind of each XF (cell format) record, in order.
    var xfKinds: [ExcelSerialDate.Kind] = []
    let shared = ByteAccumulator(capacity: 1 << 16, limit: IngestLimits.maxWholePartBytes)
    var sharedEnds: [Int] = []

    /// Record types read in the globals.
    enum Record {
        static let bof: UInt16 = 0x0809, eof: UInt16 = 0x000A, filePass: UInt16 = 0x002F
        static let codePage: UInt16 = 0x0042, dateMode: UInt16 = 0x0022, format: UInt16 = 0x041E
        static let xf: UInt16 = 0x00E0, boundSheet: UInt16 = 0x0085, sst: UInt16 = 0x00FC
    }

    /// Reads the globals substream, from the first BOF to its EOF.
    static func load(_ r: BIFFRecords) throws -> XLSWorkbook {
        var book = XLSWorkbook()
        guard try r.next() else { throw CompoundFile.Failure.truncated }
        // BIFF2 to BIFF4 files start with other BOF types; only BIFF5 and BIFF8 have 0x0809.
        guard r.type == Record.bof else {
            let old: [UInt16: String] = [0x0009: "BIFF2 (Excel 2.x)", 0x0209: "BIFF3 (Excel 3.0)", 0x0409: "BIFF4 (Excel 4.0)"]
            throw Refusal.version(old[r.type] ?? "?")
        }
        switch r.u16(0) {
        case 0x0600: book.biff8 = true
        case 0x0500: book.biff8 = false
        default: throw Refusal.version(String(format: "BIFF 0x%04X", r.u16(0)))
        }
        var formatKinds: [Int: ExcelSerialDate.Kind] = [:]
        var xfFormats: [Int] = []
        let code = ByteAccumulator(capacity: 256, limit: 1 << 16)
        while try r.next() {
            switch r.type {
            case Record.eof:
                book.xfKinds = xfFormats.map { formatKinds[$0] ?? ExcelSerialDate.kind(builtinFormat: $0) }
                return book
            case Record.filePass:
                throw Refusal.encrypted
            case Record.codePage:
                // 1252 and Latin-1 (and 8-bit-less UTF-16, 1200) read the same way; Latin-9 differs.
                if r.u16(0) == 28605 { book.codePage = .latin9 }
            case Record.dateMode:
                book.date1904 = r.u16(0) == 1
            case Record.format:
                let id = r.u16(0)
                code.removeAll()
                r.pos = 2
                try book.readString(r, lengthBytes: book.biff8 ? 2 : 1, to: code)
                formatKinds[id] = ExcelSerialDate.kind(formatCode: code.string())
            case Record.xf:
                xfFormats.append(r.u16(2))
            case Record.boundSheet:
                code.removeAll()
                r.pos = 6
                try book.readString(r, lengthBytes: 1, to: code)
                book.sheets.append(Sheet(name: code.string(), offset: Int(r.u32(0)), state: r.u8(4) & 0x03, kind: r.u8(5)))
            case Record.sst:
                try book.readSharedStrings(r)
            default:
                break
            }
        }
        throw CompoundFile.Failure.truncated
    }

    /// Reads a string at `r.pos`: its length (1 or 2 bytes), then in BIFF8 a flag byte and the
    /// characters (rich-text and phonetic parts skipped); in BIFF5, bytes of the code page.
    func readString(_ r: BIFFRecords, lengthBytes: Int, to out: ByteAccumulator) throws {
        let count = try lengthBytes == 1 ? r.readByte() : r.readU16()
        guard biff8 else {
            try r.appendCodePage(count, codePage: codePage, to: out)
            return
        }
        let flags = try r.readByte()
        let runs = try flags & 0x08 != 0 ? r.readU16() : 0
        let phonetic = try flags & 0x04 != 0 ? r.readU32() : 0
        try r.appendChars(count, highByte: flags & 0x01 != 0, to: out)
        try r.skip(4 * runs + phonetic)
    }

    /// The shared-string table (SST and its CONTINUE records), bounded in count and bytes.
    private mutating func readSharedStrings(_ r: BIFFRecords) throws {
        let unique = Int(r.u32(4))
        r.pos = 8
        sharedEnds.reserveCapacity(min(unique, 1 << 16))
        while sharedEnds.count < unique {
            if r.pos >= r.length {
                // The table may announce more strings than it holds: stop where its records stop.
                guard try r.peekType() == BIFFRecords.continueType, try r.next() else { break }
                continue
            }
            try readString(r, lengthBytes: 2, to: shared)
            if shared.overflowed || sharedEnds.count >= IngestLimits.maxSharedStrings {
                throw Refusal.sharedStringsTooLarge
            }
            sharedEnds.append(shared.count)
        }
    }

    /// The i-th shared string, nil when out of range.
    func sharedString(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard i >= 0 && i < sharedEnds.count else { return nil }
        return shared.slice(i == 0 ? 0 : sharedEnds[i - 1], sharedEnds[i])
    }
}
