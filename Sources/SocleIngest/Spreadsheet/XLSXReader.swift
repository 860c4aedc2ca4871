import Foundation
import SocleCore
import ZIPFoundation

/// Streams one sheet of an Excel workbook (.xlsx) as text rows: the sheet XML is inflated and
/// tokenized chunk by chunk; shared strings and styles are held in memory.
public final class XLSXReader: TableReader {
    private let options: ReaderOptions
    private let pipe: ZipEntryPipe
    private let xml: XMLPullTokenizer
    private let row = SheetRowBuilder()
    private let shared: XLSXSharedStrings?
    private let styleKinds: [ExcelSerialDate.Kind]
    private let date1904: Bool
    private let sheetName: String
    private let sheetSize: Int64
    private var lastRowNumber = 0
    private var finished = false
    private var pendingLine: Int?
    private var errorCells = 0
    private var firstErrorCell: String?
    private let cellText = ByteAccumulator(capacity: 256, limit: IngestLimits.maxCellBytes)

    public init(url: URL, options: ReaderOptions) throws {
        self.options = options
        let name = options.displayName
        let archive = try ZipContainer.open(url, displayName: name, prefix: "xlsx")
        let loaded: XLSXWorkbook?
        do {
            loaded = try XLSXWorkbook.load(archive)
        } catch let limit as ZipEntryPipe.LimitExceeded {
            throw limit.error(file: name)
        } catch {
            throw IngestError.make("xlsx.corrupt", file: name, args: ["part": "workbook.xml"])
        }
        guard let book = loaded else {
            let looksODS = archive["content.xml"] != nil || archive["mimetype"] != nil
            throw IngestError.make(looksODS ? "xlsx.looks_like_ods" : "xlsx.no_workbook", file: name)
        }
        let sheet = try SheetChoice.pick(options.sheet, among: book.sheets.map(\.name), file: name,
                                         code: "xlsx.sheet_not_found")
        let chosen = book.sheets[sheet]
        guard chosen.isWorksheet, let path = chosen.path, let entry = archive[path] else {
            throw IngestError.make("xlsx.not_a_worksheet", file: name, args: ["sheet": chosen.name])
        }
        sheetName = chosen.name
        sheetSize = Int64(clamping: entry.uncompressedSize)
        date1904 = book.date1904
        do {
            shared = try book.sharedStringsPath.flatMap { try ZipContainer.read(archive, $0) }.map(XLSXSharedStrings.init)
            styleKinds = try book.stylesPath.flatMap { try ZipContainer.read(archive, $0) }.map(XLSXWorkbook.styleKinds) ?? []
        } catch let limit as ZipEntryPipe.LimitExceeded {
            throw limit.error(file: name)
        } catch is XMLPullTokenizer.TooLarge {
            throw IngestError.make("xlsx.shared_strings_too_large", file: name,
                                   args: ["max": String(IngestLimits.maxWholePartBytes >> 20), "count": String(IngestLimits.maxSharedStrings)],
                                   kind: .tooLarge)
        } catch {
            throw IngestError.make("xlsx.corrupt", file: name, args: ["part": "sharedStrings/styles"])
        }
        pipe = ZipEntryPipe(archiveURL: url, entryPath: path)
        xml = XMLPullTokenizer(window: StreamByteWindow(supplier: pipe, capacity: 1 << 18))
        // The header is found among the first rows (title lines and group headers skipped); read it now so labels are known.
        var found: SheetHeaderScan?
        do {
            found = try SheetHeaderScan(builder: row, options: options, sheet: chosen.name) { try self.readRow() }
        } catch {
            pipe.cancel()
            throw error
        }
        header = found
    }

    private var header: SheetHeaderScan?
    /// The raw cells of the header row, to spot its repeats.
    public var headerCells: [String] { header?.headerCells ?? [] }

    deinit { pipe.cancel() }

    public var labels: [String] { row.labels }
    public var bytesRead: Int64 { finished ? sheetSize : min(xml.w.offset, sheetSize) }
    public var totalBytes: Int64 { sheetSize }

    public var report: ReaderReport {
        var w = row.shapeWarnings
        if errorCells > 0 {
            w.append(Notice("xlsx.warning.error_cells", ["count": String(errorCells), "first": firstErrorCell ?? "?"]))
        }
        if date1904 { w.append(Notice("xlsx.warning.date1904")) }
        let chosen = header?.notice.map { [$0] } ?? []
        return ReaderReport(format: .xlsx, warnings: [Notice("spreadsheet.warning.sheet", ["sheet": sheetName])] + chosen + w)
    }

    public func nextBatch(maxRows: Int) throws -> RawBatch? {
        var batch = RawBatch(columnCount: row.labels.count, capacityRows: min(max(maxRows, 1), 4096),
                             capacityBytes: 1 << 16)
        header?.drain(into: &batch, builder: row, maxRows: maxRows)
        while batch.rowCount < maxRows, batch.bytes.count < IngestLimits.maxBatchBytes, let n = try readRow() {
            try row.checkLimits(file: options.displayName, line: n)
            if !row.isEmpty { row.emit(into: &batch, line: n) }
        }
        return batch.rowCount == 0 ? nil : batch
    }

    // MARK: sheet XML

