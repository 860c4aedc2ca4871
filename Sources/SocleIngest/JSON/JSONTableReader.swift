import Foundation
import SocleCore

/// Streams the records of a JSON file (an array of objects, or an object wrapping one) or of an
/// NDJSON/JSON Lines file, one record at a time, as text rows.
public final class JSONTableReader: TableReader {
    private enum State {
        /// Inside the records array; `topLevel` is false when it is a member of a wrapper object.
        case array(topLevel: Bool, afterElement: Bool)
        /// Objects separated by whitespace (NDJSON, JSON Lines, concatenated JSON).
        case lines
        case done
    }

    private let options: ReaderOptions
    private let path: String
    private let supplier: FileByteSupplier
    private let scanner: JSONStreamScanner
    private let columns = JSONRecordColumns()
    private var state: State = .done
    private var usedFormat: SourceFormat
    private var hadBOM = false
    private var notes: [Notice] = []
    private var recordCount = 0
    /// Line value of a record read ahead (by init, so labels are known early) and not yet emitted.
    private var pendingLine: Int?
    /// Offset of the first byte after the BOM.
    private var dataStart: Int64 = 0

    /// Keys of a wrapper object's members that describe the collection rather than hold a record.
    private static let metadataKeys: Set<String> = [
        "meta", "metadata", "links", "_links", "pagination", "paging", "info", "query", "parameters",
        "params", "page", "facets", "summary", "stats",
    ]

    public init(url: URL, options: ReaderOptions, format: SourceFormat) throws {
        self.options = options
        self.path = url.path
        guard let supplier = FileByteSupplier(path: url.path) else {
            throw IngestError.make("file.unreadable", file: options.displayName)
        }
        self.supplier = supplier
        self.scanner = JSONStreamScanner(window: StreamByteWindow(supplier: supplier))
        self.usedFormat = format == .ndjson ? .ndjson : .json
        try guarded(row: nil) { try self.start() }
        if case .done = state {} else {
            try guarded(row: 1) { self.pendingLine = try self.readRecord() }
        }
    }

    public var labels: [String] { columns.labels }
    public var bytesRead: Int64 {
        if case .done = state, pendingLine == nil { return supplier.size }
        return scanner.w.offset
    }
    public var totalBytes: Int64 { supplier.size }

    public var report: ReaderReport {
        ReaderReport(format: usedFormat, encoding: hadBOM ? "utf-8-bom" : "utf-8",
                     warnings: notes + columns.shapeWarnings)
    }

    public func nextBatch(maxRows: Int) throws -> RawBatch? {
        var batch = RawBatch(columnCount: columns.count, capacityRows: min(max(maxRows, 1), 4096),
                             capacityBytes: 1 << 16)
        if let line = pendingLine {
            pendingLine = nil
            columns.emitRow(into: &batch, line: line)
        }
        while batch.rowCount < maxRows, batch.bytes.count < IngestLimits.maxBatchBytes {
            guard let line = try guarded(row: recordCount + 1, { try self.readRecord() }) else { break }
            columns.emitRow(into: &batch, line: line)
        }
        return batch.rowCount == 0 ? nil : batch
    }

    // MARK: structure

    private func start() throws {
        let sc = scanner
        hadBOM = try sc.skipBOM()
        dataStart = sc.w.offset
        try sc.skipWhitespace()
        guard let c = try sc.peek() else {
            throw IngestError.make("file.empty", file: options.displayName)
        }
        if c == UInt8(ascii: "[") {
            sc.advance()
            state = .array(topLevel: true, afterElement: false)
            if usedFormat == .ndjson {
                usedFormat = .json
                notes.append(Notice("json.warning.array_read_as_json"))
            }
            return
        }
        guard c == UInt8(ascii: "{") else {
            throw IngestError.make("json.top_level", file: options.displayName, line: sc.line,
                                   args: ["found": sc.fail(.expectedValue).found])
        }
        if usedFormat == .ndjson {
            state = .lines
            return
        }
        try chooseObjectLayout()
    }

