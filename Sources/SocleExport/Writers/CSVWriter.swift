import SocleCore

/// RFC 4180 CSV: UTF-8, CRLF, header row, fields quoted only when needed.
///
/// The Excel-French variant adds a UTF-8 BOM (so Excel reads UTF-8), uses `;` and a decimal
/// comma (so numbers are numbers in a French Excel) and writes booleans `VRAI`/`FAUX` (the
/// literals French Excel recognises; Socle's own loader reads them back). Dates stay ISO.
///
/// Formula injection: text starting with `=`, `+`, `-`, `@`, tab or CR is quoted in that variant
/// but never altered (no `'` prefix: data must round-trip). Quoting does not stop a spreadsheet
/// from evaluating such a cell, so reusers opening untrusted data in Excel must stay careful.
/// Likewise Excel drops the leading zeros of codes in any CSV; the XLSX export keeps them.
public struct CSVWriter: ExportWriter {
    public let columns: [ExportColumn]
    public let options: ExportOptions
    public private(set) var rowCount = 0
    private let separator: UInt8
    private let decimalSeparator: UInt8
    private let types: [ColumnType]

    public var format: ExportFormat { .csv }

    public init(columns: [ExportColumn], options: ExportOptions = ExportOptions()) {
        self.columns = columns
        self.options = options
        separator = options.excelFrench ? UInt8(ascii: ";") : UInt8(ascii: ",")
        decimalSeparator = options.excelFrench ? UInt8(ascii: ",") : UInt8(ascii: ".")
        types = columns.map(\.type)
    }

    public mutating func begin(into out: inout [UInt8]) {
        if options.excelFrench { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(separator) }
            appendText(column.header(options), to: &out)
        }
        out.appendLiteral("\r\n")
    }

    public mutating func row(_ cells: [CellValue], into out: inout [UInt8]) {
        // Buffer pointers spare reference counting per cell in the hot loop.
        types.withUnsafeBufferPointer { types in
            cells.withUnsafeBufferPointer { cells in
                for i in 0..<types.count {
                    if i > 0 { out.append(separator) }
                    guard i < cells.count else { continue }
                    appendCell(cells[i], type: types[i], to: &out)
                }
            }
        }
        out.appendLiteral("\r\n")
        rowCount += 1
    }

    private func appendCell(_ cell: CellValue, type: ColumnType, to out: inout [UInt8]) {
        switch cell {
        case .null:
            break
        case .bool(let b):
            appendBool(b, to: &out)
        case .integer(let v):
            if type == .boolean { appendBool(v != 0, to: &out) } else { out.appendDecimal(v) }
        case .number(let d):
            // NaN and infinities have no CSV spelling any reader agrees on: empty field.
            NumberText.append(d, decimalSeparator: decimalSeparator, to: &out)
        case .text(let s):
            appendText(s, to: &out)
        }
    }

    public mutating func end(into out: inout [UInt8]) {}

    private func appendBool(_ b: Bool, to out: inout [UInt8]) {
        if options.excelFrench {
            if b { out.appendLiteral("VRAI") } else { out.appendLiteral("FAUX") }
        } else {
            if b { out.appendLiteral("true") } else { out.appendLiteral("false") }
        }
    }

    /// Appends a field, quoted when it holds the separator, a quote, CR or LF (or, in the Excel
    /// variant, starts like a formula); inner quotes are doubled.
    private func appendText(_ s: String, to out: inout [UInt8]) {
        let separator = self.separator
        let excel = options.excelFrench
        s.withUTF8Bytes { bytes in
            var needsQuotes = false
            for b in bytes where b == separator || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
                needsQuotes = true
                break
            }
            if excel, !needsQuotes, let first = bytes.first {
                switch first {
                case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09: needsQuotes = true
                default: break
                }
            }
            guard needsQuotes else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "\"") {
                // Copy up to and including the quote, then add the doubling quote.
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...i]))
                out.append(UInt8(ascii: "\""))
                runStart = i + 1
            }
            if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
            out.append(UInt8(ascii: "\""))
        }
    }
}
