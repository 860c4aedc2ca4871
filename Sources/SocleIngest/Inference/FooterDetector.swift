import Foundation
import SocleCore

/// A reader whose header row was picked by `HeaderDetector` (CSV, XLSX, ODS).
protocol HeaderRowSource: TableReader {
    /// The header row's raw cells (before any two-level joining), to spot its repeats.
    var headerCells: [String] { get }
    /// Throws the error a row deferred (a short CSV record) once it is kept as data.
    func checkKept(line: Int) throws
    /// Whether some rows were deferred at all (so the check costs nothing otherwise).
    var hasDeferredRows: Bool { get }
}

extension HeaderRowSource {
    func checkKept(line: Int) throws {}
    var hasDeferredRows: Bool { false }
}

extension XLSXReader: HeaderRowSource {}
extension ODSReader: HeaderRowSource {}
extension XLSReader: HeaderRowSource {}
extension CSVReader: HeaderRowSource {}

/// Tells, from a row's cells, whether it looks like the end matter of a report: a total line, a
/// note, a source, or a lone sentence under the data.
enum FooterDetector {
    enum Kind: Equatable {
        case data
        /// A total, a note or a source: left out when only such rows follow.
        case footer
        /// A lone value (one filled cell among many): a footer at the end, data if data follows.
        case lone
        /// The header row again (a report pasted several times).
        case repeatedHeader
    }

    /// What the first byte (after spaces, lowercased) allows: a note starts with `*`, `(`, `s`, `n`, `r` or
    /// `l`; a total with `s` or `t`. Most data rows are ruled out here, without copying a byte.
    @inline(__always)
    static func candidates(_ text: ArraySlice<UInt8>) -> (note: Bool, total: Bool) {
        guard let f = text.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return (false, false) }
        let b = f >= 0x41 && f <= 0x5A ? f + 0x20 : f
        switch b {
        case UInt8(ascii: "s"): return (true, true)
        case UInt8(ascii: "t"): return (false, true)
        case UInt8(ascii: "*"), UInt8(ascii: "("), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "l"): return (true, false)
        default: return (false, false)
        }
    }

    /// Whether `text` (a row's first filled cell) starts like a note or a source: `Source :`,
    /// `Notes :`, `NB :`, `Remarque :`, `* …`.
    static func isNote(_ text: some Collection<UInt8>) -> Bool {
        let t = lowerPrefix(text, 24)
        if t.first == UInt8(ascii: "*") || t.starts(with: "(*)".utf8) { return true }
        for word in ["sources", "source", "notes", "note", "n.b.", "n.b", "nb", "remarques", "remarque", "lecture"] {
            guard t.starts(with: word.utf8) else { continue }
            let rest = t.dropFirst(word.utf8.count).drop { $0 == 0x20 || $0 == 0xC2 || $0 == 0xA0 }
            if rest.first == UInt8(ascii: ":") { return true }
        }
        return false
    }

    /// Whether `text` is a total's label: `Total`, `TOTAL GÉNÉRAL`, `Totaux`, `Sous-total …`.
    static func isTotal(_ text: some Collection<UInt8>) -> Bool {
        let t = lowerPrefix(text, 24)
        for word in ["sous-total", "sous total", "totaux", "total"] where t.starts(with: word.utf8) {
            let next = t.dropFirst(word.utf8.count).first
            return next == nil || next == 0x20 || next == UInt8(ascii: ":") || next == UInt8(ascii: "-") || next == 0xC2
        }
        return false
    }

    /// The first `n` bytes after leading spaces, ASCII letters lowercased.
    private static func lowerPrefix(_ text: some Collection<UInt8>, _ n: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(n)
        for b in text.drop(while: { $0 == 0x20 || $0 == 0x09 }) {
            out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
            if out.count == n { break }
        }
        return out
    }
}

/// Wraps a CSV or spreadsheet reader: rows repeating the header (with the titles and totals just
/// above them) are dropped, and trailing totals, notes and sources are left out, each with a notice.
///
/// Rows that look like end matter are held back (a few, copied) until a data row follows — then
/// they are data after all — or the file ends. Batches without such rows pass through untouched.
final class RowFilterReader: TableReader {
    private let inner: any HeaderRowSource
    /// The format's own reader, under the filter.
    var base: any TableReader { inner }
    private let header: [[UInt8]]
    /// First column with a header label: a row holding that label there is checked in full.
    private let headerKey: Int?
    /// Header columns with a label.
    private let labelled: Int

    private struct Held {
        var line: Int
        var cells: [[UInt8]?]
        var kind: FooterDetector.Kind
    }
    private var held: [Held] = []
    /// Beyond this many rows held, they cannot be end matter: they are released as data.
    static let maxHeld = 200

    private var repeats = 0, firstRepeat = 0, repeatExtras = 0
    private var footers = 0, firstFooter = 0, footerText = ""
    /// A lone value was kept as data once: lone values are then ordinary rows of this file.
    private var loneData = false

    init(_ inner: any HeaderRowSource) {
        self.inner = inner
        header = inner.headerCells.map { Array($0.trimmingCharacters(in: .whitespacesAndNewlines).utf8) }
        headerKey = header.firstIndex { !$0.isEmpty }
        labelled = header.filter { !$0.isEmpty }.count
    }

