import Foundation
import SocleCore
import ZIPFoundation

/// Streams one sheet of an OpenDocument spreadsheet (.ods) as text rows, tokenizing content.xml
/// chunk by chunk. Repeated rows and cells are expanded only when they hold values, so the huge
/// empty repeats LibreOffice writes after the data cost nothing.
public final class ODSReader: TableReader {
    private let options: ReaderOptions
    private let pipe: ZipEntryPipe
    private let xml: XMLPullTokenizer
    private let row = SheetRowBuilder()
    private let contentSize: Int64
    private var sheetName = ""
    private var rowNumber = 0
    private var pendingRepeats = 0
    private var finished = false
    private var errorCells = 0
    private var firstErrorCell: String?

    public init(url: URL, options: ReaderOptions) throws {
        self.options = options
        let name = options.displayName
        let archive = try ZipContainer.open(url, displayName: name, prefix: "ods")
        guard let entry = archive["content.xml"] else {
            let looksXLSX = archive["xl/workbook.xml"] != nil || archive["[Content_Types].xml"] != nil
            throw IngestError.make(looksXLSX ? "ods.looks_like_xlsx" : "ods.no_content", file: name)
        }
        contentSize = Int64(clamping: entry.uncompressedSize)
        pipe = ZipEntryPipe(archiveURL: url, entryPath: "content.xml")
        xml = XMLPullTokenizer(window: StreamByteWindow(supplier: pipe, capacity: 1 << 18))
        do {
            try corrupt { try self.findTable() }
            header = try SheetHeaderScan(builder: row, options: options, sheet: sheetName) {
                try self.corrupt { try self.readRow() }
            }
        } catch {
            pipe.cancel()
            throw error
        }
    }

    private var header: SheetHeaderScan?
    /// The raw cells of the header row, to spot its repeats.
    public var headerCells: [String] { header?.headerCells ?? [] }
    /// Cells merged down over several rows (the value stays in the first row only).
    private var mergedDown = 0
    private var firstMergedDown: String?

    deinit { pipe.cancel() }

    public var labels: [String] { row.labels }
    public var bytesRead: Int64 { finished ? contentSize : min(xml.w.offset, contentSize) }
    public var totalBytes: Int64 { contentSize }

    public var report: ReaderReport {
        var w = [Notice("spreadsheet.warning.sheet", ["sheet": sheetName])] + (header?.notice.map { [$0] } ?? []) + row.shapeWarnings
        if mergedDown > 0 {
            w.append(Notice("spreadsheet.warning.merged_down", ["count": String(mergedDown), "first": firstMergedDown ?? "?"]))
        }
        if errorCells > 0 {
            w.append(Notice("ods.warning.error_cells", ["count": String(errorCells), "first": firstErrorCell ?? "?"]))
        }
        return ReaderReport(format: .ods, warnings: w)
    }

    public func nextBatch(maxRows: Int) throws -> RawBatch? {
        var batch = RawBatch(columnCount: row.labels.count, capacityRows: min(max(maxRows, 1), 4096),
                             capacityBytes: 1 << 16)
        header?.drain(into: &batch, builder: row, maxRows: maxRows)
        while batch.rowCount < maxRows, batch.bytes.count < IngestLimits.maxBatchBytes, let n = try corrupt({ try self.readRow() }) {
            try row.checkLimits(file: options.displayName, line: n)
            if !row.isEmpty { row.emit(into: &batch, line: n) }
        }
        return batch.rowCount == 0 ? nil : batch
    }

