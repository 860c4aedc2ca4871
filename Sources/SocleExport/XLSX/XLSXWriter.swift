import SocleCore

/// An Office Open XML workbook (one worksheet) written as a stream: a STORED ZIP whose sheet
/// entry is closed by a data descriptor, cells as inline strings (no shared-strings table, which
/// would have to be held in memory), numbers as numbers, booleans as booleans, dates and
/// datetimes as styled serials, codes and every other text as text (leading zeros kept).
///
/// Excel's limits are enforced rather than producing a file Excel refuses: at most 1,048,576 rows
/// (header included) and 16,384 columns, 32,767 characters per cell, and, since the archive has
/// no ZIP64 records, under 4 GiB in all. Rows past a limit are dropped (`truncated`); `notices`
/// say so. Integers of 16 digits or more are written as text: Excel keeps only 15 digits.
public struct XLSXWriter: ExportWriter {
    /// Excel's row limit, header row included.
    public static let maxSheetRows = 1_048_576
    /// Excel's column limit.
    public static let maxColumns = 16_384

    public let columns: [ExportColumn]
    public let options: ExportOptions
    public private(set) var rowCount = 0
    public private(set) var truncated = false

    private let maxDataRows: Int
    private let byteBudget: UInt64
    private let types: [ColumnType]
    /// Column letters back to back (`ABC…ZAAAB…`); column i spans `letterStarts[i] ..< letterStarts[i+1]`.
    private let letters: [UInt8]
    private let letterStarts: [Int]
    private var zip = ZipStreamWriter()
    private var rowDigits: [UInt8] = []
    private var sizeLimitReached = false
    private var cutCells = 0

    public var format: ExportFormat { .xlsx }

    public init(columns: [ExportColumn], options: ExportOptions = ExportOptions()) {
        // Keep room under 4 GiB for the sheet's end, its data descriptor and the central directory.
        self.init(columns: columns, options: options, maxDataRows: Self.maxSheetRows - 1,
                  byteBudget: ZipStreamWriter.maxOffset - 64 * 1024)
    }

    /// Lower limits let tests reach truncation without writing gigabytes.
    init(columns: [ExportColumn], options: ExportOptions, maxDataRows: Int, byteBudget: UInt64) {
        self.columns = columns
        self.options = options
        self.maxDataRows = maxDataRows
        self.byteBudget = byteBudget
        let kept = columns.prefix(Self.maxColumns)
        types = kept.map(\.type)
        var letters: [UInt8] = []
        var starts = [0]
        for i in kept.indices {
            letters.append(contentsOf: XLSXParts.columnLetters(i))
            starts.append(letters.count)
        }
        self.letters = letters
        letterStarts = starts
    }

    public var notices: [Notice] {
        var list: [Notice] = []
        if columns.count > Self.maxColumns {
            list.append(Notice("export.xlsx.column_limit", ["columns": String(Self.maxColumns)]))
        }
        if truncated {
            list.append(Notice(sizeLimitReached ? "export.xlsx.size_limit" : "export.xlsx.row_limit",
                               ["rows": String(rowCount)]))
        }
        if cutCells > 0 {
            list.append(Notice("export.xlsx.cell_truncated", ["count": String(cutCells)]))
        }
        return list
    }

    public mutating func begin(into out: inout [UInt8]) {
        zip.addEntry(name: "[Content_Types].xml", content: Array(XLSXParts.contentTypes.utf8), into: &out)
        zip.addEntry(name: "_rels/.rels", content: Array(XLSXParts.rootRelationships.utf8), into: &out)
        zip.addEntry(name: "xl/workbook.xml",
                     content: XLSXParts.workbook(sheetName: XLSXParts.cleanSheetName(options.sheetName)), into: &out)
        zip.addEntry(name: "xl/_rels/workbook.xml.rels", content: Array(XLSXParts.workbookRelationships.utf8), into: &out)
        zip.addEntry(name: "xl/styles.xml", content: Array(XLSXParts.styles.utf8), into: &out)
        zip.beginStreamedEntry(name: "xl/worksheets/sheet1.xml", into: &out)

        let start = out.count
        out.appendLiteral(XLSXParts.sheetStart)
        setRowNumber(1)
        out.appendLiteral("<row r=\"1\">")
        for i in 0..<types.count {
            appendCellStart(i, style: XLSXParts.Style.header, type: "inlineStr", to: &out)
            appendInlineText(columns[i].header(options), to: &out)
        }
        out.appendLiteral("</row>")
        zip.consumed(out, from: start)
    }