    var labels: [String] { inner.labels }
    var bytesRead: Int64 { inner.bytesRead }
    var totalBytes: Int64 { inner.totalBytes }

    var report: ReaderReport {
        var r = inner.report
        if repeats > 0 {
            r.warnings.append(Notice("header.repeats_dropped",
                                     ["count": String(repeats), "line": String(firstRepeat), "extra": String(repeatExtras)]))
        }
        if footers > 0 {
            let text = footerText.count > 80 ? String(footerText.prefix(80)) + "…" : footerText
            r.warnings.append(Notice("footer.dropped", ["count": String(footers), "line": String(firstFooter), "first": text]))
        }
        return r
    }

    func nextBatch(maxRows: Int) throws -> RawBatch? {
        while true {
            guard let batch = try inner.nextBatch(maxRows: maxRows) else {
                if let first = held.first {
                    footers += held.count
                    firstFooter = first.line
                    footerText = first.cells.lazy.compactMap { $0 }.first { !$0.isEmpty }.map { String(decoding: $0, as: UTF8.self) } ?? ""
                    held = []
                }
                return nil
            }
            var kinds: [FooterDetector.Kind]? = nil
            for r in 0..<batch.rowCount {
                let k = classify(batch, r)
                if k != .data {
                    if kinds == nil { kinds = Array(repeating: .data, count: batch.rowCount) }
                    kinds![r] = k
                }
            }
            if kinds == nil && held.isEmpty {
                if inner.hasDeferredRows { for line in batch.lines { try inner.checkKept(line: line) } }
                return batch
            }
            var out = RawBatch(columnCount: batch.columnCount, capacityRows: batch.rowCount, capacityBytes: batch.bytes.count)
            for r in 0..<batch.rowCount {
                switch kinds?[r] ?? .data {
                case .data:
                    try release(into: &out)
                    try inner.checkKept(line: batch.lines[r])
                    for c in 0..<batch.columnCount { batch.withField(row: r, column: c) { out.appendField($0) } }
                    out.endRow(line: batch.lines[r])
                case .repeatedHeader:
                    if repeats == 0 { firstRepeat = batch.lines[r] }
                    repeats += 1
                    repeatExtras += held.count
                    held = []
                case .footer, .lone:
                    let cells = (0..<batch.columnCount).map { c in
                        batch.isNull(row: r, column: c) ? nil : Array(batch.bytes[batch.fieldRange(row: r, column: c)])
                    }
                    held.append(Held(line: batch.lines[r], cells: cells, kind: kinds![r]))
                    if held.count > Self.maxHeld { try release(into: &out) }
                }
            }
            if out.rowCount > 0 { return out }
        }
    }

    /// The held rows turn out to be data: appended before the row that proved it.
    private func release(into out: inout RawBatch) throws {
        for h in held {
            try inner.checkKept(line: h.line)
            if h.kind == .lone { loneData = true }
            for c in 0..<out.columnCount {
                if c < h.cells.count, let v = h.cells[c] { out.appendField(v) } else { out.appendNullField() }
            }
            out.endRow(line: h.line)
        }
        held = []
    }

    private func classify(_ b: RawBatch, _ r: Int) -> FooterDetector.Kind {
        if let k = headerKey, k < b.columnCount, trimmedEquals(b, r, k), isHeaderRepeat(b, r) { return .repeatedHeader }
        var first = -1
        for c in 0..<b.columnCount where !b.isNull(row: r, column: c) {
            first = c
            break
        }
        guard first >= 0 else { return .data }
        let range = b.fieldRange(row: r, column: first)
        let text = b.bytes[range]
        let may = FooterDetector.candidates(text)
        if may.note && FooterDetector.isNote(text) { return .footer }
        if may.total && FooterDetector.isTotal(text) && filled(b, r) * 2 <= max(4, labelled) { return .footer }
        if !loneData, b.columnCount >= 3, first + 1 >= b.columnCount || b.isNull(row: r, column: first + 1),
           filled(b, r) == 1, text.contains(0x20), text.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
            return .lone
        }
        return .data
    }

    private func filled(_ b: RawBatch, _ r: Int) -> Int {
        var n = 0
        for c in 0..<b.columnCount where !b.isNull(row: r, column: c) { n += 1 }
        return n
    }

    private func trimmedEquals(_ b: RawBatch, _ r: Int, _ c: Int) -> Bool {
        let want = c < header.count ? header[c] : []
        let range = b.fieldRange(row: r, column: c)
        if range.count < want.count { return false }
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, b.bytes[lo] == 0x20 || b.bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, b.bytes[hi - 1] == 0x20 || b.bytes[hi - 1] == 0x09 { hi -= 1 }
        return b.bytes[lo..<hi].elementsEqual(want)
    }

    private func isHeaderRepeat(_ b: RawBatch, _ r: Int) -> Bool {
        for c in 0..<min(header.count, b.columnCount) where !header[c].isEmpty {
            if !trimmedEquals(b, r, c) { return false }
        }
        return labelled >= 2 || header.count == 1
    }
}
