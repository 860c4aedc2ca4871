import Foundation
import SocleCore

/// Streaming CSV reader: detects the encoding and the delimiter, skips title lines, reads the
/// header, then yields rows in batches while the file is read in chunks (memory bounded by the batch).
public final class CSVReader: TableReader {
    public private(set) var labels: [String] = []
    public var bytesRead: Int64 { source.bytesRead }
    public var totalBytes: Int64 { source.totalBytes }

    private let options: ReaderOptions
    private let encoding: TextEncoding
    private let source: TextSource
    private var scanner: CSVScanner
    /// Set once nothing else in `init` can fail before the object is complete (so `deinit` frees it).
    private var sink: FieldSink
    private var finished = false
    private var fixedWarnings: [Notice] = []
    /// Trailing header labels that are empty: rows missing only those fields are padded silently.
    private var trailingEmptyLabels = 0
    private var counters = RowCounters()
    private let deferLoneValues: Bool

    /// Rows the reader repaired or dropped, reported as warnings.
    private struct RowCounters {
        var trailingEmpty = 0
        var paddedToHeader = 0
        var padded = 0
        var skipped = 0
        var firstSkippedLine = 0
        var delimiterOnly = 0
    }

    /// `deferLoneValues`: short records holding one value at most are padded and left for a
    /// `RowFilterReader` to judge (footer, title of a repeated block) instead of refused at once.
    public init(url: URL, options: ReaderOptions, deferLoneValues: Bool = false) throws {
        self.options = options
        self.deferLoneValues = deferLoneValues
        let name = options.displayName
        var forced: TextEncoding? = nil
        if let label = options.encoding, !label.isEmpty {
            guard let e = TextEncoding(label: label) else {
                throw IngestError.make("csv.encoding_unknown", file: name,
                                       args: ["encoding": label, "supported": TextEncoding.supportedNames])
            }
            forced = e
        }
        var forcedDelimiter: UInt8? = nil
        if let text = options.delimiter, !text.isEmpty {
            guard let d = DialectSniffer.delimiter(named: text) else {
                throw IngestError.make("csv.delimiter_invalid", file: name, args: ["delimiter": text])
            }
            forcedDelimiter = d
        }
        guard let file = ChunkedFile(path: url.path) else { throw IngestError.make("file.unreadable", file: name) }
        let detection = try EncodingDetector.detect(file: file, displayName: name, forced: forced)
        guard file.seek(to: Int64(detection.skip)) else { throw IngestError.make("file.unreadable", file: name) }
        encoding = detection.encoding
        fixedWarnings = detection.warnings
        source = TextSource(file: file, encoding: detection.encoding, validate: forced?.isUTF8 == true)
        scanner = CSVScanner(delimiter: 0x3B)
        sink = FieldSink()
        do {
            while source.available < DialectSniffer.sampleBytes && !source.eof { try source.fill() }
        } catch {
            throw sourceError(error)
        }
        var firstLine = 1
        var delimiter = forcedDelimiter ?? 0x3B
        // Excel's "sep=;" first line names the delimiter; it is never the header.
        if let sep = DialectSniffer.excelSeparatorLine(UnsafeBufferPointer(start: source.base + source.start, count: source.available)) {
            source.start += sep.length
            firstLine = 2
            if forcedDelimiter == nil { forcedDelimiter = sep.delimiter; delimiter = sep.delimiter }
            fixedWarnings.append(Notice("csv.warning.excel_sep_line"))
        }
        let sample = UnsafeBufferPointer(start: source.base + source.start,
                                         count: min(source.available, DialectSniffer.sampleBytes))
        let complete = source.eof && source.available <= DialectSniffer.sampleBytes
        if forcedDelimiter == nil {
            if let d = DialectSniffer.sniffDelimiter(sample, complete: complete) {
                delimiter = d
            } else {
                fixedWarnings.append(Notice("csv.warning.no_delimiter"))
            }
        }
        scanner = CSVScanner(delimiter: delimiter)
        scanner.line = firstLine
        try readHeader()
    }

    deinit { sink.free() }

    public var report: ReaderReport {
        var warnings = fixedWarnings
        let c = counters
        func count(_ code: String, _ n: Int) {
            if n > 0 { warnings.append(Notice(code, ["count": String(n)])) }
        }
        count("csv.warning.trailing_empty_fields", c.trailingEmpty)
        count("csv.warning.padded_to_header", c.paddedToHeader)
        count("csv.warning.padded", c.padded)
        if c.skipped > 0 {
            warnings.append(Notice("csv.warning.skipped_ragged",
                                   ["count": String(c.skipped), "line": String(c.firstSkippedLine)]))
        }
        count("csv.warning.delimiter_only_rows", c.delimiterOnly)
        count("csv.warning.text_after_quote", scanner.textAfterQuote)
        return ReaderReport(format: .csv, encoding: encoding.rawValue,
                            delimiter: String(UnicodeScalar(scanner.delimiter)), warnings: warnings)
    }

