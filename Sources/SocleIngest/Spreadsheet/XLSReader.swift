import Foundation
import SocleCore

/// Streams one sheet of an Excel 97–2003 workbook (.xls: BIFF8, or BIFF5 for Excel 5/95, inside a
/// compound file) as text rows. The workbook globals (sheet list, formats, shared strings) are read
/// first and held in memory within `IngestLimits`; the sheet's cell records are then read in order,
/// a window of sectors at a time.
public final class XLSReader: TableReader {
    private let options: ReaderOptions
    private let records: BIFFRecords
    private let book: XLSWorkbook
    private let row = SheetRowBuilder()
    private let sheetName: String
    private let sheetStart: Int
    private let sheetEnd: Int
    private var finished = false
    /// The current record is a cell of the next row, already read: process it first.
    private var holding = false
    private var currentRow = -1
    /// A formula whose cached text comes in the following STRING record: its column.
    private var pendingStringColumn: Int?
    /// Depth of embedded substreams (charts) inside the sheet.
    private var nested = 0
    private var errorCells = 0
    private var firstError: (cell: String, text: String)?

    enum Cell {
        static let formula: UInt16 = 0x0006, blank: UInt16 = 0x0201, number: UInt16 = 0x0203
        static let label: UInt16 = 0x0204, boolErr: UInt16 = 0x0205, string: UInt16 = 0x0207
        static let rk: UInt16 = 0x027E, mulRK: UInt16 = 0x00BD, mulBlank: UInt16 = 0x00BE
        static let labelSST: UInt16 = 0x00FD, rString: UInt16 = 0x00D6
    }

    public init(url: URL, options: ReaderOptions) throws {
        self.options = options
        let name = options.displayName
        do {
            let file = try CompoundFile(url: url)
            guard let entry = file.stream(named: ["Workbook", "Book"]) else {
                let names = file.entries.dropFirst().filter { $0.type == 2 }.prefix(5).map(\.name)
                throw IngestError.make("xls.no_workbook", file: name, args: ["streams": names.joined(separator: ", ")])
            }
            records = BIFFRecords(stream: try file.open(entry))
            book = try XLSWorkbook.load(records)
            let names = book.sheets.map(\.name)
            // Nothing asked: the first visible worksheet, so a hidden parameters sheet is not read.
            let index: Int
            if options.sheet == nil, let visible = book.sheets.firstIndex(where: { $0.isWorksheet && $0.state == 0 }) {
                index = visible
            } else {
                index = try SheetChoice.pick(options.sheet, among: names, file: name, code: "xls.sheet_not_found")
            }
            let sheet = book.sheets[index]
            guard sheet.isWorksheet else { throw IngestError.make("xls.not_a_worksheet", file: name, args: ["sheet": sheet.name]) }
            sheetName = sheet.name
            sheetStart = sheet.offset
            sheetEnd = book.sheets.map(\.offset).filter { $0 > sheet.offset }.min() ?? records.stream.size
            records.seek(sheet.offset)
            guard try records.next(), records.type == XLSWorkbook.Record.bof else {
                throw CompoundFile.Failure.corrupt("BOUNDSHEET")
            }
            guard records.u16(2) == 0x0010 else {
                throw IngestError.make("xls.not_a_worksheet", file: name, args: ["sheet": sheet.name])
            }
            // The header is found among the first rows (title lines and group headers skipped), as in XLSX and ODS.
            header = try SheetHeaderScan(builder: row, options: options, sheet: sheet.name) { try self.readRow() }
        } catch {
            throw Self.located(error, file: name, line: nil)
        }
    }

    private var header: SheetHeaderScan?
    /// The raw cells of the header row, to spot its repeats.
    public var headerCells: [String] { header?.headerCells ?? [] }

    /// Turns the container's and the records' failures into located catalog errors.
    static func located(_ error: Error, file: String, line: Int?) -> Error {
        switch error {
        case let f as CompoundFile.Failure:
            switch f.reason {
            case .truncated: return IngestError.make("xls.truncated", file: file, line: line)
            case .corrupt(let part): return IngestError.make("xls.corrupt", file: file, line: line, args: ["part": part])
            }
        case is BIFFRecords.Failure:
            return IngestError.make("xls.corrupt", file: file, line: line, args: ["part": "CONTINUE"])
        case let r as XLSWorkbook.Refusal:
            switch r {
            case .encrypted: return IngestError.make("xls.encrypted", file: file)
            case .version(let v): return IngestError.make("xls.old_version", file: file, args: ["version": v])
            case .sharedStringsTooLarge:
                return IngestError.make("xls.shared_strings_too_large", file: file,
                                        args: ["max": String(IngestLimits.maxWholePartBytes >> 20),
                                               "count": String(IngestLimits.maxSharedStrings)], kind: .tooLarge)
            }
        default:
            return error
        }
    }

    public var labels: [String] { row.labels }
    public var bytesRead: Int64 {
        Int64(finished ? sheetEnd - sheetStart : min(max(0, records.recordOffset - sheetStart), sheetEnd - sheetStart))
    }
    public var totalBytes: Int64 { Int64(max(0, sheetEnd - sheetStart)) }

    public var report: ReaderReport {
        var w = row.shapeWarnings
        if errorCells > 0, let firstError {
            w.append(Notice("xls.warning.error_cells",
                            ["count": String(errorCells), "first": firstError.cell, "error": firstError.text]))
        }
        if book.date1904 { w.append(Notice("xlsx.warning.date1904")) }
        if !book.biff8 { w.append(Notice("xls.warning.biff5")) }
        let chosen = header?.notice.map { [$0] } ?? []
        return ReaderReport(format: .xls, warnings: [Notice("spreadsheet.warning.sheet", ["sheet": sheetName])] + chosen + w)
    }