    /// Reads the next `<row>` into `row`; returns its sheet row number, nil at the end of the data.
    private func readRow() throws -> Int? {
        guard !finished else { return nil }
        do {
            while true {
                let ev = try xml.next()
                if ev == .eof || (ev == .end && xml.localNameIs("sheetData")) {
                    finished = true
                    pipe.cancel()
                    return nil
                }
                if ev == .start && xml.localNameIs("row") { break }
            }
            var number = lastRowNumber + 1
            if let r = xml.attributeInt("r"), r > 0 { number = r }
            lastRowNumber = number
            row.beginRow()
            if xml.selfClosing {
                _ = try xml.next()
                return number
            }
            var nextColumn = 0
            while true {
                let ev = try xml.next()
                if ev == .eof { throw XMLPullTokenizer.Malformed() }
                if ev == .end && xml.localNameIs("row") { return number }
                if ev == .start && xml.localNameIs("c") {
                    nextColumn = try readCell(defaultColumn: nextColumn, rowNumber: number) + 1
                }
            }
        } catch is XMLPullTokenizer.Malformed {
            pipe.cancel()
            throw IngestError.make("xlsx.corrupt", file: options.displayName, line: lastRowNumber,
                                   args: ["part": sheetName])
        } catch is ZipEntryPipe.Broken {
            throw IngestError.make("xlsx.corrupt", file: options.displayName, line: lastRowNumber,
                                   args: ["part": sheetName])
        } catch is XMLPullTokenizer.TooLarge {
            pipe.cancel()
            throw IngestError.make("spreadsheet.cell_too_large", file: options.displayName, line: lastRowNumber,
                                   args: ["max": String(IngestLimits.maxCellBytes >> 20)])
        } catch let limit as ZipEntryPipe.LimitExceeded {
            throw limit.error(file: options.displayName)
        }
    }

    private enum CellType { case number, shared, inline, formulaString, boolean, error, isoDate }

    /// Reads one `<c>` (its start tag just read); returns its column.
    private func readCell(defaultColumn: Int, rowNumber: Int) throws -> Int {
        var column = defaultColumn
        if let r = xml.attribute("r"), let c = SpreadsheetText.columnIndex(r) { column = c }
        var type = CellType.number
        if let t = xml.attribute("t"), let first = t.first {
            switch first {
            case UInt8(ascii: "s"): type = t.count == 1 ? .shared : .formulaString
            case UInt8(ascii: "i"): type = .inline
            case UInt8(ascii: "b"): type = .boolean
            case UInt8(ascii: "e"): type = .error
            case UInt8(ascii: "d"): type = .isoDate
            default: type = .number
            }
        }
        let style = xml.attributeInt("s") ?? 0
        guard column < SpreadsheetText.maxColumns else {
            throw IngestError.make("xlsx.too_many_columns", file: options.displayName, line: rowNumber)
        }
        if xml.selfClosing {
            _ = try xml.next()
            return column
        }
        // Collect the text of <v> (or of <t> inside <is>, phonetic runs excluded).
        cellText.removeAll()
        var hasValue = false
        var phonetic = 0
        while true {
            let ev = try xml.next()
            switch ev {
            case .eof:
                throw XMLPullTokenizer.Malformed()
            case .start:
                if xml.localNameIs("v") && type != .inline {
                    xml.captureText = true
                    hasValue = true
                } else if xml.localNameIs("rPh") {
                    phonetic += 1
                } else if xml.localNameIs("t") && type == .inline && phonetic == 0 {
                    xml.captureText = true
                    hasValue = true
                }
            case .text:
                cellText.append(xml.text.ptr, xml.text.count)
                if cellText.overflowed { throw XMLPullTokenizer.TooLarge() }
            case .end:
                if xml.localNameIs("c") {
                    xml.captureText = false
                    if hasValue { store(type: type, style: style, column: column, rowNumber: rowNumber) }
                    return column
                }
                if xml.localNameIs("rPh") { phonetic = max(0, phonetic - 1) }
                if xml.localNameIs("v") || xml.localNameIs("t") { xml.captureText = false }
            }
        }
    }

    private func store(type: CellType, style: Int, column: Int, rowNumber: Int) {
        let out = row.values
        let start = out.count
        let text = cellText.bytes
        switch type {
        case .shared:
            var index = 0
            for c in text where c &- 0x30 < 10 { index = index &* 10 &+ Int(c - 0x30) }
            if let s = shared?.string(index) { out.append(s) }
        case .inline:
            XLSXEscapes.decode(cellText, from: 0)
            out.append(cellText.ptr, cellText.count)
        case .formulaString, .isoDate:
            out.append(cellText.ptr, cellText.count)
        case .boolean:
            let t = text.first == UInt8(ascii: "1") || text.first == UInt8(ascii: "t") || text.first == UInt8(ascii: "T")
            out.append(t ? "true" : "false")
        case .error:
            errorCells += 1
            if firstErrorCell == nil { firstErrorCell = SpreadsheetText.columnLetters(column) + String(rowNumber) }
        case .number:
            let kind = style < styleKinds.count ? styleKinds[style] : .number
            if kind != .number, let serial = SpreadsheetText.parseDouble(text),
               ExcelSerialDate.append(serial: serial, kind: kind, date1904: date1904, to: out) {
                break
            }
            if !SpreadsheetText.appendNumber(text, to: out) { out.append(cellText.ptr, cellText.count) }
        }
        row.set(column: column, start: start, end: out.count)
    }
}