    public func nextBatch(maxRows: Int) throws -> RawBatch? {
        if finished { return nil }
        var sink = self.sink
        var scanner = self.scanner
        defer {
            self.sink = sink
            self.scanner = scanner
        }
        sink.reset()
        let expected = labels.count
        let limit = max(1, maxRows)
        var rows = 0
        var p = UnsafePointer(source.base)
        var pos = source.start, end = source.end, eof = source.eof
        while rows < limit, sink.byteCount < IngestLimits.maxBatchBytes {
            let mark = sink.mark
            let startLine = scanner.line
            let outcome: CSVScanner.Outcome
            do {
                outcome = try scanner.next(p, &pos, end, eof, &sink)
            } catch {
                throw scanError(error)
            }
            switch outcome {
            case .record(let n):
                if n == expected && sink.byteCount > mark.bytes {
                    sink.lines.append(startLine)
                    rows += 1
                } else if try acceptIrregular(fields: n, mark: mark, line: startLine, sink: &sink) {
                    sink.lines.append(startLine)
                    rows += 1
                }
            case .needMore:
                sink.rollback(to: mark)
                source.start = pos
                do { try source.fill() } catch { throw sourceError(error, line: scanner.line) }
                p = UnsafePointer(source.base)
                pos = source.start
                end = source.end
                eof = source.eof
            case .end:
                finished = true
            }
            if finished { break }
        }
        source.start = pos
        if rows == 0 { return nil }
        return sink.makeBatch(columnCount: expected, rowCount: rows)
    }

    /// Decides what to do with a record whose field count differs from the header's, or that
    /// holds no value; returns true when it becomes a row (padded or trimmed in the sink).
    private func acceptIrregular(fields n: Int, mark: FieldSink.Mark, line: Int, sink: inout FieldSink) throws -> Bool {
        let expected = labels.count
        if sink.isBlank(since: mark) {
            // Empty lines, and lines of delimiters only (Excel writes `;;;;` for empty rows).
            if n > 1 && sink.byteCount == mark.bytes { counters.delimiterOnly += 1 }
            sink.rollback(to: mark)
            return false
        }
        if n > expected {
            // Extra fields that are all empty (a trailing delimiter) are dropped.
            if sink.ends[mark.ends + expected - 1] == sink.byteCount {
                sink.truncateEnds(to: mark.ends + expected)
                counters.trailingEmpty += 1
                return true
            }
            switch options.onRagged {
            case .error: throw raggedError("csv.ragged", line: line, found: n)
            case .pad: throw raggedError("csv.ragged_long", line: line, found: n)
            case .skip: return skip(mark: mark, line: line, sink: &sink)
            }
        }
        // Shorter than the header.
        if n >= expected - trailingEmptyLabels {
            for _ in n ..< expected { sink.endField() }
            counters.paddedToHeader += 1
            return true
        }
        switch options.onRagged {
        case .error:
            // A lone value (a note, a "Source : …" line, a title) may be a footer: decided later.
            guard deferLoneValues, nonEmptyFields(since: mark, count: n, sink: sink) <= 1 else {
                throw raggedError("csv.ragged", line: line, found: n)
            }
            for _ in n ..< expected { sink.endField() }
            deferredRagged[line] = n
            return true
        case .pad:
            for _ in n ..< expected { sink.endField() }
            counters.padded += 1
            return true
        case .skip: return skip(mark: mark, line: line, sink: &sink)
        }
    }

    private func nonEmptyFields(since mark: FieldSink.Mark, count: Int, sink: FieldSink) -> Int {
        var k = 0
        for f in mark.ends ..< mark.ends + count where !sink.fieldRange(f).isEmpty { k += 1 }
        return k
    }

    private func skip(mark: FieldSink.Mark, line: Int, sink: inout FieldSink) -> Bool {
        sink.rollback(to: mark)
        if counters.skipped == 0 { counters.firstSkippedLine = line }
        counters.skipped += 1
        return false
    }