    public func nextBatch(maxRows: Int) throws -> RawBatch? {
        var batch = RawBatch(columnCount: row.labels.count, capacityRows: min(max(maxRows, 1), 4096),
                             capacityBytes: 1 << 16)
        header?.drain(into: &batch, builder: row, maxRows: maxRows)
        do {
            while batch.rowCount < maxRows, batch.bytes.count < IngestLimits.maxBatchBytes, let n = try readRow() {
                try row.checkLimits(file: options.displayName, line: n)
                if !row.isEmpty { row.emit(into: &batch, line: n) }
            }
        } catch {
            throw Self.located(error, file: options.displayName, line: currentRow + 1)
        }
        return batch.rowCount == 0 ? nil : batch
    }

    // MARK: cell records

    /// Reads the cells of the next row into `row`; returns its 1-based sheet row, nil at the sheet's end.
    private func readRow() throws -> Int? {
        guard !finished else { return nil }
        var started = false
        while true {
            if holding {
                holding = false
            } else if try !records.next() {
                finished = true
                return started ? currentRow + 1 : nil
            }
            let type = records.type
            // A chart embedded in the sheet is a substream of its own (BOF … EOF), whose cached series
            // values are NUMBER/LABEL records too: skip it whole.
            if type == XLSWorkbook.Record.bof {
                nested += 1
                continue
            }
            if type == XLSWorkbook.Record.eof {
                if nested > 0 {
                    nested -= 1
                    continue
                }
                finished = true
                return started ? currentRow + 1 : nil
            }
            if nested > 0 { continue }
            if type == Cell.string {
                if let column = pendingStringColumn, started {
                    let out = row.values
                    let start = out.count
                    records.pos = 0
                    try book.readString(records, lengthBytes: 2, to: out)
                    row.set(column: column, start: start, end: out.count)
                }
                pendingStringColumn = nil
                continue
            }
            guard Self.isCell(type) else { continue }
            pendingStringColumn = nil
            let r = records.u16(0)
            if !started || r != currentRow {
                if started {
                    holding = true
                    return currentRow + 1
                }
                guard r > currentRow else {
                    throw IngestError.make("xls.unsorted_rows", file: options.displayName, line: r + 1)
                }
                currentRow = r
                row.beginRow()
                started = true
            }
            try store(type)
        }
    }

    private static func isCell(_ t: UInt16) -> Bool {
        switch t {
        case Cell.formula, Cell.number, Cell.label, Cell.boolErr, Cell.rk, Cell.mulRK, Cell.labelSST, Cell.rString,
             Cell.blank, Cell.mulBlank:
            return true
        default:
            return false
        }
    }

    private func store(_ type: UInt16) throws {
        let r = records
        let column = r.u16(2)
        let out = row.values
        let start = out.count
        switch type {
        case Cell.number:
            appendNumber(r.f64(6), xf: r.u16(4))
        case Cell.rk:
            appendNumber(Self.rk(r.u32(6)), xf: r.u16(4))
        case Cell.mulRK:
            // colFirst, then (xf, rk) pairs, then colLast.
            let count = max(0, (r.length - 6) / 6)
            for k in 0..<count {
                let s = out.count
                appendNumber(Self.rk(r.u32(6 + 6 * k)), xf: r.u16(4 + 6 * k))
                row.set(column: column + k, start: s, end: out.count)
            }
            return
        case Cell.labelSST:
            if let s = book.sharedString(Int(r.u32(6))) { out.append(s) }
        case Cell.label, Cell.rString:
            r.pos = 6
            try book.readString(r, lengthBytes: 2, to: out)
        case Cell.boolErr:
            if r.u8(7) == 0 {
                out.append(r.u8(6) != 0 ? "true" : "false")
            } else {
                noteError(code: r.u8(6), column: column)
            }
        case Cell.formula:
            // The cached result: a double, or (last two bytes 0xFFFF) a tagged string/boolean/error/empty.
            if r.u16(12) == 0xFFFF {
                switch r.u8(6) {
                case 0: pendingStringColumn = column
                case 1: out.append(r.u8(8) != 0 ? "true" : "false")
                case 2: noteError(code: r.u8(8), column: column)
                default: break
                }
            } else {
                appendNumber(r.f64(6), xf: r.u16(4))
            }
        default:
            return  // BLANK, MULBLANK: empty cells
        }
        row.set(column: column, start: start, end: out.count)
    }

    /// An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the high 30 bits of a double, maybe × 100.
    static func rk(_ v: UInt32) -> Double {
        let d = v & 0x02 != 0
            ? Double(Int32(bitPattern: v) >> 2)
            : Double(bitPattern: UInt64(v & 0xFFFF_FFFC) << 32)
        return v & 0x01 != 0 ? d / 100 : d
    }

    private func appendNumber(_ d: Double, xf: Int) {
        let kind = xf < book.xfKinds.count ? book.xfKinds[xf] : .number
        if kind != .number, ExcelSerialDate.append(serial: d, kind: kind, date1904: book.date1904, to: row.values) {
            return
        }
        SpreadsheetText.appendDouble(d, to: row.values)
    }

    private func noteError(code: Int, column: Int) {
        errorCells += 1
        guard firstError == nil else { return }
        let texts = [0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
                     0x2A: "#N/A", 0x2B: "#GETTING_DATA"]
        firstError = (SpreadsheetText.columnLetters(column) + String(currentRow + 1), texts[code] ?? "#?")
    }
}
