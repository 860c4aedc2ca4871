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

    /// Rows the reader repaired or dropped, reported as warnings.
    private struct RowCounters {
        var trailingEmpty = 0
        var paddedToHeader = 0
        var padded = 0
        var skipped = 0
        var firstSkippedLine = 0
        var delimiterOnly = 0
    }

    public init(url: URL, options: ReaderOptions) throws {
        self.options = options
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
        let titles = DialectSniffer.titleLineCount(sample, delimiter: delimiter, complete: complete)
        try readHeader(titleCount: titles)
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
        case .error: throw raggedError("csv.ragged", line: line, found: n)
        case .pad:
            for _ in n ..< expected { sink.endField() }
            counters.padded += 1
            return true
        case .skip: return skip(mark: mark, line: line, sink: &sink)
        }
    }

    private func skip(mark: FieldSink.Mark, line: Int, sink: inout FieldSink) -> Bool {
        sink.rollback(to: mark)
        if counters.skipped == 0 { counters.firstSkippedLine = line }
        counters.skipped += 1
        return false
    }

    /// Skips blank records and `titleCount` title records, then reads the header.
    private func readHeader(titleCount: Int) throws {
        var sink = self.sink
        defer {
            sink.reset()
            self.sink = sink
        }
        var titles: [String] = []
        var pos = source.start
        while true {
            let mark = sink.mark
            let startLine = scanner.line
            let outcome: CSVScanner.Outcome
            do {
                outcome = try scanner.next(source.base, &pos, source.end, source.eof, &sink)
            } catch {
                throw scanError(error)
            }
            switch outcome {
            case .needMore:
                sink.rollback(to: mark)
                source.start = pos
                do { try source.fill() } catch { throw sourceError(error, line: scanner.line) }
                pos = source.start
            case .end:
                throw IngestError.make("file.empty", file: options.displayName)
            case .record(let n):
                let fields = (mark.ends ..< mark.ends + n).map { sink.string(field: $0) }
                if sink.isBlank(since: mark) {
                    sink.rollback(to: mark)
                    continue
                }
                if titles.count < titleCount {
                    titles.append(fields.filter { !$0.isEmpty }.joined(separator: " "))
                    sink.rollback(to: mark)
                    continue
                }
                var header = fields
                if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
                labels = header
                trailingEmptyLabels = min(header.reversed().prefix { $0.isEmpty }.count, max(0, n - 1))
                source.start = pos
                if !titles.isEmpty {
                    let first = titles[0].count > 80 ? String(titles[0].prefix(80)) + "…" : titles[0]
                    fixedWarnings.append(Notice("csv.warning.title_lines",
                                                ["count": String(titles.count), "line": String(startLine), "first": first]))
                }
                return
            }
        }
    }

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
