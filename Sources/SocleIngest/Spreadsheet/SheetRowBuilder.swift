import Foundation
import SocleCore

/// Assembles one spreadsheet row from cells placed by column, then emits it as a text row.
///
/// The first non-empty row becomes the header. Data rows are as wide as the header; a value further
/// right adds a column with an empty label (labels only grow at the end, never reorder).
final class SheetRowBuilder {
    let values = ByteAccumulator(capacity: 1 << 16)
    @exclusivity(unchecked) private var starts: [Int] = []
    @exclusivity(unchecked) private var ends: [Int] = []
    @exclusivity(unchecked) private var stamp: [Int] = []
    @exclusivity(unchecked) private var generation = 0
    /// Highest column holding a non-empty value in the current row, -1 when none.
    @exclusivity(unchecked) private(set) var lastColumn = -1
    private(set) var labels: [String] = []
    private(set) var hasHeader = false
    /// Columns added right of the header because data went beyond it.
    private(set) var extraColumns = 0

    func beginRow() {
        generation += 1
        values.removeAll()
        lastColumn = -1
        if !spans.isEmpty { spans.removeAll(keepingCapacity: true) }
    }

    /// Horizontal merges of the current row (column → columns spanned), when the format says so.
    private(set) var spans: [Int: Int] = [:]

    func noteSpan(column: Int, count: Int) {
        if count > 1 { spans[column] = count }
    }

    /// The current row's cells (nil = empty), for the header detection.
    func snapshot() -> [String?] {
        guard lastColumn >= 0 else { return [] }
        return (0...lastColumn).map { c in
            c < stamp.count && stamp[c] == generation ? String(decoding: values.slice(starts[c], ends[c]), as: UTF8.self) : nil
        }
    }

    /// Sets the labels the header detection chose.
    func setHeader(_ chosen: [String]) {
        labels = chosen
        hasHeader = true
    }

    /// Appends a row kept aside during the header detection, like `emit(into:line:)`.
    func emit(cells: [String?], into batch: inout RawBatch, line: Int) {
        if cells.count > labels.count {
            extraColumns += cells.count - labels.count
            labels += Array(repeating: "", count: cells.count - labels.count)
        }
        if labels.count > batch.columnCount { JSONRecordColumns.widen(&batch, to: labels.count) }
        for c in 0..<batch.columnCount {
            batch.appendField(c < cells.count ? cells[c] : nil)
        }
        batch.endRow(line: line)
    }

    var isEmpty: Bool { lastColumn < 0 }
    /// The row reaches past `IngestLimits.maxColumns`.
    var tooWide: Bool { lastColumn >= IngestLimits.maxColumns }

    /// Refuses the row just read when it passed the record size or the column count (both readers).
    func checkLimits(file: String, line: Int) throws {
        if values.overflowed {
            throw IngestError.make("spreadsheet.record_too_large", file: file, line: line,
                                   args: ["max": String(IngestLimits.maxRecordBytes >> 20)])
        }
        if tooWide {
            throw IngestError.make("file.too_many_columns", file: file, line: line, args: ["max": String(IngestLimits.maxColumns)])
        }
    }

    /// Assigns `values[start..<end]` to a column (empty = null).
    func set(column: Int, start: Int, end: Int) {
        guard end > start, column >= 0 else { return }
        if column >= stamp.count {
            let n = column + 1
            stamp += Array(repeating: 0, count: n - stamp.count)
            starts += Array(repeating: 0, count: n - starts.count)
            ends += Array(repeating: 0, count: n - ends.count)
        }
        stamp[column] = generation
        starts[column] = start
        ends[column] = end
        if column > lastColumn { lastColumn = column }
    }

    /// Makes the current row the header.
    func takeHeader() {
        labels = (0...max(lastColumn, 0)).map { c in
            c < stamp.count && stamp[c] == generation
                ? String(decoding: values.slice(starts[c], ends[c]), as: UTF8.self) : ""
        }
        if lastColumn < 0 { labels = [] }
        hasHeader = true
    }

    /// Appends the current row, widening the header (and the batch) when it is wider.
    func emit(into batch: inout RawBatch, line: Int) {
        if lastColumn >= labels.count {
            extraColumns += lastColumn + 1 - labels.count
            labels += Array(repeating: "", count: lastColumn + 1 - labels.count)
        }
        if labels.count > batch.columnCount { JSONRecordColumns.widen(&batch, to: labels.count) }
        for c in 0..<batch.columnCount {
            if c < stamp.count && stamp[c] == generation {
                batch.appendField(values.slice(starts[c], ends[c]))
            } else {
                batch.appendNullField()
            }
        }
        batch.endRow(line: line)
    }

    /// Notice for the report when data went right of the header.
    var shapeWarnings: [Notice] {
        extraColumns > 0 ? [Notice("spreadsheet.warning.extra_columns", ["count": String(extraColumns)])] : []
    }
}