    public mutating func row(_ cells: [CellValue], into out: inout [UInt8]) {
        guard !truncated else { return }
        guard rowCount < maxDataRows else {
            truncated = true
            return
        }
        let start = out.count
        let cutBefore = cutCells
        setRowNumber(rowCount + 2)
        out.appendLiteral("<row r=\"")
        out.append(contentsOf: rowDigits)
        out.appendLiteral("\">")
        cells.withUnsafeBufferPointer { cells in
            for i in 0..<min(types.count, cells.count) {
                appendCell(cells[i], column: i, to: &out)
            }
        }
        out.appendLiteral("</row>")
        if zip.offset + UInt64(out.count - start) > byteBudget {
            // The row would push the archive past what 32-bit ZIP fields can address: drop it.
            out.removeSubrange(start...)
            cutCells = cutBefore
            truncated = true
            sizeLimitReached = true
            return
        }
        zip.consumed(out, from: start)
        rowCount += 1
    }

    public mutating func end(into out: inout [UInt8]) {
        let start = out.count
        out.appendLiteral(XLSXParts.sheetEnd)
        zip.consumed(out, from: start)
        zip.endStreamedEntry(into: &out)
        zip.finish(into: &out)
    }

    private mutating func setRowNumber(_ n: Int) {
        rowDigits.removeAll(keepingCapacity: true)
        rowDigits.appendDecimal(UInt64(n))
    }

    /// `<c r="B7"` plus optional ` s="…"` and ` t="…"`, then `>`.
    private func appendCellStart(_ column: Int, style: StaticString? = nil, type: StaticString? = nil,
                                 to out: inout [UInt8]) {
        out.appendLiteral("<c r=\"")
        letters.withUnsafeBufferPointer { letters in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: letters[letterStarts[column]..<letterStarts[column + 1]]))
        }
        out.append(contentsOf: rowDigits)
        out.append(UInt8(ascii: "\""))
        if let style {
            out.appendLiteral(" s=\"")
            out.appendLiteral(style)
            out.append(UInt8(ascii: "\""))
        }
        if let type {
            out.appendLiteral(" t=\"")
            out.appendLiteral(type)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: ">"))
    }

    private mutating func appendCell(_ value: CellValue, column i: Int, to out: inout [UInt8]) {
        switch value {
        case .null:
            return  // an absent cell is an empty cell
        case .bool(let b):
            appendBool(b, column: i, to: &out)
        case .integer(let v):
            if types[i] == .boolean {
                appendBool(v != 0, column: i, to: &out)
            } else if v.magnitude < 1_000_000_000_000_000 {
                appendCellStart(i, to: &out)
                out.appendLiteral("<v>")
                out.appendDecimal(v)
                out.appendLiteral("</v></c>")
            } else {
                appendCellStart(i, type: "inlineStr", to: &out)
                appendInlineText(String(v), to: &out)
            }
        case .number(let d):
            guard d.isFinite else { return }
            appendCellStart(i, to: &out)
            out.appendLiteral("<v>")
            NumberText.append(d, to: &out)
            out.appendLiteral("</v></c>")
        case .text(let s):
            switch types[i] {
            case .date:
                if let serial = ExcelDate.serial(date: s) {
                    appendSerial(serial, style: XLSXParts.Style.date, column: i, to: &out)
                    return
                }
            case .datetime:
                if let serial = ExcelDate.serial(dateTime: s) {
                    appendSerial(serial, style: XLSXParts.Style.dateTime, column: i, to: &out)
                    return
                }
            default:
                break
            }
            // Codes, geopoints, geometries, text, and dates Excel cannot show (before 1900).
            appendCellStart(i, type: "inlineStr", to: &out)
            appendInlineText(s, to: &out)
        }
    }

    private func appendBool(_ b: Bool, column i: Int, to out: inout [UInt8]) {
        appendCellStart(i, type: "b", to: &out)
        out.appendLiteral(b ? "<v>1</v></c>" : "<v>0</v></c>")
    }

    private func appendSerial(_ serial: Double, style: StaticString, column i: Int, to out: inout [UInt8]) {
        appendCellStart(i, style: style, to: &out)
        out.appendLiteral("<v>")
        NumberText.append(serial, to: &out)
        out.appendLiteral("</v></c>")
    }

    /// `<is><t>…</t></is></c>`, escaped and cut to Excel's cell limit.
    private mutating func appendInlineText(_ s: String, to out: inout [UInt8]) {
        var cut = false
        s.withUTF8Bytes { bytes in
            let length = XMLText.prefixFitting(bytes)
            cut = length < bytes.count
            let text = UnsafeBufferPointer(rebasing: bytes[..<length])
            if XMLText.needsPreserve(text) {
                out.appendLiteral("<is><t xml:space=\"preserve\">")
            } else {
                out.appendLiteral("<is><t>")
            }
            XMLText.appendEscaped(text, to: &out)
            out.appendLiteral("</t></is></c>")
        }
        if cut { cutCells += 1 }
    }
}
