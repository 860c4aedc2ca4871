import Foundation
import SocleCore

/// The header of a sheet (XLSX, ODS): reads the first rows through the reader, picks the header
/// row (`HeaderDetector`, or the row the user forced), and keeps the data rows read on the way so
/// the reader emits them first.
final class SheetHeaderScan {
    private var pending: [PrefixRow] = []
    private var next = 0
    /// Which row was chosen and why, for the report.
    private(set) var notice: Notice?
    /// The raw cells of the header row, to spot its repeats further down.
    private(set) var headerCells: [String] = []

    /// `readRow` reads the next row into `builder` and returns its sheet row number (nil at the end).
    init(builder: SheetRowBuilder, options: ReaderOptions, sheet: String, readRow: () throws -> Int?) throws {
        let file = options.displayName
        if let forced = options.headerRow {
            var above = 0
            var last = 0
            while let n = try readRow() {
                last = n
                try builder.checkLimits(file: file, line: n)
                if n < forced {
                    if !builder.isEmpty { above += 1 }
                    continue
                }
                guard n == forced, !builder.isEmpty else {
                    throw IngestError.make("header.row_empty", file: file, line: forced, args: ["row": String(forced)])
                }
                let cells = builder.snapshot()
                headerCells = cells.map { $0 ?? "" }
                builder.setHeader(headerCells)
                notice = Notice("header.forced", ["row": String(forced), "count": String(above)])
                return
            }
            throw IngestError.make("header.row_missing", file: file, line: forced,
                                   args: ["row": String(forced), "last": String(max(1, last))])
        }
        var rows: [PrefixRow] = []
        while rows.count < HeaderDetector.prefixRows, let n = try readRow() {
            try builder.checkLimits(file: file, line: n)
            if builder.isEmpty { continue }
            rows.append(PrefixRow(line: n, cells: builder.snapshot(), spans: builder.spans))
        }
        guard !rows.isEmpty else {
            throw IngestError.make("spreadsheet.empty_sheet", file: file, args: ["sheet": sheet])
        }
        let decision = HeaderDetector.detect(rows)
        builder.setHeader(decision.labels)
        if let h = decision.header { headerCells = rows[h].cells.map { $0 ?? "" } }
        notice = decision.notice
        pending = Array(rows[decision.dataStart...])
    }

    /// Emits the data rows read during the detection, up to `maxRows` in the batch.
    func drain(into batch: inout RawBatch, builder: SheetRowBuilder, maxRows: Int) {
        while next < pending.count && batch.rowCount < maxRows {
            builder.emit(cells: pending[next].cells, into: &batch, line: pending[next].line)
            next += 1
        }
        if next == pending.count && !pending.isEmpty {
            pending = []
            next = 0
        }
    }
}