    /// A top-level object is either a wrapper whose single array member holds the records
    /// (`{"data": […]}`, `{"total_count": 3, "results": […]}`) or one record by itself (a sensor
    /// message). A first pass over its members decides; a second object after it means NDJSON.
    private func chooseObjectLayout() throws {
        let sc = scanner
        struct ArrayMember { var key: String; var offset: Int64; var line: Int; var lineStart: Int64; var first: UInt8? }
        var arrays: [ArrayMember] = []
        var otherObjects: [String] = []
        let key = ByteAccumulator(capacity: 64)
        let close = UInt8(ascii: "}")
        sc.advance()
        try sc.skipWhitespace()
        if try sc.peek() == close {
            sc.advance()
        } else {
            while true {
                try sc.skipWhitespace()
                guard let q = try sc.peek() else { throw sc.fail(.truncated(close)) }
                guard q == 0x22 else { throw sc.fail(.expectedKey) }
                key.removeAll()
                try sc.scanString(into: key, raw: false)
                try sc.expectColon(close: close)
                try sc.skipWhitespace()
                let v = try sc.peek()
                if v == UInt8(ascii: "[") {
                    var m = ArrayMember(key: key.string(), offset: sc.w.offset, line: sc.line,
                                        lineStart: sc.lineStart, first: nil)
                    sc.advance()
                    try sc.skipWhitespace()
                    m.first = try sc.peek()
                    if m.first == UInt8(ascii: "]") {
                        sc.advance()
                    } else {
                        repeat {
                            try sc.copyValue(into: nil, close: UInt8(ascii: "]"), depth: 1)
                        } while try sc.nextSeparator(close: UInt8(ascii: "]"))
                    }
                    arrays.append(m)
                } else {
                    if v == UInt8(ascii: "{") { otherObjects.append(key.string()) }
                    try sc.copyValue(into: nil, close: close, depth: 1)
                }
                if !(try sc.nextSeparator(close: close)) { break }
            }
        }
        try sc.skipWhitespace()
        if let next = try sc.peek() {
            guard next == UInt8(ascii: "{") else { throw sc.fail(.trailingContent) }
            // Several objects one after the other: JSON Lines saved with a .json name.
            usedFormat = .ndjson
            notes.append(Notice("json.warning.lines_read_as_ndjson"))
            try sc.jump(to: dataStart, line: 1, lineStart: 0)
            state = .lines
            return
        }
        let wrapper = arrays.count == 1
            && (arrays[0].first == UInt8(ascii: "{") || arrays[0].first == UInt8(ascii: "]"))
            && otherObjects.allSatisfy { Self.metadataKeys.contains($0.lowercased()) }
        if wrapper {
            let m = arrays[0]
            try sc.jump(to: m.offset + 1, line: m.line, lineStart: m.lineStart)
            state = .array(topLevel: false, afterElement: false)
            notes.append(Notice("json.warning.wrapper_array", ["key": m.key]))
        } else {
            try sc.jump(to: dataStart, line: 1, lineStart: 0)
            state = .lines
            notes.append(Notice("json.warning.single_record"))
        }
    }

    /// Reads the next record into `columns`; returns its line value, or nil at the end.
    private func readRecord() throws -> Int? {
        let sc = scanner
        switch state {
        case .done:
            return nil
        case .lines:
            try sc.skipWhitespace()
            guard let c = try sc.peek() else { state = .done; return nil }
            let line = sc.line
            try readObjectRecord(first: c)
            return line
        case .array(let topLevel, let afterElement):
            let close = UInt8(ascii: "]")
            try sc.skipWhitespace()
            guard var c = try sc.peek() else { throw sc.fail(.truncated(close)) }
            if c == close && (afterElement || recordCount == 0) {
                sc.advance()
                state = .done
                if topLevel {
                    try sc.skipWhitespace()
                    if try sc.peek() != nil { throw sc.fail(.trailingContent) }
                }
                return nil
            }
            if afterElement {
                guard c == UInt8(ascii: ",") else { throw sc.fail(.expectedSeparator(close)) }
                sc.advance()
                try sc.skipWhitespace()
                guard let n = try sc.peek() else { throw sc.fail(.truncated(close)) }
                c = n
            }
            state = .array(topLevel: topLevel, afterElement: true)
            try readObjectRecord(first: c)
            return recordCount
        }
    }

    private func readObjectRecord(first c: UInt8) throws {
        let sc = scanner
        recordCount += 1
        guard c == UInt8(ascii: "{") else {
            let starts: Set<UInt8> = Set(Array("[\"-0123456789tfn".utf8))
            guard starts.contains(c) else { throw sc.fail(.expectedValue) }
            throw IngestError.make("json.not_object", file: options.displayName, line: sc.line,
                                   row: recordCount,
                                   args: ["record": String(recordCount), "found": sc.fail(.expectedValue).found])
        }
        columns.beginRecord()
        columns.path.removeAll()
        try columns.readObject(sc, prefix: 0, depth: 0, keysOnly: false)
    }

    /// Runs `body`, turning scanner failures into located errors.
    private func guarded<T>(row: Int?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as JSONScanError {
            throw e.located(file: options.displayName, path: path, row: row)
        }
    }
}