    private func corrupt<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch is XMLPullTokenizer.Malformed {
            pipe.cancel()
            throw IngestError.make("ods.corrupt", file: options.displayName, line: rowNumber > 0 ? rowNumber : nil)
        } catch is ZipEntryPipe.Broken {
            throw IngestError.make("ods.corrupt", file: options.displayName, line: rowNumber > 0 ? rowNumber : nil)
        } catch is XMLPullTokenizer.TooLarge {
            pipe.cancel()
            throw IngestError.make("spreadsheet.cell_too_large", file: options.displayName, line: rowNumber > 0 ? rowNumber : nil,
                                   args: ["max": String(IngestLimits.maxCellBytes >> 20)])
        } catch let limit as ZipEntryPipe.LimitExceeded {
            throw limit.error(file: options.displayName)
        }
    }

    // MARK: content.xml

    /// Moves to the start of the wanted `table:table`, skipping the others.
    private func findTable() throws {
        var names: [String] = []
        while true {
            let ev = try xml.next()
            if ev == .eof {
                pipe.cancel()
                throw SheetChoice.notFound(options.sheet, names: names, file: options.displayName,
                                           code: "ods.sheet_not_found")
            }
            guard ev == .start && xml.nameIs("table:table") else { continue }
            let name = xml.attributeString("table:name") ?? ""
            names.append(name)
            if SheetChoice.index(options.sheet, among: names) == names.count - 1 {
                sheetName = name
                return
            }
            try skipElement()
        }
    }

    /// Skips the rest of the element whose start tag was just read.
    private func skipElement() throws {
        var depth = 0
        if xml.selfClosing { _ = try xml.next(); return }
        while true {
            switch try xml.next() {
            case .eof: throw XMLPullTokenizer.Malformed()
            case .start: depth += 1
            case .end:
                if depth == 0 { return }
                depth -= 1
            case .text: break
            }
        }
    }

    /// Reads the next row into `row`; returns its sheet row number, nil after the table.
    private func readRow() throws -> Int? {
        if pendingRepeats > 0 {
            pendingRepeats -= 1
            rowNumber += 1
            return rowNumber
        }
        guard !finished else { return nil }
        while true {
            let ev = try xml.next()
            if ev == .eof { throw XMLPullTokenizer.Malformed() }
            if ev == .end && xml.nameIs("table:table") {
                finished = true
                pipe.cancel()
                return nil
            }
            guard ev == .start && xml.nameIs("table:table-row") else { continue }
            let repeats = max(1, xml.attributeInt("table:number-rows-repeated") ?? 1)
            row.beginRow()
            if xml.selfClosing {
                _ = try xml.next()
            } else {
                try readCells()
            }
            if row.isEmpty {
                rowNumber += repeats
                continue
            }
            rowNumber += 1
            pendingRepeats = repeats - 1
            return rowNumber
        }
    }


    private func readCells() throws {
        var column = 0
        while true {
            let ev = try xml.next()
            if ev == .eof { throw XMLPullTokenizer.Malformed() }
            if ev == .end && xml.nameIs("table:table-row") { return }
            guard ev == .start, xml.nameIs("table:table-cell") || xml.nameIs("table:covered-table-cell") else { continue }
            let repeats = max(1, xml.attributeInt("table:number-columns-repeated") ?? 1)
            if let span = xml.attributeInt("table:number-columns-spanned"), span > 1 { row.noteSpan(column: column, count: span) }
            if let down = xml.attributeInt("table:number-rows-spanned"), down > 1 {
                mergedDown += 1
                if firstMergedDown == nil { firstMergedDown = SpreadsheetText.columnLetters(column) + String(rowNumber + 1) }
            }
            let out = row.values
            let start = out.count
            // Typed cells carry their value in attributes; text cells in their paragraphs.
            var collectText = false
            var isError = false
            switch xml.attributeString("office:value-type") {
            case "float", "percentage", "currency":
                if let v = xml.attribute("office:value"), !SpreadsheetText.appendNumber(v, to: out) { out.append(v) }
            case "date":
                if let v = xml.attribute("office:date-value") { out.append(v) }
            case "time":
                if let v = xml.attribute("office:time-value"), !SpreadsheetText.appendDuration(v, to: out) { out.append(v) }
            case "boolean":
                if let v = xml.attribute("office:boolean-value") {
                    out.append(v.first == UInt8(ascii: "t") || v.first == UInt8(ascii: "1") ? "true" : "false")
                }
            default:
                if let v = xml.attribute("office:string-value") { out.append(v) } else { collectText = true }
            }
            if let calc = xml.attribute("calcext:value-type"), calc.elementsEqual("error".utf8) {
                isError = true
                collectText = false
                out.count = start
            }
            if !xml.selfClosing {
                try readCellContent(collect: collectText)
            } else {
                _ = try xml.next()
            }
            if isError {
                out.count = start
                errorCells += 1
                if firstErrorCell == nil { firstErrorCell = SpreadsheetText.columnLetters(column) + String(rowNumber + 1) }
            }
            let end = out.count
            if end > start {
                for k in 0..<min(repeats, max(0, SpreadsheetText.maxColumns - column)) {
                    row.set(column: column + k, start: start, end: end)
                }
            }
            column = min(column + repeats, SpreadsheetText.maxColumns)
        }
    }

    /// Reads a cell's children up to its end tag; when `collect`, appends the text of its
    /// paragraphs (joined by line breaks, with text:s spaces, tabs and line breaks) to the row values.
    private func readCellContent(collect: Bool) throws {
        let out = row.values
        var depth = 0
        var skipDepth = 0
        var paragraphs = 0
        var inParagraph = false
        while true {
            let ev = try xml.next()
            switch ev {
            case .eof:
                throw XMLPullTokenizer.Malformed()
            case .text:
                if skipDepth == 0 { out.append(xml.text.ptr, xml.text.count) }
            case .start:
                depth += 1
                if skipDepth > 0 { skipDepth += 1; continue }
                guard collect else { continue }
                if xml.nameIs("office:annotation") || xml.nameIs("text:note") {
                    skipDepth = 1
                    xml.captureText = false
                } else if xml.nameIs("text:p") || xml.nameIs("text:h") {
                    if paragraphs > 0 { out.append(0x0A) }
                    paragraphs += 1
                    inParagraph = true
                    xml.captureText = true
                } else if xml.nameIs("text:s") {
                    let n = min(max(1, xml.attributeInt("text:c") ?? 1), 1000)
                    for _ in 0..<n { out.append(0x20) }
                } else if xml.nameIs("text:tab") {
                    out.append(0x09)
                } else if xml.nameIs("text:line-break") {
                    out.append(0x0A)
                }
            case .end:
                if depth == 0 {
                    xml.captureText = false
                    return
                }
                depth -= 1
                if skipDepth > 0 {
                    skipDepth -= 1
                    if skipDepth == 0 { xml.captureText = inParagraph }
                    continue
                }
                if xml.nameIs("text:p") || xml.nameIs("text:h") {
                    inParagraph = false
                    xml.captureText = false
                }
            }
        }
    }
}