    /// Reads the first records, then picks the header among them (`HeaderDetector`), or takes the
    /// line the user forced; the reader then resumes right after the header (or at the first data
    /// record when no row looks like a header).
    private func readHeader() throws {
        var sink = self.sink
        defer {
            sink.reset()
            self.sink = sink
        }
        // Offsets are kept relative to `source.start`, which stays put until the choice (a refill
        // moves the unconsumed bytes to the front but keeps them).
        var rows: [PrefixRow] = []
        var before: [(offset: Int, scanner: CSVScanner)] = []
        var after: [(offset: Int, scanner: CSVScanner)] = []
        var pos = source.start
        let forced = options.headerRow
        collect: while true {
            let mark = sink.mark
            let startLine = scanner.line
            let state = (offset: pos - source.start, scanner: scanner)
            let outcome: CSVScanner.Outcome
            do {
                outcome = try scanner.next(source.base, &pos, source.end, source.eof, &sink)
            } catch {
                throw scanError(error)
            }
            switch outcome {
            case .needMore:
                sink.rollback(to: mark)
                let offset = pos - source.start
                // A prefix of huge records: decide on what was read rather than hold more.
                if !rows.isEmpty && forced == nil && offset > HeaderDetector.prefixBytes { break collect }
                do { try source.fill() } catch { throw sourceError(error, line: scanner.line) }
                pos = source.start + offset
            case .end:
                break collect
            case .record(let n):
                let blank = sink.isBlank(since: mark)
                var cells = (mark.ends ..< mark.ends + n).map { Optional(sink.string(field: $0)) }
                sink.rollback(to: mark)
                if rows.isEmpty && before.isEmpty, let first = cells.first ?? nil, first.hasPrefix("\u{FEFF}") {
                    cells[0] = String(first.dropFirst())
                }
                if let forced {
                    if startLine < forced {
                        // Rows above a forced header are not kept: move on.
                        source.start = pos
                        continue
                    }
                    if startLine > forced || blank {
                        throw IngestError.make("header.row_empty", file: options.displayName, line: forced,
                                               args: ["row": String(forced)])
                    }
                    rows = [PrefixRow(line: startLine, cells: cells)]
                    before = [state]
                    after = [(pos - source.start, scanner)]
                    break collect
                }
                if blank { continue }
                rows.append(PrefixRow(line: startLine, cells: cells))
                before.append(state)
                after.append((pos - source.start, scanner))
                if rows.count >= HeaderDetector.prefixRows { break collect }
            }
        }
        guard !rows.isEmpty else {
            if let forced {
                throw IngestError.make("header.row_missing", file: options.displayName, line: forced,
                                       args: ["row": String(forced), "last": String(max(1, scanner.line - 1))])
            }
            throw IngestError.make("file.empty", file: options.displayName)
        }
        let decision = forced != nil ? HeaderDetector.forced(rows, header: 0) : HeaderDetector.detect(rows)
        if let h = decision.header {
            source.start += after[h].offset
            scanner = after[h].scanner
            headerCells = rows[h].cells.map { $0 ?? "" }
        } else {
            source.start += before[decision.dataStart].offset
            scanner = before[decision.dataStart].scanner
        }
        labels = decision.labels
        if let notice = decision.notice { fixedWarnings.append(notice) }
        let n = labels.count
        trailingEmptyLabels = min(labels.reversed().prefix { $0.isEmpty }.count, max(0, n - 1))
    }

    /// The raw cells of the header row (before any two-level joining), to spot its repeats.
    public private(set) var headerCells: [String] = []

    /// Short records of at most one value, refused only if they turn out to be data (not a footer
    /// or a title above a repeated header): line → field count.
    private var deferredRagged: [Int: Int] = [:]

    /// Throws the ragged-row error a short record deferred, now that it is kept as data.
    public func checkKept(line: Int) throws {
        if let found = deferredRagged[line] { throw raggedError("csv.ragged", line: line, found: found) }
    }

    public var hasDeferredRows: Bool { !deferredRagged.isEmpty }

    private func raggedError(_ code: String, line: Int, found: Int) -> SocleError {
        let d = scanner.delimiter == 0x09 ? "tab" : String(UnicodeScalar(scanner.delimiter))
        return IngestError.make(code, file: options.displayName, line: line,
                                args: ["expected": String(labels.count), "found": String(found), "delimiter": d])
    }

    private func scanError(_ error: CSVScanner.Failure) -> SocleError {
        switch error {
        case .unclosedQuote(let line):
            return IngestError.make("csv.unclosed_quote", file: options.displayName, line: line)
        }
    }

    /// Maps a decoding failure to a located error; `line` is the line at the buffer's start.
    private func sourceError(_ error: TextSource.Failure, line: Int = 1) -> SocleError {
        let name = options.displayName
        switch error {
        case .invalidUTF8(let at):
            // Count the physical lines between the buffer start and the bad byte.
            var l = line, i = source.start
            let p = source.base
            while i < min(at, source.end) {
                if p[i] == 0x0A || (p[i] == 0x0D && (i + 1 >= source.end || p[i + 1] != 0x0A)) { l += 1 }
                i += 1
            }
            return IngestError.make("csv.invalid_utf8", file: name, line: l, args: ["encoding": encoding.rawValue])
        case .tooLarge:
            return IngestError.make("csv.record_too_large", file: name, line: line,
                                    args: ["limit": String(TextSource.maxRecordBytes >> 20)])
        case .readError:
            return IngestError.make("file.unreadable", file: name)
        }
    }
}
